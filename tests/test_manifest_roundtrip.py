"""Manifests convert to RDF and back losslessly, deterministically, and as JSON-LD itself would."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pyld import jsonld
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

import mlrelease
from mlrelease.codecs.manifest_rdf import graph_to_manifest, iri_problem
from mlrelease.codecs.rdf import jsonld_to_graph
from mlrelease.errors import InputError
from mlrelease.vocabulary import context

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def doc_example(tmp_path: Path) -> Path:
    """The complete annotated example of docs/manifest.md, as a file."""
    text = (ROOT / "docs" / "manifest.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, re.S).group(1)
    path = tmp_path / "doc-example.yaml"
    path.write_text(block, encoding="utf-8")
    return path


#: Native numbers, which JSON-LD 1.1 types by value: an integral number below 10^21 is an xsd:integer,
#: any other a canonical xsd:double (API, "Object to RDF conversion"); `percent` has the range
#: xsd:decimal and keeps it; a quoted number is text.
NUMBERS_MANIFEST = """\
identifier: example-org/numbers
version: "1.0"
evaluationResults:
  - {metric: integral-float, value: 67.0}
  - {metric: integer, value: 67}
  - {metric: fraction, value: 0.612}
  - {metric: negative-zero, value: -0.0}
  - {metric: integral-float-below-1e21, value: 1e20}
  - {metric: 1e21, value: 1e21}
  - {metric: integer-of-1e21, value: 1000000000000000000000}
  - {metric: large, value: -1.5e300}
  - {metric: small, value: 1e-7}
  - {metric: text-like-a-number, value: "1e5"}
  - {metric: flag, value: true}
openness:
  progress:
    - {opennessClass: mof-class-1, percent: 67.0}
    - {opennessClass: mof-class-2, percent: 66.670}
