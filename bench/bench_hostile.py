"""Benchmark: the hostile-input corpus through each entry point, CPU time and peak memory per case.

Not a test (tests/test_hostile.py asserts the limits). Writes the generated cases of
tests/test_hostile.py into a temporary folder, then runs tests/hostile_driver.py for each entry
point given: one interpreter per entry point, one forked and capped child per case. Prints, per
entry point, the cases refused with exit 2, the largest CPU time, wall time and peak RSS of one
case, the three costliest cases, and the wall time of the whole entry point.

    .venv/bin/python bench/bench_hostile.py load convert convert-o validate assess harvest
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import test_hostile  # noqa: E402 - the corpus and the generated cases live with the test


def main(entries: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, (file_name, make, _expected) in test_hostile.GENERATED.items():
            folder = Path(tmp) / "generated" / name
            folder.mkdir(parents=True)
            (folder / file_name).write_bytes(make().encode("utf-8", "surrogatepass"))
            paths.append(str(folder / file_name))
        paths += [str(test_hostile._input_of(test_hostile.CASES / n)) for n in test_hostile.COMMITTED]
        print(f"{len(paths)} cases")
        print("| entry | refused (exit 2) | max CPU s | max wall s | max RSS MiB | entry wall s | costliest (CPU s) |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for entry in entries:
            start = time.monotonic()
            command = [sys.executable, str(ROOT / "tests" / "hostile_driver.py"), entry, str(Path(tmp) / entry), *paths]
            done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603 (our driver)
            wall = time.monotonic() - start
            rows = [json.loads(line) for line in done.stdout.splitlines()]
            worst = sorted(rows, key=lambda r: -r["cpu_seconds"])[:3]
            costliest = ", ".join(f"{Path(r['path']).parent.name} ({r['cpu_seconds']})" for r in worst)
            print(f"| {entry} | {sum(r['exit'] == 2 for r in rows)}/{len(rows)} "
                  f"| {max(r['cpu_seconds'] for r in rows)} | {max(r['seconds'] for r in rows)} "
                  f"| {max(r['maxrss_mib'] for r in rows)} | {wall:.1f} | {costliest} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or ["load"])
