#!/usr/bin/env bash
# Screenshots of a published index, a release page and the serve dashboard, at 1,400 and 375 px.
# Not committed: run it when you need them.   bash docs/screenshots.sh [OUT]   (default /tmp/mlrelease-screenshots)
# Needs Debian chromium; everything runs on 127.0.0.1 and from local files.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-/tmp/mlrelease-screenshots}")"
work="$(mktemp -d)"
pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$out"
port="$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

.venv/bin/mlrelease publish examples/ -o "$work/site" --base-url "http://127.0.0.1:$port/"
.venv/bin/mlrelease harvest examples/ --store "$work/kg" >/dev/null
.venv/bin/mlrelease serve --store "$work/kg" --port "$port" &
pid=$!
.venv/bin/python - "$port" <<'PY'
import sys, time, httpx
for _ in range(300):
    try:
        httpx.get(f"http://127.0.0.1:{sys.argv[1]}/", timeout=2, trust_env=False)
        break
    except httpx.TransportError:
        time.sleep(0.2)
else:
    sys.exit("serve did not start")
PY

shot() {  # NAME WIDTH URL
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile-$1" --hide-scrollbars \
    --window-size="$2,1000" --virtual-time-budget=3000 --screenshot="$out/$1.png" "$3" 2>/dev/null
}
for width in 1400 375; do
  shot "index-$width" "$width" "file://$work/site/index.html"
  shot "release-$width" "$width" "file://$work/site/releases/allenai-OLMo-7B/index.html"
  shot "dashboard-$width" "$width" "http://127.0.0.1:$port/dashboard"
done
echo "screenshots in $out:"
ls -1 "$out"
