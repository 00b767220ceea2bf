"""The remote store against a real Oxigraph server, and how it fails against bad endpoints."""

from __future__ import annotations

import time

import httpx
import pytest
from kg_support import Route

from mlrelease.errors import InputError, StoreError
from mlrelease.store import CATALOGUE_GRAPH, Credentials, GraphWrite, RemoteStore, open_store, release_graph
from mlrelease.store.endpoints import known_layout
from mlrelease.store.graphs import sparql_iri

G = release_graph("https://example.org/r/1")
NT = '<https://example.org/r/1> <http://schema.org/name> "One" .\n'


def test_oxigraph_base_url_works_as_it_is(oxigraph):
    server = oxigraph()
    with open_store(endpoint=server.url, timeout=10) as store:
        assert store.endpoints.server == "oxigraph"
        assert store.endpoints.gsp_url == f"{server.url}/store"
        store.write(GraphWrite(graphs={G: NT}, catalogue_subjects=[G],
                               catalogue=f'<{G}> <http://purl.org/dc/terms/source> "x" .\n'))
        assert store.query("SELECT ?n WHERE { ?r <http://schema.org/name> ?n }").values() == [("One",)]
        assert store.named_graphs() == {G, CATALOGUE_GRAPH}
        store.write(GraphWrite(graphs={G: '<https://example.org/r/1> <http://schema.org/name> "Two" .\n'},
                               catalogue_subjects=[G], catalogue=f'<{G}> <http://purl.org/dc/terms/source> "y" .\n'))
        assert store.query("SELECT ?n WHERE { ?r <http://schema.org/name> ?n }").values() == [("Two",)]
        catalogue = store.query(f"SELECT ?o WHERE {{ GRAPH {sparql_iri(CATALOGUE_GRAPH)} {{ ?s ?p ?o }} }}")
        assert catalogue.values() == [("y",)]


def test_urls_given_one_by_one(oxigraph):
    server = oxigraph()
    with RemoteStore(server.url, server="generic", query_url=f"{server.url}/query?union-default-graph",
                     update_url=f"{server.url}/update", gsp_url=f"{server.url}/store", timeout=10) as store:
        store.write(GraphWrite(graphs={G: NT}))
        assert store.query("ASK { ?s ?p ?o }").boolean is True


def test_known_layouts():
    assert known_layout("fuseki", "http://h/ds").gsp_url == "http://h/ds/data"
    graphdb = known_layout("graphdb", "http://h/repositories/kg")
    assert (graphdb.query_url, graphdb.update_url) == ("http://h/repositories/kg", "http://h/repositories/kg/statements")
    assert known_layout("virtuoso", "http://h/sparql").update_url == "http://h/sparql-auth"
    assert known_layout("qlever", "http://h:7001").gsp_url is None


def test_unreachable_endpoint_is_named():
    from kg_support import free_port

    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError) as info:
        RemoteStore(url, timeout=2)
    assert str(info.value).startswith(f"{url}: cannot connect")
    assert "is the server running" in str(info.value)


def test_slow_endpoint_times_out(local_http):
    local_http.routes["/"] = Route(b"", headers={"Server": "Oxigraph/0.5"}, delay=3)
    start = time.monotonic()
    with pytest.raises(StoreError, match=r"no answer within 0\.5 s \(GET\)"):
        RemoteStore(local_http.url, timeout=0.5)
    assert time.monotonic() - start < 3


def test_a_server_is_recognised_by_its_header_even_when_its_base_url_answers_404(local_http):
    """Regression: Debian's Virtuoso without its start page answers ``GET /`` with 404 (and ``Server:
    Virtuoso``); the guess raised that 404 instead of reading the header."""
    local_http.routes["/"] = Route(b"not found", status=404, headers={"Server": "Virtuoso/07.20.3229 (Linux)"})
    store = RemoteStore(local_http.url, timeout=5)
    assert store.endpoints.server == "virtuoso"
    assert store.endpoints.query_url == local_http.url + "/sparql"


def test_failing_endpoint_reports_status(local_http):
    local_http.routes["/sparql"] = Route(b"internal trouble", status=500)
    store = RemoteStore(local_http.url + "/sparql", server="generic", timeout=5)
    with pytest.raises(StoreError, match="POST failed with HTTP 500: internal trouble") as info:
        store.query("ASK { ?s ?p ?o }")
    assert info.value.endpoint == local_http.url + "/sparql"
    assert "see its log" in str(info.value)


def test_write_failure_says_what_was_and_was_not_written(oxigraph):
    server = oxigraph()
    store = RemoteStore(server.url, timeout=5)
    server.kill()
    g2 = release_graph("https://example.org/r/2")
    with pytest.raises(StoreError) as info:
        store.write(GraphWrite(graphs={G: NT, g2: NT}))
    assert info.value.written == []
    assert info.value.not_written == ["https://example.org/r/1", "https://example.org/r/2"]


def test_redirects_are_reported_and_credentials_stay_home(local_http):
    from kg_support import LocalHttp

    elsewhere = LocalHttp()
    try:
        elsewhere.routes["/sparql"] = Route(b"{}", headers={"Content-Type": "application/sparql-results+json"})
        local_http.routes["/sparql"] = Route(status=307, headers={"Location": elsewhere.url + "/sparql"})
        store = RemoteStore(local_http.url + "/sparql", server="generic", timeout=5,
                            credentials=Credentials(user="operator", password="s3cret"))  # noqa: S106
        with pytest.raises(StoreError, match="the server redirects to") as info:
            store.query("ASK { ?s ?p ?o }")
        assert "s3cret" not in str(info.value)
        assert elsewhere.requests == []
        sent = local_http.requests[-1][2]
        assert sent.get("Authorization", "").startswith("Basic ")
    finally:
        elsewhere.close()


def test_credentials_never_go_over_plain_http_to_another_host():
    store = RemoteStore("http://192.0.2.1/sparql", server="generic", timeout=1,
                        credentials=Credentials(token="t0ken"))  # noqa: S106
    with pytest.raises(StoreError, match="refusing to send credentials over plain http"):
        store.query("ASK { ?s ?p ?o }")


def test_credentials_in_the_url_are_refused():
    with pytest.raises(StoreError, match="carries credentials in the URL"):
        RemoteStore("https://user:pw@example.org/sparql", server="generic")
    assert "pw" not in repr(Credentials(user="u", password="pw"))  # noqa: S106


def test_bindings_on_a_server_go_through_the_serialiser(oxigraph):
    import pyoxigraph as ox

    server = oxigraph()
    with RemoteStore(server.url, timeout=10) as store:
        store.write(GraphWrite(graphs={G: NT}))
        q = "SELECT ?r ?n WHERE { ?r <http://schema.org/name> ?n }"
        assert store.query(q, {"n": ox.Literal("One")}).values() == [("https://example.org/r/1", "One")]
        with pytest.raises(InputError, match="cannot bind a parameter"):
            store.query(q, {"n": ox.BlankNode("b")})
        with pytest.raises(InputError, match="control character"):
            store.query(q, {"n": ox.Literal("a\x00b")})


def test_wrong_kind_of_answer(local_http):
    local_http.routes["/sparql"] = Route(b"<html>hello</html>", headers={"Content-Type": "text/html"})
    store = RemoteStore(local_http.url + "/sparql", server="generic", timeout=5)
    with pytest.raises(StoreError, match="not SPARQL JSON results"):
        store.query("ASK { ?s ?p ?o }")
    assert httpx  # the client library the store uses
