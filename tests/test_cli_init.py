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


def _answer(monkeypatch, lines: list[str]) -> None:
    """Answer init's questions as a person at a terminal would."""
    import io
    import sys

    from mlrelease.cli import init as init_module

    monkeypatch.setattr(init_module, "_interactive", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def test_init_checks_each_answer_when_given_and_asks_again(tmp_path: Path, capsys, monkeypatch) -> None:
    out = tmp_path / "release.yaml"
    _answer(monkeypatch, [
        "Demo", "demo/model", "1.0", "",                      # name, identifier, version, date skipped
        "https://ror.org/05wx9n238",                          # publisher
        "Apache 2", "Apache-2.0",                             # a licence spelling, then the catalogue id
        "gated-manul", "gated-manual",                        # a typo, then the code
        "kept", "withheld", "Dual-use risk: the model writes working exploits.",
    ])
    assert main(["init", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "mlrelease: error: license: 'Apache 2' is not a licence id of the catalogue" in err
    assert "hint: write the catalogue id 'Apache-2.0'" in err
    assert "mlrelease: error: accessTier: 'gated-manul' is not a code of the access-tier scheme" in err
    assert "mlrelease: error: weights: 'kept' is not one of released, withheld, planned" in err
    assert "<string>" not in err
    rec = mlrelease.load(out)
    assert (rec.name, rec.licenses, rec.access_tier) == ("Demo", ["Apache-2.0"], "gated-manual")
    assert [(a.artifact_type, a.status, a.withheld_reason) for a in rec.artifacts] == [
        ("model-parameters-final", "withheld", "Dual-use risk: the model writes working exploits.")]


def test_the_starter_passes_core(tmp_path: Path, capsys, monkeypatch) -> None:
    for weights in (["released"], ["withheld", "Privacy of the training data."], ["planned", "2099-01-01"]):
        out = tmp_path / f"{weights[0]}.yaml"
        _answer(monkeypatch, ["Demo", "demo/model", "1.0", "2026-01-01", "https://ror.org/05wx9n238",
                              "Apache-2.0", "gated-manual", *weights])
        assert main(["init", "-o", str(out)]) == 0
        assert main(["validate", str(out), "-p", "core"]) == 0, capsys.readouterr().out


def test_a_bad_planned_date_is_asked_again(tmp_path: Path, capsys, monkeypatch) -> None:
    out = tmp_path / "release.yaml"
    _answer(monkeypatch, ["Demo", "demo/model", "1.0", "", "", "", "", "planned", "next spring", "2099-03-01"])
    assert main(["init", "-o", str(out)]) == 0
    assert "mlrelease: error: plannedDate: " in capsys.readouterr().err
    assert mlrelease.load(out).artifacts[0].status == "planned"
