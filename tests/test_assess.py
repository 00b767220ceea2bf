"""Openness assessment: MOF class and progress, OSAID conformance, ``mlrelease assess``.

The Model Openness Framework's own oracle (27 manifests whose file names carry the expected
progress per class) and its 273 model manifests are read from ``../shared/corpus/mof``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph

import mlrelease
from mlrelease.cli import main
from mlrelease.openness import assess, assess_mof, assess_osaid, components

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MOF = CORPUS / "mof"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

HEAD = 'identifier: demo/m\nversion: "1"\npublisher: {name: Demo}\naccessTier: fully-open\n'


def rec(artifacts: str, license: str = "[Apache-2.0]") -> mlrelease.ReleaseRecord:
    return mlrelease.load(HEAD + f"license: {license}\nartifacts:\n{artifacts}", format="yaml")


def full(except_: tuple[str, ...] = (), extra: str = "") -> str:
    lines = [f"- {{artifactType: {c}, status: released}}\n" for c, comp in components().items()
             if comp.required and c not in except_]
    return "".join(lines) + extra


@pytest.fixture(scope="module")
def mof_dir() -> Path:
    if not (MOF / "Test_Data").is_dir():
        pytest.skip(f"the MOF corpus is not at {MOF} (CI provides ../shared/corpus)")
    return MOF


def expected_from_name(name: str) -> tuple[int, int, int]:
    """The progress the file name states, read as the framework's own test reads it (cumulative)."""
    m = re.search(r"C1_(\d+)%-C2_(\d+)%-C3_(\d+)%", name)
    assert m, name
    c1, c2, c3 = (int(x) for x in m.groups())
    if c3 < 100:
        c2 = 0
    if c2 < 100:
        c1 = 0
    return c1, c2, c3


def test_oracle_27_of_27(mof_dir: Path) -> None:
    files = sorted((mof_dir / "Test_Data").glob("*.yml"))
    assert len(files) == 27
    mismatches = []
    for path in files:
        result = assess_mof(mlrelease.load(path))
        got = tuple(round(result.progress[k]) for k in ("1", "2", "3"))
        want = expected_from_name(path.name)
        want_class = next((c for c, p in zip((1, 2, 3), want, strict=True) if p == 100), None)
        if got != want or result.mof_class != want_class:
            mismatches.append((path.name, want, want_class, got, result.mof_class,
                               [m.describe() for m in result.missing]))
    assert mismatches == []


def test_class_distribution_over_273_models(mof_dir: Path) -> None:
    files = sorted((mof_dir / "models").glob("*.yml"))
    assert len(files) == 273
    classes = Counter(assess_mof(mlrelease.load(p)).mof_class for p in files)
    # A fixed corpus: a change in these numbers is a change in behaviour (licence catalogue or rules).
    assert classes == Counter(EXPECTED_DISTRIBUTION)


EXPECTED_DISTRIBUTION: dict[int | None, int] = {None: 242, 3: 16, 2: 1, 1: 14}


def test_components_come_from_the_vocabulary() -> None:
    comps = components()
    assert len(comps) == 17
    assert Counter((c.mof_class, c.required) for c in comps.values()) == Counter(
        {(3, True): 6, (3, False): 1, (2, True): 4, (2, False): 1, (1, True): 4, (1, False): 1})


def test_everything_open_is_class_one_and_osaid_conformant() -> None:
    r = rec(full(), "[Apache-2.0]")
    mof = assess_mof(r)
    assert (mof.mof_class, mof.progress) == (1, {"1": 100.0, "2": 100.0, "3": 100.0})
    assert mof.missing == ()
    assert assess_osaid(r).conformant


def test_research_paper_stands_in_for_the_technical_report() -> None:
    class3 = [c for c, comp in components().items() if comp.mof_class == 3 and comp.required]
    lines = "".join(f"- {{artifactType: {c}, status: released}}\n" for c in class3 if c != "technical-report")
    without = assess_mof(rec(lines))
    assert without.progress["3"] == pytest.approx(83.33)
    assert [m.component for m in without.missing if m.mof_class == 3] == ["technical-report"]
    with_paper = assess_mof(rec(lines + "- {artifactType: research-paper, status: released}\n"))
    assert with_paper.progress["3"] == 100.0 and with_paper.mof_class == 3
    # Class II counts 10 components then (6 + 4), as the Tool's output for its Class3R oracle file does.
    assert with_paper.progress["2"] == 60.0


def test_lower_classes_show_progress_only_once_the_class_above_is_complete() -> None:
    r = assess_mof(rec(full(except_=("model-card",))))
    assert r.progress["3"] == pytest.approx(83.33)
    assert r.progress["2"] == 0.0 and r.raw_progress["2"] == pytest.approx(90.0)
    assert r.progress["1"] == 0.0 and r.raw_progress["1"] > 90


@pytest.mark.parametrize(("artifact", "problem"), [
    ("{artifactType: model-parameters-final, status: withheld, withheldReason: safety}", "withheld"),
    ("{artifactType: model-parameters-final, status: planned, plannedDate: 2030-01-01}", "planned"),
    ("{artifactType: model-parameters-final, status: retracted}", "retracted"),
    ("{artifactType: model-parameters-final, status: released, license: [bigscience-openrail-m]}", "not-open"),
    ("{artifactType: model-parameters-final, status: released, license: [CC-BY-NC-4.0]}", "not-open"),
    # Several licences on one artifact: all must be open (the record does not say whether they are alternatives).
    ("{artifactType: model-parameters-final, status: released, license: [Apache-2.0, llama3.1]}", "not-open"),
])
def test_why_a_component_does_not_count(artifact: str, problem: str) -> None:
    r = assess_mof(rec(full(except_=("model-parameters-final",), extra=f"- {artifact}\n")))
    found = [m for m in r.missing if m.component == "model-parameters-final"]
    assert [m.problem for m in found] == [problem]
    assert r.mof_class is None and r.progress["3"] == pytest.approx(83.33)


