"""Bad input gives a clear, located error, exit code 2 and no output file (golden files).

Each folder in tests/golden/bad-input/ holds one ``input.<ext>`` beside ``expected.txt``, the exact
text `mlrelease convert` prints on standard error. Regenerate on purpose with
``python -m pytest --regen-golden tests/test_bad_input.py`` and review the diff (tests/golden/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_files import case_dir, cases, input_path

from mlrelease.cli import main

SUITE = "bad-input"
CASES = cases(SUITE)


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_refused_with_a_located_message(case, capsys, monkeypatch, tmp_path, golden):
    monkeypatch.chdir(case_dir(SUITE, case))
    source = input_path(SUITE, case).name
    out = tmp_path / "out.jsonld"
    code = main(["convert", source, "--to", "jsonld", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert not out.exists(), "no partial output may be written"
    golden.check(SUITE, case, err, "txt")
    # Every message says where: the file name, and a line number where the format has lines.
    assert err.startswith(f"mlrelease: error: {source}")
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


# Release IRIs: an `id` that is not a valid IRI, or that would make the IRIs of the release's parts
# (<release>#artifact/...) broken, is refused where it is written; so is an identifier or version
# that would give a broken or ambiguous derived IRI (docs/manifest.md, "IRIs").
BAD_IDENTITIES = [
    ("m.yaml", "id: https://example.org/m#v1\n", "m.yaml:1:1: field id: the release IRI 'https://example.org/m#v1' "
     "has a fragment ('#v1')", "https://example.org/m/v1"),
    ("m.yaml", "id: https://example.org/m#\n", "m.yaml:1:1: field id: the release IRI 'https://example.org/m#' "
     "has a fragment ('#')", "for example https://example.org/m,"),
    ("m.yaml", "name: M\nid: \"https://example.org/a\\tb\"\n", "m.yaml:2:1: field id: 'https://example.org/a\\tb' "
     "is not a valid IRI: it contains a tab (character 22)", "percent-encode"),
    ("m.yaml", "id: https://example.org/50%off\n", "m.yaml:1:1: field id: 'https://example.org/50%off' is not a "
     "valid IRI: '%' at character 23 does not start a percent-escape (%XX)", "'%' is %25"),
    ("m.yaml", "id: https://example.org/m\npublisher: https://ror.org/x#a#b\n", "m.yaml:2:1: field publisher: "
     "'https://ror.org/x#a#b' is not a valid IRI: it holds more than one '#'", "'#' is %23"),
    ("m.json", '{"id": "https://example.org/\\u0000m"}', "m.json:1:29: the document holds an escaped NUL (\\u0000)",
     "printable Unicode"),
    ("m.yaml", "identifier: ' org/m'\n", "m.yaml:1:1: field identifier: the identifier ' org/m' starts or ends "
     "with spaces", "for example org/model"),
    ("m.yaml", "identifier: org/m\nversion: '..'\n", "m.yaml:2:1: field version: the version '..' is a dot segment",
     "for example 1.0"),
    ("m.json", '{"identifier": "org/m\\u0007"}', "m.json:1:2: field identifier: the identifier 'org/m\\x07' contains "
     "U+0007 (a control character)", "without control or invisible characters"),
    ("m.json", '{"identifier": "org/\\ud800"}', "m.json:1:21: the document holds an escaped lone surrogate (\\ud800)",
     "printable Unicode"),
    ("m.json", '{"identifier": "org/m\\u200b"}', "m.json:1:2: field identifier: the identifier 'org/m\\u200b' contains "
     "U+200B (zero width space)", "without control or invisible characters"),
]


BAD_IDENTITY_IDS = ["id-fragment", "id-empty-fragment", "id-tab", "id-bad-percent-escape", "nested-id-two-hashes",
                    "id-control-character", "identifier-surrounding-space", "version-dot-segment",
                    "identifier-control-character", "identifier-lone-surrogate", "identifier-zero-width-space"]


@pytest.mark.parametrize(("name", "text", "message", "hint"), BAD_IDENTITIES, ids=BAD_IDENTITY_IDS)
def test_a_release_identity_that_would_break_iris_is_refused(tmp_path, capsys, monkeypatch, name, text, message,
                                                            hint):
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonld"
    assert main(["convert", name, "--to", "jsonld", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mlrelease: error: {message}"), err
    assert "\n  hint: " in err and hint in err.split("hint:")[1], err
    assert not out.exists()
    assert {p.name for p in tmp_path.iterdir()} == {name}, "no temporary file is left"
