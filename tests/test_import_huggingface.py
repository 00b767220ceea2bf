"""The Hugging Face model card importer (mlrelease.importers.huggingface).

Three kinds of test:

* every card fixture of huggingface_hub (``../shared/corpus/hf-hub/tests/fixtures/cards/``): the
  valid ones import with specific mapped values, the invalid ones fail with a located message,
  and the counts are asserted;
* small cards written here for each mapping rule and each kind of bad input;
* golden files: each folder of ``tests/golden/huggingface/`` holds an input card ``input.md``
  beside ``expected.json`` (the manifest, dropped fields and warnings), imported as ``README.md``
  with the identifier ``example-org/<folder>``. Regenerate on purpose with
  ``.venv/bin/python -m pytest --regen-golden tests/test_import_huggingface.py`` and review the
  diff (tests/golden/README.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden_files import cases, input_path
from rdflib import URIRef

import mlrelease
from mlrelease.codecs.manifest_rdf import graph_to_manifest, manifest_to_graph
from mlrelease.errors import InputError
from mlrelease.importers import ImportResult
from mlrelease.importers.huggingface import RIGHTS, card_to_manifest, normalise_heading, section_patterns

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CARDS = CORPUS / "hf-hub" / "tests" / "fixtures" / "cards"
SUITE = "huggingface"
GOLDEN_CASES = cases(SUITE)

#: The fixtures that import, and those that fail with the location their error names.
IMPORTED = {
    "sample_datasetcard_simple.md",  # a dataset card: imported with a warning
    "sample_invalid_model_index.md",  # refused by the Hub's validator, but parseable: imported with a warning
    "sample_no_metadata.md",
    "sample_simple.md",
    "sample_simple_model_index.md",
    "sample_windows_line_breaks.md",
}
FAILED = {
    "sample_invalid_card_data.md": "sample_invalid_card_data.md:2:1",  # the metadata is a list
    "sample_template.md": "sample_template.md:2:1",  # a Jinja template: {{card_data}}
    "sample_datasetcard_template.md": "sample_datasetcard_template.md:2:1",  # a template: {card_data}
}


def card(text: str, **kwargs) -> ImportResult:
    return card_to_manifest(text, source="README.md", **kwargs)


def loads(result: ImportResult) -> dict:
    """The manifest after a trip through the RDF codec: proves it is a valid manifest."""
    graph, release = manifest_to_graph(result.manifest, source=result.source)
    return graph_to_manifest(graph, release)


# ---------------------------------------------------------------------------------------------
# The huggingface_hub card fixtures
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cards_dir() -> Path:
    if not CARDS.is_dir():
        pytest.skip(f"huggingface_hub card fixtures not found at {CARDS} (CI lays the corpus beside the checkout)")
    return CARDS


def _import_fixture(cards_dir: Path, name: str) -> ImportResult:
    return card_to_manifest((cards_dir / name).read_text(encoding="utf-8"), source=name)


@pytest.mark.corpus
def test_fixture_counts(cards_dir):
    """Six of the nine fixtures import; three fail with a located error."""
    imported, failed = set(), {}
    for path in sorted(cards_dir.glob("*.md")):
        try:
            result = _import_fixture(cards_dir, path.name)
        except InputError as exc:
            failed[path.name] = str(exc)
            continue
        loads(result)
        imported.add(path.name)
    assert imported == IMPORTED
    assert set(failed) == set(FAILED)
    assert (len(imported), len(failed)) == (6, 3)
    for name, location in FAILED.items():
        assert failed[name].startswith(location + ": "), failed[name]
        assert "hint:" in failed[name]


@pytest.mark.corpus
def test_fixture_simple(cards_dir):
    result = _import_fixture(cards_dir, "sample_simple.md")
    m = result.manifest
    assert m["name"] == "my-cool-model"
    assert m["license"] == ["MIT"]
    assert m["keywords"] == ["pytorch", "image-classification"]
    assert m["trainingData"] == ["https://huggingface.co/datasets/beans"]
    assert m["artifacts"] == [{"artifactType": "model-card", "status": "released"}]
    assert m["modelCard"]["sections"] == [
        {"sectionType": "model-details", "text": "You can embed local or remote images using `![](...)`"}]
    assert result.dropped == ["language", "library_name", "metrics"]
    assert result.format == "hf-card"


@pytest.mark.corpus
def test_fixture_model_index(cards_dir):
    result = _import_fixture(cards_dir, "sample_simple_model_index.md")
    beans = "https://huggingface.co/datasets/beans"
    assert result.manifest["evaluationResults"] == [
        {"task": "image-classification", "evaluationData": [beans], "metric": "accuracy", "value": 0.9},
        {"task": "image-classification", "evaluationData": [beans], "metric": "f1", "value": 0.66},
    ]
    assert "model-index.0.results.1.dataset.revision" in result.dropped
    assert "model-index.0.results.1.dataset.split" in result.dropped
    assert result.manifest["name"] == "my-cool-model"


@pytest.mark.corpus
def test_fixture_invalid_model_index_imports_with_a_warning(cards_dir):
    """The Hub refuses a result without a dataset; the YAML is fine, so it imports with a warning."""
    result = _import_fixture(cards_dir, "sample_invalid_model_index.md")
    assert result.manifest["evaluationResults"] == [{"task": "image-classification", "metric": "acc", "value": 0.9}]
    (warning,) = [w for w in result.warnings if "has no dataset" in w]
    assert warning.startswith("sample_invalid_model_index.md:15:")
    assert "model-index.0.results.0" in warning


@pytest.mark.corpus
def test_fixture_invalid_card_data_fails_located(cards_dir):
    with pytest.raises(InputError) as info:
        _import_fixture(cards_dir, "sample_invalid_card_data.md")
    assert str(info.value).startswith("sample_invalid_card_data.md:2:1: the metadata block must be a mapping")


@pytest.mark.corpus
def test_fixture_templates_fail_located(cards_dir):
    for name in ("sample_template.md", "sample_datasetcard_template.md"):
        with pytest.raises(InputError, match="template placeholder") as info:
            _import_fixture(cards_dir, name)
        assert "from_template" in str(info.value)


@pytest.mark.corpus
def test_fixture_no_metadata(cards_dir):
    result = _import_fixture(cards_dir, "sample_no_metadata.md")
    assert result.manifest["name"] == "MyCoolModel"
    assert result.manifest["description"].startswith("In this example, we don't have any metadata")
    assert any("has no metadata block" in w for w in result.warnings)
    assert result.dropped == []


@pytest.mark.corpus
def test_fixture_windows_line_breaks(cards_dir):
    result = _import_fixture(cards_dir, "sample_windows_line_breaks.md")
    assert result.manifest["name"] == "Hello old Windows line breaks"
    assert result.manifest["license"] == ["MIT"]
    assert result.dropped == ["language", "thumbnail", "widget"]
    assert not any("\r" in str(v) for v in result.manifest.values())


@pytest.mark.corpus
def test_fixture_dataset_card(cards_dir):
    result = _import_fixture(cards_dir, "sample_datasetcard_simple.md")
    assert result.manifest["license"] == ["BSD-3-Clause"]
    assert result.manifest["artifacts"] == [{"artifactType": "data-card", "status": "released"}]
    assert result.manifest["name"] == "Sample Segmentation"
    assert any("looks like a dataset card" in w for w in result.warnings)
    assert "task_categories" in result.dropped


@pytest.mark.corpus
def test_fixture_loads_through_the_public_api(cards_dir):
    """``mlrelease.load`` detects a .md file as a card and keeps the importer's warnings."""
    record = mlrelease.load(cards_dir / "sample_simple_model_index.md")
    assert record.format == "hf-card"
    assert record.name == "my-cool-model"
    assert record.licenses
    assert record.dropped == _import_fixture(cards_dir, "sample_simple_model_index.md").dropped