"""


def numbers_example(tmp_path: Path) -> Path:
    path = tmp_path / "numbers.yaml"
    path.write_text(NUMBERS_MANIFEST, encoding="utf-8")
    return path


def manifests(tmp_path: Path) -> list[Path]:
    return [doc_example(tmp_path), numbers_example(tmp_path), *EXAMPLES]


def test_doc_example_converts_and_reads_back(tmp_path):
    rec = mlrelease.load(doc_example(tmp_path))
    assert str(rec.iri) == "https://huggingface.co/example-org/example-7b/v1.0"
    assert rec.access_tier == "gated-manual"
    assert rec.version == "1.0"
    assert {a.artifact_type: a.status for a in rec.artifacts} == {
        "model-parameters-final": "released", "inference-code": "released",
        "datasets": "withheld", "model-parameters-intermediate": "planned",
    }
    code = next(a for a in rec.artifacts if a.artifact_type == "inference-code")
    weights = next(a for a in rec.artifacts if a.artifact_type == "model-parameters-final")
    assert code.effective_licenses == ["MIT"]
    assert weights.effective_licenses == ["Apache-2.0"]  # inherited from the release


@pytest.mark.parametrize("fmt", ["yaml", "json", "jsonld", "turtle", "ntriples"])
def test_round_trip_through_every_format(tmp_path, fmt):
    for path in manifests(tmp_path):
        rec = mlrelease.load(path)
        text = mlrelease.dump(rec, fmt)
        back = mlrelease.load(text, format=fmt)
        assert back.iri == rec.iri, path.name
        assert isomorphic(back.graph, rec.graph), f"{path.name} via {fmt}"
        # manifest -> RDF -> manifest gives back the same data
        assert back.to_manifest() == rec.to_manifest(), f"{path.name} via {fmt}"


def test_manifest_written_back_is_a_fixed_point(tmp_path):
    for path in manifests(tmp_path):
        once = mlrelease.dump(mlrelease.load(path), "yaml")
        twice = mlrelease.dump(mlrelease.load(once, format="yaml"), "yaml")
        assert once == twice, path.name


def test_codec_agrees_with_a_json_ld_processor(tmp_path):
    """Applying the bundled context with PyLD gives the same graph as our direct codec."""
    ctx = context()["@context"]
    for path in manifests(tmp_path):
        rec = mlrelease.load(path)
        explicit = graph_to_manifest(rec.graph, rec.iri, keep_ids=True)
        doc = {"@context": ctx, **explicit}
        nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
        reference = Graph().parse(data=nquads, format="nquads")
        ours = Graph()
        ours += rec.graph
        assert isomorphic(reference, ours), path.name


def test_jsonld_output_is_read_by_a_json_ld_processor_offline(tmp_path):
    for path in (doc_example(tmp_path), numbers_example(tmp_path)):
        rec = mlrelease.load(path)
        doc = json.loads(mlrelease.dump(rec, "jsonld"))
        assert isinstance(doc["@context"], dict), "the context is inline: no fetch needed"
        assert isomorphic(jsonld_to_graph(doc), rec.graph), path.name
        reference = Graph().parse(data=jsonld.to_rdf(doc, {"format": "application/n-quads"}), format="nquads")
        assert isomorphic(reference, rec.graph), f"{path.name}: PyLD reads our JSON-LD as the same graph"


XSD = "http://www.w3.org/2001/XMLSchema#"
#: A JSON number and how JSON-LD 1.1 writes it in RDF (datatype, value).
NATIVE_NUMBERS = [
    ("67.0", "integer", 67), ("67", "integer", 67), ("-3", "integer", -3), ("0.0", "integer", 0),
    ("-0.0", "integer", 0), ("2.5", "double", 2.5), ("0.612", "double", 0.612), ("1e-7", "double", 1e-7),
    ("1e20", "integer", 10**20), ("99999999999999991611392", "double", 1e23),
    ("1e21", "double", 1e21), ("1E21", "double", 1e21), ("-1e21", "double", -1e21),
    ("1000000000000000000000", "double", 1e21),
    ("123456789012345678901234", "double", 1.234567890123457e23),  # 16 digits: JSON-LD's canonical form
    ("9007199254740993", "integer", 9007199254740993), ("1.5e300", "double", 1.5e300),
]


@pytest.mark.parametrize("syntax", ["json", "yaml"])
@pytest.mark.parametrize(("number", "datatype", "value"), NATIVE_NUMBERS, ids=[n[0] for n in NATIVE_NUMBERS])
def test_native_numbers_are_typed_as_a_json_ld_processor_types_them(number, datatype, value, syntax):
    """Differential: the same document through PyLD and through our codec gives the same graph."""
    doc = json.loads('{"identifier": "org/numbers", "version": "1.0", '
                     f'"evaluationResults": [{{"metric": "accuracy", "value": {number}}}]}}')
    text = json.dumps(doc) if syntax == "json" else (
        f"identifier: org/numbers\nversion: '1.0'\nevaluationResults:\n  - metric: accuracy\n    value: {number}\n")
    if syntax == "json":
        text = text.replace(json.dumps(doc["evaluationResults"][0]["value"]), number)  # the number as written
    rec = mlrelease.load(text, format=syntax)
    (literal,) = rec.graph.objects(None, URIRef("https://w3id.org/mlrelease/vocab#metricValue"))
    assert (str(literal.datatype), literal.toPython()) == (XSD + datatype, value)

    explicit = {"@context": context()["@context"], "id": str(rec.iri), "type": "Release", **doc}
    explicit["evaluationResults"][0].update(id=f"{rec.iri}#evaluationResults/1", type="EvaluationResult")
    reference = Graph().parse(data=jsonld.to_rdf(explicit, {"format": "application/n-quads"}), format="nquads")
    ours = Graph()
    ours += rec.graph
    assert isomorphic(reference, ours)
    # and back: the manifest holds the number, which reads back as the same literal in every format
    assert rec.to_manifest()["evaluationResults"][0]["value"] == value
    for fmt in ("yaml", "json", "jsonld", "turtle", "ntriples"):
        assert isomorphic(mlrelease.load(mlrelease.dump(rec, fmt), format=fmt).graph, rec.graph), fmt


def test_a_range_typed_number_keeps_its_datatype(tmp_path):
    """`percent` has the range xsd:decimal: 67.0 stays the decimal 67.0 as written, not an integer."""
    rec = mlrelease.load(numbers_example(tmp_path))
    percent = URIRef("https://w3id.org/mlrelease/vocab#progressPercent")
    assert sorted((str(o), str(o.datatype)) for o in rec.graph.objects(None, percent)) == [
        ("66.670", XSD + "decimal"), ("67.0", XSD + "decimal")]
    assert [p["percent"] for p in rec.to_manifest()["openness"]["progress"]] == ["67.0", "66.670"]


RDF_NUMBERS = """\
@prefix mlr: <https://w3id.org/mlrelease/vocab#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/r> a mlr:Release ; mlr:evaluationResult <https://example.org/r#e> .
<https://example.org/r#e> a mlr:EvaluationResult ;
    mlr:metricValue "6.7E1"^^xsd:double, "1000000000000000000000"^^xsd:integer, "1e5", 0.1234567891234567e0 .
