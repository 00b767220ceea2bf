"""The compiled engine gives exactly pySHACL's findings: same (focus, path, shape, severity, value) and
the same message, on the shape fixtures, the examples, the MOF corpus, generated releases and
releases mutated to break each shape; and every bundled shape compiles (or the compiler says why not).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

import mlrelease
from mlrelease.io import load_graph
from mlrelease.validation import PROFILES, CompiledEngine, PyShaclEngine, validate
from mlrelease.validation.compiler import compile_shapes, compiled_profile
from mlrelease.validation.profiles import shapes_graph
from mlrelease.validation.sparql_rewrite import UnsupportedShapeError

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
FIXTURES = sorted(p for p in (ROOT / "shapes" / "fixtures").rglob("*") if p.suffix in (".yaml", ".ttl"))
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
MLR = Namespace("https://w3id.org/mlrelease/vocab#")
SCHEMA = Namespace("http://schema.org/")
DCT = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
SCHEME = "https://w3id.org/mlrelease/scheme/"
SH = Namespace("http://www.w3.org/ns/shacl#")


def _key(findings) -> set[tuple]:
    return {(f.focus, f.path, f.shape, f.severity, f.value, f.message, f.release) for f in findings}


def _same(data, profiles=PROFILES) -> set[tuple]:
    """Validate ``data`` with both engines; assert the findings are identical; return them."""
    reference = validate(data, profiles, engine=PyShaclEngine())
    compiled = validate(data, profiles, engine=CompiledEngine())
    expected, got = _key(reference.findings), _key(compiled.findings)
    assert sorted(got - expected, key=str) == [] and sorted(expected - got, key=str) == [], "engines differ"
    assert compiled.engine == "compiled" and reference.engine == "pyshacl"
    return got


# --- every bundled shape compiles, and what the compiler does not support is refused -------------------------


@pytest.mark.parametrize("profile", PROFILES)
def test_every_bundled_shape_compiles(profile):
    checks = compiled_profile(profile).checks
    g = shapes_graph(profile)
    targeted = {str(s) for p in (SH.targetClass, SH.targetObjectsOf, SH.targetSubjectsOf) for s in g.subjects(p, None)}
    reporting = {str(s) for s in targeted if (URIRef(s), SH.sparql, None) in g}
    reporting |= {str(o) for s in targeted for o in g.objects(URIRef(s), SH.property)}
    assert {c.shape for c in checks} == reporting


def test_an_unsupported_component_is_refused_loudly():
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:lessThan ex:q ] .
    """, format="turtle")
    with pytest.raises(UnsupportedShapeError, match="lessThan"):
        compile_shapes(shapes)


