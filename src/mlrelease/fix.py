"""Safe, unambiguous fixes to a YAML manifest, keeping its comments, order and layout.

Three kinds of fix, each applied only when there is exactly one right answer:

* ``licence``: a licence spelling the catalogue knows (an alias, a Hugging Face id, another case)
  becomes its catalogue id (``Apache 2`` -> ``Apache-2.0``);
* ``code``: a code in the wrong case becomes the code (``Gated-Manual`` -> ``gated-manual``);
* ``key``: a key that is not a manifest key, closer to one manifest key than to any other and
  within two edits (a swap of neighbours counts as one), becomes that key (``licence`` ->
  ``license``, ``stauts`` -> ``status``).

Anything else (an unknown code, two equally close keys, an unknown licence) is left for a person;
``mlrelease validate`` says what it is. The manifest is read and written with ruamel.yaml's
round-trip mode, so comments, key order and quoting survive.

>>> result = fix_text("identifier: org/m  # the repo\\nlicence: Apache 2\\naccessTier: Gated\\n")
>>> print(result.text, end="")
identifier: org/m  # the repo
license: Apache-2.0
accessTier: gated
>>> [f.kind for f in result.fixes]
['key', 'licence', 'code']
"""

from __future__ import annotations

import difflib
import functools
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import OSA
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from .errors import InputError
from .licenses import catalog, resolve
from .licenses.resolve import Status
from .vocabulary import load as load_vocabulary

#: Keys a manifest may hold besides the vocabulary's keys.
_OWN_KEYS = ("id", "type", "@context")
#: Keys whose values are licence ids.
_LICENSE_KEYS = ("license",)


@dataclass(frozen=True)
class Fix:
    """One change: where (``path``, a dotted key path), what kind, from what to what."""

    path: str
    kind: str  # "licence" | "code" | "key"
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.path}: {self.kind} {self.old!r} -> {self.new!r}"


@dataclass
class FixResult:
    """The fixed text and the fixes made (none: the text is unchanged)."""

    text: str
    fixes: list[Fix] = field(default_factory=list)

    def diff(self, original: str, name: str = "manifest") -> str:
        """A unified diff from ``original`` to the fixed text."""
        return "".join(difflib.unified_diff(original.splitlines(keepends=True), self.text.splitlines(keepends=True),
                                            fromfile=f"a/{name}", tofile=f"b/{name}"))


@functools.cache
def _keys() -> tuple[str, ...]:
    terms = load_vocabulary().terms.values()
    return tuple(sorted({t.key for t in terms if t.key and t.kind != "class"} | set(_OWN_KEYS)))


@functools.cache
def _schemes() -> dict[str, tuple[str, ...]]:
    """Manifest key -> the codes its scheme defines (keys that take codes only)."""
    vocab = load_vocabulary()
    out: dict[str, tuple[str, ...]] = {}
    for term in vocab.terms.values():
        if term.key and term.value_scheme:
            slug = term.value_scheme.rstrip("/").rsplit("/", 1)[-1]
            if slug in vocab.schemes:
                out[term.key] = tuple(c.notation for c in vocab.schemes[slug].concepts)
    return out


_ITEM = re.compile(r"^( *)- ")
_KEY = re.compile(r"^( *)[^\s#-][^:]*:\s*(#.*)?$")


def _yaml(text: str = "") -> YAML:
    """A round-trip YAML that writes sequences indented as ``text`` indents them."""
    yaml = YAML(typ="rt")
    lines = text.splitlines()
    for before, line in itertools.pairwise(lines):
        key, item = _KEY.match(before), _ITEM.match(line)
        if key and item:
            offset = len(item.group(1)) - len(key.group(1))
            if offset > 0:
                yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
            break
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines
    return yaml


def fix_text(text: str, *, source: str = "<string>") -> FixResult:
    """Apply the safe fixes to the YAML manifest ``text``.

    :raises InputError: the text is not YAML (with the line and column).
    """
    yaml = _yaml(text)
    try:
        data = yaml.load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark is not None else source
        raise InputError(f"not YAML: {getattr(exc, 'problem', None) or exc}", location=where,
                         hint="fix the syntax first: mlrelease fix changes values and keys, not syntax") from None
    fixes = list(_fix_node(data, ""))
    if not fixes:
        return FixResult(text)
    out = io.StringIO()
    yaml.dump(data, out)
    return FixResult(out.getvalue(), fixes)


def _fix_node(node: Any, path: str) -> Iterator[Fix]:
    if isinstance(node, CommentedMap):
        yield from _fix_keys(node, path)
        for key in list(node.keys()):
            where = f"{path}.{key}" if path else str(key)
            value = node[key]
            if key in _LICENSE_KEYS:
                yield from _fix_values(node, key, where, _license_id)
            elif key in _schemes():
                codes = _schemes()[key]
                yield from _fix_values(node, key, where, functools.partial(_code, codes=codes))
            else:
                yield from _fix_node(value, where)
    elif isinstance(node, CommentedSeq):
        for i, item in enumerate(node):
            yield from _fix_node(item, f"{path}[{i}]")


def _fix_values(node: CommentedMap, key: str, where: str, fixer: Any) -> Iterator[Fix]:
    value = node[key]
    items = list(enumerate(value)) if isinstance(value, CommentedSeq) else [(None, value)]
    for index, item in items:
        if isinstance(item, (CommentedMap, CommentedSeq)):
            yield from _fix_node(item, where if index is None else f"{where}[{index}]")
            continue
        if not isinstance(item, str):
            continue
        fixed = fixer(item)
        if fixed is None or fixed == item:
            continue
        new = type(item)(fixed) if type(item) is not str else fixed  # keep ruamel's quoting style
        if index is None:
            node[key] = new
        else:
            value[index] = new
        yield Fix(where if index is None else f"{where}[{index}]", "licence" if key in _LICENSE_KEYS else "code",
                  str(item), fixed)


def _license_id(value: str) -> str | None:
    """The catalogue id a licence spelling stands for, when the catalogue is sure of it."""
    if value in catalog():
        return None
    resolution = resolve(value)
    if resolution.status is not Status.RESOLVED or resolution.license is None or resolution.parts:
        return None
    return resolution.license.id


def _code(value: str, *, codes: tuple[str, ...]) -> str | None:
    """The code ``value`` is in another case (or with spaces for hyphens), when exactly one matches."""
    if value in codes:
        return None
    wanted = value.strip().lower().replace(" ", "-").replace("_", "-")
    matches = [c for c in codes if c.lower() == wanted]
    return matches[0] if len(matches) == 1 else None


def _fix_keys(node: CommentedMap, path: str) -> Iterator[Fix]:
    keys = _keys()
    for position, key in enumerate(list(node.keys())):
        if not isinstance(key, str) or key in keys:
            continue
        distances = {k: OSA.distance(key.lower(), k.lower()) for k in keys}
        best = min(distances.values())
        close = [k for k, d in distances.items() if d == best]
        if best > 2 or len(close) != 1 or close[0] in node:
            continue
        new = close[0]
        comment = node.ca.items.pop(key, None)
        value = node.pop(key)
        node.insert(position, new, value)
        if comment is not None:
            node.ca.items[new] = comment
        yield Fix(f"{path}.{key}" if path else key, "key", key, new)


__all__ = ["Fix", "FixResult", "fix_text"]