"""


def test_rdf_numbers_that_are_not_native_survive_a_manifest():
    """An integral xsd:double, an xsd:integer of 10^21 or more, a string that looks like a number: each
    would change type as a native number, so the manifest writes it as a value object or a quoted string;
    and a double keeps all its digits in Turtle."""
    rec = mlrelease.load(RDF_NUMBERS, format="turtle")
    (result,) = rec.to_manifest()["evaluationResults"]
    assert sorted(map(str, result["value"])) == sorted(map(str, [
        {"@value": "67.0", "@type": "xsd:double"}, {"@value": "1000000000000000000000", "@type": "xsd:integer"},
        "1e5", 0.1234567891234567]))
    for out in ("yaml", "json", "jsonld", "turtle", "ntriples"):
        back = mlrelease.load(mlrelease.dump(rec, out), format=out)
        assert isomorphic(back.graph, rec.graph), out
    doc = json.loads(mlrelease.dump(rec, "jsonld"))
    reference = Graph().parse(data=jsonld.to_rdf(doc, {"format": "application/n-quads"}), format="nquads")
    assert isomorphic(reference, rec.graph)


@pytest.mark.parametrize("text", ["value: 1e400", "value: -1e400"])
def test_a_number_json_ld_cannot_hold_is_refused_with_its_location(tmp_path, text):
    path = tmp_path / "m.yaml"
    path.write_text(f"identifier: org/m\nevaluationResults:\n  - metric: accuracy\n    {text}\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        mlrelease.load(path)
    assert str(info.value).startswith(f"{path}:4: field evaluationResults[0].value: ")
    assert "not a finite number" in str(info.value) and "hint: quote it" in str(info.value)


def test_value_objects_with_native_numbers_follow_json_ld():
    rec = mlrelease.load('{"identifier": "org/m", "evaluationResults": [{"metric": "a", "value": '
                         '[{"@value": 67.0}, {"@value": 2, "@type": "xsd:double"}, {"@value": "7.50", '
                         '"@type": "xsd:decimal"}]}]}', format="json")
    values = rec.graph.objects(None, URIRef("https://w3id.org/mlrelease/vocab#metricValue"))
    assert sorted((o.datatype[len(XSD):], o.toPython()) for o in values) == [
        ("decimal", Decimal("7.50")), ("double", 2.0), ("integer", 67)]


def test_yaml_does_not_coerce_values(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(
        "identifier: org/m\nversion: 1.10\nname: 'NO'\nkeywords: [yes, on, 2024-01-01]\n"
        "gate:\n  excludedRegions: [NO, EU]\n", encoding="utf-8")
    rec = mlrelease.load(path)
    manifest = rec.to_manifest()
    assert manifest["version"] == "1.10"
    assert manifest["name"] == "NO"
    assert manifest["keywords"] == ["2024-01-01", "on", "yes"]
    assert manifest["gate"]["excludedRegions"] == ["EU", "NO"]
    assert "version: '1.10'" in mlrelease.dump(rec, "yaml")


def test_iris_are_stable_and_never_blank(tmp_path):
    for path in manifests(tmp_path):
        rec = mlrelease.load(path)
        blank = [t for t in rec.graph if any(type(n).__name__ == "BNode" for n in t)]
        assert blank == [], path.name
        again = mlrelease.load(path)
        assert set(rec.graph) == set(again.graph), "two conversions give the same IRIs"


def test_release_iri_derived_from_identifier_and_version():
    rec = mlrelease.load("identifier: bigscience/bloom\nversion: '1.0'\nartifacts:\n"
                         "  - artifactType: model-card\n  - artifactType: model-card\n", format="yaml")
    assert str(rec.iri) == "https://w3id.org/mlrelease/id/bigscience%2Fbloom/1.0"
    assert [str(a.iri) for a in rec.artifacts] == [
        f"{rec.iri}#artifact/model-card", f"{rec.iri}#artifact/model-card-2"]
    assert "id" not in rec.to_manifest(), "a derived IRI is left out again"


@pytest.mark.parametrize(("identifier", "version", "tail"), [
    ("Pile-T5 XXL", None, "Pile-T5%20XXL"),  # a Model Openness Framework file name
    ("org/model#2", "1.0 beta", "org%2Fmodel%232/1.0%20beta"),
    ("org/m", "2025-01-01", "org%2Fm/2025-01-01"),
])
def test_identifiers_are_percent_encoded_into_valid_iris(identifier, version, tail):
    """Spaces, '#' and '/' in an identifier or version are percent-encoded: the derived IRI is valid."""
    text = json.dumps({"identifier": identifier, **({"version": version} if version else {}),
                       "artifacts": [{"artifactType": "model-card"}]})
    rec = mlrelease.load(text, format="json")
    assert str(rec.iri) == f"https://w3id.org/mlrelease/id/{tail}"
    assert iri_problem(str(rec.iri)) is None
    assert [str(a.iri) for a in rec.artifacts] == [f"{rec.iri}#artifact/model-card"]
    assert "id" not in rec.to_manifest()


@pytest.mark.parametrize("fmt", ["yaml", "jsonld", "turtle", "ntriples"])
def test_convert_twice_is_byte_identical(tmp_path, fmt):
    """Two separate processes converting the same input write the same bytes."""
    src = doc_example(tmp_path)
    outputs = []
    for n in range(2):
        out = tmp_path / f"out{n}.{fmt}"
        proc = subprocess.run([sys.executable, "-m", "mlrelease", "convert", str(src), "--to", fmt, "-o", str(out)],
                              capture_output=True, text=True, timeout=120, check=False)
        assert proc.returncode == 0, proc.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


DATASETS = """\
identifier: org/m
version: "1"
artifacts:
  - artifactType: datasets
    status: released
    url: https://example.org/corpus
