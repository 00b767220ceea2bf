"""The default limits refuse hostile input but read a legitimate record, even one of 10,000 artifacts."""

from __future__ import annotations

import pytest

import mlrelease
from mlrelease import Limits
from mlrelease.codecs.limits import DEFAULT_LIMITS, LIMIT_FIELDS, option_name
from mlrelease.errors import InputError


def _record(artifacts: int) -> str:
    lines = ["identifier: org/big", "version: '1'", "license: MIT", "artifacts:"]
    for i in range(artifacts):
        lines += ["  - artifactType: model-parameters-final", f"    url: https://example.org/a/{i}",
                  f"    description: artifact number {i}", f"    byteSize: {i * 1000}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def big() -> mlrelease.ReleaseRecord:
    return mlrelease.load(_record(10_000), format="yaml")


def test_a_record_of_10000_artifacts_reads_from_yaml(big):
    assert len(big.artifacts) == 10_000


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld", "json"])
def test_a_record_of_10000_artifacts_reads_back_in_every_format(big, fmt):
    again = mlrelease.load(mlrelease.dump(big, fmt), format=fmt)
    assert len(again.artifacts) == 10_000


def test_every_limit_has_an_option_and_a_hint():
    for name in LIMIT_FIELDS:
        assert name.startswith("max_")
        hint = DEFAULT_LIMITS.hint(name)
        assert option_name(name) in hint and f"Limits({name}=N)" in hint


def test_a_limit_can_be_raised_through_the_api():
    deep = "a: " + "[" * 70 + "]" * 70 + "\n"
    with pytest.raises(InputError, match=r"limit max_depth"):
        mlrelease.load(deep, format="yaml")
    with pytest.raises(InputError, match="identifier"):  # read; the record itself is incomplete
        mlrelease.load(deep, format="yaml", limits=Limits(max_depth=80))


def test_docs_security_lists_every_limit_with_its_default(root):
    text = (root / "docs" / "security.md").read_text(encoding="utf-8")
    for name in LIMIT_FIELDS:
        row = f"| `{name}` | `{option_name(name)}` | {getattr(DEFAULT_LIMITS, name)} |"
        assert row in text, f"docs/security.md has no row {row}"
