"""Safe YAML loading that keeps locations and never corrupts values.

* Only plain data: no Python tags (``!!python/...``), no custom tags.
* Duplicate mapping keys are an error, with the line of the second occurrence.
* Scalars load as :class:`MarkedStr` (a ``str``) that remembers its line, column and whether it
  was quoted; no YAML 1.1 coercion is applied (``1.10`` stays ``"1.10"``, ``NO`` stays ``"NO"``).
  Typing happens later, by the vocabulary (see :func:`plain_value`).
* Aliases are limited (alias bombs), and so are depth and node count.

>>> data = load_yaml("version: 1.10\\ncountry: NO\\n", source="m.yaml")
>>> data["version"], data["country"], data["version"].line
('1.10', 'NO', 1)
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import InputError
from .limits import DEFAULT_LIMITS, Limits


class MarkedStr(str):
    """A YAML scalar's text with its position (1-based line and column) and quoting."""

    line: int
    column: int
    quoted: bool

    def __new__(cls, value: str, line: int = 0, column: int = 0, quoted: bool = False) -> MarkedStr:
        obj = super().__new__(cls, value)
        obj.line = line
        obj.column = column
        obj.quoted = quoted
        return obj

    def __reduce__(self):  # keep pickling and copying simple: a plain str
        return (str, (str(self),))


class MarkedDict(dict):
    """A YAML mapping that remembers the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class MarkedList(list):
    """A YAML sequence that remembers its line."""

    line: int = 0


_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")


def plain_value(value: Any) -> Any:
    """Type an unquoted scalar by the YAML 1.2 core schema (null, true/false, int, float).

    Quoted scalars and anything else stay strings: ``"1.0"`` stays a string, ``NO`` stays "NO".

    >>> plain_value(MarkedStr("0.61")), plain_value(MarkedStr("true")), plain_value(MarkedStr("yes"))
    (0.61, True, 'yes')
    """
    if not isinstance(value, MarkedStr) or value.quoted:
        return value
    text = str(value)
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


class _Composer(yaml.SafeLoader):
    pass


def _location(source: str, node: Node) -> str:
    return f"{source}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def load_yaml(text: str, *, source: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse one YAML document into dicts, lists and :class:`MarkedStr` scalars.

    :raises InputError: on a syntax error, a duplicate key, a tag, too many aliases, too deep
        nesting, too many nodes, more than one document, or text larger than ``limits.max_bytes``.
    """
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise InputError(
            f"document is larger than the limit of {limits.max_bytes} bytes",
            location=source,
            hint="split it, or raise the limit (Limits(max_bytes=...)) if you trust the input",
        )
    loader = _Composer(text)
    try:
        events_aliases = sum(1 for tok in yaml.scan(text, Loader=yaml.SafeLoader) if isinstance(tok, yaml.AliasToken))
        if events_aliases > limits.max_aliases:
            raise InputError(
                f"document uses {events_aliases} YAML aliases (limit {limits.max_aliases})",
                location=source,
                hint="write the values out instead of using anchors and aliases",
            )
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        problem = exc.problem or "invalid YAML"
        hint = "check the indentation and quoting on that line"
        if "expected a single document" in str(exc.context or ""):
            problem = "the file holds more than one YAML document (---)"
            hint = "put one release in each file"
        raise InputError(f"YAML syntax error: {problem}", location=where, hint=hint) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", location=source) from None
    finally:
        loader.dispose()
    if node is None:
        return None
    counter = [0]
    return _convert(node, source, limits, 0, counter)


def _convert(node: Node, source: str, limits: Limits, depth: int, counter: list[int]) -> Any:
    counter[0] += 1
    if counter[0] > limits.max_nodes:
        raise InputError(f"document has more than {limits.max_nodes} nodes", location=source)
    if depth > limits.max_depth:
        raise InputError(
            f"nesting deeper than {limits.max_depth} levels", location=_location(source, node),
            hint="release records are shallow; this input is probably not a manifest",
        )
    if node.tag not in (
        "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value",
    ):
        raise InputError(
            f"YAML tag {node.tag!r} is not allowed", location=_location(source, node),
            hint="manifests hold plain data only; remove the tag",
        )
    if isinstance(node, ScalarNode):
        return MarkedStr(node.value, node.start_mark.line + 1, node.start_mark.column + 1, node.style in ("'", '"'))
    if isinstance(node, SequenceNode):
        out = MarkedList(_convert(child, source, limits, depth + 1, counter) for child in node.value)
        out.line = node.start_mark.line + 1
        return out
    if isinstance(node, MappingNode):
        result = MarkedDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise InputError("YAML merge keys (<<) are not allowed", location=_location(source, key_node),
                                 hint="write the keys out")
            if not isinstance(key_node, ScalarNode):
                raise InputError("mapping keys must be plain strings", location=_location(source, key_node))
            key = str(key_node.value)
            if key in result:
                raise InputError(
                    f"duplicate key {key!r} (first on line {result.key_lines[key]})",
                    location=_location(source, key_node),
                    hint="a key may appear once per mapping; keep the value you mean",
                )
            result.key_lines[key] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, source, limits, depth + 1, counter)
        return result
    raise InputError("unsupported YAML node", location=_location(source, node))  # pragma: no cover


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every string that :func:`plain_value` would read as another type."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # PyYAML quotes what YAML 1.1 would type, but leaves e.g. ``1e5`` and ``6.7E1`` plain, which the
    # YAML 1.2 core schema (and so this loader) reads as numbers.
    if not isinstance(plain_value(MarkedStr(data)), str):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="'")
    return dumper.represent_str(data)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    """Write plain data as YAML that :func:`load_yaml` reads back unchanged (strings stay strings).

    >>> print(dump_yaml({"value": "1e5", "version": "1.10", "n": 1e21}), end="")
    value: '1e5'
    version: '1.10'
    n: 1.0e+21
    """
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