def test_an_unsupported_sparql_constraint_is_refused_loudly():
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:sparql [ sh:select "SELECT $this WHERE { $this ex:p ?x } LIMIT 1" ] .
    """, format="turtle")
    with pytest.raises(UnsupportedShapeError, match="solution modifiers"):
        compile_shapes(shapes)


def test_unknown_engine_name_is_refused():
    from mlrelease.errors import UnknownTermError

    with pytest.raises(UnknownTermError, match="engine"):
        validate(mlrelease.load(EXAMPLES[0]), ["core"], engine="fast")


def test_compiled_is_the_default_engine():
    assert validate(mlrelease.load(EXAMPLES[0]), ["core"]).engine == "compiled"


# --- fixtures, examples, the MOF corpus ----------------------------------------------------------------------


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixtures_give_the_same_findings(fixture):
    graph, *_ = load_graph(fixture)
    found = _same(graph)
    if "invalid" in fixture.parts:
        assert found  # the fixture breaks a shape: there is something to compare


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_give_the_same_findings(example):
    _same(mlrelease.load(example))


@pytest.mark.corpus
def test_mof_corpus_gives_the_same_findings(corpus):
    folder = corpus / "mof" / "models"
    files = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
    assert len(files) == 273
    records = [r for f in files for r in mlrelease.load_all(f)]
    found = _same(records)
    assert len(found) > 273  # the MOF manifests lack much of what the profiles ask for


# --- generated releases ----------------------------------------------------------------------------------------


def _generated(n: int, seed: int) -> list:
    sys.path.insert(0, str(BENCH))
    try:
        from _generate import manifest, to_yaml
    finally:
        sys.path.remove(str(BENCH))
    return [mlrelease.load(to_yaml(manifest(i, seed), i), format="yaml") for i in range(n)]


# pySHACL takes ~16 s per 1,000 releases for core, far longer for consistency and cris: each seed is
# checked against some profiles so that the three seeds cover all four in about three minutes.
@pytest.mark.slow
@pytest.mark.parametrize(("seed", "profiles"), [(1, ("core", "recommended")), (2, ("consistency",)), (3, ("cris",))])
def test_generated_releases_give_the_same_findings(seed, profiles):
    records = _generated(1000, seed)
    found = _same(records, profiles)
    assert found  # the generated releases lack what the non-core profiles ask for


# --- releases mutated to break each shape ----------------------------------------------------------------------

Mutation = Callable[[Graph, URIRef], None]


def _artifacts(g: Graph, r: URIRef) -> list:
    return sorted(g.objects(r, MLR.artifact))


def _weights(g: Graph, r: URIRef):
    final = URIRef(SCHEME + "artifact-type/model-parameters-final")
    return next(a for a in _artifacts(g, r) if (a, MLR.artifactType, final) in g)


def _set(g: Graph, s, p, o) -> None:
    g.remove((s, p, None))
    g.add((s, p, o))


def _license_where(predicate: URIRef, value) -> URIRef:
    from mlrelease.validation.profiles import reference_graph

    return sorted(s for s in reference_graph().subjects(predicate, value) if isinstance(s, URIRef))[0]


def _released(g: Graph, a) -> None:
    _set(g, a, MLR.artifactStatus, URIRef(SCHEME + "artifact-status/released"))


def _stage(g: Graph, r: URIRef, n: int, **dates: str) -> URIRef:
    stage = URIRef(f"{r}#stage/{n}")
    g.add((r, MLR.stage, stage))
    g.add((stage, RDF.type, MLR.ReleaseStage))
    g.add((stage, MLR.stageNumber, Literal(n)))
    for key, value in dates.items():
        predicate = SCHEMA.datePublished if key == "published" else MLR.plannedDate
        g.add((stage, predicate, Literal(value, datatype=XSD.date)))
    return stage


def _rail(g: Graph, r: URIRef) -> None:
    lic = URIRef(f"{r}#license/custom-rail")
    g.add((r, DCT.license, lic))
    g.add((lic, MLR.licenseFamily, URIRef(SCHEME + "license-family/open-rail")))
    g.remove((r, MLR.useRestriction, None))


def _flow_down(g: Graph, r: URIRef) -> None:
    derivation, base = URIRef(f"{r}#derivation"), URIRef(f"{r}#base-model")
    g.add((r, MLR.derivation, derivation))
    g.add((derivation, MLR.baseModel, base))
    g.add((derivation, DCT.license, _license_where(MLR.restrictionsFlowDown, Literal(True))))
    for a in [r, *_artifacts(g, r)]:
        g.remove((a, DCT.license, None))
    g.add((r, DCT.license, URIRef("https://spdx.org/licenses/MIT")))
    g.remove((r, MLR.useRestriction, None))


def _node(g: Graph, r: URIRef, link: URIRef, kind: URIRef, name: str, *facts: tuple[URIRef, object]) -> None:
    """Link a new node ``<r>#<name>`` of type ``kind`` to the release, with ``facts`` (issue 13 shapes)."""
    node = URIRef(f"{r}#{name}")
    g.add((r, link, node))
    g.add((node, RDF.type, kind))
    for p, o in facts:
        g.add((node, p, o if isinstance(o, (URIRef, Literal)) else Literal(o)))


