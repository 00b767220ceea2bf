"""Harvesting files and folders into the embedded store: named graphs, provenance, idempotence."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass, field

import pytest
from kg_support import FIXTURES

import mlrelease
from mlrelease.harvest import HarvestOptions, Progress, default_validator, harvest
from mlrelease.store import CATALOGUE_GRAPH, VOCABULARY_GRAPH, EmbeddedStore, release_graph
from mlrelease.store.graphs import sparql_iri

MANIFEST = "identifier: org/tiny\nversion: '1.0'\nname: Tiny\n"
TINY = "https://w3id.org/mlrelease/id/org%2Ftiny/1.0"
TIME = "2026-01-02T03:04:05Z"


@dataclass
class Finding:
    message: str
    severity: str = "http://www.w3.org/ns/shacl#Violation"
    profile: str = "core"


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.findings


def rejects_gamma(record, profiles=("core",)):
    """A validator for tests: Gamma fails (with a message), everything else passes."""
    if "gamma" in str(record.iri):
        return Report([Finding("Gamma is not good enough: add what is missing.")])
    return Report()


def options(**kw) -> HarvestOptions:
    kw.setdefault("validator", None)
    kw.setdefault("reference", False)
    kw.setdefault("clock", lambda: TIME)
    return HarvestOptions(**kw)


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "records"
    shutil.copytree(FIXTURES / "releases", folder)
    (folder / "tiny.yaml").write_text(MANIFEST)
    (folder / ".hidden.yaml").write_text("not: harvested\n")
    (folder / "notes.txt").write_text("not a record\n")
    (folder / "README.md").write_text("# Records\n\nThese are test records.\n")  # not a model card: skipped
    return folder


def test_each_release_gets_its_own_graph_and_a_catalogue_entry(folder):
    store = EmbeddedStore()
    summary = harvest([str(folder)], store, options())
    assert summary.documents == 3
    assert summary.counts["new"] == 6
    assert release_graph(TINY) in store.named_graphs()
    entry = store.query(f"""
        PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX spdx: <http://spdx.org/rdf/terms#>
        SELECT ?type ?source ?time ?algorithm WHERE {{ GRAPH {sparql_iri(CATALOGUE_GRAPH)} {{
          ?g foaf:primaryTopic <{TINY}> ; a ?type ; dcterms:source ?source ; prov:generatedAtTime ?time ;
             spdx:checksum/spdx:algorithm ?algorithm . }} }}""").values()
    assert entry == [("https://w3id.org/mlrelease/vocab#ReleaseRecord", (folder / "tiny.yaml").resolve().as_uri(),
                      TIME, "http://spdx.org/rdf/terms#checksumAlgorithm_sha256")]


def test_reharvest_changes_nothing(folder):
    store = EmbeddedStore()
    harvest([str(folder)], store, options(clock=lambda: "2026-01-01T00:00:00Z"))
    before = store.dump()
    again = harvest([str(folder)], store, options(clock=lambda: "2027-01-01T00:00:00Z"))
    assert again.counts == {"new": 0, "replaced": 0, "unchanged": 6, "invalid": 0, "kept-invalid": 0,
                            "conflict": 0, "refused": 0}
    assert store.dump() == before


def test_a_changed_record_replaces_its_graph_only(folder):
    store = EmbeddedStore()
    harvest([str(folder)], store, options())
    (folder / "tiny.yaml").write_text(MANIFEST.replace("Tiny", "Tiny, renamed"))
    summary = harvest([str(folder)], store, options())
    assert summary.counts["replaced"] == 1 and summary.counts["unchanged"] == 5
    names = store.query(f"SELECT ?n WHERE {{ <{TINY}> <http://schema.org/name> ?n }}").values()
    assert names == [("Tiny, renamed",)]


def test_invalid_records_are_reported_and_kept_out(folder):
    store = EmbeddedStore()
    summary = harvest([str(folder)], store, options(validator=rejects_gamma))
    assert summary.counts["invalid"] == 1 and not summary.ok
    assert release_graph("https://example.org/a/gamma-1.0") not in store.named_graphs()
    text = summary.text()
    assert "  rejected: https://example.org/a/gamma-1.0 (from " in text
    assert "    - Gamma is not good enough: add what is missing." in text
    conforms = store.query(f"""SELECT ?g WHERE {{ GRAPH {sparql_iri(CATALOGUE_GRAPH)} {{
        ?g <http://purl.org/dc/terms/conformsTo> <https://w3id.org/mlrelease/shapes/core> }} }}""")
    assert len(conforms.rows) == 5


def test_keep_invalid_stores_them_marked(folder):
    store = EmbeddedStore()
    summary = harvest([str(folder)], store, options(validator=rejects_gamma, keep_invalid=True))
    assert summary.counts["kept-invalid"] == 1
    graph = release_graph("https://example.org/a/gamma-1.0")
    marks = store.query(f"""PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?used ?conforms WHERE {{ GRAPH {sparql_iri(CATALOGUE_GRAPH)} {{
          <{graph}> prov:wasGeneratedBy/prov:used ?used . FILTER (STRSTARTS(STR(?used), "https://w3id.org/mlrelease/shapes/"))
          BIND (EXISTS {{ <{graph}> dcterms:conformsTo ?used }} AS ?conforms) }} }}""").values()
    assert marks == [("https://w3id.org/mlrelease/shapes/core", "false")]


def test_unreadable_documents_are_reported_and_the_rest_harvested(folder):
    (folder / "broken.ttl").write_text("<https://e.org/r> a <https://w3id.org/mlrelease/vocab#Release> ;\n  oops .\n")
    (folder / "empty.ttl").write_text("<https://e.org/x> <https://e.org/p> 1 .\n")
    summary = harvest([str(folder), str(folder / "missing.yaml")], EmbeddedStore(), options())
    assert summary.counts["new"] == 6
    failures = dict(summary.failures)
    assert "turtle syntax error" in failures[str(folder / "broken.ttl")]
    assert f"{folder / 'broken.ttl'}:2:" in failures[str(folder / "broken.ttl")]
    assert "holds no release" in failures[str(folder / "empty.ttl")]
    assert failures[str(folder / "missing.yaml")] == "no such file or folder"
    assert "unreadable sources: 3" in summary.text()


def test_jsonld_documents_are_harvested(tmp_path):
    record = mlrelease.load(MANIFEST, format="yaml")
    (tmp_path / "tiny.jsonld").write_text(mlrelease.dump(record, "jsonld"))
    store = EmbeddedStore()
    assert harvest([str(tmp_path)], store, options()).written == [TINY]


def test_journal_skips_what_the_store_already_holds(folder, tmp_path):
    store = EmbeddedStore()
    journal = str(tmp_path / "journal.jsonl")
    harvest([str(folder)], store, options(journal=journal, validator=rejects_gamma))
    again = harvest([str(folder)], store, options(journal=journal, validator=rejects_gamma))
    assert again.skipped_documents == 3
    assert again.counts["unchanged"] == 5 and again.counts["invalid"] == 1
    # A fresh store with the same journal: nothing is skipped, since the store lacks the graphs.
    fresh = harvest([str(folder)], EmbeddedStore(), options(journal=journal, validator=rejects_gamma))
    assert fresh.skipped_documents == 0 and fresh.counts["new"] == 5


def test_progress_and_summary_go_to_the_stream(folder):
    stream = io.StringIO()
    harvest([str(folder)], EmbeddedStore(), options(validator=rejects_gamma), progress=Progress(stream, interval=0))
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("harvest: 1 documents, ")
    assert "harvest into memory: 3 documents read in " in stream.getvalue()
    assert "  releases: 5 new, 0 replaced, 0 unchanged, 1 rejected by validation" in lines


def test_same_release_in_two_documents_is_a_conflict_unless_allowed(tmp_path):
    """Issue 17: the first document to publish a release owns it; another is reported, not stored."""
    (tmp_path / "a.yaml").write_text(MANIFEST)
    (tmp_path / "b.yaml").write_text(MANIFEST.replace("Tiny", "Tiny too"))
    store = EmbeddedStore()
    summary = harvest([str(tmp_path)], store, options())
    assert sorted((o.status, o.source) for o in summary.outcomes) == [("conflict", str(tmp_path / "b.yaml")),
                                                                       ("new", str(tmp_path / "a.yaml"))]
    assert not summary.ok
    allowed = harvest([str(tmp_path / "b.yaml")], store, options(allow_replace=(str(tmp_path / "b.yaml"),)))
    assert allowed.counts["replaced"] == 1 and allowed.ok


def test_worker_processes_give_the_same_store(folder):
    one, two = EmbeddedStore(), EmbeddedStore()
    harvest([str(folder)], one, options(validator=rejects_gamma))
    summary = harvest([str(folder)], two, options(validator=rejects_gamma, workers=2, batch_size=2))
    assert summary.counts["new"] == 5
    assert sorted(one.dump().splitlines()) == sorted(two.dump().splitlines())


def test_reference_graphs_are_loaded_once(tmp_path):
    (tmp_path / "tiny.yaml").write_text(MANIFEST)
    store = EmbeddedStore()
    harvest([str(tmp_path)], store, options(reference=True))
    assert store.count_triples(VOCABULARY_GRAPH) > 100
    before = store.dump()
    harvest([str(tmp_path)], store, options(reference=True))
    assert store.dump() == before


def test_the_default_validator_is_mlrelease_validate():
    assert default_validator() is mlrelease.validate


def test_the_real_validator_decides_what_is_kept(tmp_path):
    from mlrelease import validation

    (tmp_path / "tiny.yaml").write_text(MANIFEST)
    summary = harvest([str(tmp_path)], EmbeddedStore(), HarvestOptions(reference=False))
    conforms = validation.validate(mlrelease.load(tmp_path / "tiny.yaml"), profiles=("core",)).conforms
    assert summary.counts["new" if conforms else "invalid"] == 1


def test_a_failing_graph_store_stops_the_harvest_and_says_what_was_written(folder, local_http):
    from kg_support import Route

    from mlrelease.errors import StoreError
    from mlrelease.store import RemoteStore

    empty = b'{"head": {"vars": ["g", "sum"]}, "results": {"bindings": []}}'
    local_http.routes["/"] = Route(headers={"Server": "Oxigraph/0.5.13"})
    local_http.routes["/query"] = Route(empty, headers={"Content-Type": "application/sparql-results+json"})
    local_http.routes["/store"] = Route(b"disk full", status=500)
    store = RemoteStore(local_http.url, timeout=5)
    with pytest.raises(StoreError) as info:
        harvest([str(folder)], store, options(batch_size=2))
    message = str(info.value)
    assert message.startswith(f"{local_http.url}/store: PUT failed with HTTP 500: disk full; 0 releases were "
                              "written in this run and are complete, 3 in the batch being written were not")
    assert info.value.not_written == ["https://example.org/a/alpha-1.0", "https://example.org/a/beta-2.0",
                                      "https://example.org/a/gamma-1.0"]


def test_unchanged_records_are_not_validated_again(folder):
    calls: list[str] = []

    def counting(record, profiles=("core",)):
        calls.append(str(record.iri))
        return rejects_gamma(record, profiles)

    store = EmbeddedStore()
    harvest([str(folder)], store, options(validator=counting))
    assert len(calls) == 6
    calls.clear()
    harvest([str(folder)], store, options(validator=counting))
    assert calls == ["https://example.org/a/gamma-1.0"]  # kept out, so not in the store: checked again
