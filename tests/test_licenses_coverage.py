"""Coverage against the shared corpus: every Hugging Face licence id and every licence string of the
273 Model Openness Framework manifests resolves to a catalogue entry or to a typed "not a licence",
never to "unknown" and never to a guess. Skipped, with the reason, when ../shared/corpus is absent.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from mlrelease.licenses import NotALicenseKind, Status, catalog, resolve

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
HF_TABLE = CORPUS / "hf-docs" / "docs" / "hub" / "repositories-licenses.md"
MOF = CORPUS / "mof"

pytestmark = pytest.mark.corpus


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared corpus file not found at {path} (CI lays the corpus beside the checkout as ../shared)")
    return path


@pytest.fixture(scope="module")
def hf_rows() -> list[tuple[str, str]]:
    text = _need(HF_TABLE).read_text(encoding="utf-8")
    region = text.split("<!-- region licenses -->", 1)[1].split("<!-- endregion -->", 1)[0]
    return [(full.replace("\\*", "*"), ident)
            for full, ident in re.findall(r"^\|\s*(.+?)\s*\|\s*`([^`]+)`\s*\|", region, re.MULTILINE)]


@pytest.fixture(scope="module")
def mof_strings() -> Counter[str]:
    manifests = sorted(_need(MOF / "models").glob("*.yml"))
    assert len(manifests) == 273
    found: Counter[str] = Counter()
    for path in manifests:
        release = yaml.safe_load(path.read_text(encoding="utf-8"))["release"]
        for entry in (release.get("license") or {}).values():
            found[entry["name"]] += 1
        for component in release.get("components") or []:
            if "license" in component:
                found[component["license"]] += 1
    return found


def test_every_hugging_face_licence_id_resolves(hf_rows):
    assert len(hf_rows) == 83
    outcomes = {ident: resolve(ident) for _full, ident in hf_rows}
    resolved = {i: r.license for i, r in outcomes.items() if r.status is Status.RESOLVED}
    assert len(resolved) == 81
    assert {i: (r.status, r.kind) for i, r in outcomes.items() if i not in resolved} == {
        "other": (Status.NOT_A_LICENSE, NotALicenseKind.OTHER),
        "unknown": (Status.NOT_A_LICENSE, NotALicenseKind.STATED_UNKNOWN),
    }
    for ident, lic in resolved.items():
        assert lic is not None and lic.huggingface_id == ident, ident


def test_hugging_face_full_names_resolve_to_the_same_entry(hf_rows):
    for full, ident in hf_rows:
        by_id, by_name = resolve(ident), resolve(full)
        assert (by_name.status, by_name.license) == (by_id.status, by_id.license), (full, ident)


def test_hugging_face_family_ids_claim_only_what_every_member_guarantees():
    assert resolve("cc").license.flags.commercial_use_allowed is False  # CC BY-NC-ND is a CC licence too
    assert resolve("bsd").license.flags.osi_approved is None  # BSD-4-Clause is not OSI-approved
    assert resolve("gpl").license.flags.osi_approved is None  # nor is GPL-1.0
    assert resolve("openrail").license.use_restrictions == ()  # they depend on the licence actually used


def test_every_mof_licence_string_resolves_or_is_typed(mof_strings):
    assert len(mof_strings) == 74 and sum(mof_strings.values()) == 1481
    outcomes = {text: resolve(text) for text in mof_strings}
    statuses = Counter(r.status for r in outcomes.values())
    assert statuses == {Status.RESOLVED: 57, Status.NOT_A_LICENSE: 17}
    assert sum(mof_strings[t] for t, r in outcomes.items() if r.status is Status.RESOLVED) == 533
    kinds = Counter(r.kind.value for r in outcomes.values() if r.kind is not None)
    assert kinds == {"not-included": 5, "dataset-names": 2, "several-licenses": 2, "empty": 1, "unlicensed": 1,
                     "undisclosed": 1, "placeholder": 1, "see-elsewhere": 1, "paper-link": 1, "model-name": 1,
                     "other": 1}


@pytest.mark.parametrize(("text", "ident"), [
    ("Apache 2.0", "Apache-2.0"), ("Apache license 2.0", "Apache-2.0"), ("apache-2.0", "Apache-2.0"),
    ("MIT license", "MIT"), ("MIT License", "MIT"), ("BSD-3", "BSD-3-Clause"), ("BSD", "bsd"),
    ("CC BY-SA 4.0", "CC-BY-SA-4.0"), ("Creative Commons Attribution Non Commercial 4.0", "CC-BY-NC-4.0"),
    ("commercial use restrcitions; CC-BY-NC-SA-4.0", "CC-BY-NC-SA-4.0"),
    ("BigScience-BLOOM-RAIL-1.0", "bigscience-bloom-rail-1.0"),
    ("BigCode OpenRAIL-M v1 license agreement", "bigcode-openrail-m"), ("OpenRAIL", "openrail"),
    ("Llama 2 Community License", "llama2"), ("Meta Llama 3 Community License Agreement", "llama3"),
    ("Llama 3.1 Community License", "llama3.1"), ("Llama 3.2 Community License", "llama3.2"),
    ("Gemma Terms of Use", "gemma"), ("gemma", "gemma"),
    ("arXiv.org perpetual, non-exclusive license 1.0", "arXiv-1.0"), ("arxiv-non-excluse-1.0", "arXiv-1.0"),
    ("apple-sample-code-license", "apple-ascl"), (" Falcon-180B TII License", "falcon-180b-tii-license"),
    ("Databricks Open Model License", "databricks-open-model-license"), ("tongyi-qianwen", "tongyi-qianwen"),
    ("tongyi-qianwen-research", "tongyi-qianwen-research"), ("Qwen License Agreement", "qwen"),
    ("DeepSeek License Agreement", "deepseek-license"), ("Proprietary", "proprietary"),
])
def test_mof_free_text_spellings(mof_strings, text, ident):
    assert text in mof_strings
    assert resolve(text).license.id == ident


@pytest.mark.parametrize(("text", "kind"), [
    ("unlicensed", NotALicenseKind.UNLICENSED), ("Undisclosed", NotALicenseKind.UNDISCLOSED),
    ("Component not included but listed sources", NotALicenseKind.NOT_INCLUDED),
    ("License only specified in original dataset starcoderdata", NotALicenseKind.SEE_ELSEWHERE),
    ("mc4, cc100, wikipedia, EleutherAI/pile, togethercomputer/RedPajama-Data-1T", NotALicenseKind.DATASET_NAMES),
    ("https://arxiv.org/pdf/2401.06066", NotALicenseKind.PAPER_LINK), ("Bloom", NotALicenseKind.MODEL_NAME),
    ("commercial use restrcitions; Apache 2.0, TeleChat模型社区许可协议", NotALicenseKind.SEVERAL_LICENSES),
])
def test_mof_strings_that_are_not_licences(mof_strings, text, kind):
    assert text in mof_strings
    assert resolve(text).kind is kind


def test_flags_agree_with_the_model_openness_tools_spdx_snapshot():
    """OSI and FSF flags of every SPDX-listed entry agree with SPDX's (as the Model Openness Tool ships them)."""
    spdx = {x["licenseId"]: x for x in json.loads(_need(MOF / "web" / "modules" / "mof" / "licenses.json")
                                                  .read_text(encoding="utf-8"))["licenses"]}
    checked = 0
    for lic in catalog():
        entry = spdx.get(lic.spdx_id or "")
        if entry is None:
            continue
        checked += 1
        assert lic.flags.osi_approved is entry["isOsiApproved"], lic.id
        assert lic.flags.fsf_libre is bool(entry.get("isFsfLibre", False)), lic.id
        assert lic.name == entry["name"], lic.id
    assert checked == 85


def test_content_types_cover_the_model_openness_tools_open_licences():
    """Where the Model Openness Tool counts a licence as open for a content type, the catalogue says it suits it."""
    mot = json.loads(_need(MOF / "web" / "modules" / "mof" / "mof-licenses.json").read_text(encoding="utf-8"))
    names = {"code": "code", "data": "data", "document": "documentation"}
    checked = 0
    for entry in mot["licenses"]:
        lic = catalog().get(entry["licenseId"])
        if lic is None:
            continue
        types = entry["ContentType"] if isinstance(entry["ContentType"], list) else [entry["ContentType"]]
        assert {names[t] for t in types} <= set(lic.content_types), lic.id
        checked += 1
    assert checked >= 15
