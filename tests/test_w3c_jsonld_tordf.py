"""The W3C JSON-LD 1.1 toRdf tests through mlrelease's JSON-LD reader (``load_graph(format="jsonld")``).

Like pySHACL's test suite, the tests mlrelease does not pass are listed with why in
``tests/w3c/jsonld-toRdf-known.txt`` (one ``id status`` line each, grouped under ``#`` reasons);
every other test must pass, a listed one must still fail the way it is listed (so the list stays
true), and no test may end in anything but a result or an :class:`InputError` (never an internal error).
Named graphs are merged by the reader, so expected N-Quads are compared as one graph.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from mlrelease import Limits
from mlrelease.codecs.rdf import parse_rdf
from mlrelease.errors import InputError
from mlrelease.io import load_graph

pytestmark = pytest.mark.corpus
KNOWN_FILE = Path(__file__).parent / "w3c" / "jsonld-toRdf-known.txt"
#: The expected outputs are trusted: read them with the limits out of the way.
TRUSTED = Limits(max_depth=10**6, max_iri_length=10**6, max_bytes=10**9)


def _known() -> dict[str, str]:
    known = {}
    for line in KNOWN_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            test_id, status = line.split(maxsplit=1)
            known[test_id] = status
    return known


def status_of(base: Path, test: dict) -> str:
    """``pass``, ``differs``, ``accepted`` (a negative test read) or ``refused`` (an InputError)."""
    negative = "jld:NegativeEvaluationTest" in test["@type"]
    text = (base / test["input"]).read_text(encoding="utf-8")
    try:
        graph = load_graph(text, format="jsonld", source=test["input"])[0]
    except InputError:
        return "pass" if negative else "refused"
    if negative:
        return "accepted"
    if "expect" not in test:
        return "pass"
    try:
        expected = parse_rdf((base / test["expect"]).read_text(encoding="utf-8"), "nquads", limits=TRUSTED)
    except InputError:  # generalized RDF (a blank-node predicate), which the reader does not produce
        return "differs"
    return "pass" if isomorphic(graph, expected) else "differs"


def test_the_w3c_jsonld_tordf_tests(corpus):
    base = corpus / "jsonld-tests" / "tests"
    manifest = json.loads((base / "toRdf-manifest.jsonld").read_text(encoding="utf-8"))
    known = _known()
    wrong = []
    for test in manifest["sequence"]:
        test_id = test["@id"].lstrip("#")
        got = status_of(base, test)
        want = known.get(test_id, "pass")
        if got != want:
            wrong.append(f"{test_id}: {got}, listed as {want} ({test.get('name', '')})")
    assert not wrong, "\n".join(wrong)
