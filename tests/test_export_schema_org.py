"""The ``schema-org`` export (issue 13): schema.org and FAIR4ML JSON-LD that parses offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

import mlrelease
from mlrelease.exports.schema_org import FAIR4ML
from mlrelease.licenses import catalog

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))
S = "https://schema.org/"


def parse(text: str) -> Graph:
    # The context is inline: rdflib's JSON-LD parser needs no network (sockets are blocked here).
    return Graph().parse(data=text, format="json-ld")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_exports_and_keeps_its_key_facts(path):
    record = mlrelease.load(path=path)
    text = mlrelease.dump(record, "schema-org")
    assert json.loads(text)["@context"]["@vocab"] == S
    g = parse(text)
    release = URIRef(str(record.iri))
    assert (release, URIRef(S + "name"), Literal(record.name)) in g
    assert (release, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(FAIR4ML + "MLModel")) in g
    if record.version:
        assert (release, URIRef(S + "version"), Literal(record.version)) in g
    if record.publisher:
        assert (release, URIRef(S + "publisher"), URIRef(record.publisher)) in g
    for code in record.licenses:
        lic = catalog()[code]
        assert (release, URIRef(S + "license"), URIRef(lic.url or lic.iri)) in g
    if record.date_published:
        assert str(g.value(release, URIRef(S + "datePublished"))) == record.date_published.isoformat()
    assert g.value(release, URIRef(S + "conditionsOfAccess")) is not None


def test_export_is_deterministic_and_names_what_it_leaves_out():
    record = mlrelease.load(path=EXAMPLES[0])
    assert mlrelease.dump(record, "schema-org") == mlrelease.dump(mlrelease.load(path=EXAMPLES[0]), "schema-org")
    warnings = mlrelease.export(record, "schema-org").warnings
    assert any(w.startswith("contributions: lost in schema-org") for w in warnings)
    assert not any(w.startswith("name:") for w in warnings)


def test_convert_offers_schema_org_and_warns_of_what_it_leaves_out(tmp_path, capsys):
    from mlrelease.cli import main

    out = tmp_path / "olmo.jsonld"
    assert main(["convert", str(EXAMPLES[0]), "--to", "schema-org", "-o", str(out)]) == 0
    assert parse(out.read_text(encoding="utf-8"))
    assert "warning: contributions: lost in schema-org" in capsys.readouterr().err
