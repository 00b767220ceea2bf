"""The YAML loader: one pass over libyaml's events, equal to PyYAML's own composer, limits held while reading.

The reference is the loader's earlier form: PyYAML's pure-Python composer (``yaml.compose``) and a
recursive conversion. Both must give the same values, the same positions and the same quoting on every
YAML file of the corpus and the examples, and on every card's front matter.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from mlrelease.codecs.limits import Limits
from mlrelease.codecs.yaml_safe import MarkedDict, MarkedList, MarkedStr, load_yaml
from mlrelease.errors import InputError

ROOT = Path(__file__).resolve().parents[1]


def reference(text: str) -> Any:
    """PyYAML's pure-Python composer, converted as the loader did before it read events."""
    def convert(node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return ("str", node.value, node.start_mark.line + 1, node.start_mark.column + 1, node.style in ("'", '"'))
        if isinstance(node, yaml.SequenceNode):
            return ("list", node.start_mark.line + 1, [convert(child) for child in node.value])
        assert isinstance(node, yaml.MappingNode)
        if not all(isinstance(k, yaml.ScalarNode) for k, _ in node.value):
            raise ValueError("a mapping key that is not a plain string")
        return ("dict", node.start_mark.line + 1,
                [(k.value, k.start_mark.line + 1, convert(v)) for k, v in node.value])

    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return None if node is None else convert(node)


def shape(value: Any) -> Any:
    """The loader's output in the reference's terms (values, positions, quoting)."""
    if isinstance(value, MarkedStr):
        return ("str", str(value), value.line, value.column, value.quoted)
    if isinstance(value, MarkedList):
        return ("list", value.line, [shape(v) for v in value])
    assert isinstance(value, MarkedDict), type(value)
    return ("dict", value.line, [(k, value.key_lines[k], shape(v)) for k, v in value.items()])


def yaml_documents(corpus: Path) -> list[tuple[str, str]]:
    files = sorted((corpus / "mof").rglob("*.y*ml")) + sorted((ROOT / "examples").glob("*.yaml"))
    docs = [(str(p), p.read_text(encoding="utf-8")) for p in files]
    for card in sorted((corpus / "hf-hub").rglob("*.md")) + sorted((corpus / "hf-docs").rglob("*.md")):
        text = card.read_text(encoding="utf-8").lstrip("\ufeff")
        match = re.match(r"---\r?\n(.*?)\r?\n---\r?\n", text, re.DOTALL)
        if match:
            docs.append((str(card), match.group(1)))
    return docs


@pytest.mark.corpus
def test_same_values_positions_and_quoting_as_the_reference_composer(corpus):
    docs = yaml_documents(corpus)
    assert len(docs) > 300
    compared = 0
    for name, text in docs:
        try:
            expected = reference(text)
        except (yaml.YAMLError, ValueError):
            with pytest.raises(InputError):
                load_yaml(text, source=name)
            continue
        if expected is None:
            assert load_yaml(text, source=name) is None
            continue
        assert shape(load_yaml(text, source=name)) == expected, name
        compared += 1
    assert compared > 300


def test_aliases_give_values_of_their_own():
    data = load_yaml("a: &x {k: v}\nb: *x\n")
    assert data["a"] == data["b"] == {"k": "v"}
    assert data["a"] is not data["b"]
    assert data["b"].line == 1


@pytest.mark.parametrize(("text", "message"), [
    ("a: 1\nb: \x00\n", r"<string>:2:4: the document holds a character YAML does not allow \(U\+0000\)"),
    ("a: \x07\n", r"<string>:1:4: .* \(U\+0007\)"),
    ("a: x\ud800y\n", r"<string>:1:5: .* \(U\+D800\)"),
    ("a: &x [*x]\n", r"nesting deeper than 64 levels"),
    ("a: *nope\n", r"<string>:1:4: YAML syntax error: found undefined alias 'nope'"),
])
def test_refusals_are_located(text, message):
    with pytest.raises(InputError, match=message):
        load_yaml(text)


def test_an_alias_string_bomb_is_refused_by_what_it_expands_to():
    big = "x" * 1_000_000
    text = f"a: &s {big}\n" + "".join(f"k{i}: *s\n" for i in range(54))
    with pytest.raises(InputError, match="aliases expand to more than"):
        load_yaml(text, limits=Limits(max_bytes=2_000_000))


@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000,                                   # flow, 100,000 deep
    "".join(" " * i + "- \n" for i in range(0, 4000, 2)),            # block, 2,000 deep
    "".join(" " * (2 * i) + f"k{i}:\n" for i in range(2000)) + " " * 4000 + "v\n",
])
def test_deep_nesting_is_refused_without_recursion(text):
    with pytest.raises(InputError, match="nesting deeper than 64 levels"):
        load_yaml(text)


def test_an_anchored_subtree_is_measured_where_it_is_used():
    nested = "{a: " * 40 + "v" + "}" * 40
    text = f"base: &deep {nested}\n" + "x:\n" + "".join(" " * (2 * i) + f"k{i}:\n" for i in range(1, 30)) \
        + " " * 60 + "use: *deep\n"
    with pytest.raises(InputError, match="nesting deeper than 64 levels"):
        load_yaml(text)
