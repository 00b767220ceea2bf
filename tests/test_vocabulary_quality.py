"""Quality checks on the vocabulary: labels, definitions, SKOS integrity, header, context terms."""

from __future__ import annotations

import re

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Literal, Namespace, URIRef

from mlrelease import VOCAB_VERSION
from mlrelease.iris import MLR_NS, PREFIXES, SCHEME_BASE, VOCAB_IRI
from mlrelease.vocabulary import MAPPING_PROPERTIES

VANN = Namespace("http://purl.org/vocab/vann/")
DCTERMS = Namespace("http://purl.org/dc/terms/")

REQUIRED_SCHEMES = {
    "artifact-type", "artifact-status", "access-tier", "gating-condition", "license-family",
    "content-type", "use-restriction-domain", "use-restriction", "risk-level", "hazard-category",
    "model-card-section", "lineage-relation", "contributor-role", "contribution-degree",
    "openness-class", "openness-claim",
}


def _one_sentence(text: str) -> bool:
    return bool(text) and text[0].isupper() and text.rstrip().endswith((".", ".)"))


def test_ontology_header(vocab):
    g = vocab.graph
    onto = URIRef(VOCAB_IRI)
    assert (onto, RDF.type, OWL.Ontology) in g
    assert g.value(onto, OWL.versionIRI) == URIRef(f"{VOCAB_IRI}/{VOCAB_VERSION}")
    assert str(g.value(onto, OWL.versionInfo)) == VOCAB_VERSION
    assert g.value(onto, DCTERMS.license) is not None
    assert g.value(onto, DCTERMS.creator) is not None
    assert str(g.value(onto, VANN.preferredNamespacePrefix)) == "mlr"
    assert str(g.value(onto, VANN.preferredNamespaceUri)) == MLR_NS


def test_every_term_has_label_definition_and_defined_by(vocab):
    problems = []
    for term in vocab.terms.values():
        if not term.label:
            problems.append(f"{term.iri}: no rdfs:label@en")
        if not _one_sentence(term.definition):
            problems.append(f"{term.iri}: skos:definition@en missing or not one sentence: {term.definition!r}")
        if not term.defined_by:
            problems.append(f"{term.iri}: no rdfs:isDefinedBy")
        elif term.is_own and term.defined_by != VOCAB_IRI:
            problems.append(f"{term.iri}: rdfs:isDefinedBy is {term.defined_by}, not {VOCAB_IRI}")
    assert problems == []


def test_every_mlr_iri_used_is_declared(vocab):
    """No undefined mlr: term is used anywhere in the vocabulary (schemes included)."""
    g = vocab.graph
    used = {str(n) for t in g for n in t if isinstance(n, URIRef) and str(n).startswith(MLR_NS)}
    assert sorted(used - set(vocab.terms)) == []


def test_required_schemes_exist(vocab):
    assert set(vocab.schemes) >= REQUIRED_SCHEMES


def test_every_concept_is_complete(vocab):
    g = vocab.graph
    problems = []
    in_some_scheme = set()
    for slug, scheme in vocab.schemes.items():
        assert scheme.label and _one_sentence(scheme.definition), slug
        assert g.value(URIRef(scheme.iri), RDFS.isDefinedBy) == URIRef(VOCAB_IRI), slug
        assert scheme.concepts, f"scheme {slug} has no concepts"
        assert any(c.top for c in scheme.concepts), f"scheme {slug} has no top concept"
        for c in scheme.concepts:
            in_some_scheme.add(c.iri)
            node = URIRef(c.iri)
            if (node, RDF.type, SKOS.Concept) not in g:
                problems.append(f"{c.iri}: not a skos:Concept")
            if not any(lbl.language == "en" for lbl in g.objects(node, SKOS.prefLabel)):
                problems.append(f"{c.iri}: no skos:prefLabel@en")
            if not c.definition:
                problems.append(f"{c.iri}: no skos:definition@en")
            if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.notation):
                problems.append(f"{c.iri}: notation {c.notation!r} is not kebab-case")
            if c.iri != f"{SCHEME_BASE}{slug}/{c.notation}":
                problems.append(f"{c.iri}: IRI does not end with its scheme and notation {c.notation!r}")
            if g.value(node, RDFS.isDefinedBy) != URIRef(VOCAB_IRI):
                problems.append(f"{c.iri}: no rdfs:isDefinedBy {VOCAB_IRI}")
    all_concepts = {str(s) for s in g.subjects(RDF.type, SKOS.Concept)}
    problems += [f"{c}: concept in no mlrelease scheme" for c in sorted(all_concepts - in_some_scheme)]
    assert problems == []