MUTATIONS: dict[str, Mutation] = {
    # core
    "Release-name": lambda g, r: g.add((r, SCHEMA.name, Literal("A second name"))),
    "Release-version": lambda g, r: _set(g, r, SCHEMA.version, Literal(3)),
    "Release-datePublished": lambda g, r: _set(g, r, SCHEMA.datePublished, Literal("2021-02-30", datatype=XSD.date)),
    "Release-publisher": lambda g, r: _set(g, r, SCHEMA.publisher, Literal("Some lab")),
    "Release-accessTier": lambda g, r: _set(g, r, MLR.accessTier, URIRef("https://example.org/not-a-tier")),
    "Release-artifact": lambda g, r: g.add((r, MLR.artifact, URIRef(f"{r}#untyped-artifact"))),
    "ReleaseIdentityShape": lambda g, r: [g.remove((r, p, None)) for p in (SCHEMA.name, SCHEMA.identifier)],
    "ReleaseVersionOrDateShape": lambda g, r: [g.remove((r, p, None)) for p in (SCHEMA.version, SCHEMA.datePublished)],
    "ReleaseWeightsStatedShape": lambda g, r: g.remove((r, MLR.artifact, _weights(g, r))),
    "ReleasedArtifactLicenseShape": lambda g, r: [(g.remove((a, DCT.license, None)), g.remove((a, DCT.rights, None)))
                                                  for a in [r, *_artifacts(g, r)]],
    "Artifact-artifactType": lambda g, r: g.add((_weights(g, r), MLR.artifactType,
                                                 URIRef(SCHEME + "artifact-type/model-card"))),
    "Artifact-status": lambda g, r: g.remove((_weights(g, r), MLR.artifactStatus, None)),
    # recommended
    "Release-modelCard": lambda g, r: g.remove((r, MLR.modelCard, None)),
    "Release-contribution": lambda g, r: g.remove((r, MLR.contribution, None)),
    "Release-persistentIdentifier": lambda g, r: _set(g, r, MLR.persistentIdentifier, Literal("doi:10.1/x")),
    "Release-description": lambda g, r: g.remove((r, SCHEMA.description, None)),
    "ModelCardSectionsShape": lambda g, r: [g.remove((c, MLR.section, None)) for c in g.objects(r, MLR.modelCard)],
    "Contribution-agent": lambda g, r: [_set(g, c, MLR.agent, Literal("Jane Doe"))
                                        for c in g.objects(r, MLR.contribution)],
    "Contribution-role": lambda g, r: [_set(g, c, MLR.contributorRole, URIRef("https://example.org/role"))
                                       for c in g.objects(r, MLR.contribution)],
    "ReleasedWeightsChecksumShape": lambda g, r: (_released(g, _weights(g, r)),
                                                  g.remove((_weights(g, r), SPDX.checksum, None))),
    "ReleasedArtifactLicenseIdentifiedShape": lambda g, r: (
        [g.remove((a, DCT.license, None)) for a in [r, *_artifacts(g, r)]],
        g.add((r, DCT.rights, Literal("Example Lab Model Licence 3")))),
    "GenerativeRiskAssessmentShape": lambda g, r: (g.add((r, MLR.task, Literal("text-generation"))),
                                                   g.remove((r, MLR.riskAssessment, None))),
    # consistency
    "OpenSourceClaimShape": lambda g, r: (
        g.add((r, MLR.opennessClaim, URIRef(SCHEME + "openness-claim/open-source"))), _released(g, _weights(g, r)),
        _set(g, _weights(g, r), DCT.license, _license_where(MLR.hasFieldOfUseRestrictions, Literal(True)))),
    "OpenWeightsClaimShape": lambda g, r: (
        g.add((r, MLR.opennessClaim, URIRef(SCHEME + "openness-claim/open-weights"))),
        _set(g, _weights(g, r), MLR.artifactStatus, URIRef(SCHEME + "artifact-status/withheld"))),
    "GatedTierConditionsShape": lambda g, r: (_set(g, r, MLR.accessTier, URIRef(SCHEME + "access-tier/gated-manual")),
                                              g.remove((r, MLR.gate, None))),
    "FullyOpenTierShape": lambda g, r: (_set(g, r, MLR.accessTier, URIRef(SCHEME + "access-tier/fully-open")),
                                        _set(g, _weights(g, r), MLR.accessTier,
                                             URIRef(SCHEME + "access-tier/gated-manual"))),
    "RailRestrictionsStatedShape": _rail,
    "FlowDownCarriedShape": _flow_down,
    "StageOrderShape": lambda g, r: (_stage(g, r, 1, published="2024-05-01"), _stage(g, r, 2, published="2023-01-01")),
    "StagePastDueShape": lambda g, r: _stage(g, r, 7, planned="2020-01-01"),
    "PlannedArtifactPastDueShape": lambda g, r: (
        _set(g, _weights(g, r), MLR.artifactStatus, URIRef(SCHEME + "artifact-status/planned")),
        g.add((_weights(g, r), MLR.plannedDate, Literal("2020-06-01", datatype=XSD.date)))),
    "WithheldReasonShape": lambda g, r: (
        _set(g, _weights(g, r), MLR.artifactStatus, URIRef(SCHEME + "artifact-status/withheld")),
        g.remove((_weights(g, r), MLR.withheldReason, None))),
    "LicenseContentTypeShape": lambda g, r: (
        _released(g, _weights(g, r)),
        _set(g, _weights(g, r), DCT.license, URIRef("https://w3id.org/mlrelease/license/apple-ascl"))),
    "LicenseContentTypeInfoShape": lambda g, r: (
        _released(g, _weights(g, r)), _set(g, _weights(g, r), DCT.license, URIRef("https://spdx.org/licenses/MIT"))),
    # cris
    "Cris-persistentIdentifier": lambda g, r: g.remove((r, MLR.persistentIdentifier, None)),
    "Cris-datePublished": lambda g, r: g.remove((r, SCHEMA.datePublished, None)),
    "Cris-license": lambda g, r: g.add((r, DCT.license, Literal("MIT"))),
    "Cris-publisher": lambda g, r: _set(g, r, SCHEMA.publisher, URIRef("https://example.org/lab")),
    "CrisContributorIdShape": lambda g, r: [_set(g, c, MLR.agent, URIRef("https://example.org/people/jane"))
                                            for c in g.objects(r, MLR.contribution)],
    "CrisOutputTypeShape": lambda g, r: g.add((URIRef(f"{r}#untyped"), MLR.artifact, _weights(g, r))),
    "CrisAccessRightsShape": lambda g, r: _set(g, r, MLR.accessTier, URIRef("https://example.org/tier")),
    "CrisKnownLicenseShape": lambda g, r: g.add((r, DCT.license, URIRef("https://example.org/licenses/own"))),
    "Cris-funder": lambda g, r: _node(g, r, MLR.funding, MLR.Funding, "funding/m", (MLR.awardNumber, "1")),
    "CrisAwardShape": lambda g, r: _node(g, r, MLR.funding, MLR.Funding, "funding/m",
                                         (MLR.funder, URIRef("https://ror.org/0fndrx442"))),
    "Cris-projectName": lambda g, r: _node(g, r, MLR.project, MLR.Project, "projects/m",
                                           (SCHEMA.identifier, "P-1")),
    "CrisProjectIdShape": lambda g, r: _node(g, r, MLR.project, MLR.Project, "projects/m", (SCHEMA.name, "P")),
    "RelatedOutput-output": lambda g, r: _node(g, r, MLR.relatedOutput, MLR.RelatedOutput, "relatedOutputs/m",
                                               (MLR.outputRelation, URIRef(SCHEME + "output-relation/supersedes"))),
    "RelatedOutput-relationType": lambda g, r: _node(g, r, MLR.relatedOutput, MLR.RelatedOutput, "relatedOutputs/m",
                                                     (MLR.output, URIRef("https://example.org/paper"))),
    # An Info shape that announces what an importer inferred (issue 12): an inferred note fires it.
    "InferredValueShape": lambda g, r: (g.add((r, MLR.inferred, URIRef(f"{r}#inferred/0"))),
                                        g.add((URIRef(f"{r}#inferred/0"), MLR.inferredField, Literal("accessTier"))),
                                        g.add((URIRef(f"{r}#inferred/0"), MLR.inferredFrom, Literal("gated"))),
                                        g.add((URIRef(f"{r}#inferred/0"), MLR.inferenceRule,
                                               Literal("no gate: downloadable")))),
}


