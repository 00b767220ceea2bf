"""Findings on releases imported from MOF manifests carry the MOF file's line and column (issue 15).

The MOF importer says which MOF field each manifest part comes from
(:class:`mlrelease.importers.mof.MofSources`); the source map finds that field in the marked YAML.
A finding on a component points at its entry (or at the key it names); a missing key points at
the mapping that should hold it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden_files import input_path

from mlrelease.cli import main
from mlrelease.validation.batch import validate_files
from mlrelease.validation.report import to_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
BLOOM = CORPUS / "mof" / "models" / "BLOOM.yml"
CASE = input_path("mof-findings", "Located")

needs_corpus = pytest.mark.skipif(not BLOOM.is_file(), reason=f"the shared corpus is absent ({BLOOM})")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@needs_corpus
def test_every_finding_on_a_corpus_mof_manifest_has_a_line():
    report = validate_files([BLOOM], ["all"])
    assert report.findings
    lines = _lines(BLOOM)
    for f in report.findings:
        assert f.source == str(BLOOM) and f.line is not None and f.column is not None, f
        assert 0 < f.line <= len(lines) and 0 < f.column <= len(lines[f.line - 1]) + 1
    on_components = [f for f in report.findings if "#artifact/" in f.focus]
    assert on_components
    for f in on_components:  # the component's entry (its `name:`) or one of its keys
        assert lines[f.line - 1].strip().startswith(("name:", "license:", "component_path:", "- name:")), f


def test_findings_point_at_the_component_key_or_the_mapping_that_should_hold_it(monkeypatch):
    monkeypatch.chdir(CASE.parent)
    report = validate_files([Path(CASE.name)], ["all"])
    lines = _lines(CASE)
    assert report.findings and all(f.line is not None for f in report.findings)
    at = {(f.shape.rsplit("#", 1)[-1], "release" if f.focus == f.release else f.focus.rsplit("#", 1)[-1]):
          lines[f.line - 1].strip() for f in report.findings}
    # the final parameters' licence is Undisclosed: the finding is on that component's `license:`
    weights = at[("ReleasedArtifactLicenseShape", "artifact/model-parameters-final")]
    assert weights == "license: Undisclosed"
    # no checksum (MOF has no field for one): the component's entry
    assert at[("ReleasedWeightsChecksumShape", "artifact/model-parameters-final")] == "name: 'Model parameters (Final)'"
    # a key the release lacks (no model card, no description): the `release` mapping
    assert at[("Release-description", "release")] == "release:"
    # the publisher inferred from the Hub repository: the huggingface field
    inferred = [f for f in report.findings if "#inferred/" in f.focus and "publisher" in f.message]
    assert inferred and lines[inferred[0].line - 1].strip().startswith("huggingface:")


def test_text_json_and_sarif_show_the_mof_line(monkeypatch, capsys, golden):
    monkeypatch.chdir(CASE.parent)
    report = validate_files([Path(CASE.name)], ["all"])
    golden.check("mof-findings", "Located", to_text(report, width=100), ext="txt")

    main(["validate", CASE.name, "-p", "all", "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    findings = [f for r in data["releases"] for f in r["findings"]]
    assert findings and all(f["line"] and f["column"] for f in findings)

    main(["validate", CASE.name, "-p", "all", "-f", "sarif"])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results)
    text_at = {line for line in to_text(report).splitlines() if " at input.yml:" in line}
    assert text_at