def test_no_duplicate_notations_or_labels_in_a_scheme(vocab):
    g = vocab.graph
    for slug, scheme in vocab.schemes.items():
        notations = [str(n) for c in scheme.concepts for n in g.objects(URIRef(c.iri), SKOS.notation)]
        assert len(notations) == len(set(notations)), f"{slug}: duplicate notations"
        labels = [c.label.lower() for c in scheme.concepts]
        assert len(labels) == len(set(labels)), f"{slug}: duplicate prefLabels"


def test_mappings_point_to_iris(vocab):
    g = vocab.graph
    bad = [
        (str(s), str(p), str(o))
        for p in MAPPING_PROPERTIES
        for s, o in g.subject_objects(p)
        if isinstance(o, (Literal, BNode)) or not re.match(r"^https?://", str(o))
    ]
    assert bad == []


def test_broader_and_narrower_agree_and_stay_in_scheme(vocab):
    g = vocab.graph
    for narrower, broader in g.subject_objects(SKOS.broader):
        assert set(g.objects(narrower, SKOS.inScheme)) & set(g.objects(broader, SKOS.inScheme)), (
            f"{narrower} broader {broader} crosses schemes"
        )
    for broader, narrower in g.subject_objects(SKOS.narrower):
        assert (narrower, SKOS.broader, broader) in g, f"{broader} narrower {narrower} without broader"
    for narrower, broader in g.subject_objects(SKOS.broader):
        assert (broader, SKOS.narrower, narrower) in g, f"{narrower} broader {broader} without narrower"


def _expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES else curie


def test_context_uses_only_defined_terms(vocab):
    from mlrelease.vocabulary import context

    ctx = context()["@context"]
    undefined = []
    for key, definition in ctx.items():
        if key.startswith("@") or key in PREFIXES or key in ("id", "type"):
            continue
        iri = _expand(definition if isinstance(definition, str) else definition["@id"])
        if iri not in vocab.terms:
            undefined.append((key, iri))
        if isinstance(definition, dict) and definition.get("@type") == "@vocab":
            scoped = definition["@context"]["@vocab"]
            if scoped.startswith(SCHEME_BASE):
                assert scoped.rstrip("/")[len(SCHEME_BASE):] in vocab.schemes, (key, scoped)
    assert undefined == []


def test_every_value_scheme_exists(vocab):
    for term in vocab.terms.values():
        if term.value_scheme:
            assert term.value_scheme[len(SCHEME_BASE):] in vocab.schemes, term.iri


def test_manifest_keys_are_unique(vocab):
    keys = [t.key for t in vocab.terms.values() if t.key]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    ("slug", "notations"),
    [
        ("access-tier", {"fully-closed", "staged", "hosted", "api", "downloadable", "fully-open",
                          "gated-automatic", "gated-manual"}),
        ("artifact-status", {"released", "withheld", "planned"}),
        ("risk-level", {"serious", "high", "medium", "low"}),
        ("lineage-relation", {"fine-tune", "adapter", "quantization", "merge"}),
        ("openness-class", {"mof-class-1", "mof-class-2", "mof-class-3"}),
        ("contribution-degree", {"lead", "equal", "supporting"}),
        ("artifact-type", {"tokenizer", "configuration", "adapter"}),
    ],
)
def test_scheme_has_the_codes_manifests_use(vocab, slug, notations):
    assert notations <= set(vocab.scheme(slug).by_notation())


def test_risk_levels_match_spdx3(vocab):
    spdx = "https://spdx.org/rdf/3.0.1/terms/AI/SafetyRiskAssessmentType/"
    for c in vocab.scheme("risk-level").concepts:
        assert (str(SKOS.exactMatch), spdx + c.notation) in c.mappings, c.iri


def test_osaid_elements_are_artifact_types(vocab):
    types = vocab.scheme("artifact-type").by_notation()
    osaid = [n for n in types if n.startswith("osaid-")]
    assert len(osaid) == 3, osaid
