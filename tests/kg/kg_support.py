"""Helpers for the knowledge-graph tests: fixture data, real Oxigraph servers, a local HTTP server.

Every server here listens on 127.0.0.1 on a free port. The fixtures that use them are in conftest.py;
tests import these helpers from ``kg_support`` (a unique name, unlike ``conftest``).
"""

from __future__ import annotations

import contextlib
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from loopback_server import LoopbackServer

from mlrelease.harvest import HarvestOptions, harvest
from mlrelease.store import LICENSES_GRAPH, VOCABULARY_GRAPH, GraphWrite, Store
from mlrelease.terms import MLR

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
MLR_LICENSE = ox.NamedNode(str(MLR.License))

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HARVEST_TIME = "2026-01-02T03:04:05Z"


def reference_ntriples() -> dict[str, str]:
    """The licences and vocabulary fragment of the query-pack fixtures, as N-Triples per graph.

    Licences (subjects typed ``mlr:License``) go into the licences graph, the rest into the
    vocabulary graph, as a harvest loads the bundled ones: the pack reads them only from there.
    """
    text = (FIXTURES / "reference.ttl").read_text(encoding="utf-8")
    quads = list(ox.parse(text, format=ox.RdfFormat.TURTLE))
    licences = {q.subject for q in quads if q.predicate == RDF_TYPE and q.object == MLR_LICENSE}
    parts = {LICENSES_GRAPH: [q.triple for q in quads if q.subject in licences],
             VOCABULARY_GRAPH: [q.triple for q in quads if q.subject not in licences]}
    return {graph: ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode() for graph, triples in parts.items()}


def fill(store: Store, *sources: Path) -> None:
    """Load the reference fixture and harvest ``sources`` (no validation, fixed time)."""
    store.write(GraphWrite(graphs=reference_ntriples()))
    harvest([str(s) for s in sources], store,
            HarvestOptions(validator=None, reference=False, clock=lambda: HARVEST_TIME))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph; it is in the test extras)")
    return found


@dataclass
class OxigraphServer:
    """An ``oxigraph serve`` process on 127.0.0.1, with its data in ``location``."""

    location: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    #: Seconds to wait for the server to answer (recovery after a kill takes longer on a busy machine).
    start_timeout: float = 20.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        """The query URL for SERVICE, with the union of graphs as default graph."""
        return f"{self.url}/query?union-default-graph"

    def start(self) -> OxigraphServer:
        self.process = subprocess.Popen(
            [oxigraph_binary(), "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph exited: {self.process.stderr.read().decode(errors='replace')}")
            try:
                httpx.get(self.url + "/", timeout=1.0)
                return self
            except httpx.TransportError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"oxigraph did not start on {self.url}")

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.process is not None and self.process.stderr is not None:
            self.process.stderr.close()


@dataclass
class Route:
    """A canned HTTP answer."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class LocalHttp(LoopbackServer):
    """An HTTP server on 127.0.0.1 answering from ``routes`` (path with query string → Route)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                outer.requests.append((self.command, self.path, dict(self.headers)))
                route = outer.routes.get(self.path) or outer.routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.delay:
                    time.sleep(route.delay)
                self.send_response(route.status)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError):  # the client gave up (timeout tests)
                    self.wfile.write(route.body)

            do_POST = do_PUT = do_DELETE = do_GET

            def log_message(self, *args: object) -> None:
                return

        super().__init__(Handler)

