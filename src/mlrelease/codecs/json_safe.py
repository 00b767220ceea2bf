"""Safe JSON loading: duplicate keys, NaN/Infinity, depth and size are errors that say where.

>>> load_json('{"a": {"b": 1}}', source="x.json")
{'a': {'b': 1}}
"""

from __future__ import annotations

import json
import json.scanner
import re
from typing import Any

from ..errors import InputError
from .limits import DEFAULT_LIMITS, Limits
from .scan import control_characters, escaped_surrogates, too_deep, where


class _Duplicate(Exception):
    def __init__(self, key: str, offset: int) -> None:
        self.key = key
        self.offset = offset


def _decoder() -> json.JSONDecoder:
    """A decoder whose objects know where they start, so duplicate keys can be located."""
    decoder = json.JSONDecoder(parse_constant=_constant)

    def parse_object(s_and_end: tuple[str, int], strict: bool, scan_once: Any, object_hook: Any,
                     object_pairs_hook: Any, memo: Any = None) -> tuple[dict[str, Any], int]:
        s, start = s_and_end
        pairs, end = json.decoder.JSONObject(  # type: ignore[attr-defined]
            (s, start), strict, scan_once, object_hook, lambda p: p, memo
        )
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise _Duplicate(key, start - 1)
            out[key] = value
        return out, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[\[\]{}]|-?[0-9][0-9.eE+\-]*')


def _prescan(text: str, limits: Limits, source: str) -> None:
    """Nesting depth and number digits, checked in one iterative pass before any parser runs."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        ch = token[0]
        if ch == '"':
            continue
        if ch in "[{":
            depth += 1
            if depth > limits.max_depth:
                raise too_deep(source, text, match.start(), limits.max_depth)
        elif ch in "]}":
            depth -= 1
        elif len(token) > limits.max_number_digits:
            raise InputError(f"a number of {len(token)} digits (limit max_number_digits {limits.max_number_digits})",
                             location=where(source, text, match.start()), hint=limits.hint("max_number_digits"))


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key, -1)
        out[key] = value
    return out


def load_json(text: str, *, source: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse JSON text, refusing what ``json.loads`` would silently accept.

    Depth, number digits, lone surrogates (raw or escaped) and escaped NULs are checked by an
    iterative pre-scan, then the C parser reads the text (its recursion is bounded by the depth check).

    :raises InputError: on a syntax error (with line and column), a duplicate key, NaN or
        Infinity, nesting deeper than ``limits.max_depth``, a number longer than
        ``limits.max_number_digits``, a lone surrogate or NUL, or text larger than ``limits.max_bytes``.
    """
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise InputError(f"document is larger than the limit of {limits.max_bytes} bytes", location=source,
                         hint=limits.hint("max_bytes"))
    if text.startswith("\ufeff"):
        text = text[1:]
    control_characters(text, source)
    escaped_surrogates(text, source)
    _prescan(text, limits, source)
    try:
        try:
            return json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
        except _Duplicate:
            return _decoder().decode(text)  # slower, but it knows where the duplicate is
    except _Duplicate as dup:
        line = text.count("\n", 0, dup.offset) + 1
        column = dup.offset - (text.rfind("\n", 0, dup.offset) + 1) + 1
        raise InputError(
            f"duplicate key {dup.key!r} in the object that starts here", location=f"{source}:{line}:{column}",
            hint="a key may appear once per object; keep the value you mean",
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON syntax error: {exc.msg}", location=f"{source}:{exc.lineno}:{exc.colno}",
                         hint="check the brackets, commas and quotes near that position") from None
    except ValueError as exc:
        raise InputError(str(exc), location=source, hint="use null or a string instead") from None
