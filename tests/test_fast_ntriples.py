"""The fast path from manifests to N-Triples (``mlrelease.io.load_ntriples``: no rdflib graph) gives
byte-identical canonical N-Triples to the reference path (``load_graph`` then ``canonical_ntriples``),
and the same located errors: on the examples, the golden inputs, the corpus (MOF manifests, Hugging
Face cards) and 3,000 generated releases from three seeds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mlrelease.codecs.ntriples import canonical_ntriples
from mlrelease.errors import MlreleaseError
from mlrelease.io import load_graph, load_ntriples

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
GOLDEN = sorted(p for suite in ("bad-input", "huggingface", "mof", "examples")
                for p in (ROOT / "tests" / "golden" / suite).glob("*/input.*"))


def _same(**kwargs) -> str:
    """Both paths on one document: the same text, or the same error."""
    try:
        expected = canonical_ntriples(load_graph(**kwargs)[0])
    except MlreleaseError as exc:
        with pytest.raises(type(exc)) as raised:
            load_ntriples(**kwargs)
        assert str(raised.value) == str(exc)
        return ""
    got = load_ntriples(**kwargs)
    assert got == expected
    return got


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples(path):
    assert _same(path=path)


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_golden_inputs_give_the_same_text_or_the_same_error(path):
    _same(path=path)


@pytest.mark.corpus
def test_mof_corpus(corpus):
    files = sorted((corpus / "mof" / "models").glob("*.y*ml"))
    assert len(files) == 273
    for path in files:
        assert _same(path=path)


@pytest.mark.corpus
def test_hugging_face_cards(corpus):
    cards = sorted((corpus / "hf-hub").rglob("*.md"))
    assert len(cards) == 10
    for path in cards:
        _same(path=path, identifier=f"example-org/{path.stem.replace('_', '-')}")


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_releases(seed):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from _generate import manifest, to_yaml
    finally:
        sys.path.remove(str(ROOT / "bench"))
    for i in range(1000):
        text = to_yaml(manifest(i, seed), i)
        assert _same(input=text, format="yaml")


def test_json_manifests_and_blank_nodes():
    import json

    manifest = {"identifier": "org/m", "version": "1", "license": ["MIT"],
                "http://example.org/note": [{"@value": "x", "@language": "en"}, 1.5, True]}
    assert _same(input=json.dumps(manifest), format="json")
    # a JSON-LD document that is not a manifest goes through the graph; blank nodes are labelled canonically
    doc = {"@context": {"s": "http://schema.org/"}, "@id": "https://e.org/r",
           "s:author": {"s:name": "Jane"}}
    text = _same(input=json.dumps(doc), format="jsonld")
    assert "_:" in text
