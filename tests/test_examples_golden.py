"""Golden files for the examples: each ``examples/<name>.yaml`` beside its expected JSON-LD.

The published JSON-LD of an example is part of the contract (other tools read it): a change shows
up here as a diff to review. The inline ``@context`` is the bundled context (checked separately), so
the golden files hold the document without it and a new licence or concept does not touch them.
Regenerate after a deliberate change with
``MLRELEASE_REGEN_GOLDEN=1 python -m pytest tests/test_examples_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

import mlrelease

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
GOLDEN = ROOT / "tests" / "golden" / "examples"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_jsonld_matches_its_golden_file(example: Path) -> None:
    doc = json.loads(mlrelease.dump(mlrelease.load(example), "jsonld"))
    assert doc.pop("@context") == mlrelease.vocabulary.context()["@context"]
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    golden = GOLDEN / f"{example.stem}.body.json"
    if os.environ.get("MLRELEASE_REGEN_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_golden_jsonld_reads_back_to_the_same_graph(example: Path) -> None:
    body = json.loads((GOLDEN / f"{example.stem}.body.json").read_text(encoding="utf-8"))
    back = mlrelease.load(json.dumps({"@context": mlrelease.vocabulary.context()["@context"], **body}),
                          format="jsonld")
    assert isomorphic(back.graph, mlrelease.load(example).graph)
    assert back.to_manifest() == mlrelease.load(example).to_manifest()
