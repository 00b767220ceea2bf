"""Checking a query file's syntax sends nothing to any endpoint (issues 15 and 16).

What broke: ``mlrelease query file.rq`` with ``SERVICE <URL>`` contacted URL before the fixed
endpoint was refused. Cause: the syntax check ran the query on an empty pyoxigraph store, which
starts evaluating, SERVICE included, as it parses. Fixed in the merge of the cli and hostile
branches: the check refuses a fixed endpoint (and a too deep query) before any engine sees it.
"""

from __future__ import annotations

import socket
import threading

import pytest

from mlrelease.cli import main
from mlrelease.errors import InputError
from mlrelease.query.syntax import check_syntax
from mlrelease.store import EmbeddedStore


@pytest.fixture
def listener():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.5)
    seen: list[bool] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            seen.append(True)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", seen
    stop.set()
    thread.join()
    server.close()


def test_a_fixed_service_is_refused_before_any_engine(listener):
    url, seen = listener
    with pytest.raises(InputError, match="SERVICE with a fixed endpoint is refused"):
        check_syntax(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", "q.rq")
    assert seen == []


def test_query_file_with_a_fixed_service_exits_2_and_sends_nothing(listener, tmp_path, capsys):
    url, seen = listener
    EmbeddedStore(tmp_path / "kg").close()
    query = tmp_path / "fixed.rq"
    query.write_text(f"# title: fixed\nSELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}\n", encoding="utf-8")
    assert main(["query", str(query), "--store", str(tmp_path / "kg")]) == 2
    assert f"mlrelease: error: {query}: SERVICE with a fixed endpoint is refused" in capsys.readouterr().err
    assert seen == []