# ---------------------------------------------------------------------------------------------
# Mapping rules, on small cards
# ---------------------------------------------------------------------------------------------

GATED = """---
license: mit
gated: manual
extra_gated_prompt: You agree to use the model for research only.
extra_gated_fields:
  Company: text
  Country: country
  I want to use this model for:
    type: select
    options:
      - Research
      - label: Other
        value: other
  I agree to use this model for non-commercial use ONLY: checkbox
---
# Gated
"""


def test_gated_manual_with_fields():
    result = card(GATED, identifier="org/gated")
    m = result.manifest
    assert m["accessTier"] == "gated-manual"
    assert m["gate"] == {
        "conditions": ["affiliation", "agree-to-terms", "declare-country", "identify", "manual-approval",
                       "platform-account", "stated-purpose"],
        "prompt": "You agree to use the model for research only.",
        "fields": ["Company", "Country", "I want to use this model for",
                   "I agree to use this model for non-commercial use ONLY"],
    }
    assert "extra_gated_fields.I want to use this model for.options" in result.dropped
    assert loads(result)["accessTier"] == "gated-manual"


@pytest.mark.parametrize(("mode", "tier"), [("auto", "gated-automatic"), ("true", "gated-automatic"),
                                             ('"manual"', "gated-manual")])
def test_gated_modes(mode, tier):
    result = card(f"---\ngated: {mode}\n---\n# M\n")
    assert result.manifest["accessTier"] == tier
    assert result.manifest["gate"]["conditions"][:2] == ["agree-to-terms", "identify"]


