"""Cheap pre-scans of untrusted text, run before a parser sees it: nesting depth and raw characters.

Native parsers (pyoxigraph's, libyaml's, the JSON scanner) recurse on nesting, and a deep enough
document aborts them or takes quadratic time. These scans walk the text once, iteratively, with
regular expressions (so a 10 MB document is scanned in well under a second), and raise an
:class:`~mlrelease.errors.InputError` with the line and column of the first problem.

>>> turtle_depth("<a> <b> [ <c> ( 1 2 ) ] .", 2, "x.ttl")
>>> xml_depth('<a x=">"><b/><c></c></a>', 2, "x.rdf")
"""

from __future__ import annotations

import re

from ..errors import InputError
from .limits import limit_hint


def position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def where(source: str, text: str, index: int) -> str:
    """``source:line:column`` of ``index``."""
    line, column = position(text, index)
    return f"{source}:{line}:{column}"


def too_deep(source: str, text: str, index: int, limit: int, what: str = "nesting") -> InputError:
    """The error of a document nested deeper than ``limit``, at ``index``."""
    return InputError(f"{what} deeper than {limit} levels (limit max_depth)", location=where(source, text, index),
                      hint=limit_hint("max_depth", limit))


_TURTLE_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|\Z)'
    r"|'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\s]*>"
    r"|#[^\n]*"
    r"|[\[\]()]",
    re.DOTALL,
)


def turtle_depth(text: str, limit: int, source: str) -> None:
    """Refuse Turtle/TriG/N-Triples text whose ``[``/``(`` nesting is deeper than ``limit``.

    Strings, IRIs and comments are skipped, so brackets inside them do not count.
    """
    depth = 0
    for match in _TURTLE_TOKEN.finditer(text):
        ch = match.group()
        if ch in "[(":
            depth += 1
            if depth > limit:
                raise too_deep(source, text, match.start(), limit, "[ ] and ( ) nesting")
        elif ch in "])":
            depth = max(depth - 1, 0)


_XML_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[?!][^>]*>"
    r"|</[^>]*>"
    r"""|<[^\s<>/!?](?:[^>"']|"[^"]*"|'[^']*')*?(/?)>""",
    re.DOTALL,
)


def xml_depth(text: str, limit: int, source: str) -> None:
    """Refuse XML whose element nesting is deeper than ``limit`` (comments, CDATA and PIs skipped)."""
    depth = 0
    for match in _XML_TOKEN.finditer(text):
        token = match.group()
        if token.startswith("</"):
            depth = max(depth - 1, 0)
        elif token.startswith(("<!", "<?")):
            continue
        elif not match.group(1):
            depth += 1
            if depth > limit:
                raise too_deep(source, text, match.start(), limit, "XML element nesting")


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def control_characters(text: str, source: str) -> None:
    """Refuse NUL, other C0 control characters (but tab and line breaks) and lone surrogates."""
    bad = _CONTROL.search(text)
    if bad is not None:
        ch = bad.group()
        what = "a lone surrogate" if "\ud800" <= ch <= "\udfff" else "a control character"
        raise InputError(f"the document holds {what} (U+{ord(ch):04X})", location=where(source, text, bad.start()),
                         hint="remove it; text in a record is printable Unicode")


_ESCAPED_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u(?:[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|[dD][c-fC-F][0-9a-fA-F]{2})"
)
_ESCAPED_NUL = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")


def escaped_surrogates(text: str, source: str) -> None:
    """Refuse a ``\\uD800``-style escape of a lone surrogate, or an escaped NUL (JSON, Turtle strings).

    A low surrogate that follows its high one is matched together with it, so pairs pass.
    """
    for pattern, what in ((_ESCAPED_SURROGATE, "an escaped lone surrogate"), (_ESCAPED_NUL, "an escaped NUL")):
        for bad in pattern.finditer(text):
            token = bad.group()
            index = bad.start() + len(token) - 6
            if what.endswith("surrogate") and index >= 6 and re.match(r"\\u[dD][89abAB]", text[index - 6:index]) \
                    and "\\" not in token[:-6]:
                continue  # the low half of a pair
            raise InputError(f"the document holds {what} ({token[-6:]})", location=where(source, text, index),
                             hint="remove it; text in a record is printable Unicode")
