"""Safe JSON loading: duplicate keys, NaN/Infinity, depth and size are errors that say where.

>>> load_json('{"a": {"b": 1}}', source="x.json")
{'a': {'b': 1}}
"""

from __future__ import annotations

import json
import json.scanner
from typing import Any

from ..errors import InputError
from .limits import DEFAULT_LIMITS, Limits


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


def _depth(text: str, limit: int, source: str) -> None:
    depth = 0
    in_string = escaped = False
    line = 1
    for ch in text:
        if ch == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                raise InputError(
                    f"nesting deeper than {limit} levels", location=f"{source}:{line}",
                    hint="release records are shallow; this input is probably not a release record",
                )
        elif ch in "]}":
            depth -= 1


def load_json(text: str, *, source: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse JSON text, refusing what ``json.loads`` would silently accept.

    :raises InputError: on a syntax error (with line and column), a duplicate key, NaN or
        Infinity, nesting deeper than ``limits.max_depth``, or text larger than ``limits.max_bytes``.
    """
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise InputError(f"document is larger than the limit of {limits.max_bytes} bytes", location=source,
                         hint="split it, or raise the limit (Limits(max_bytes=...)) if you trust the input")
    if text.startswith("\ufeff"):
        text = text[1:]
    _depth(text, limits.max_depth, source)
    try:
        return _decoder().decode(text)
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
