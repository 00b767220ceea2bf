"""The Model Openness Framework manifest importer (mlrelease.importers.mof).

Four kinds of test:

* the corpus (``../shared/corpus/mof/``): all 273 manifests of ``models/`` and the 27 oracle files
  of ``Test_Data/`` import, every result is a valid manifest that survives a trip through RDF
  unchanged, and the counts of warnings per kind and of licence outcomes are asserted exactly
  (:func:`corpus_report` prints them: ``.venv/bin/python tests/test_import_mof.py``);
* spot checks on corpus files (BLOOM, free-text spellings, not-included components);
* small MOF manifests written here for each rule (licence inheritance, ``unlicensed``, origin)
  and each kind of bad input;
* golden files: each folder of ``tests/golden/mof/`` holds a MOF input ``input.yml`` beside
  ``expected.json`` (the manifest, dropped fields and warnings), imported as ``<folder>.yml`` so
  that the folder name is the release's identifier. Regenerate on purpose with
  ``.venv/bin/python -m pytest --regen-golden tests/test_import_mof.py`` and review the diff
  (tests/golden/README.md).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from golden_files import cases, input_path

import mlrelease
from mlrelease.codecs.manifest_rdf import graph_to_manifest, manifest_to_graph
from mlrelease.errors import InputError
from mlrelease.importers import ImportResult
from mlrelease.importers.mof import RIGHTS, WARNING_KINDS, MofImportResult, mof_components, mof_to_manifest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MOF = CORPUS / "mof"
SUITE = "mof"
GOLDEN_CASES = cases(SUITE)

HEAD = "framework:\n  name: Model Openness Framework\n  version: '1.0'\n  date: '2024-12-15'\n"


def mof(release: str, source: str = "Demo.yml") -> MofImportResult:
    """Import a small MOF manifest: the standard framework block, then ``release`` (indented YAML)."""
    result = mof_to_manifest(HEAD + "release:\n" + release, source=source)
    assert isinstance(result, MofImportResult)
    return result


def loads(result: ImportResult) -> dict:
    """The manifest after a trip through the RDF codec: proves it is a valid manifest."""
    graph, release = manifest_to_graph(result.manifest, source=result.source)
    return graph_to_manifest(graph, release)



def stated(result):
    """The warnings about what the manifest states (inferred values have tests of their own)."""
    return [w for w, k in zip(result.warnings, result.warning_kinds, strict=True) if k != "inferred"]


def stated_kinds(result):
    return [k for k in result.warning_kinds if k != "inferred"]


def artifact(result: ImportResult, code: str) -> dict:
    (found,) = [a for a in result.manifest.get("artifacts", []) if a["artifactType"] == code]
    return found


# ---------------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------------


def corpus_report(folder: Path, *, show: bool = False) -> dict[str, Counter]:
    """Import every ``*.yml`` of ``folder``; count files, warnings per kind, licence outcomes and drops.

    ``licenses`` counts every licence text of the input (component ``license`` and global
    ``name``) by what the catalogue made of it: ``resolved``, ``unknown`` or
    ``not-a-license:<kind>``. ``dropped`` counts dropped fields with list indices written ``N``.
    """
    report: dict[str, Counter] = {"files": Counter(), "warnings": Counter(), "licenses": Counter(),
                                  "dropped": Counter(), "artifacts": Counter(), "statuses": Counter()}
    for path in sorted(folder.glob("*.yml")):
        result = mof_to_manifest(path.read_text(encoding="utf-8"), source=f"{folder.name}/{path.name}")
        assert isinstance(result, MofImportResult)
        report["files"]["imported"] += 1
        report["files"]["with lineage"] += "lineage" in result.manifest
        report["files"]["with release licence"] += "license" in result.manifest
        report["warnings"].update(stated_kinds(result))
        report["licenses"].update(lic.outcome for lic in result.licenses)
        report["dropped"].update(".".join("N" if p.isdigit() else p for p in d.split(".")) for d in result.dropped)
        for art in result.manifest.get("artifacts", []):
            report["artifacts"]["total"] += 1
            report["artifacts"]["with licence"] += "license" in art
            report["statuses"][art["status"]] += 1
    if show:
        for name, counts in report.items():
            print(f"{folder.name} {name}:")
            for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                print(f"  {n:5d}  {key}")
    return report


@pytest.fixture(scope="module")
def mof_dir() -> Path:
    if not MOF.is_dir():
        pytest.skip(f"Model Openness Tool corpus not found at {MOF} (CI lays the corpus beside the checkout)")
    return MOF


@pytest.mark.corpus
def test_all_273_models_import_and_round_trip(mof_dir):
    paths = sorted((mof_dir / "models").glob("*.yml"))
    assert len(paths) == 273
    for path in paths:
        result = mof_to_manifest(path.read_text(encoding="utf-8"), source=f"models/{path.name}")
        assert result.format == "mof"
        assert loads(result) == result.manifest, path.name


@pytest.mark.corpus
def test_all_27_oracle_files_import_and_round_trip(mof_dir):
    paths = sorted((mof_dir / "Test_Data").glob("*.yml"))
    assert len(paths) == 27
    for path in paths:
        result = mof_to_manifest(path.read_text(encoding="utf-8"), source=f"Test_Data/{path.name}")
        assert loads(result) == result.manifest, path.name
        assert result.manifest["identifier"] == path.stem


@pytest.mark.corpus
def test_models_counts(mof_dir):
    """Exact counts over the 273 manifests (the corpus is fixed; a change here is a behaviour change)."""
    report = corpus_report(mof_dir / "models")
    assert report["files"] == Counter({"imported": 273, "with lineage": 60, "with release licence": 50})
    # `unlicensed` is answered by the inferred no-license (decision 0006): no longer a warning of its own
    assert report["warnings"] == Counter({
        "license-not-a-license": 79, "not-included": 22, "bad-url": 16,
        "version-placeholder": 11, "origin-license": 7, "name-mismatch": 5, "no-license": 1})
    assert report["licenses"] == Counter({
        "resolved": 533, "not-a-license:unlicensed": 844, "not-a-license:undisclosed": 64,
        "not-a-license:not-included": 22, "not-a-license:several-licenses": 7,
        "not-a-license:dataset-names": 2, "not-a-license:other": 2, "not-a-license:see-elsewhere": 1,
        "not-a-license:paper-link": 1, "not-a-license:model-name": 1, "not-a-license:placeholder": 1})
    assert sum(report["licenses"].values()) == 1478  # 1425 component licences + 53 global names
    assert report["dropped"] == Counter({
        "release.components.N.description": 1834, "framework.name": 273, "framework.version": 273,
        "framework.date": 273, "release.components.N.license_path": 107, "release.origin": 51,
        "release.license.distribution.path": 20, "release.architecture": 13, "release.huggingface": 11,
        "release.version": 11, "release.repository": 3, "release.components.N.component_path": 2,
        "release.license.code.path": 2, "release.contact": 1})
    # +83 inferred withheld final parameters; +844 inferred no-license (decision 0006)
    assert report["artifacts"] == Counter({"total": 1917, "with licence": 1732})
    assert report["statuses"] == Counter({"released": 1812, "withheld": 105})


@pytest.mark.corpus
def test_oracle_counts(mof_dir):
    """The oracle files use many SPDX ids the catalogue does not hold: each is a warning, never a guess."""
    report = corpus_report(mof_dir / "Test_Data")
    assert report["files"]["imported"] == 27
    assert report["warnings"] == Counter({"license-unknown": 45, "no-license": 56, "bad-url": 54,
                                          "name-mismatch": 10})
    assert report["licenses"] == Counter({"resolved": 147, "unknown": 45})


@pytest.mark.corpus
def test_every_warning_has_a_known_kind_and_a_location(mof_dir):
    for path in sorted((mof_dir / "models").glob("*.yml")):
        result = mof_to_manifest(path.read_text(encoding="utf-8"), source=f"models/{path.name}")
        assert len(result.warnings) == len(result.warning_kinds)
        assert set(result.warning_kinds) <= set(WARNING_KINDS)
        for warning in result.warnings:
            assert warning.startswith(f"models/{path.name}:"), warning
            line = warning.split(":")[1]
            assert line.isdigit() and int(line) > 0, warning


# ---------------------------------------------------------------------------------------------
# Spot checks on corpus files
# ---------------------------------------------------------------------------------------------


def _corpus_file(mof_dir: Path, name: str) -> MofImportResult:
    path = mof_dir / "models" / name
    return mof_to_manifest(path.read_text(encoding="utf-8"), source=f"models/{name}")  # type: ignore[return-value]


@pytest.mark.corpus
def test_bloom_gets_the_bigscience_rail_licence(mof_dir):
    result = _corpus_file(mof_dir, "BLOOM.yml")
    m = result.manifest
    assert (m["name"], m["identifier"], m["version"], m["dateModified"]) == ("BLOOM", "BLOOM", "366B", "2025-05-10")
    assert m["publisher"] == {"id": "https://huggingface.co/bigscience", "type": "Organization", "name": "BigScience"}
    assert m["url"] == "https://huggingface.co/bigscience/bloom"
    assert m["license"] == ["bigscience-bloom-rail-1.0"]  # every component ends with a licence
    weights = artifact(result, "model-parameters-final")
    assert weights == {"artifactType": "model-parameters-final", "status": "released",
                       "license": ["bigscience-bloom-rail-1.0"], RIGHTS: "BigScience-BLOOM-RAIL-1.0"}
    paper = artifact(result, "research-paper")
    assert paper["license"] == ["CC-BY-4.0"] and paper["url"] == "https://arxiv.org/abs/2211.05100"
    assert len(m["artifacts"]) == 13
    assert stated(result) == []
    record = mlrelease.load(mof_dir / "models" / "BLOOM.yml")
    assert record.format == "mof"
    assert str(record.iri) == "https://w3id.org/mlrelease/id/BLOOM/366B"
    assert record.licenses == ["bigscience-bloom-rail-1.0"]


@pytest.mark.corpus
def test_free_text_apache_2_0_resolves(mof_dir):
    result = _corpus_file(mof_dir, "Falcon-40B.yml")
    arch = artifact(result, "model-architecture")
    assert arch["license"] == ["Apache-2.0"]
    assert arch[RIGHTS] == "Apache 2.0"  # the original spelling is kept
    assert ("release.components.0.license", "Apache 2.0", "resolved", "Apache-2.0") in {
        (lic.path, lic.text, lic.outcome, lic.license) for lic in result.licenses}


@pytest.mark.corpus
def test_component_not_included_is_withheld(mof_dir):
    result = _corpus_file(mof_dir, "GPT-2.yml")
    weights = artifact(result, "model-parameters-final")
    assert weights == {"artifactType": "model-parameters-final", "status": "withheld"}
    assert any("'Component Component not included'" in w and "withheld" in w for w in stated(result))


@pytest.mark.corpus
def test_unlicensed_component_in_the_corpus(mof_dir):
    result = _corpus_file(mof_dir, "Falcon-180B.yml")
    data = artifact(result, "evaluation-data")
    assert data == {"artifactType": "evaluation-data", "status": "released", RIGHTS: "unlicensed",
                    "license": ["no-license"]}
    assert stated(result) == []
    (note,) = [n for n in result.manifest["inferred"] if n["field"] == "artifacts.evaluation-data.license"]
    assert note["from"] == "release.components.4.license ('unlicensed')"
    assert "no licence is granted, so all rights are reserved (no-license)" in note["rule"]
    assert any(w.startswith("models/Falcon-180B.yml:38:16: artifacts.evaluation-data.license inferred")
               for w in result.warnings)
    assert artifact(result, "model-parameters-final")["license"] == ["falcon-180b-tii-license"]


# ---------------------------------------------------------------------------------------------
# The MOF components come from the vocabulary
# ---------------------------------------------------------------------------------------------


def test_the_vocabulary_has_the_17_mof_components():
    components = mof_components()
    assert len(components) == 17
    assert len({c.mof_id for c in components.values()}) == 17
    by_code = {c.code: c for c in components.values()}
    assert by_code["model-parameters-final"].mof_id == 10
    assert by_code["model-parameters-final"].global_key == "data"
    assert by_code["evaluation-results"].global_key == "document"
    assert by_code["training-code"].global_key == "code"


def test_component_names_match_case_insensitively_and_unknown_names_are_dropped():
    result = mof("  name: Demo\n  components:\n    - name: '  model   CARD '\n    - name: Model paramters (Final)\n")
    assert [a["artifactType"] for a in result.manifest["artifacts"]] == ["model-card", "model-parameters-final"]
    assert artifact(result, "model-parameters-final")["status"] == "withheld"  # not listed: inferred withheld
    assert "release.components.1" in result.dropped
    (warning,) = [w for w, k in zip(stated(result), stated_kinds(result), strict=True) if k == "unknown-component"]
    assert warning.startswith("Demo.yml:9:13: release.components.1.name 'Model paramters (Final)' is not a MOF "
                              "component (did you mean: Model parameters (Final)")


# ---------------------------------------------------------------------------------------------
# Licence inheritance
# ---------------------------------------------------------------------------------------------

INHERIT = """\
  name: Demo
  license:
    distribution: {name: Apache-2.0, path: 'https://example.org/LICENSE'}
    code: {name: MIT}
    document: {name: '', path: ''}
  components:
    - name: Training code
    - name: Model parameters (Final)
    - name: Model card
    - name: Model architecture
      license: BSD-3-Clause