def _reporting_shapes(profile: str) -> set[str]:
    return {c.shape.rsplit("#", 1)[-1] for c in compiled_profile(profile).checks}


def test_there_is_a_mutation_for_every_shape():
    assert sorted(set().union(*map(_reporting_shapes, PROFILES)) - set(MUTATIONS)) == []


@pytest.mark.slow
def test_mutated_releases_give_the_same_findings_and_every_shape_fires():
    names = sorted(MUTATIONS)
    records = _generated(len(names) * 2, seed=4)
    data = Graph()
    for k, record in enumerate(records):
        g = Graph()
        g += record.graph
        MUTATIONS[names[k % len(names)]](g, URIRef(str(record.iri)))
        data += g
    found = _same(data)
    fired = {shape.rsplit("#", 1)[-1] for (_f, _p, shape, *_rest) in found}
    for profile in PROFILES:
        assert sorted(_reporting_shapes(profile) - fired) == [], profile


# --- the N-Triples path, without rdflib --------------------------------------------------------------------------


def test_the_ntriples_path_gives_the_same_report_as_validate():
    from mlrelease.validation.bulk import validate_ntriples

    data = Graph()
    for path in EXAMPLES + [p for p in FIXTURES if "invalid" in p.parts]:
        data += load_graph(path)[0]
    data += Graph().parse(data=_generated(30, seed=5)[0].graph.serialize(format="nt"), format="nt")
    expected = validate(data, PROFILES, engine=CompiledEngine())
    got = validate_ntriples(data.serialize(format="nt", encoding="utf-8"), PROFILES)
    key = lambda r: {(*k, f.profile) for f in r.findings for k in _key([f])}  # noqa: E731
    assert key(got) == key(expected)
    assert got.releases == expected.releases


