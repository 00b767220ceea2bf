"""Golden files for the examples: each ``examples/<name>.yaml`` and its expected JSON-LD.

The input stays in examples/ (it is documentation); its expected outputs are in
``tests/golden/examples/<name>/`` (the case name is the example's stem): ``expected.body.json``
here, ``expected.findings`` in test_shapes_fixtures.py.

The published JSON-LD of an example is part of the contract (other tools read it): a change shows
up here as a diff to review. The inline ``@context`` is the bundled context (checked separately), so
the golden files hold the document without it and a new licence or concept does not touch them.
Regenerate after a deliberate change with
``python -m pytest --regen-golden tests/test_examples_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden_files import cases, expected_path
from rdflib.compare import isomorphic

import mlrelease

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SUITE = "examples"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_jsonld_matches_its_golden_file(example: Path, golden) -> None:
    doc = json.loads(mlrelease.dump(mlrelease.load(example), "jsonld"))
    assert doc.pop("@context") == mlrelease.vocabulary.context()["@context"]
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    golden.check(SUITE, example.stem, text, "body.json")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_golden_jsonld_reads_back_to_the_same_graph(example: Path) -> None:
    body = json.loads(expected_path(SUITE, example.stem, "body.json").read_text(encoding="utf-8"))
    back = mlrelease.load(json.dumps({"@context": mlrelease.vocabulary.context()["@context"], **body}),
                          format="jsonld")
    assert isomorphic(back.graph, mlrelease.load(example).graph)
    assert back.to_manifest() == mlrelease.load(example).to_manifest()


def test_every_golden_case_is_an_example() -> None:
    """The case folders of tests/golden/examples/ are named after examples/*.yaml: none is left over."""
    assert cases(SUITE) == [p.stem for p in EXAMPLES]