"""


def test_inheritance_type_specific_global_before_distribution():
    result = mof(INHERIT)
    assert artifact(result, "training-code")["license"] == ["MIT"]  # code global
    assert artifact(result, "model-parameters-final")["license"] == ["Apache-2.0"]  # no data global: distribution
    assert artifact(result, "model-card")["license"] == ["Apache-2.0"]  # document global is empty: distribution
    assert artifact(result, "model-architecture")["license"] == ["BSD-3-Clause"]  # its own licence wins
    assert artifact(result, "training-code")[RIGHTS] == "MIT"
    assert result.manifest["license"] == ["Apache-2.0"]  # every artifact has a licence: the release's too
    assert stated(result) == []
    assert "release.license.distribution.path" in result.dropped
    assert "release.license.code.name" not in result.dropped  # inherited, so mapped


def test_a_global_no_component_inherits_is_dropped():
    result = mof("  name: Demo\n  license:\n    data: {name: CC0-1.0}\n    code: {name: MIT}\n"
                 "  components:\n    - name: Training code\n")
    assert artifact(result, "training-code")["license"] == ["MIT"]
    assert "release.license.data.name" in result.dropped
    assert "license" not in result.manifest


def test_unlicensed_is_an_inferred_no_license_and_does_not_inherit():
    result = mof(INHERIT + "    - name: Datasets\n      license: unlicensed\n")
    datasets = artifact(result, "datasets")
    assert datasets == {"artifactType": "datasets", "status": "released", RIGHTS: "unlicensed",
                        "license": ["no-license"]}
    assert stated_kinds(result) == []
    assert any(w.startswith("Demo.yml:18:16: artifacts.datasets.license inferred from release.components.4.license")
               for w in result.warnings)
    # every released artifact answers the licence question itself, so the release's licence changes nothing
    assert result.manifest["license"] == ["Apache-2.0"]
    assert artifact(result, "model-parameters-final")["license"] == ["Apache-2.0"]
    record = mlrelease.load(HEAD + "release:\n" + INHERIT + "    - name: Datasets\n      license: unlicensed\n",
                            format="mof")
    (data,) = [a for a in record.artifacts if a.artifact_type == "datasets"]
    assert data.effective_licenses == ["no-license"]
    (assessment,) = mlrelease.assess(record)
    # for the openness assessment it is still a component released without a licence
    assert [m.problem for m in assessment.mof.missing if m.component == "datasets"] == ["unlicensed"]


def test_empty_licence_is_unlicensed_and_null_licence_inherits():
    result = mof("  name: Demo\n  license:\n    distribution: {name: MIT}\n  components:\n"
                 "    - name: Datasets\n      license: ''\n    - name: Model card\n      license:\n")
    assert artifact(result, "datasets")["license"] == ["no-license"]  # MOT stores '' as unlicensed
    assert stated_kinds(result) == []
    assert "release.components.0.license ('')" in [n["from"] for n in result.manifest["inferred"]]
    assert artifact(result, "model-card")["license"] == ["MIT"]


def test_unknown_licence_is_a_warning_with_suggestions_never_a_guess():
    result = mof("  name: Demo\n  components:\n    - name: Model card\n      license: apache-2.1\n")
    card = artifact(result, "model-card")
    assert card == {"artifactType": "model-card", "status": "released", RIGHTS: "apache-2.1"}
    (warning,) = stated(result)
    assert warning.startswith("Demo.yml:9:16: release.components.0.license of 'Model card': 'apache-2.1' is not a "
                              "licence in the catalogue (did you mean: Apache-2.0")
    assert stated_kinds(result) == ["license-unknown"]
    assert [(lic.outcome, lic.license) for lic in result.licenses] == [("unknown", None)]


def test_inherited_problem_licence_is_one_warning_naming_the_components():
    result = mof("  name: Demo\n  license:\n    distribution: {name: Undisclosed}\n"
                 "  components:\n    - name: Model card\n    - name: Datasets\n")
    assert "license" not in artifact(result, "model-card")
    # "Undisclosed" states no licence: neither a licence nor the text is recorded (decision 0006)
    assert RIGHTS not in artifact(result, "datasets") and "license" not in artifact(result, "datasets")
    (warning,) = stated(result)
    assert warning.startswith("Demo.yml:8:26: release.license.distribution.name: 'Undisclosed' says the licence is "
                              "not disclosed")
    assert "inherited by 'Model card', 'Datasets'" in warning


@pytest.mark.parametrize("text", ["MIT, Apache-2.0", "MIT and Apache 2.0", "MIT; Apache-2.0"])
def test_several_licences_each_in_the_catalogue_are_all_recorded(text):
    result = mof(f"  name: Demo\n  components:\n    - name: Model card\n      license: '{text}'\n")
    card = artifact(result, "model-card")
    assert card["license"] == ["Apache-2.0", "MIT"]  # what the source states, as a set (decision 0006)
    assert card[RIGHTS] == text
    assert stated_kinds(result) == []


def test_several_licences_not_all_in_the_catalogue_are_kept_as_text():
    text = "commercial use restrictions; Apache 2.0, MIT"
    result = mof(f"  name: Demo\n  components:\n    - name: Model card\n      license: '{text}'\n")
    card = artifact(result, "model-card")
    assert "license" not in card
    assert card[RIGHTS] == text
    assert stated_kinds(result) == ["license-not-a-license"]
    assert "several licences" in stated(result)[0]


def test_no_licence_anywhere_is_a_warning():
    result = mof("  name: Demo\n  license: {}\n  components:\n    - name: Evaluation code\n")
    assert artifact(result, "evaluation-code") == {"artifactType": "evaluation-code", "status": "released"}
    assert stated_kinds(result) == ["no-license"]
    assert "release.license.code or distribution" in stated(result)[0]


def test_not_included_is_withheld_without_a_reason():
    result = mof("  name: Demo\n  components:\n    - name: Datasets\n      license: Component not included\n")
    assert artifact(result, "datasets") == {"artifactType": "datasets", "status": "withheld"}
    assert stated_kinds(result) == ["not-included"]


# ---------------------------------------------------------------------------------------------
# Release fields
# ---------------------------------------------------------------------------------------------


def test_identity_from_file_stem_or_name():
    text = HEAD + "release:\n  name: Demo-7B\n  version: 1.10\n  components: []\n"
    by_text = mof_to_manifest(text)
    assert by_text.manifest["identifier"] == "Demo-7B"
    assert by_text.manifest["version"] == "1.10"  # YAML 1.1 would make it 1.1
    by_file = mof_to_manifest(text, source="models/Demo-7B-v2.yml")
    assert by_file.manifest["identifier"] == "Demo-7B-v2"
    assert any("differs from the file name 'Demo-7B-v2'" in w for w in by_file.warnings)
    record = mlrelease.load(text, format="mof")
    assert str(record.iri) == "https://w3id.org/mlrelease/id/Demo-7B/1.10"


def test_date_is_the_entrys_change_date_and_bad_values_are_dropped():
    result = mof("  name: Demo\n  version: Undisclosed\n  date: '2024-06-13'\n  components: []\n")
    assert result.manifest["dateModified"] == "2024-06-13"
    assert "datePublished" not in result.manifest
    # no version stated: the entry's date versions the record, inferred (decision 0006)
    assert result.manifest["version"] == "2024-06-13"
    assert {"field": "version", "from": "release.date"} in [
        {k: n[k] for k in ("field", "from")} for n in result.manifest["inferred"]]
    assert "version-placeholder" in stated_kinds(result)
    bad = mof("  name: Demo\n  date: 13/06/2024\n  components: []\n")
    assert "dateModified" not in bad.manifest and "release.date" in bad.dropped
    assert "bad-date" in bad.warning_kinds


def test_urls_keywords_publisher_contact():
    result = mof("  name: Demo\n  type: code\n  architecture: transformer decoder\n  treatment: pre-trained\n"
                 "  producer: Example Org\n  contact: me@example.org\n  huggingface: example-org/demo\n"
                 "  repository: 'https://github.com/example-org/demo'\n  components: []\n")
    m = result.manifest
    assert m["url"] == ["https://github.com/example-org/demo", "https://huggingface.co/example-org/demo"]
    assert m["keywords"] == ["code model", "pre-trained", "transformer decoder"]
    assert m["publisher"] == {"id": "https://huggingface.co/example-org", "type": "Organization", "name": "Example Org"}
    assert "release.contact" in result.dropped


@pytest.mark.parametrize(("name", "origin", "treatment", "expected"), [
    ("OLMo-7B", "OLMo-7B", None, None),  # itself
    ("llama-2-7b", "Llama-2-7B", None, None),  # itself, in other case
    ("OLMo-7B", "OLMo", None, None),  # its own family
    ("Llama-3-8B-Instruct", "llama-3-8B", None, {"baseModel": {"type": "Model", "name": "llama-3-8B"}}),
    ("gemma-2-9b-it", "gemma-2-9b", None, {"baseModel": {"type": "Model", "name": "gemma-2-9b"}}),
    ("CodeGemma-7B", "Gemma", None, {"baseModel": {"type": "Model", "name": "Gemma"}}),  # Gemma is a licence id too
    ("Arctic-Instruct", "Arctic-Base", "instruct fine-tuned",
     {"baseModel": {"type": "Model", "name": "Arctic-Base"}, "relation": "fine-tune"}),
])
def test_origin(name, origin, treatment, expected):
    extra = f"  treatment: {treatment}\n" if treatment else ""
    result = mof(f"  name: {name}\n  origin: {origin}\n{extra}  components: []\n", source="<mof>")
    assert result.manifest.get("lineage") == ([expected] if expected else None)
    assert ("release.origin" in result.dropped) == (expected is None)


def test_origin_holding_a_licence_is_dropped_with_a_warning():
    result = mof("  name: XGen\n  origin: Apache-2.0\n  components: []\n", source="<mof>")
    assert "lineage" not in result.manifest and "release.origin" in result.dropped
    assert stated_kinds(result) == ["no-components", "origin-license"]


def test_unknown_fields_are_dropped_with_a_warning():
    result = mof("  name: Demo\n  homepage: 'https://example.org'\n  components:\n"
                 "    - name: Model card\n      licence: MIT\n")
    assert {"release.homepage", "release.components.0.licence"} <= set(result.dropped)
    assert stated_kinds(result).count("unknown-field") == 2
    assert any(w.startswith("Demo.yml:7:3: release.homepage is not a field") for w in stated(result))


def test_framework_block():
    result = mof_to_manifest("release:\n  name: Demo\n  components: []\n", source="Demo.yml")
    assert stated_kinds(result) == ["framework", "no-components"]
    other = mof_to_manifest("framework: {name: Other Framework, version: '2.0'}\nrelease: {name: Demo}\n",
                            source="Demo.yml")
    assert other.warnings[0].startswith("Demo.yml:1:19: framework.name is 'Other Framework'")
    assert {"framework.name", "framework.version"} <= set(other.dropped)


def test_duplicate_component_is_merged_like_mot():
    result = mof("  name: Demo\n  components:\n    - name: Model card\n      license: MIT\n"
                 "    - name: Model card\n      license: CC-BY-4.0\n")
    assert artifact(result, "model-card")["license"] == ["CC-BY-4.0"]
    assert stated_kinds(result) == ["duplicate-component"]


def test_import_is_deterministic_and_dump_is_byte_identical():
    text = HEAD + "release:\n" + INHERIT
    assert mof_to_manifest(text, source="Demo.yml") == mof_to_manifest(text, source="Demo.yml")
    first = mlrelease.dump(mlrelease.load(text, format="mof"), "jsonld")
    assert first == mlrelease.dump(mlrelease.load(text, format="mof"), "jsonld")


def test_detected_by_convert_from_a_file(tmp_path):
    path = tmp_path / "Demo-3B.yml"
    path.write_text(HEAD + "release:\n" + INHERIT, encoding="utf-8")
    record = mlrelease.load(path)
    assert record.format == "mof"
    assert record.identifier == "Demo-3B"


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------


def test_duplicate_key_is_an_error_with_its_line():
    with pytest.raises(InputError) as info:
        mof("  name: Demo\n  version: '1'\n  version: '2'\n  components: []\n")
    assert str(info.value).startswith("Demo.yml:8:3: duplicate key 'version' (first on line 7)")


def test_missing_release_is_not_a_mof_manifest():
    with pytest.raises(InputError) as info:
        mof_to_manifest(HEAD + "releases: []\n", source="Demo.yml")
    err = info.value
    assert err.location == "Demo.yml:1:1"
    assert "no `release` field" in err.message
    assert "add `release:`" in (err.hint or "") and "--from yaml" in (err.hint or "")


@pytest.mark.parametrize(("text", "location", "words"), [
    ("", "Demo.yml", "empty"),
    ("- a\n- b\n", "Demo.yml:1:1", "not a mapping"),
    (HEAD + "release: BLOOM\n", "Demo.yml:5:10", "`release` must be a mapping"),
    (HEAD + "release:\n  version: '1'\n", "Demo.yml:5:1", "no name"),
    (HEAD + "release:\n  name: [a, b]\n", "Demo.yml:6:3", "release.name must be a string"),
    (HEAD + "release:\n  name: Demo\n  components: {name: Model card}\n", "Demo.yml:7:3",
     "release.components must be a list"),
    (HEAD + "release:\n  name: Demo\n  components:\n    - Model card\n", "Demo.yml:8:7",
     "release.components.0 must be a mapping"),
    (HEAD + "release:\n  name: Demo\n  components:\n    - name: Model card\n      license: [MIT, BSD-3-Clause]\n",
     "Demo.yml:9:7", "release.components.0.license must be a string"),
    (HEAD + "release:\n  name: Demo\n  license: MIT\n", "Demo.yml:7:12", "release.license must be a mapping"),
    (HEAD + "release:\n  name: Demo\n  license:\n    distribution: MIT\n", "Demo.yml:8:19",
     "release.license.distribution must be a mapping"),
    (HEAD + "release:\n  name: Demo\n  components: [\n", "Demo.yml:8:1", "YAML syntax error"),
])
def test_bad_input_is_located(text, location, words):
    with pytest.raises(InputError) as info:
        mof_to_manifest(text, source="Demo.yml")
    err = info.value
    assert err.location == location, str(err)
    assert words in err.message
    assert err.hint


def test_bad_input_through_the_public_api_names_the_file(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("framework: {name: Model Openness Framework}\nrelease:\n  version: '1'\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        mlrelease.load(path)
    assert info.value.location == f"{path}:2:1"


# ---------------------------------------------------------------------------------------------
# Golden files
# ---------------------------------------------------------------------------------------------


def _golden_text(result: ImportResult) -> str:
    data = {"manifest": result.manifest, "dropped": result.dropped, "warnings": stated(result)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_golden(case, golden):
    result = mof_to_manifest(input_path(SUITE, case).read_text(encoding="utf-8"), source=f"{case}.yml")
    golden.check(SUITE, case, _golden_text(result), "json")
    assert loads(result) == result.manifest


def test_golden_cases_exist():
    assert len(GOLDEN_CASES) >= 5


if __name__ == "__main__":  # print the corpus counts: .venv/bin/python tests/test_import_mof.py
    if not MOF.is_dir():
        sys.exit(f"corpus not found at {MOF}")
    corpus_report(MOF / "models", show=True)
    corpus_report(MOF / "Test_Data", show=True)
