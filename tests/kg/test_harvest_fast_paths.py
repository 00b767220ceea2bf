"""The shortcuts of the harvest hot path give exactly what the plain code gives: N-Triples lines
with IRIs written once per process, source IRIs resolved once per working directory, and catalogue
entries from pre-serialised terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef

import mlrelease
from mlrelease.codecs.ntriples import ntriples_line
from mlrelease.harvest.canonical import fast_ntriples_line, has_blank_node
from mlrelease.harvest.provenance import catalogue_entry, source_iri

ROOT = Path(__file__).resolve().parents[2]
S, P = URIRef("https://example.org/r"), URIRef("http://schema.org/name")
INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
TRICKY = [
    Literal('say "hi"\\ \n\r\tnow'), Literal("été", lang="fr"), Literal("x", lang="EN-gb"),
    Literal("1", datatype=INTEGER), Literal("01", datatype=INTEGER), Literal(True), Literal(2.50),
    URIRef("https://example.org/a%20b#frag"), BNode("b0"), Literal("\u2028 and \U0001F600"),
]


@pytest.mark.parametrize("obj", TRICKY, ids=range(len(TRICKY)))
def test_lines_are_rdflibs(obj):
    for triple in [(S, P, obj), (BNode("x"), P, obj)]:
        assert fast_ntriples_line(triple) == ntriples_line(triple)
        assert fast_ntriples_line(triple) == ntriples_line(triple)  # the second time from the cache


def test_lines_of_every_example_and_the_mof_corpus_are_rdflibs(corpus):
    files = sorted((ROOT / "examples").glob("*.yaml")) + sorted((corpus / "mof" / "models").glob("*.y*ml"))[:100]
    triples = [t for path in files for t in mlrelease.load(path=path).graph]
    assert len(triples) > 5000
    assert [fast_ntriples_line(t) for t in triples] == [ntriples_line(t) for t in triples]


def test_blank_nodes_are_found():
    assert not has_blank_node([(S, P, Literal("_:x"))])
    assert has_blank_node([(S, P, BNode())]) and has_blank_node([(BNode(), P, S)])


def test_a_relative_source_follows_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.chdir(tmp_path / "a")
    first = source_iri("r.yaml").value
    monkeypatch.chdir(tmp_path / "b")
    assert source_iri("r.yaml").value != first == (tmp_path / "a" / "r.yaml").resolve().as_uri()
    assert source_iri("https://example.org/x y").value == "https://example.org/x%20y"


def test_catalogue_entry_terms_are_pyoxigraphs():
    import pyoxigraph as ox

    text = catalogue_entry("https://w3id.org/mlrelease/graph/release/x", release="https://example.org/r",
                           source="https://example.org/src", digest="ab", time="2026-01-01T00:00:00Z",
                           profiles=("core", "cris"), passed=("core",))
    quads = list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    assert len(quads) == 15
    assert "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads) == text