@pytest.mark.parametrize("workers", [1, 2])
def test_chunks_in_worker_processes_give_the_report_of_validate(tmp_path, workers):
    """``validate_chunks``: each chunk (whole records) in its own store, in worker processes; the findings
    are those of ``validate`` on each chunk, its releases in the order of the chunks, whether chunks are text
    or files."""
    from mlrelease.validation.bulk import validate_chunks

    records = [load_graph(p)[0] for p in EXAMPLES + [p for p in FIXTURES if "invalid" in p.parts]]
    records += [r.graph for r in _generated(12, seed=6)]
    chunks: list = []
    expected_findings: list = []
    expected_releases: list = []
    for k in range(0, len(records), 5):
        data = Graph()
        for g in records[k:k + 5]:
            data += g
        report = validate(data, PROFILES, engine=CompiledEngine())
        expected_findings += [(*key, f.profile) for f in report.findings for key in _key([f])]
        expected_releases += report.releases
        text = data.serialize(format="nt", encoding="utf-8")
        if k % 10:
            chunks.append(text)
        else:
            path = tmp_path / f"chunk-{k}.nt"
            path.write_bytes(text)
            chunks.append(path)
    seen: list = []
    got = validate_chunks(chunks, PROFILES, workers=workers, on_progress=lambda done, total: seen.append((done, total)))
    # As a report of one call: the same finding from two chunks (fixtures that share a release IRI) is one.
    assert {(*key, f.profile) for f in got.findings for key in _key([f])} == set(expected_findings)
    assert got.releases == expected_releases and len(got.releases) >= 12
    assert {f.severity for f in got.findings} >= {"Violation", "Warning"}
    assert seen == [(k, len(chunks)) for k in range(1, len(chunks) + 1)]


