"""``mlrelease licenses`` as a user runs it: output, stderr messages and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from mlrelease.cli.licenses import licenses


def invoke(*args: str):
    return CliRunner().invoke(licenses, list(args))


def test_show_text_gives_identity_family_flags_and_restrictions():
    result = invoke("show", "bigscience-bloom-rail-1.0")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "bigscience-bloom-rail-1.0 — BigScience RAIL License v1.0"
    assert "  family:    open-rail (Open RAIL)" in lines
    assert any(line.startswith("  flags:     OSI approved: no; FSF libre: no; commercial use: yes;") for line in lines)
    assert "  use restrictions (13):" in lines
    assert "    A(l) [health] To provide medical advice and medical results interpretation" in lines
    assert "    A(a) [legal clause legal-3] In any way that violates any applicable national, federal, state, " \
           "local or international law or regulation" in lines


def test_show_json_resolves_spellings():
    result = invoke("show", "Llama 3.1 Community License", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == "llama3.1" and data["family"] == "community"
    assert data["flags"]["commercialUseAllowed"] is True and data["flags"]["osiApproved"] is False
    assert data["acceptableUsePolicy"] == "https://www.llama.com/llama3_1/use-policy/"
    (threshold,) = [p for p in data["otherProhibitions"] if p["constraints"]]
    assert threshold["constraints"] == [
        {"leftOperand": "mlr:monthlyActiveUsers", "operator": "odrl:gt", "rightOperand": 700000000}]
    assert {"weapons", "child-safety"} <= {d for r in data["useRestrictions"] for d in r["domains"]}


def test_show_unknown_licence_suggests_and_exits_2():
    result = invoke("show", "apache-2.1")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "mlrelease: error: 'apache-2.1' is not a licence in the catalogue; did you mean: Apache-2.0, Apache-1.0?",
        "  hint: `mlrelease licenses list` shows every catalogue identifier",
    ]


def test_show_other_says_it_is_not_a_licence():
    result = invoke("show", "other")
    assert result.exit_code == 2
    assert "'other' is not a licence" in result.stderr and "license_name" in result.stderr


def test_list_family():
    result = invoke("list", "--family", "open-rail")
    assert result.exit_code == 0
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert "bigscience-openrail-m" in ids and "openrail++" in ids and "MIT" not in ids
    assert all(line.split()[1] == "open-rail" for line in result.stdout.splitlines())


def test_list_json_and_unknown_family():
    data = json.loads(invoke("list", "--format", "json").stdout)
    assert len(data) == 134 and {"id", "name", "family", "iri", "flags", "suitableFor"} <= set(data[0])
    bad = invoke("list", "--family", "open")
    assert bad.exit_code == 2 and "Invalid value for '--family'" in bad.stderr


def test_compare():
    result = invoke("compare", "llama2", "llama3.1")
    assert result.exit_code == 0
    assert "  domains restricted only by llama2: model-improvement" in result.stdout.splitlines()
    data = json.loads(invoke("compare", "CC-BY-4.0", "CC-BY-NC-4.0", "-f", "json").stdout)
    assert data["family"] == {"a": "open-data", "b": "non-commercial", "changed": True}


def test_osaid_exit_codes_and_reasons():
    closed = invoke("osaid", "llama3.1")
    assert closed.exit_code == 1
    assert "  open source under the OSAID 1.0: no" in closed.stdout.splitlines()
    assert "  open weights: yes" in closed.stdout.splitlines()
    assert "700,000,000" in closed.stdout
    open_ = invoke("osaid", "Apache-2.0", "--content-type", "code", "--format", "json")
    assert open_.exit_code == 0
    assert json.loads(open_.stdout) == {"license": "Apache-2.0", "contentType": "code", "openSource": True,
                                        "reasons": [], "openWeights": None, "notes": []}
    assert invoke("osaid", "nonsense-licence-9").exit_code == 2


def test_through_python_dash_m():
    """Once through the real entry point, as registered by the root CLI."""
    proc = subprocess.run([sys.executable, "-m", "mlrelease", "licenses", "show", "MIT license", "-f", "json"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "MIT"
    proc = subprocess.run([sys.executable, "-m", "mlrelease", "licenses", "show", "unlicensed"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith("mlrelease: error: 'unlicensed' says the component carries no licence")
