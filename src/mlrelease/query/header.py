"""The header of a query file: title, description, parameters with types, result columns.

A header is the comment block at the top of a ``.rq`` file::

    # title: Releases that withhold their weights
    # description: Which releases withhold model weights, and the reason each gives.
    #   Continuation lines are indented.
    # param publisher (iri, optional): only the releases of this publisher
    # param claim (concept:openness-claim, default=open-source): the claim to check
    # column release: the release
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

#: Parameter types; ``concept:<scheme>`` takes a code of that scheme (or the concept's IRI), and
#: ``services`` takes SPARQL endpoint URLs, comma-separated, for ``SERVICE ?param`` blocks.
PARAM_TYPES = ("iri", "concept", "string", "integer", "decimal", "date", "boolean", "services")
_PARAM = re.compile(r"^param\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*)\)\s*:\s*(.*)$")
_COLUMN = re.compile(r"^column\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$")
_FIELD = re.compile(r"^(title|description)\s*:\s*(.*)$")


@dataclass(frozen=True)
class Param:
    """A query parameter: ``type`` is one of :data:`PARAM_TYPES`, ``scheme`` set for concepts."""

    name: str
    type: str
    description: str
    optional: bool = False
    default: str | None = None
    scheme: str | None = None

    @property
    def required(self) -> bool:
        return not self.optional and self.default is None

    def signature(self) -> str:
        kind = f"concept:{self.scheme}" if self.type == "concept" else self.type
        extra = ", optional" if self.optional else (f", default={self.default}" if self.default is not None else "")
        return f"{self.name} ({kind}{extra})"


@dataclass(frozen=True)
class QueryDef:
    """A query of the pack (or a file given by path), with its header."""

    name: str
    title: str
    description: str
    text: str
    path: Path | None = None
    params: tuple[Param, ...] = ()
    columns: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    @property
    def column_names(self) -> list[str]:
        return [c for c, _ in self.columns]


def _param(match: re.Match[str], where: str) -> Param:
    name, spec, text = match.group(1), match.group(2), match.group(3).strip()
    parts = [p.strip() for p in spec.split(",") if p.strip()]
    if not parts:
        raise InputError(f"parameter {name} has no type", location=where)
    kind, scheme = parts[0], None
    if kind.startswith("concept:"):
        kind, scheme = "concept", kind.split(":", 1)[1]
    if kind not in PARAM_TYPES:
        raise InputError(f"parameter {name} has an unknown type {parts[0]!r}", location=where,
                         hint=f"use one of {', '.join(PARAM_TYPES)} (concept as concept:<scheme>)")
    optional, default = False, None
    for extra in parts[1:]:
        if extra == "optional":
            optional = True
        elif extra.startswith("default="):
            default = extra.split("=", 1)[1].strip()
        else:
            raise InputError(f"parameter {name}: unknown option {extra!r}", location=where,
                             hint="options are 'optional' and 'default=VALUE'")
    return Param(name, kind, text, optional, default, scheme)


def parse(text: str, *, name: str, path: Path | None = None) -> QueryDef:
    """Read the header of a query's ``text``.

    :raises InputError: on a malformed header line (with the file and line).
    """
    fields: dict[str, list[str]] = {}  # title/description -> [name, text]
    params: list[Param] = []
    columns: list[list[str]] = []  # [name, text]
    last: list[str] | None = None  # the entry a continuation line extends
    where_file = str(path) if path else name
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.startswith("#"):
            if raw.strip():
                break
            continue
        line = raw[1:]
        body = line.strip()
        where = f"{where_file}:{number}"
        if line.startswith(("  ", "\t")) and body and last is not None:
            last[1] = f"{last[1]} {body}".strip()
            continue
        last = None
        if not body:
            continue
        if m := _FIELD.match(body):
            last = fields[m.group(1)] = [m.group(1), m.group(2).strip()]
        elif m := _PARAM.match(body):
            params.append(_param(m, where))
        elif m := _COLUMN.match(body):
            last = [m.group(1), m.group(2).strip()]
            columns.append(last)
        else:
            raise InputError(f"not a header line: {body[:60]!r}", location=where,
                             hint="header lines are 'title:', 'description:', 'param NAME (TYPE): ...' or "
                                  "'column NAME: ...'")
    title = fields.get("title", ["", name])[1]
    description = fields.get("description", ["", ""])[1]
    return QueryDef(name=name, title=title, description=description, text=text, path=path,
                    params=tuple(params), columns=tuple((c[0], c[1]) for c in columns))