def test_known_difference_sparql_errors_in_and():
    """The one difference found: rdflib (so pySHACL) makes ``error && false`` an error; SPARQL 1.1 and
    oxigraph make it false. Here an open-source release has a released artifact with no artifactType
    (already a core violation), licensed under a RAIL licence the catalogue does not know as OSI-approved:
    in mlrsh:OpenSourceClaimShape, ``?content != <code>`` is an error (?content unbound), so pySHACL
    drops the row and the compiled engine reports "is not OSI-approved"."""
    data = Graph().parse(data="""
        @prefix mlr: <https://w3id.org/mlrelease/vocab#> . @prefix dcterms: <http://purl.org/dc/terms/> .
        <https://example.org/r> a mlr:Release ; mlr:artifact <https://example.org/r#a> ;
            mlr:opennessClaim <https://w3id.org/mlrelease/scheme/openness-claim/open-source> .
        <https://example.org/r#a> a mlr:Artifact ; dcterms:license <https://example.org/rail> ;
            mlr:artifactStatus <https://w3id.org/mlrelease/scheme/artifact-status/released> .
        <https://example.org/rail> mlr:licenseFamily <https://w3id.org/mlrelease/scheme/license-family/open-rail> .
    """, format="turtle")
    shape = "https://w3id.org/mlrelease/shapes#OpenSourceClaimShape"
    reference = [f for f in validate(data, ["consistency"], engine=PyShaclEngine()).findings if f.shape == shape]
    compiled = [f for f in validate(data, ["consistency"], engine=CompiledEngine()).findings if f.shape == shape]
    assert reference == []
    assert [f.message.split(": remove")[0] for f in compiled] == [
        "The release calls itself open source, but the licence https://example.org/rail of its released artifact "
        "https://example.org/r#a is not OSI-approved"]


# --- harvest: a batch's N-Triples validated at once, each record keeps its own outcome ------------------------


def test_harvest_batches_give_each_mutated_release_its_record_by_record_outcome(tmp_path):
    """A harvest validates a chunk's N-Triples text in one call (``validation.bulk``); every release, each
    broken by one mutation (all four profiles, so every shape fires), gets the outcome and messages that
    validating its record alone with :func:`mlrelease.validate` gives (the rdflib graph path)."""
    from mlrelease.harvest import HarvestOptions, harvest
    from mlrelease.store import EmbeddedStore

    names = sorted(MUTATIONS)
    for k, record in enumerate(_generated(len(names) + 6, seed=5)):
        g = Graph()
        g += record.graph
        if k < len(names):
            MUTATIONS[names[k]](g, URIRef(str(record.iri)))
        (tmp_path / f"r{k:03}.nt").write_text(g.serialize(format="nt"), encoding="utf-8")

    def one_by_one(record, profiles=PROFILES):  # not mlrelease.validate itself: called record by record
        return validate(record, profiles)

    def outcomes(validator) -> set[tuple]:
        options = HarvestOptions(reference=False, profiles=PROFILES,
                                 **({"validator": validator} if validator is not None else {}))
        summary = harvest([str(tmp_path)], EmbeddedStore(), options)
        return {(o.release, o.status, tuple(o.messages)) for o in summary.outcomes}

    batched, alone = outcomes(None), outcomes(one_by_one)
    assert sorted(batched - alone) == [] and sorted(alone - batched) == []
    assert {status for _r, status, _m in batched} == {"new", "invalid"}
