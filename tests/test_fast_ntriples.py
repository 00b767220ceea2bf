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


def test_the_bulk_api_gives_each_files_text_in_order_with_one_and_two_workers(tmp_path):
    from mlrelease.io import load_ntriples_many

    paths = EXAMPLES * 3
    expected = [load_ntriples(path=path) for path in paths]
    assert list(load_ntriples_many(paths)) == expected
    assert list(load_ntriples_many(paths, workers=2, chunksize=2)) == expected


@pytest.mark.parametrize("workers", [1, 2])
def test_the_bulk_api_stops_at_a_bad_file_with_its_located_error(tmp_path, workers):
    from mlrelease.errors import InputError
    from mlrelease.io import load_ntriples_many

    bad = tmp_path / "bad.yaml"
    bad.write_text("identifier: org/m\nversion: '1'\nlicense: MIT\nlicense: MIT\n", encoding="utf-8")
    with pytest.raises(InputError) as expected:
        load_ntriples(path=bad)
    assert f"{bad}:4:1" in str(expected.value)
    with pytest.raises(InputError) as raised:
        list(load_ntriples_many([*EXAMPLES[:2], bad, *EXAMPLES[2:]], workers=workers, chunksize=1))
    assert str(raised.value) == str(expected.value)
    assert raised.value.location == expected.value.location


def test_the_bulk_api_refuses_no_workers():
    from mlrelease.errors import UsageError
    from mlrelease.io import load_ntriples_many

    with pytest.raises(UsageError):
        list(load_ntriples_many(EXAMPLES, workers=0))


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_literals_written_directly_are_the_text_rdflib_writes(caplog):
    """The lexical forms :func:`nt_literal` writes without rdflib are exactly those rdflib keeps as they are."""
    import logging
    import random

    from rdflib import Literal, URIRef
    from rdflib.plugins.serializers.nt import _quoteLiteral

    from mlrelease.codecs.ntriples import CANONICAL_LEXICAL, nt_literal

    rng = random.Random(11)  # noqa: S311 (test data, not secrets)
    alphabet = "0123456789-+.eEabcdefABCDEFtrufalsT:Z "
    samples = ["0", "-0", "00", "007", "-12", "1.50", "-0.0", ".5", "5.", "0.000001", "1e5", "true", "True", "1",
               "2024-07-23", "2024-13-45", "2024-7-3", "0001-01-01", "ab", "AB", "abc", "", "99999999999999999999999"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    samples += [f"{rng.randint(0, 9999):04d}-{rng.randint(0, 19):02d}-{rng.randint(0, 39):02d}" for _ in range(500)]
    samples += [f"{rng.choice(['', '-'])}{rng.randint(0, 10**6)}.{rng.randint(0, 10**4)}" for _ in range(500)]
    datatypes = [*CANONICAL_LEXICAL, "http://www.w3.org/2001/XMLSchema#double"]
    caplog.set_level(logging.CRITICAL, logger="rdflib")  # rdflib logs each lexical form it cannot convert
    for text in samples:
        for datatype in datatypes:
            expected = _quoteLiteral(Literal(text, datatype=URIRef(datatype)))
            assert nt_literal(text, datatype) == expected, (text, datatype)
    for text in ['say "hi"', "two\nlines\r", "back\\slash", "tab\there", "ünïcode ☃", "_:b0"]:
        assert nt_literal(text) == _quoteLiteral(Literal(text))
        assert nt_literal(text, lang="en") == _quoteLiteral(Literal(text, lang="en"))


def test_an_iri_rdflib_cannot_write_takes_the_reference_path_and_its_located_error():
    # the artifact's derived IRI (…#artifact/a b) is made before its artifactType is checked
    manifest = "identifier: org/m\nversion: '1'\nartifacts:\n- artifactType: a b\n"
    assert _same(input=manifest, format="yaml") == ""
    with pytest.raises(MlreleaseError, match="<string>:4: field artifacts"):
        load_ntriples(manifest, "yaml")


def test_a_checksum_algorithm_that_makes_no_iri_is_a_located_error():
    manifest = ("identifier: org/m\nversion: '1'\nartifacts:\n- artifactType: model-parameters-final\n"
                "  checksum:\n    algorithm: sha 256\n    checksumValue: ab\n")
    assert _same(input=manifest, format="yaml") == ""
    with pytest.raises(MlreleaseError, match=r"<string>:6: field artifacts.*algorithm.*'sha 256' is not a valid"):
        load_ntriples(manifest, "yaml")
