"""The ontology and its concept schemes are consistent under OWL reasoning (HermiT via owlready2)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import OWL, RDFS, XSD, Graph, URIRef

pytestmark = pytest.mark.reasoner

MLR = "https://w3id.org/mlrelease/vocab#"
#: HermiT knows only the OWL 2 datatype map, which lacks xsd:date. These ranges (and only these)
#: are relaxed to rdfs:Literal for the check; a test fails when the list is out of date.
DATE_RANGED = sorted([
    "http://purl.org/dc/terms/date",
    "http://schema.org/dateModified",
    "http://schema.org/datePublished",
    "https://w3id.org/mlrelease/vocab#collectionDate",
    "https://w3id.org/mlrelease/vocab#plannedDate",
])


def reason(graph: Graph, tmp_path: Path):
    """Run HermiT on ``graph``; return the owlready2 world (raises if inconsistent)."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed (HermiT needs it; .ci/run installs default-jre-headless)")
    import owlready2

    relaxed = Graph()
    relaxed += graph
    for prop in list(relaxed.subjects(RDFS.range, XSD.date)):
        relaxed.remove((prop, RDFS.range, XSD.date))
        relaxed.add((prop, RDFS.range, RDFS.Literal))
    nt = tmp_path / "vocab.nt"
    nt.write_text(relaxed.serialize(format="nt"), encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(nt.as_uri()).load(format="ntriples")
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return world


def test_date_ranges_are_the_listed_ones(vocab):
    assert sorted(str(s) for s in vocab.graph.subjects(RDFS.range, XSD.date)) == DATE_RANGED


def test_vocabulary_is_consistent_under_hermit(tmp_path, vocab):
    world = reason(vocab.graph, tmp_path)
    assert [str(c) for c in world.inconsistent_classes()] == []
    release = world[MLR + "Release"]
    assert "http://www.w3.org/ns/prov#Entity" in {getattr(c, "iri", None) for c in release.ancestors()}


def test_the_check_detects_an_unsatisfiable_class(tmp_path, vocab):
    """The harness is not vacuous: a contradiction added to the ontology is found."""
    broken = Graph()
    broken += vocab.graph
    broken.add((URIRef(MLR + "Release"), OWL.disjointWith, URIRef("http://www.w3.org/ns/prov#Entity")))
    world = reason(broken, tmp_path)
    assert MLR + "Release" in {getattr(c, "iri", None) for c in world.inconsistent_classes()}