def test_extra_gated_without_mode_is_gated_with_a_warning():
    result = card("---\nextra_gated_prompt: Agree.\nextra_gated_eu_disallowed: true\n---\n# M\n")
    assert result.manifest["accessTier"] == "gated"
    assert result.manifest["gate"]["excludedRegions"] == ["EU"]
    assert "geographic-restriction" in result.manifest["gate"]["conditions"]
    assert any(w.startswith("README.md:2:1: the card has extra_gated_* fields but no `gated` mode")
               for w in result.warnings)


def test_gated_false_drops_the_gate():
    result = card("---\ngated: false\nextra_gated_prompt: Agree.\n---\n# M\n")
    assert "accessTier" not in result.manifest and "gate" not in result.manifest
    assert result.dropped == ["gated", "extra_gated_prompt"]
    assert any("no effect" in w for w in result.warnings)


def test_gate_heading_description_and_button():
    text = ("---\ngated: auto\nextra_gated_heading: Acknowledge license\nextra_gated_prompt: Terms.\n"
            "extra_gated_description: We take 2-3 days.\nextra_gated_button_content: Acknowledge\n"
            "extra_gated_fields:\n  Date of birth: date_picker\n  Specific date: date_picker\n---\n# M\n")
    result = card(text)
    gate = result.manifest["gate"]
    assert gate["prompt"] == "Acknowledge license\n\nTerms.\n\nWe take 2-3 days."
    assert gate["fields"] == ["Date of birth", "Specific date"]
    assert "date-of-birth" in gate["conditions"]
    assert result.dropped == ["extra_gated_button_content"]


def test_license_other_with_a_known_license_name():
    result = card("---\nlicense: other\nlicense_name: llama3.1\nlicense_link: LICENSE\n---\n# M\n")
    assert result.manifest["license"] == ["llama3.1"]
    assert result.dropped == []
    assert loads(result)["license"] == ["llama3.1"]


def test_license_other_with_an_unknown_license_name_keeps_the_link_in_a_warning():
    result = card("---\nlicense: other\nlicense_name: coqui-public-model-license\n"
                  "license_link: https://coqui.ai/cpml\n---\n# M\n")
    assert "license" not in result.manifest
    assert result.manifest[RIGHTS] == "coqui-public-model-license"  # kept, never silently dropped
    assert result.dropped == ["license_link"]
    (warning,) = [w for w in result.warnings if "license: other" in w]
    assert warning.startswith("README.md:3:1: ")
    assert "https://coqui.ai/cpml" in warning and "dcterms:rights" in warning


def test_unknown_license_id_is_a_warning_never_a_guess():
    result = card("---\nlicense:\n- apache-2.0\n- apache-2.1\n---\n# M\n")
    assert result.manifest["license"] == ["Apache-2.0"]
    assert result.manifest[RIGHTS] == "apache-2.1"  # the unknown text is kept as rights
    assert result.dropped == []
    (kind,) = [k for w, k in zip(result.warnings, result.warning_kinds, strict=True) if "apache-2.1" in w]
    assert kind == "license-unknown"
    (warning,) = [w for w in result.warnings if "apache-2.1" in w]
    assert warning.startswith("README.md:4:3: ")
    assert "did you mean" in warning


