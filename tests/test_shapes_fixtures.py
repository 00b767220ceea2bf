"""Every shape speaks well and is exercised: a fixture triggers it, and valid records pass it.

shapes/fixtures/invalid/<profile>/<Shape>[--variant].{yaml,ttl} must give exactly one finding,
from mlrsh:<Shape>, when validated against <profile> alone; the finding's message is kept beside
the fixture in <name>.expected (regenerate on purpose with pytest --regen-golden and review).
shapes/fixtures/valid/* and examples/* give no finding (valid fixtures under every profile;
examples under core and recommended).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.term import BNode

import mlrelease
from mlrelease.io import load_graph
from mlrelease.iris import SHAPES_NS
from mlrelease.validation import PROFILES, validate
from mlrelease.validation.profiles import combined_shapes, reference_graph, shapes_graph

SH = Namespace("http://www.w3.org/ns/shacl#")
ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "shapes" / "fixtures"
INVALID = sorted(p for p in (FIXTURES / "invalid").rglob("*") if p.suffix in (".yaml", ".ttl"))
VALID = sorted(p for p in (FIXTURES / "valid").iterdir() if p.suffix in (".yaml", ".ttl"))
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _shape_of(fixture: Path) -> str:
    return SHAPES_NS + fixture.stem.split("--", 1)[0]


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_invalid_fixture_triggers_exactly_its_shape(fixture, golden):
    profile = fixture.parent.name
    graph, *_ = load_graph(fixture)  # a graph: some fixtures are release-like nodes that are not releases
    report = validate(graph, profiles=[profile])
    found = [(f.shape, f.severity, f.message) for f in report.findings]
    assert [s for s, _, _ in found] == [_shape_of(fixture)], found
    expected = fixture.with_suffix(".expected")
    text = f"{found[0][1]}: {found[0][2]}\n"
    golden.check_file(expected, text)


@pytest.mark.parametrize("fixture", VALID, ids=lambda p: p.stem)
def test_valid_fixture_passes_every_profile(fixture):
    report = validate(mlrelease.load(fixture), profiles=PROFILES)
    assert [(f.shape, f.message) for f in report.findings] == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_pass_core_and_recommended(example, golden):
    """Examples conform (no violation) to core and recommended.

    Recommended checks are warnings; what a real release does not publish (a DOI, checksums)
    stays a warning rather than an invented fact. Those warnings are listed in
    tests/golden/examples/<name>/expected.findings, so any change to them is reviewed.
    """
    report = validate(mlrelease.load(example), profiles=["core", "recommended"])
    assert report.conforms, [f.message for f in report.findings if f.severity == "Violation"]
    text = "".join(f"{f.severity} {f.shape.rsplit('#', 1)[-1]} {f.focus}\n" for f in report.findings)
    golden.check("examples", example.stem, text, "findings")


def _all_shapes(graph: Graph) -> set[URIRef | BNode]:
    shapes = set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape))
    shapes |= set(graph.objects(None, SH.property)) | set(graph.objects(None, SH.node))
    return shapes


@pytest.mark.parametrize("profile", PROFILES)
def test_every_shape_is_named_with_message_and_severity(profile):
    g = shapes_graph(profile)
    problems = []
    for shape in _all_shapes(g):
        if not isinstance(shape, URIRef) or not str(shape).startswith(SHAPES_NS):
            problems.append(f"anonymous shape {shape}")
            continue
        if not any(m.language == "en" for m in g.objects(shape, SH.message)):
            problems.append(f"{shape}: no sh:message@en")
        if g.value(shape, SH.severity) not in (SH.Violation, SH.Warning, SH.Info):
            problems.append(f"{shape}: no explicit sh:severity")
    assert problems == []


def _reporting_shapes(g: Graph) -> set[str]:
    """Shapes that can be the source of a finding: targeted node shapes with constraints of
    their own (SPARQL), and property shapes of targeted node shapes."""
    targets = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)
    targeted = {s for t in targets for s in g.subjects(t, None)}
    out = {str(s) for s in targeted if (s, SH.sparql, None) in g}
    out |= {str(p) for s in targeted for p in g.objects(s, SH.property)}
    return out


def test_every_reporting_shape_has_an_invalid_fixture():
    covered = {_shape_of(f) for f in INVALID}
    reporting = set().union(*(_reporting_shapes(shapes_graph(p)) for p in PROFILES))
    assert sorted(reporting - covered) == []
    assert sorted(covered - reporting) == [], "fixtures for shapes that cannot report"


def test_helper_shapes_are_reached_from_reporting_shapes():
    """Concept-scheme shapes used through sh:node are exercised by the not-in-scheme fixtures."""
    g = combined_shapes(PROFILES)
    for node_shape in set(g.objects(None, SH.node)):
        users = {str(s) for s in g.subjects(SH.node, node_shape)}
        assert users & {_shape_of(f) for f in INVALID}, f"{node_shape} is not exercised by any fixture"


def _focus_nodes(shape: URIRef, g: Graph, data: Graph) -> set:
    nodes: set = set()
    for cls in g.objects(shape, SH.targetClass):
        nodes |= set(data.subjects(RDF.type, cls))
    for prop in g.objects(shape, SH.targetObjectsOf):
        nodes |= set(data.objects(None, prop))
    for prop in g.objects(shape, SH.targetSubjectsOf):
        nodes |= set(data.subjects(prop, None))
    for parent in g.subjects(SH.property, shape):
        nodes |= _focus_nodes(parent, g, data)
    return nodes


#: Shapes that report (as Info) on every focus node by design, so that no valid fixture holds one:
#: the note that an importer inferred a value. Their invalid fixture shows them at work.
ANNOUNCING = frozenset({SHAPES_NS + "InferredValueShape"})


def test_valid_fixtures_give_every_reporting_shape_something_to_check():
    """A passing fixture means something only if the shape had focus nodes in it."""
    data = Graph()
    for fixture in VALID:
        data += mlrelease.load(fixture).graph
    g = combined_shapes(PROFILES)
    idle = sorted(s for s in set().union(*(_reporting_shapes(shapes_graph(p)) for p in PROFILES))
                  if s not in ANNOUNCING and not _focus_nodes(URIRef(s), g, data))
    assert idle == []


@pytest.mark.parametrize("profile", PROFILES)
def test_shapes_pass_shacl_shacl(profile):
    from pyshacl import validate as pyshacl_validate

    shacl_shacl = Path(__import__("pyshacl").__file__).parent / "assets" / "shacl-shacl.ttl"
    if not shacl_shacl.is_file():
        pytest.skip("pySHACL ships no shacl-shacl.ttl in this version")
    meta = Graph().parse(shacl_shacl)
    conforms, _, text = pyshacl_validate(shapes_graph(profile), shacl_graph=meta, inference="none")
    assert conforms, text


def test_reference_graph_holds_vocabulary_and_licences():
    g = reference_graph()
    assert (URIRef("https://w3id.org/mlrelease/scheme/access-tier/gated-manual"), None, None) in g
