"""The query pack on a real Oxigraph server gives the same tables as on the embedded store.

On the server, parameters are bound by BIND with checked, serialised terms instead of pyoxigraph's
substitutions; these tests show both give the same answers, and that a hostile value stays a value.
"""

from __future__ import annotations

import pytest
from kg_support import FIXTURES, fill
from test_query_pack import CASES, check_golden, table

from mlrelease import query
from mlrelease.store import EmbeddedStore, RemoteStore

INJECTIONS = ['nobody" || true) } #', "x\" } ; DROP ALL ; #", 'a\\u0022) } #', "line\nbreak # } ", "\\"]
PROBE = """# title: Names
# description: Releases by name.
# param name (string): the name
# column release: the release
# column name: its name
PREFIX schema: <http://schema.org/>
SELECT ?release ?name WHERE { ?release schema:name ?name }
"""


@pytest.fixture(scope="module")
def server_store(tmp_path_factory):
    from kg_support import OxigraphServer

    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-pack")).start()
    store = RemoteStore(server.url, timeout=10)
    fill(store, FIXTURES / "releases")
    yield store
    store.close()
    server.stop()


@pytest.mark.parametrize(("name", "params", "expected"), CASES, ids=[c[2] for c in CASES])
def test_pack_on_oxigraph_server(server_store, golden, name, params, expected):
    result = query.run(server_store, query.get(name), params)
    check_golden(golden, expected, result.columns, table(name, result))


@pytest.mark.parametrize("value", INJECTIONS)
def test_hostile_values_stay_values(server_store, pack_store, tmp_path, value):
    rq = tmp_path / "names.rq"
    rq.write_text(PROBE)
    for store in (server_store, pack_store):
        assert query.run(store, query.read(rq), {"name": value}).rows == []
        assert store.count_triples("https://w3id.org/mlrelease/graph/licenses") > 0  # nothing was dropped


def test_bound_string_matches_exactly(server_store, pack_store, tmp_path):
    rq = tmp_path / "names.rq"
    rq.write_text(PROBE)
    for store in (server_store, pack_store):
        assert query.run(store, query.read(rq), {"name": "Beta 2.0"}).values() == [
            ("https://example.org/a/beta-2.0", "Beta 2.0")]


def test_stores_agree_on_the_whole_dataset(server_store):
    local = EmbeddedStore()
    fill(local, FIXTURES / "releases")
    everything = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o"
    assert server_store.query(everything).values() == local.query(everything).values()