trainingData:
  - https://example.org/plain
  - id: https://example.org/corpus
    name: Corpus
    description: Public-domain books.
    collectionDate: 2024-06-30
evaluationResults:
  - task: text-generation
    metric: accuracy
    value: 0.5
    evaluationData: [https://example.org/corpus]
"""


@pytest.mark.parametrize("fmt", ["yaml", "json", "jsonld", "turtle", "ntriples"])
def test_described_datasets_round_trip_and_iris_alone_stay_iris(fmt):
    from mlrelease.terms import MLR, SCHEMA

    rec = mlrelease.load(DATASETS, format="yaml")
    corpus = URIRef("https://example.org/corpus")
    assert (corpus, URIRef(str(SCHEMA.name)), None) in rec.graph
    assert str(rec.graph.value(corpus, MLR.collectionDate)) == "2024-06-30"
    back = mlrelease.load(mlrelease.dump(rec, fmt), format=fmt).to_manifest()
    # The description sits under trainingData (not under the artifact's url, which names the same
    # IRI); a dataset named by IRI alone stays an IRI; elsewhere the described dataset is an IRI.
    assert back["trainingData"] == [{"id": "https://example.org/corpus", "name": "Corpus",
                                     "description": "Public-domain books.", "collectionDate": "2024-06-30"},
                                    "https://example.org/plain"]
    assert back["artifacts"][0]["url"] == "https://example.org/corpus"
    assert back["evaluationResults"][0]["evaluationData"] == ["https://example.org/corpus"]


def test_a_dataset_given_by_iri_alone_reads_as_before():
    rec = mlrelease.load("identifier: org/m\ntrainingData: [https://example.org/plain]\n", format="yaml")
    assert sorted(map(str, rec.graph.objects(URIRef("https://example.org/plain"), None))) == []
    assert rec.to_manifest()["trainingData"] == ["https://example.org/plain"]


def test_a_collection_date_must_be_a_date():
    with pytest.raises(InputError, match="collectionDate must be a date"):
        mlrelease.load("identifier: org/m\ntrainingData:\n"
                       "  - {id: https://example.org/c, collectionDate: spring 2023}\n", format="yaml")
