"""Queries are checked before they reach an engine: a query nested 3,000 groups deep crashes
pyoxigraph natively (segfault) and overflows an Oxigraph server's stack, so it is refused first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mlrelease import Limits
from mlrelease.errors import InputError
from mlrelease.store import RemoteStore, open_store
from mlrelease.store.sparql_text import check_query

DEEP = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o " + "} " * 3000
EVERYTHING = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _mlrelease(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mlrelease", *args], capture_output=True, text=True, timeout=120,
                          check=False)


def test_a_deep_query_file_is_refused_before_the_embedded_engine(tmp_path: Path):
    store = tmp_path / "store"
    open_store(store, in_memory=False).close()
    query = tmp_path / "deep.rq"
    query.write_text(DEEP, encoding="utf-8")
    done = _mlrelease("query", str(query), "--store", str(store))
    assert done.returncode == 2, done.stderr
    assert "nested deeper than 64 levels (limit max_query_depth)" in done.stderr
    assert "--max-query-depth" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_deep_query_is_never_sent_to_a_server(oxigraph):
    server = oxigraph()
    with RemoteStore(server.url, timeout=10) as store:
        with pytest.raises(InputError, match="max_query_depth"):
            store.query(DEEP)
        assert store.query(EVERYTHING).values()  # the server is still up and answering


def test_query_size_and_depth_limits_can_be_raised():
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 300_000
    with pytest.raises(InputError, match="max_query_bytes"):
        check_query(big)
    check_query(big, Limits(max_query_bytes=400_000))
    nested = "SELECT * WHERE " + "{ " * 70 + "?s ?p ?o " + "} " * 70
    with pytest.raises(InputError, match="offset"):
        check_query(nested)
    check_query(nested, Limits(max_query_depth=80))


def test_brackets_in_strings_iris_and_comments_do_not_count():
    check_query('SELECT * WHERE { ?s ?p "' + "{" * 100 + '" } # ' + "(" * 100, Limits(max_query_depth=1))