def test_license_name_without_other_is_dropped():
    result = card("---\nlicense: mit\nlicense_name: my-license\n---\n# M\n")
    assert result.manifest["license"] == ["MIT"]
    assert result.dropped == ["license_name"]


def test_base_model_list_quantized():
    result = card("---\nbase_model:\n- org/a-7b\n- org/b-7b\nbase_model_relation: quantized\n---\n# M\n")
    assert result.manifest["lineage"] == [
        {"baseModel": "https://huggingface.co/org/a-7b", "relation": "quantization"},
        {"baseModel": "https://huggingface.co/org/b-7b", "relation": "quantization"},
    ]
    assert loads(result)["lineage"][0]["relation"] == "quantization"


@pytest.mark.parametrize(("hub", "code"), [("adapter", "adapter"), ("merge", "merge"), ("finetune", "fine-tune"),
                                           ("quantized", "quantization")])
def test_base_model_relations(hub, code):
    result = card(f"---\nbase_model: org/base\nbase_model_relation: {hub}\n---\n# M\n")
    assert result.manifest["lineage"] == [{"baseModel": "https://huggingface.co/org/base", "relation": code}]


def test_base_model_without_relation_leaves_it_out():
    result = card("---\nbase_model: gpt2\n---\n# M\n")
    assert result.manifest["lineage"] == [{"baseModel": "https://huggingface.co/gpt2"}]
    assert any("base_model_relation is not given" in w for w in result.warnings)


def test_unknown_base_model_relation():
    result = card("---\nbase_model: org/base\nbase_model_relation: distilled\n---\n# M\n")
    assert result.manifest["lineage"] == [{"baseModel": "https://huggingface.co/org/base"}]
    assert result.dropped == ["base_model_relation"]
    assert any(w.startswith("README.md:3:22: base_model_relation 'distilled'") for w in result.warnings)


def test_identity_keywords_task_and_version():
    result = card("---\nmodel_name: Demo Model\npipeline_tag: text-generation\ntags: [a, b, a]\nversion: 1.10\n"
                  "language: [en]\nlibrary_name: transformers\nco2_eq_emissions: 10\n---\n# Other title\n",
                  identifier="org/demo")
    m = result.manifest
    assert (m["name"], m["identifier"], m["url"]) == ("Demo Model", "org/demo", "https://huggingface.co/org/demo")
    assert m["version"] == "1.10"
    assert m["keywords"] == ["a", "b"]
    assert m["task"] == "text-generation"
    assert m["modelCard"] == {"url": "https://huggingface.co/org/demo/blob/main/README.md"}
    assert result.dropped == ["language", "library_name", "co2_eq_emissions"]
    assert list(m) == ["type", "name", "identifier", "version", "publisher", "url", "keywords", "task", "accessTier",
                       "artifacts", "modelCard", "inferred"]
    assert [note["field"] for note in m["inferred"]] == ["publisher", "accessTier",
                                                         "artifacts.model-parameters-final"]
    assert loads(result)["version"] == "1.10"


def test_version_stays_a_string_through_the_public_api(tmp_path):
    path = tmp_path / "card.md"  # not <namespace>/<name>/README.md: no identifier from the path
    path.write_text("---\nversion: 1.10\nlicense: mit\n---\n# Demo\n", encoding="utf-8")
    record = mlrelease.load(path)
    assert record.version == "1.10"
    assert record.identifier == "Demo"
    assert any("stands in as the identifier" in w for w in record.warnings)


def test_windows_line_breaks_and_bom():
    text = "\ufeff---\r\nlicense: mit\r\ntags:\r\n- a\r\n---\r\n\r\n# Win\r\n\r\n## Limitations\r\n\r\nSlow.\r\n"
    result = card(text)
    assert result.manifest["name"] == "Win"
    assert result.manifest["keywords"] == ["a"]
    assert result.manifest["modelCard"]["sections"] == [{"sectionType": "limitations", "text": "Slow."}]


def test_datasets_and_bad_ids():
    result = card("---\ndatasets:\n- HuggingFaceFW/fineweb\n- Common Voice\n- imdb\n---\n# M\n")
    assert result.manifest["trainingData"] == ["https://huggingface.co/datasets/HuggingFaceFW/fineweb",
                                               "https://huggingface.co/datasets/imdb"]
    assert result.dropped == ["datasets.1"]
    assert any(w.startswith("README.md:4:3: datasets.1 'Common Voice'") for w in result.warnings)


