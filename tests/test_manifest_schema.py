"""The generated JSON Schema for editors stays in step with the context and the schemes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from mlrelease.vocabulary import context, load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads((resources.files("mlrelease") / "data" / "manifest.schema.json").read_text("utf-8"))


def _plain(path: Path) -> dict:
    # As an editor sees the file: YAML values, dates as strings.
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def test_schema_is_valid_draft_2020_12(schema):
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_has_exactly_the_context_keys(schema):
    ctx = context()["@context"]
    keys = {k for k, v in ctx.items() if isinstance(v, dict)} | {"id", "type"}
    assert set(schema["$defs"]["node"]["properties"]) == keys


def test_schema_enumerates_every_code_of_each_scheme(schema):
    props = schema["$defs"]["node"]["properties"]
    vocab = load()

    def enum_of(prop: dict) -> list[str]:
        items = prop.get("items") or next(a for a in prop["anyOf"] if a.get("enum"))
        return items["enum"]

    assert enum_of(props["accessTier"]) == [c.notation for c in vocab.scheme("access-tier").concepts]
    assert enum_of(props["role"]) == [c.notation for c in vocab.scheme("contributor-role").concepts]


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")) +
                         sorted((ROOT / "shapes" / "fixtures" / "valid").glob("*.yaml")), ids=lambda p: p.stem)
def test_examples_validate_against_the_schema(schema, path):
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(_plain(path))]
    assert errors == []


@pytest.mark.parametrize(("manifest", "fragment"), [
    ({"identifier": "org/m", "acessTier": "api"}, "'acessTier' was unexpected"),
    ({"identifier": "org/m", "accessTier": "gated-manuel"}, "'gated-manuel' is not one of"),
    ({"identifier": "org/m", "datePublished": "23/07/2024"}, "does not match"),
    ({"identifier": "org/m", "artifacts": [{"artifactType": "weights"}]}, "'weights' is not one of"),
])
def test_schema_rejects_what_the_codec_rejects(schema, manifest, fragment):
    def walk(errors):
        for e in errors:
            yield e.message
            yield from walk(e.context or [])

    messages = list(walk(jsonschema.Draft202012Validator(schema).iter_errors(manifest)))
    assert any(fragment in m for m in messages), messages
