"""Batches that read every file, and reports people can act on (issue 15).

Every input is read; an unreadable one is a finding (kind ``unreadable``); the exit code is the
worst outcome. Findings carry the release's name, the source file and the line and column of the
offending key; findings sharing a cause are grouped; SARIF has regions; HTML starts with the
summary and a table of contents.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mlrelease.cli import main
from mlrelease.validation.batch import validate_files
from mlrelease.validation.report import to_html, to_text

ROOT = Path(__file__).resolve().parents[1]
LLAMA = ROOT / "examples" / "llama-3.1-8b.yaml"

OK = "identifier: org/ok\nname: OK model\nversion: '1'\n"
TYPO = "identifier: org/typo\nversion: '1'\nlicence: MIT\n"
BAD_TIER = "identifier: org/tier\nversion: '1'\naccessTier: opne\n"


@pytest.fixture
def batch(tmp_path: Path) -> list[Path]:
    files = []
    for name, text in (("ok.yaml", OK), ("typo.yaml", TYPO), ("bad-tier.yaml", BAD_TIER)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def test_a_batch_reads_every_file_and_exits_with_the_worst_outcome(batch, capsys):
    assert main(["validate", *map(str, batch), "-f", "json"]) == 2
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    unreadable = [f for r in report["releases"] for f in r["findings"] if f["kind"] == "unreadable"]
    assert {(Path(f["source"]).name, f["line"], f["column"]) for f in unreadable} == {
        ("typo.yaml", 3, 1), ("bad-tier.yaml", 3, 1)}
    assert any("did you mean: license" in f["message"] for f in unreadable)
    assert any("fully-open" in f["message"] for f in unreadable)
    assert report["summary"]["files"] == 3
    assert report["summary"]["unreadable"] == 2
    assert report["summary"]["releases"] == 1
    assert "2 of 3 input(s) could not be read" in captured.err


def test_the_text_summary_counts_files_read_unreadable_and_releases(batch, capsys):
    assert main(["validate", *map(str, batch)]) == 2
    out = capsys.readouterr().out
    assert "3 files read, 2 unreadable; 1 release checked against core" in out
    assert all(p.name in out for p in batch)


def test_a_missing_file_in_a_batch_is_a_finding_too(batch, tmp_path, capsys):
    assert main(["validate", str(batch[0]), str(tmp_path / "gone.yaml"), "-f", "json"]) == 2
    report = json.loads(capsys.readouterr().out)
    messages = [f["message"] for r in report["releases"] for f in r["findings"]]
    assert any("no such file" in m for m in messages)


def test_violations_only_exit_1(batch):
    assert main(["validate", str(batch[0])]) == 1  # no publisher: a core violation


def test_findings_carry_name_file_line_and_column():
    report = validate_files([LLAMA], ["all"])
    assert {f.name for f in report.findings} == {"Llama 3.1 8B"}
    assert all(f.source == str(LLAMA) and f.line for f in report.findings)
    lines = LLAMA.read_text(encoding="utf-8").splitlines()
    claim = next(f for f in report.findings if f.shape.endswith("OpenSourceClaimShape"))
    assert lines[claim.line - 1].startswith("claims:") and claim.column == 1
    weights = [f for f in report.findings if "checksum" in f.message]
    assert weights and all("artifactType" in lines[f.line - 1] or "id:" in lines[f.line - 1] for f in weights)


def test_a_json_manifest_is_located_too(tmp_path):
    path = tmp_path / "m.json"
    path.write_text('{\n  "identifier": "org/m",\n  "version": "1",\n  "name": "M",\n'
                    '  "publisher": {"name": "Org"},\n  "accessTier": "fully-open"\n}\n', encoding="utf-8")
    report = validate_files([path], ["core"])
    assert report.findings, "the manifest was expected to miss something core asks for"
    assert all(f.line is not None and f.name == "M" for f in report.findings)


def test_one_claim_broken_by_six_artifacts_is_one_finding():
    report = validate_files([LLAMA], ["consistency"])
    claims = [f for f in report.findings if f.shape.endswith("OpenSourceClaimShape")]
    assert len(claims) == 1
    assert len(claims[0].members) == 6
    assert all(m.startswith("https://huggingface.co/meta-llama/Llama-3.1-8B#artifact/") for m in claims[0].members)


def test_sarif_results_have_a_region(capsys):
    assert main(["validate", str(LLAMA), "-p", "all", "-f", "sarif"]) == 1
    sarif = json.loads(capsys.readouterr().out)
    results = sarif["runs"][0]["results"]
    assert results
    for result in results:
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == str(LLAMA)
        assert physical["region"]["startLine"] >= 1


def test_sarif_validates_against_its_schema_shape(capsys, batch):
    """Unreadable files are results too, with a region, and every rule has a valid helpUri or none."""
    main(["validate", *map(str, batch), "-f", "sarif"])
    sarif = json.loads(capsys.readouterr().out)
    run = sarif["runs"][0]
    assert {r["properties"]["kind"] for r in run["results"]} == {"unreadable", "shape"}
    for rule in run["tool"]["driver"]["rules"]:
        assert "helpUri" not in rule or rule["helpUri"].startswith("https://")


def test_text_gives_one_block_per_finding_wrapped_to_the_width():
    report = validate_files([LLAMA], ["all"])
    text = to_text(report, width=72)
    body = [line for line in text.splitlines() if line.startswith("    ")]
    assert body and all(len(line) <= 72 or len(line.split()) == 1 for line in body)
    blocks = re.findall(r"^  (Violation|Warning|Info) at (\S+):$", text, flags=re.M)
    assert len(blocks) == len(report.findings)
    assert all(where.startswith(f"{LLAMA}:") for _, where in blocks)
    assert text.splitlines()[0].startswith("Llama 3.1 8B <https://huggingface.co/meta-llama/Llama-3.1-8B>")


def test_html_starts_with_summary_and_contents():
    report = validate_files(sorted((ROOT / "examples").glob("*.yaml")), ["all"])
    page = to_html(report)
    summary, contents, first_release = (page.index('id="summary"'), page.index('id="contents"'),
                                        page.index('class="release"'))
    assert summary < contents < first_release
    assert page.count('<li><a href="#release-') == len(report.releases)
    assert "Llama 3.1 8B" in page[contents:first_release]
    # CURIEs with the full IRI on hover, Markdown rendered, source snippets.
    assert '<abbr title="https://w3id.org/mlrelease/shapes#OpenSourceClaimShape">' in page
    assert "<code>pid:</code>" in page and "`pid:`" not in page
    assert '<pre class="snippet">' in page and 'class="hit"' in page


def test_assess_names_every_unreadable_input_not_only_the_first(batch, tmp_path, capsys):
    out = tmp_path / "assessment.json"
    assert main(["assess", *map(str, batch), str(tmp_path / "gone.yaml"), "-f", "json", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert all(name in err for name in ("typo.yaml:3:1", "bad-tier.yaml:3:1", "gone.yaml"))
    assert "3 of 4 input(s) could not be read; no report written" in err
    assert not out.exists()