def test_sections_by_heading_patterns():
    text = """---
license: mit
---
# Demo

A demo model.

## 1. Intended Uses & Limitations

Research.

### Direct Use

Chat.

#### Details nobody matches

Still part of direct use.

## Out-of-Scope Use [optional]

No medical advice.

```python
# Uses
print("not a heading")
```

## Bias, Risks, and Limitations

[More Information Needed]

## Something else

Not imported.

## Environmental impact

- **Hardware Type:** A100
- **Hours used:** [More Information Needed]
"""
    result = card(text)
    assert result.manifest["description"] == "A demo model."
    assert result.manifest["modelCard"]["sections"] == [
        {"sectionType": "intended-uses", "text": "Research."},
        {"sectionType": "direct-use", "text": "Chat.\n\n#### Details nobody matches\n\nStill part of direct use."},
        {"sectionType": "out-of-scope-uses",
         "text": 'No medical advice.\n\n```python\n# Uses\nprint("not a heading")\n```'},
        {"sectionType": "environmental-impact", "text": "- **Hardware Type:** A100"},
    ]
    assert "README.md:29:1: section 'Bias, Risks, and Limitations' holds only template placeholder text " \
           "([More Information Needed]); skipped" in result.warnings
    assert "README.md:33:1: the heading 'Something else' matches no model-card section; its text is not imported" \
        in result.warnings
    assert any(w.startswith("README.md:37:1: section 'Environmental impact': 1 line(s)") for w in result.warnings)


def test_setext_and_html_headings_and_title_not_first():
    text = ('[![badge](https://img.shields.io/b.svg)](https://example.org)\n\n<h1 align="center">Fancy Model</h1>\n\n'
            "A fancy model.\n\nUsage\n-----\n\nRun it.\n\n<h2>Citation</h2>\n\n@misc{fancy}\n")
    result = card(text, identifier="org/fancy")
    assert result.manifest["name"] == "Fancy Model"
    assert result.manifest["description"] == "A fancy model."
    assert result.manifest["modelCard"]["sections"] == [
        {"sectionType": "how-to-get-started", "text": "Run it."},
        {"sectionType": "citation", "text": "@misc{fancy}"},
    ]


def test_license_unknown_is_not_a_licence():
    result = card("---\nlicense: unknown\n---\n# M\n")
    assert "license" not in result.manifest
    assert RIGHTS not in result.manifest  # `unknown` states no licence: nothing to keep (decision 0006)
    assert result.dropped == []
    assert any(w.startswith("README.md:2:10: license: 'unknown'") for w in result.warnings)


def test_dataset_card_url():
    result = card("---\nlicense: cc-by-4.0\ntask_categories: [text-generation]\n---\n# Data\n", identifier="org/data")
    assert result.manifest["url"] == "https://huggingface.co/datasets/org/data"
    assert result.manifest["artifacts"][0]["artifactType"] == "data-card"


def test_heading_patterns_come_from_the_vocabulary(vocab):
    prop = URIRef("https://w3id.org/mlrelease/vocab#headingPattern")
    literals = {str(o) for c in vocab.scheme("model-card-section").concepts
                for o in vocab.graph.objects(URIRef(c.iri), prop)}
    patterns = section_patterns()
    assert len(literals) > 50
    assert {normalise_heading(p) for p in literals} == set(patterns)
    assert patterns["out-of-scope use"] == "out-of-scope-uses"
    assert patterns["how to get started with the model"] == "how-to-get-started"
    codes = set(vocab.scheme("model-card-section").by_notation())
    assert set(patterns.values()) <= codes


@pytest.mark.parametrize(("heading", "normal"), [
    ("**Out-of-Scope Use** [optional]:", "out-of-scope use"),
    ("2.1 Evaluation Results", "evaluation results"),
    ("📊 Evaluation", "evaluation"),
    ("Bias, Risks,   and Limitations.", "bias, risks, and limitations"),
    ("[Citation](#citation)", "citation"),
])
def test_normalise_heading(heading, normal):
    assert normalise_heading(heading) == normal


