"""``mlrelease serve`` (issue 14): the pages, query forms, downloads, SPARQL endpoint and charts of the app."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from starlette.testclient import TestClient

import mlrelease
from mlrelease.harvest import HarvestOptions, harvest
from mlrelease.query import queries
from mlrelease.serve import create_app
from mlrelease.store import EmbeddedStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def client() -> TestClient:
    store = EmbeddedStore()
    harvest([str(EXAMPLES)], store, HarvestOptions(clock=lambda: "2026-01-02T03:04:05Z"))
    return TestClient(create_app(store, timeout=30, limit=5))


def test_pages_answer(client):
    for path in ("/", "/dashboard", "/queries", "/sparql", "/validation", "/releases/allenai-OLMo-7B/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "text/html" in response.headers["content-type"]
    assert client.get("/releases/nothing/").status_code == 404


def test_index_lists_every_release_with_facets(client):
    page = client.get("/").text
    assert page.count("<li data-tier=") == 12
    assert '<select name="publisher">' in page


def test_release_page_and_record_files(client):
    page = client.get("/releases/allenai-OLMo-7B/").text
    assert '<script type="application/ld+json">' in page and 'rel="describedby"' in page
    record = client.get("/releases/allenai-OLMo-7B/record.jsonld")
    assert record.headers["content-type"].startswith("application/ld+json")
    direct = mlrelease.load(path=EXAMPLES / "olmo-7b.yaml")
    served = mlrelease.load(record.text, format="jsonld").graph
    # The harvested graph is the record plus what the harvest derived (the openness assessment).
    assert set(direct.graph) <= set(served)


def test_every_query_of_the_pack_has_a_form(client):
    for q in queries():
        page = client.get(f"/queries/{q.name}")
        assert page.status_code == 200, q.name
        for p in q.params:
            assert f'name="{p.name}"' in page.text


def test_query_table_and_downloads(client):
    page = client.get("/queries/gated-releases").text
    assert '<table class="result">' in page
    assert 'href="/queries/gated-releases?format=csv"' in page
    with_value = client.get("/queries/openness-classes", params={"release": "https://huggingface.co/allenai/OLMo-7B"})
    assert "release=https%3A%2F%2Fhuggingface.co%2Fallenai%2FOLMo-7B&amp;format=json" in with_value.text
    download = client.get("/queries/access-tiers-by-institution?format=csv")
    assert download.headers["content-disposition"] == 'attachment; filename="access-tiers-by-institution.csv"'
    rows = list(csv.reader(io.StringIO(download.text)))
    assert rows[0][:2] == ["publisher", "publisherName"]
    assert 1 < len(rows) <= 6  # the header and at most the row limit
    answer = client.get("/queries/access-tiers-by-institution?format=json").json()
    assert answer["head"]["vars"][0] == "publisher"


def test_sparql_endpoint_is_read_only_and_limited(client):
    q = "SELECT ?s WHERE { ?s a <https://w3id.org/mlrelease/vocab#Release> }"
    answer = client.get("/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200
    assert len(answer.json()["results"]["bindings"]) == 5  # 12 releases, limit 5
    posted = client.post("/sparql", content=q, headers={"Content-Type": "application/sparql-query",
                                                        "Accept": "application/sparql-results+json"})
    assert len(posted.json()["results"]["bindings"]) == 5
    update = client.get("/sparql", params={"query": "DELETE WHERE { ?s ?p ?o }", "format": "json"})
    assert update.status_code == 400
    construct = client.get("/sparql", params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"})
    assert construct.status_code == 400 and "only SELECT and ASK" in construct.text
    service = client.get("/sparql", params={
        "query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "format": "json"})
    assert service.status_code == 400 and "SERVICE is not answered here" in service.text
    still = client.get("/sparql", params={"query": q, "format": "json"}).json()
    assert len(still["results"]["bindings"]) == 5


def chart_counts(page: str, chart: str) -> Counter:
    svg = re.search(rf'<svg [^>]*data-chart="{chart}".*?</svg>', page, re.S)
    assert svg, chart
    return Counter({(c, s): int(n) for c, s, n in
                    re.findall(r'data-category="([^"]*)" data-series="([^"]*)" data-count="(\d+)"', svg.group(0))})


def test_dashboard_counts_are_the_examples(client):
    page = client.get("/dashboard").text
    assessments = mlrelease.assess([r for p in sorted(EXAMPLES.glob("*.yaml")) for r in mlrelease.load_all(path=p)])
    osaid = Counter("conformant" if a.osaid.conformant else "not conformant" for a in assessments)
    assert chart_counts(page, "osaid") == Counter({(k, "releases"): n for k, n in osaid.items()})
    classes = chart_counts(page, "openness-classes")
    assert sum(classes.values()) == 12
    assert classes[("Class III (Open Model)", "releases")] == sum(1 for a in assessments if a.mof.mof_class == 3)
    tiers = chart_counts(page, "tiers-by-institution")
    assert tiers[("Meta Platforms, Inc.", "Gated, manual approval")] == 3
    assert sum(tiers.values()) == 12
    years = chart_counts(page, "releases-per-year")
    assert sum(years.values()) == 12 and years[("2024", "Gated, manual approval")] == 3


def test_a_query_past_the_time_limit_is_answered_with_503():
    store = EmbeddedStore()
    harvest([str(EXAMPLES)], store, HarvestOptions(validator=None))
    slow = TestClient(create_app(store, timeout=0.2))
    # About ten million solutions: a couple of seconds, which the store finishes in the background.
    q = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d <http://www.w3.org/2000/01/rdf-schema#label> ?f . "
         "VALUES ?x { 1 2 3 4 5 6 } }")
    answer = slow.get("/sparql", params={"query": q, "format": "json"})
    assert answer.status_code == 503
    assert "took longer than 0.2 s" in answer.text


def test_serve_over_a_sparql_server(oxigraph):
    from mlrelease.store import RemoteStore

    server = oxigraph("kg")
    with RemoteStore(server.url, timeout=30) as store:
        harvest([str(EXAMPLES / "olmo-7b.yaml")], store, HarvestOptions())
        remote = TestClient(create_app(store))
        assert remote.get("/").text.count("<li data-tier=") == 1
        assert remote.get("/releases/allenai-OLMo-7B/").status_code == 200
        assert "<table" in remote.get("/queries/openness-classes").text
