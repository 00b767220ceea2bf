"""Headless Chromium driven over the Chrome DevTools Protocol (websocket-client), for the browser tests.

Chromium runs with the flags of DEVELOPERS.md and a fresh profile, with ``--remote-debugging-port=0``
(it picks a free port on 127.0.0.1 and writes it into the profile's DevToolsActivePort). A
:class:`Page` records console errors, uncaught exceptions and every URL the page requests.
"""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import websocket
from browser_support import CHROMIUM_FLAGS, chromium


@dataclass
class Visit:
    """What happened while a page loaded."""

    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Page:
    """One browser tab, driven over its DevTools websocket."""

    def __init__(self, ws_url: str) -> None:
        self.ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self._id = 0
        self.visit = Visit("about:blank")
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        ident = self._id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._event(message)

    def _event(self, message: dict[str, Any]) -> str | None:
        method = message.get("method")
        p = message.get("params", {})
        if method == "Network.requestWillBeSent":
            self.visit.requests.append(p["request"]["url"])
        elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            self.visit.errors.append("console: " + " ".join(str(a.get("value", a.get("description", "")))
                                                            for a in p.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            self.visit.errors.append("exception: " + json.dumps(p.get("exceptionDetails", {}))[:500])
        elif method == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            self.visit.errors.append("log: " + p["entry"].get("text", ""))
        return method

    def open(self, url: str, width: int, height: int = 900) -> Visit:
        """Load ``url`` at ``width`` CSS pixels and wait for its load event (and a moment for scripts)."""
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=width < 600)
        self.visit = Visit(url)
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._event(json.loads(self.ws.recv())) == "Page.loadEventFired":
                break
        else:
            raise TimeoutError(f"{url} did not load within 60 s")
        self.evaluate("new Promise(r => setTimeout(r, 100))")
        return self.visit

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self) -> None:
        self.ws.close()


class Browser:
    """A headless Chromium with a fresh profile in ``profile``."""

    def __init__(self, profile: Path) -> None:
        self.profile = profile
        self.process = subprocess.Popen(
            [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-address=127.0.0.1",
             "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("Chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        self.port = int(port_file.read_text().splitlines()[0])

    def new_page(self) -> Page:
        target = httpx.put(f"http://127.0.0.1:{self.port}/json/new?about:blank", timeout=30, trust_env=False).json()
        return Page(target["webSocketDebuggerUrl"])

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)


#: A script returning how a page lays out: whether anything is wider than the viewport.
LAYOUT = """(() => {
  const vw = document.documentElement.clientWidth;
  const wide = [...document.body.querySelectorAll('*')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > vw + 1 && !e.closest('.scroll');
  }).map(e => e.tagName + (e.className ? '.' + e.className : '')).slice(0, 5);
  return {scrollWidth: document.documentElement.scrollWidth, viewport: vw, wide: wide,
          text: document.body.innerText.length, title: document.title};
})()"""


def outside_loopback(urls: list[str]) -> list[str]:
    """The requested URLs that are neither local files, inline data, nor on 127.0.0.1."""
    allowed = ("file://", "data:", "about:", "http://127.0.0.1:", "http://127.0.0.1/")
    return [u for u in urls if not u.startswith(allowed)]
