"""``mlrelease fix``: safe, unambiguous fixes, comments and order kept, a diff shown (issue 15)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import mlrelease
from mlrelease.cli import main
from mlrelease.fix import fix_text

ROOT = Path(__file__).resolve().parents[1]

BROKEN = """\
# Demo release (hand-written)
identifier: demo/model   # the Hub id
version: '1.0'
publisher: https://ror.org/05wx9n238
licence: Apache 2        # British spelling, alias of the licence
accessTier: Gated-Manual
artifacts:
  - artifactType: Model-Parameters-Final
    stauts: released
    license: [MIT, "apache 2.0"]
"""


def test_the_safe_fixes_are_made_and_comments_and_order_kept(tmp_path, capsys):
    path = tmp_path / "release.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    assert main(["validate", str(path)]) == 2  # unreadable before
    capsys.readouterr()
    assert main(["fix", str(path)]) == 0
    out, err = capsys.readouterr()
    fixed = tmp_path / "release.fixed.yaml"
    text = fixed.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8") == BROKEN  # the input is left alone without --in-place
    assert text.splitlines()[:2] == ["# Demo release (hand-written)", "identifier: demo/model   # the Hub id"]
    assert "license: Apache-2.0" in text and "# British spelling" in text
    assert "accessTier: gated-manual" in text
    assert "  - artifactType: model-parameters-final\n    status: released\n" in text
    assert 'license: [MIT, "Apache-2.0"]' in text
    assert [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()] == [
        "identifier", "version", "publisher", "license", "accessTier", "artifacts"]
    assert "-licence: Apache 2" in out and "+license: Apache-2.0" in out  # the diff
    assert "fixed licence: key 'licence' -> 'license'" in err
    rec = mlrelease.load(fixed)
    assert rec.licenses == ["Apache-2.0"] and rec.access_tier == "gated-manual"


def test_in_place_and_check(tmp_path, capsys):
    path = tmp_path / "release.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    assert main(["fix", "--check", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == BROKEN
    assert main(["fix", "--in-place", str(path)]) == 0
    assert "license: Apache-2.0" in path.read_text(encoding="utf-8")
    assert main(["fix", "--check", str(path)]) == 0


def test_ambiguous_things_are_left_alone():
    text = "identifier: org/m\nlicense: my own terms\naccessTier: gatd\ncolour: red\n"
    result = fix_text(text)
    assert result.fixes == [] and result.text == text


def test_the_examples_need_no_fix(capsys):
    assert main(["fix", "--check", str(ROOT / "examples")]) == 0
    assert "nothing to fix" in capsys.readouterr().err


def test_standard_input_gives_the_fixed_text_on_standard_output(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BROKEN.encode()), encoding="utf-8"))
    assert main(["fix", "-"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# Demo release") and "license: Apache-2.0" in out
    assert "+license: Apache-2.0" in err
