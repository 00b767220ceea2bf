"""Writing query results as a table for people, or as SPARQL 1.1 CSV or JSON results for programs."""

from __future__ import annotations

import csv
import io
import json
from typing import Protocol

import pyoxigraph as ox
from rdflib import XSD

from ..iris import SCHEME_BASE, curie
from ..store import QueryResult, QueryStream

FORMATS = ("table", "csv", "json")


class TextOut(Protocol):
    """Where :func:`write` writes: anything with ``write(text)`` (a text file, ``sys.stdout``)."""

    def write(self, text: str, /) -> int: ...


def short(term: object) -> str:
    """A term as a person reads it: concepts as ``scheme/code``, known namespaces as prefixes."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        value = term.value
        if value.startswith(SCHEME_BASE):
            return value[len(SCHEME_BASE):]
        return curie(value)
    return str(getattr(term, "value", term))


def fit_widths(widths: list[int], width: int, *, gap: int = 2, least: int = 8) -> list[int]:
    """Column widths that fit a line of ``width``: the widest column is narrowed first, to ``least``.

    >>> fit_widths([10, 60, 30], 60)
    [10, 23, 23]
    """
    out = list(widths)
    budget = width - gap * (len(out) - 1)
    while sum(out) > budget:
        i = max(range(len(out)), key=lambda k: out[k])
        if out[i] <= least:
            break
        out[i] -= 1
    return out


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def table(result: QueryResult, width: int | None = None) -> str:
    """An aligned text table, with the number of rows at the end.

    With ``width``, long cells are cut (ending in an ellipsis) so that each line fits it.
    """
    if result.boolean is not None:
        return f"{'yes' if result.boolean else 'no'}\n"
    rows = [[short(t) for t in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(result.columns)]
    if width is not None:
        widths = fit_widths(widths, width)
        rows = [[_cut(v, w) for v, w in zip(r, widths, strict=True)] for r in rows]
    line = "  ".join(_cut(c, w).ljust(w) for c, w in zip(result.columns, widths, strict=True)).rstrip()
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV results: plain values, empty for unbound."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.columns)
    for row in result.values():
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    assert isinstance(term, ox.Literal)
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != str(XSD.string):
        out["datatype"] = term.datatype.value
    return out


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 JSON results."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    bindings = [{c: _json_term(t) for c, t in zip(result.columns, row, strict=True) if t is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": result.columns}, "results": {"bindings": bindings}}, indent=1,
                      ensure_ascii=False) + "\n"


def render(result: QueryResult, format: str = "table", *, width: int | None = None) -> str:
    """``result`` in one of :data:`FORMATS`; a table fits ``width`` when given (see :func:`table`)."""
    if format == "table":
        return table(result, width)
    return {"csv": to_csv, "json": to_json}[format](result)


def write(result: QueryStream, format: str, out: TextOut, *, width: int | None = None) -> int:
    """Write ``result`` to ``out`` in one of :data:`FORMATS` as its rows come; return the number of rows.

    CSV and JSON are written row by row, with the same text as :func:`render` (a program reading the
    output sees the first rows before the store has found the last); a table needs every row for
    its column widths, so it is written at the end (fitting ``width`` when given, see :func:`table`).
    """
    if format == "table" or result.boolean is not None:
        whole = QueryResult(columns=result.columns, rows=list(result.rows), boolean=result.boolean)
        out.write(render(whole, format, width=width))
        return len(whole.rows)
    if format == "csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(result.columns)
        n = 0
        for n, row in enumerate(result.rows, start=1):  # noqa: B007 (n is the count afterwards)
            writer.writerow(["" if t is None else t.value for t in row])
        return n
    if format != "json":
        raise ValueError(f"unknown format {format!r}")
    # json.dumps(..., indent=1) of the whole document, written binding by binding: the head up to the
    # bindings' "[", then each binding indented to its depth (3), then the closing brackets.
    head, tail = to_json(QueryResult(columns=result.columns)).split("[]")
    n = 0
    for n, row in enumerate(result.rows, start=1):
        binding = {c: _json_term(t) for c, t in zip(result.columns, row, strict=True) if t is not None}
        text = json.dumps(binding, indent=1, ensure_ascii=False).replace("\n", "\n   ")
        out.write((head + "[\n   " if n == 1 else ",\n   ") + text)
    out.write(head + "[]" + tail if n == 0 else "\n  ]" + tail)
    return n
