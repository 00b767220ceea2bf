"""Manifests convert to RDF and back losslessly, deterministically, and as JSON-LD itself would."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pyld import jsonld
from rdflib import Graph
from rdflib.compare import isomorphic

import mlrelease
from mlrelease.codecs.manifest_rdf import graph_to_manifest
from mlrelease.codecs.rdf import jsonld_to_graph
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


def manifests(tmp_path: Path) -> list[Path]:
    return [doc_example(tmp_path), *EXAMPLES]


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
    rec = mlrelease.load(doc_example(tmp_path))
    doc = json.loads(mlrelease.dump(rec, "jsonld"))
    assert isinstance(doc["@context"], dict), "the context is inline: no fetch needed"
    assert isomorphic(jsonld_to_graph(doc), rec.graph)


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
