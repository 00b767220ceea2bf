"""Fixtures for the knowledge-graph tests (helpers in kg_support.py): stores, Oxigraph servers, HTTP."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kg_support import FIXTURES, LocalHttp, OxigraphServer, fill

from mlrelease.store import EmbeddedStore


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def pack_store() -> EmbeddedStore:
    """An in-memory store holding both institutions' fixture releases and the reference fixture."""
    store = EmbeddedStore()
    fill(store, FIXTURES / "releases")
    return store


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[Callable[[str], OxigraphServer]]:
    """A factory of running Oxigraph servers (``oxigraph("a")``); all are stopped after the test."""
    servers: list[OxigraphServer] = []

    def start(name: str = "db") -> OxigraphServer:
        server = OxigraphServer(tmp_path / f"oxigraph-{name}").start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def local_http() -> Iterator[LocalHttp]:
    """An HTTP server on 127.0.0.1 answering from its ``routes``; closed after the test."""
    server = LocalHttp()
    yield server
    server.close()
