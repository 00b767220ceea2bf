"""A stub HTTP server on 127.0.0.1 for tests that stand in for a remote service: the one home of
starting it on a free port, its URL and stopping it (subclasses give the request handler)."""

from __future__ import annotations

import http.server
import threading


class LoopbackServer:
    """Serves ``handler`` on 127.0.0.1 at a free port, in a daemon thread, until :meth:`close`."""

    def __init__(self, handler: type[http.server.BaseHTTPRequestHandler]) -> None:
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
