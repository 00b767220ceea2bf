"""``mlrelease init``: a starter manifest from --set answers or from a model card."""

from __future__ import annotations

from pathlib import Path

import mlrelease
from mlrelease.cli import main

CARD = """---
license: apache-2.0
base_model: org/base
---

# Demo model

A demo model.
"""


def test_init_from_answers_writes_a_manifest_that_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "release.yaml"
    code = main(["init", "-o", str(out), "--set", "identifier=demo/model", "--set", "name=Demo",
                 "--set", "version=1e5", "--set", "accessTier=gated-manual", "--set", "license=Apache-2.0"])
    assert code == 0
    rec = mlrelease.load(out)
    assert (rec.identifier, rec.name, rec.access_tier, rec.licenses) == ("demo/model", "Demo", "gated-manual",
                                                                        ["Apache-2.0"])
    assert rec.version == "1e5"  # an answer is text, kept as written


def test_init_refuses_to_overwrite_and_unknown_codes(tmp_path: Path, capsys) -> None:
    out = tmp_path / "release.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    assert main(["init", "-o", str(out), "--set", "identifier=demo/model"]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me\n"
    other = tmp_path / "other.yaml"
    assert main(["init", "-o", str(other), "--set", "identifier=demo/model", "--set", "accessTier=gated-manul"]) == 2
    assert "gated-manual" in capsys.readouterr().err  # the closest valid code is suggested
    assert not other.exists()


def test_init_without_identifier_says_how(tmp_path: Path, capsys) -> None:
    assert main(["init", "-o", str(tmp_path / "r.yaml"), "--set", "name=Demo"]) == 2
    assert "--set identifier=" in capsys.readouterr().err


def test_init_from_a_model_card(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(CARD, encoding="utf-8")
    out = tmp_path / "release.yaml"
    assert main(["init", "--card", str(card), "-o", str(out)]) == 0
    rec = mlrelease.load(out)
    assert rec.licenses == ["Apache-2.0"]
    assert rec.name == "Demo model"
