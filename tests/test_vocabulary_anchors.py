"""The concept schemes cover what the anchors define (read from ../shared/corpus)."""

from __future__ import annotations

import csv
import json

import yaml
from rdflib import SKOS, Namespace, URIRef

MLR = Namespace("https://w3id.org/mlrelease/vocab#")


def test_every_mof_component_is_an_artifact_type(vocab, corpus):
    settings = yaml.safe_load(
        (corpus / "mof/web/modules/mof/config/install/mof.settings.yml").read_text(encoding="utf-8")
    )
    components = settings["components"]
    assert len(components) == 17
    g = vocab.graph
    by_id = {}
    for c in vocab.scheme("artifact-type").concepts:
        mof_id = g.value(URIRef(c.iri), MLR.mofComponentId)
        if mof_id is not None:
            by_id[int(mof_id)] = c
    assert sorted(by_id) == sorted(c["id"] for c in components)
    classes = {1: "mof-class-1", 2: "mof-class-2", 3: "mof-class-3"}
    for comp in components:
        concept = URIRef(by_id[comp["id"]].iri)
        assert str(g.value(concept, MLR.mofClass)).endswith(classes[comp["class"]]), comp["name"]
        assert bool(g.value(concept, MLR.mofRequired).toPython()) == comp["required"], comp["name"]
        content = str(g.value(concept, MLR.contentType)).rsplit("/", 1)[-1]
        assert content == {"document": "documentation"}.get(comp["content_type"], comp["content_type"])


def test_all_credit_roles_with_niso_iris(vocab, corpus):
    with (corpus / "credit/credit.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) == 14
    roles = vocab.scheme("contributor-role").by_notation()
    assert set(roles) == {r["identifier"] for r in rows}
    for row in rows:
        concept = roles[row["identifier"]]
        assert concept.label == row["name"]
        niso = f"https://credit.niso.org/contributor-roles/{row['identifier']}/"
        assert (str(SKOS.exactMatch), niso) in concept.mappings
        close = [t for p, t in concept.mappings if p == str(SKOS.closeMatch)]
        assert any("casrai" in t for t in close), f"{concept.iri}: no CASRAI closeMatch"
        assert any(t.startswith("http://purl.org/credit/ontology#") for t in close), concept.iri


def test_every_rail_clause_is_a_use_restriction_with_its_domain(vocab, corpus):
    clauses = json.loads((corpus / "rail/app/app/data/initial_restrictions.json").read_text(encoding="utf-8"))
    g = vocab.graph
    concepts = vocab.scheme("use-restriction").concepts
    assert len(concepts) == len(clauses)
    domains = vocab.scheme("use-restriction-domain").by_notation()
    rail_domains = {c["domain"].lower() for c in clauses}
    assert rail_domains <= set(domains)
    texts = {str(g.value(URIRef(c.iri), MLR.clauseText)) for c in concepts}
    assert {c["text"].replace("\\'", "'") for c in clauses} == texts
    for c in concepts:
        domain = g.value(URIRef(c.iri), MLR.restrictionDomain)
        assert domain is not None and str(domain) in {d.iri for d in domains.values()}, c.iri


def test_hf_base_model_relations_are_lineage_relations(vocab, corpus):
    """Each value Hugging Face infers for base_model_relation names one lineage concept."""
    text = (corpus / "hf-docs/docs/hub/model-cards.md").read_text(encoding="utf-8")
    values = ("adapter", "merge", "quantized", "finetune")
    assert all(f'"{v}"' in text for v in values), "the HF docs changed: update this list"
    g = vocab.graph
    for value in values:
        matches = [
            c.notation
            for c in vocab.scheme("lineage-relation").concepts
            if value == c.notation
            or value in {str(x) for x in g.objects(URIRef(c.iri), SKOS.hiddenLabel)}
            or value in c.alt_labels
        ]
        assert len(matches) == 1, f"HF base_model_relation {value!r} matches {matches}"
