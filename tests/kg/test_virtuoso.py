"""Virtuoso open source as a production store: harvest, the query pack and federation give the answers
the embedded store gives.

A real ``virtuoso-t`` (Debian ``virtuoso-opensource``) runs on 127.0.0.1 in a temporary directory,
configured as docs/knowledge-graph.md says (a user of its own, granted ``SPARQL_UPDATE``). Its
``-auth`` endpoints use HTTP Digest authentication; mlrelease answers the challenge.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from kg_support import FIXTURES, fill
from test_query_pack import CASES, check_golden, table
from virtuoso_support import PASSWORD, USER, VirtuosoServer

from mlrelease import query
from mlrelease.errors import StoreError
from mlrelease.store import Credentials, EmbeddedStore, RemoteStore

pytestmark = pytest.mark.virtuoso

A_RELEASES = FIXTURES / "releases" / "institute-a.ttl"
B_RELEASES = FIXTURES / "releases" / "institute-b.ttl"
OPENRAIL = "https://w3id.org/mlrelease/license/bigscience-openrail-m"
EVERYTHING = """SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o }
    FILTER(STRSTARTS(STR(?g), "https://w3id.org/mlrelease/graph/")) }"""


def login() -> Credentials:
    return Credentials(user=USER, password=PASSWORD)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso")).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def pack_on_virtuoso(virtuoso):
    """The query-pack fixtures, written into Virtuoso by harvest (GSP PUT and SPARQL Update)."""
    with RemoteStore(virtuoso.url, server="virtuoso", timeout=30, credentials=login()) as store:
        fill(store, FIXTURES / "releases")
    store = RemoteStore(virtuoso.url, server="virtuoso", timeout=30)  # queries need no login
    yield store
    store.close()


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mlrelease", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})}, check=False)


def test_server_is_recognised(virtuoso):
    with RemoteStore(virtuoso.url) as store:  # asks the server who it is
        assert store.endpoints.server == "virtuoso"
        assert store.endpoints.gsp_url == f"{virtuoso.url}/sparql-graph-crud-auth"


@pytest.mark.parametrize(("name", "params", "expected"), CASES, ids=[c[2] for c in CASES])
def test_pack_on_virtuoso(pack_on_virtuoso, golden, name, params, expected):
    result = query.run(pack_on_virtuoso, query.get(name), params)
    check_golden(golden, expected, result.columns, table(name, result))


def test_virtuoso_holds_what_the_embedded_store_holds(pack_on_virtuoso):
    local = EmbeddedStore()
    fill(local, FIXTURES / "releases")
    # Compared as sorted rows: Virtuoso orders long literals by a prefix only (see the pack's ORDER BY STR).
    assert sorted(pack_on_virtuoso.query(EVERYTHING).values()) == sorted(local.query(EVERYTHING).values())


def test_documented_harvest_command_works(virtuoso, tmp_path, root):
    """The command of docs/knowledge-graph.md: the password in the environment, Digest on the wire."""
    endpoint = ["--endpoint", virtuoso.url, "--server", "virtuoso", "--user", USER]
    journal = ["--journal", str(tmp_path / "journal.jsonl")]
    first = cli("harvest", str(root / "examples"), *endpoint, *journal, env={"MLRELEASE_STORE_PASSWORD": PASSWORD})
    assert first.returncode == 0, first.stderr
    assert "12 new" in first.stdout + first.stderr
    again = cli("harvest", str(root / "examples"), *endpoint, "--journal", str(tmp_path / "other.jsonl"),
                env={"MLRELEASE_STORE_PASSWORD": PASSWORD})
    assert again.returncode == 0, again.stderr
    assert "0 new, 0 replaced, 12 unchanged" in again.stdout + again.stderr

    local = EmbeddedStore()
    from mlrelease.harvest import HarvestOptions, harvest

    harvest([str(root / "examples")], local, HarvestOptions())
    with RemoteStore(virtuoso.url, server="virtuoso") as remote:
        ours = {g for (g,) in local.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").values()}
        assert ours <= remote.named_graphs()
        for graph in ours:
            if "/graph/release/" in graph:  # release graphs are the same, triple for triple
                assert remote.count_triples(graph) == local.count_triples(graph), graph


def test_wrong_password_is_refused_clearly(virtuoso, tmp_path):
    store = RemoteStore(virtuoso.url, server="virtuoso", credentials=Credentials(user=USER, password="wrong"))  # noqa: S106
    with pytest.raises(StoreError) as info:
        store.update("DROP SILENT GRAPH <https://w3id.org/mlrelease/graph/nothing>")
    assert "HTTP 401" in str(info.value)
    assert "check the credentials" in (info.value.hint or "")


def test_update_without_login_is_refused(virtuoso):
    with RemoteStore(virtuoso.url, server="virtuoso") as store, pytest.raises(StoreError, match="HTTP 401"):
        store.update("DROP SILENT GRAPH <https://w3id.org/mlrelease/graph/nothing>")


def test_federated_across_oxigraph_and_virtuoso(oxigraph, tmp_path_factory):
    """Institute A on an Oxigraph server, institute B on Virtuoso: the federated pack spans both.

    Virtuoso is the engine that federates here. It cannot be called by Oxigraph's SERVICE client:
    Virtuoso 7.2 never answers a POST with ``Content-Type: application/sparql-query``, which is how
    Oxigraph sends SERVICE requests (openlink/virtuoso-opensource#842); docs/knowledge-graph.md says so.
    """
    a = oxigraph("a")
    with RemoteStore(a.url, timeout=10) as store:
        fill(store, A_RELEASES)
    b = VirtuosoServer(tmp_path_factory.mktemp("virtuoso-b")).start()
    try:
        with RemoteStore(b.url, server="virtuoso", timeout=30, credentials=login()) as store:
            fill(store, B_RELEASES)
        both = f"{a.query_url},{b.query_url}"
        with RemoteStore(b.url, server="virtuoso", timeout=60) as at_b:
            result = query.run(at_b, query.get("federated-rail-derivatives"), {"derivedAt": both, "baseAt": both})
            tiers = query.run(at_b, query.get("federated-access-tiers"), {"endpoint": both})
        assert result.values() == [
            (a.query_url, "https://example.org/a/beta-2.0", "https://example.org/models/bloom", b.query_url,
             OPENRAIL, "true"),
            (a.query_url, "https://example.org/a/gamma-1.0", "https://example.org/b/bloom-1.0", b.query_url,
             OPENRAIL, "false"),
        ]
        tier = "https://w3id.org/mlrelease/scheme/access-tier/"
        assert sorted(tiers.values()) == sorted([
            (a.query_url, "https://ror.org/00a0a0a01", tier + "fully-open", "1"),
            (a.query_url, "https://ror.org/00a0a0a01", tier + "gated-manual", "1"),
            (a.query_url, "https://ror.org/00a0a0a01", tier + "staged", "1"),
            (b.query_url, "https://ror.org/00b0b0b02", tier + "api", "1"),
            (b.query_url, "https://ror.org/00b0b0b02", tier + "gated-automatic", "1"),
        ])
    finally:
        b.stop()