def test_import_is_deterministic():
    first = card(GATED, identifier="org/gated")
    second = card(GATED, identifier="org/gated")
    assert json.dumps(first.manifest) == json.dumps(second.manifest)
    assert (first.dropped, first.warnings) == (second.dropped, second.warnings)


# ---------------------------------------------------------------------------------------------
# Bad input: located errors
# ---------------------------------------------------------------------------------------------


def _error(text: str, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        card(text, **kwargs)
    return str(info.value)


def test_duplicate_key_error_has_the_line():
    message = _error("---\nlicense: mit\ntags: [a]\nlicense: apache-2.0\n---\n# M\n")
    assert message.startswith("README.md:4:1: duplicate key 'license' (first on line 2)")
    assert "hint:" in message


def test_duplicate_key_error_with_windows_line_breaks_and_leading_blank_lines():
    message = _error("\r\n\r\n---\r\nlicense: mit\r\nlicense: mit\r\n---\r\n# M\r\n")
    assert message.startswith("README.md:5:1: duplicate key 'license'")


def test_yaml_syntax_error_is_located_in_the_file():
    message = _error("---\nlicense: mit\ntags: [a, b\n---\n# M\n")
    assert message.startswith("README.md:4:")
    assert "YAML syntax error" in message


def test_unclosed_metadata_block():
    assert _error("---\nlicense: mit\n# M\n").startswith("README.md:1:1: the metadata block opened by --- on line 1")


def test_scalar_metadata_block():
    assert _error("---\njust text\n---\n# M\n").startswith("README.md:2:1: the metadata block must be a mapping")


@pytest.mark.parametrize(("text", "location", "words"), [
    ("---\ndatasets:\n  a: b\n---\n# M\n", "README.md:2:1", "datasets must be a value or a list"),
    ("---\nlicense:\n- [mit]\n---\n# M\n", "README.md:3:1", "license[0] must be a single value"),
    ("---\nmodel-index: yes\n---\n# M\n", "README.md:2:1", "model-index must be a list"),
    ("---\nmodel-index:\n- name: m\n  results: {}\n---\n# M\n", "README.md:4:3", "results must be a list"),
    ("---\ngated: [manual]\n---\n# M\n", "README.md:2:1", "gated must be a single value"),
    ("---\nextra_gated_fields: [Name]\n---\n# M\n", "README.md:2:1", "extra_gated_fields must be a mapping"),
    ("---\nversion:\n  major: 1\n---\n# M\n", "README.md:2:1", "version must be a single value"),
])
def test_wrong_shapes_are_located_errors(text, location, words):
    message = _error(text, identifier="org/m")
    assert message.startswith(location + ": "), message
    assert words in message
    assert "hint:" in message


def test_python_tag_is_refused():
    assert "not allowed" in _error("---\nlicense: !!python/object:os.system ls\n---\n# M\n")


def test_card_without_any_name_is_not_refused_and_names_what_to_add():
    result = card("---\nlicense: mit\n---\nNo heading here.\n")
    assert "identifier" not in result.manifest and "name" not in result.manifest
    assert "--identifier" in result.hints["identifier"] and "model_name" in result.hints["identifier"]
    given = card("---\nlicense: mit\n---\nNo heading.\n", identifier="org/m").manifest
    assert (given["identifier"], given["name"]) == ("org/m", "m")
    assert {"field": "name", "from": "the repository id",
            "rule": "the card names no model, so the repository's name 'm' stands in"} in given["inferred"]


def test_bad_identifier():
    assert "not a Hugging Face repository id" in _error("# M\n", identifier="not an id")


# ---------------------------------------------------------------------------------------------
# Golden files
# ---------------------------------------------------------------------------------------------


def _golden_text(result: ImportResult) -> str:
    doc = {"manifest": result.manifest, "dropped": result.dropped, "warnings": result.warnings}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_golden(case, golden):
    text = input_path(SUITE, case).read_bytes().decode("utf-8")  # keep \r\n and the BOM as written
    result = card_to_manifest(text, source="README.md", identifier=f"example-org/{case}")
    golden.check(SUITE, case, _golden_text(result), "json")
    loads(result)


def test_golden_cases_exist():
    assert len(GOLDEN_CASES) >= 5