def test_an_unresolved_licence_spelling_is_unknown_not_absent(mof_dir: Path) -> None:
    # The MOF importer keeps a spelling it cannot resolve as dcterms:rights text and records no licence IRI.
    path = next(p for p in sorted((mof_dir / "Test_Data").glob("OnlyComponentLicenses_C1_13%*.yml")))
    r = assess_mof(mlrelease.load(path))
    problems = {m.component: (m.problem, m.licenses) for m in r.missing}
    unknown = [c for c, (p, _) in problems.items() if p == "unknown-license"]
    assert unknown, problems
    assert all(problems[c][1] for c in unknown)  # the text is named


def test_open_but_not_type_appropriate_is_a_warning_not_a_failure() -> None:
    r = assess_mof(rec(full(), "[MIT]"))
    assert r.mof_class == 1
    assert any(w.startswith("Model parameters (Final): MIT is open but not a licence for data") for w in r.warnings)


def test_osaid_reasons_name_element_component_and_licence() -> None:
    extra = "- {artifactType: model-parameters-final, status: released, license: [llama3.1]}\n"
    r = assess_osaid(rec(full(except_=("model-parameters-final", "training-code"), extra=extra)))
    assert not r.conformant
    assert r.elements == {"code": False, "parameters": False, "dataInformation": True}
    assert r.reasons[0] == ("Code: training code is not released; the OSAID 1.0 requires the complete source code "
                            "used to train and run the system.")
    assert any(x.startswith("Parameters: model parameters (Final): llama3.1: it restricts fields of use")
               for x in r.reasons)


def test_osaid_needs_some_data_information() -> None:
    data = ("datasets", "data-card", "technical-report", "research-paper")
    r = assess_osaid(rec(full(except_=data)))
    assert r.elements["dataInformation"] is False
    assert r.reasons == ("Data information: no datasets, data card, technical report or research paper is "
                         "released; the OSAID 1.0 requires detailed information about the training data.",)
    ok = assess_osaid(rec(full(except_=data) + "- {artifactType: data-card, status: released}\n", "[Apache-2.0]"))
    assert ok.conformant


def test_examples_assess_as_their_public_facts_say() -> None:
    results = {Path(a.source).stem: a for a in assess([mlrelease.load(p) for p in sorted(EXAMPLES.glob("*.yaml"))])}
    assert results["olmo-7b"].osaid.conformant
    assert results["olmo-7b"].mof.mof_class == 3
    for closed in ("gpt-4", "gpt-4o", "dalle-2-preview"):
        assert results[closed].mof.mof_class is None
        assert not results[closed].osaid.conformant
        assert results[closed].osaid.elements["parameters"] is False
    for restricted in ("bloom", "llama-3.1-8b"):
        assert not results[restricted].osaid.conformant
        assert any("restricts fields of use" in r for r in results[restricted].osaid.reasons)
    assert len(results["llama-3.1-8b"].osaid.reasons) == len(set(results["llama-3.1-8b"].osaid.reasons))
    # The runwayml repository was taken down: its weights are recorded as retracted.
    assert "Parameters: model parameters (Final) is retracted; the OSAID 1.0 requires the model parameters." in \
        results["stable-diffusion-v1-5"].osaid.reasons


def test_assess_a_graph_of_several_releases() -> None:
    g = Graph()
    for name in ("olmo-7b", "gpt-4"):
        g += mlrelease.load(EXAMPLES / f"{name}.yaml").graph
    out = assess(g)
    assert sorted(a.release for a in out) == ["https://huggingface.co/allenai/OLMo-7B",
                                              "https://openai.com/research/gpt-4"]
    assert {a.release: a.mof.mof_class for a in out}["https://huggingface.co/allenai/OLMo-7B"] == 3


def test_cli_json_one_object_for_one_release_a_list_for_several(tmp_path: Path, capsys) -> None:
    assert main(["assess", str(EXAMPLES / "olmo-7b.yaml"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mof"]["class"] == 3 and set(data["mof"]["progress"]) == {"1", "2", "3"}
    assert isinstance(data["mof"]["missing"], list) and data["osaid"]["conformant"] is True
    assert isinstance(data["osaid"]["reasons"], list)
    out = tmp_path / "several.json"
    assert main(["assess", str(EXAMPLES), "-f", "json", "-o", str(out)]) == 0
    listed = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(listed, list) and len(listed) == len(list(EXAMPLES.glob("*.yaml")))


def test_cli_text_report_ends_with_a_summary(capsys) -> None:
    assert main(["assess", str(EXAMPLES / "gpt-4.yaml"), str(EXAMPLES / "olmo-7b.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Model Openness Framework: Class III (Open Model)" in out
    assert "Open Source AI Definition 1.0: not conformant" in out
    assert out.rstrip().splitlines()[-1] == "2 release(s): MOF 1 Class III (Open Model), 1 none; OSAID conformant: 1"


def test_cli_bad_input_exits_2_and_writes_nothing(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("identifier: x\nversion: '1'\naccessTier: [\n", encoding="utf-8")
    out = tmp_path / "report.json"
    assert main(["assess", str(EXAMPLES / "olmo-7b.yaml"), str(bad), "-f", "json", "-o", str(out)]) == 2
    assert "bad.yaml" in capsys.readouterr().err
    assert not out.exists()
    assert main(["assess", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml" in capsys.readouterr().err
