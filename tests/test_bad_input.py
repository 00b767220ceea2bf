"""Bad input gives a clear, located error, exit code 2 and no output file (golden files).

Each folder in tests/golden/bad-input/ holds one input beside ``expected.txt``, the exact text
`mlrelease convert` prints on standard error. Regenerate on purpose with
``MLRELEASE_REGEN_GOLDEN=1 python -m pytest tests/test_bad_input.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mlrelease.cli import main

GOLDEN = Path(__file__).parent / "golden" / "bad-input"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())
REGEN = os.environ.get("MLRELEASE_REGEN_GOLDEN") == "1"


def _input(case: str) -> Path:
    (found,) = [p for p in (GOLDEN / case).iterdir() if p.name.startswith("input.")]
    return found


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_refused_with_a_located_message(case, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(GOLDEN / case)
    out = tmp_path / "out.jsonld"
    code = main(["convert", _input(case).name, "--to", "jsonld", "-o", str(out)])
    err = capsys.readouterr().err
    expected = GOLDEN / case / "expected.txt"
    if REGEN:
        expected.write_text(err, encoding="utf-8")
    assert code == 2
    assert not out.exists(), "no partial output may be written"
    assert err == expected.read_text(encoding="utf-8")
    # Every message says where: the file name, and a line number where the format has lines.
    assert err.startswith(f"mlrelease: error: {_input(case).name}")
    assert "hint:" in err or "unknown" in err


def test_oversized_input_is_refused_before_parsing(tmp_path, capsys):
    big = tmp_path / "big.yaml"
    big.write_text("identifier: org/m\ndescription: " + "x" * (10 * 1024 * 1024) + "\n", encoding="utf-8")
    code = main(["convert", str(big), "--to", "jsonld", "-o", str(tmp_path / "out.jsonld")])
    assert code == 2
    assert "larger than the limit of 10485760 bytes" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonld").exists()


def test_missing_file(capsys, tmp_path):
    code = main(["convert", str(tmp_path / "nope.yaml"), "--to", "yaml"])
    assert code == 2
    assert "nope.yaml: no such file" in capsys.readouterr().err


def test_existing_output_survives_a_failed_conversion(tmp_path, capsys):
    """A failed run leaves an existing output file as it was (writes are atomic)."""
    out = tmp_path / "out.yaml"
    out.write_text("previous\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("identifier: org/m\naccessTier: nope\n", encoding="utf-8")
    assert main(["convert", str(bad), "--to", "yaml", "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert {p.name for p in tmp_path.iterdir()} == {"bad.yaml", "out.yaml"}, "no temporary file is left"
