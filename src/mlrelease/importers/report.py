"""The report every importer keeps: located warnings (each of a documented kind), dropped fields, errors.

An importer makes one :class:`ImportReport` per input, locates what it reports with
:meth:`ImportReport.at` (a YAML node, a key of a mapping or a line number), records
:meth:`~ImportReport.warn` and :meth:`~ImportReport.drop` entries as :class:`Issue` values and
builds its errors with :meth:`~ImportReport.error`. :meth:`ImportReport.warnings` and
:meth:`ImportReport.dropped` give them back in the importer's order; an
:class:`~mlrelease.importers.ImportResult` made with ``from_report`` holds both as text (each
warning ``file:line:col: message``, each dropped field a dotted path) and as issues.

>>> report = ImportReport("card.md", ["license: foo"], kinds={"license-unknown": "a licence nobody knows"})
>>> report.warn("license-unknown", report.on_line(1, "foo"), "license: 'foo' is unknown")
>>> report.drop("license", report.at(1))
>>> [str(w) for w in report.warnings()], [str(d) for d in report.dropped()]
(["card.md:1:10: license: 'foo' is unknown"], ['license'])
>>> str(report.error("not a card", report.at(), hint="write one"))
'card.md: not a card\\n  hint: write one'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..codecs.yaml_safe import MarkedDict, MarkedStr
from ..errors import InputError
from ..lexical import natural_key

#: Warning kinds every importer shares, with what they mean (each importer adds them to its own kinds).
SHARED_KINDS = {
    "inferred": "a value the source implies but does not state: recorded under `inferred` with the source field "
                "and the rule, never as a stated fact",
}

#: Where a location on a line points when nothing gives its column: at the line's indentation or
#: at column 1.
ColumnRule = Literal["indent", "first"]
#: How warnings are ordered: by line (then as recorded), or by line and column (then as recorded).
WarningOrder = Literal["line", "position"]
#: How dropped fields are ordered: by line (then as recorded), or by their dotted paths, numbers by value.
DroppedOrder = Literal["line", "path"]


@dataclass(frozen=True)
class Location:
    """A place in an input: ``file:line:col``, ``file:line`` (column 0) or the whole file (line 0)."""

    source: str
    line: int = 0  # 1-based; 0: no line
    column: int = 0  # 1-based; 0: no column

    def __str__(self) -> str:
        if not self.line:
            return self.source
        if not self.column:
            return f"{self.source}:{self.line}"
        return f"{self.source}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Issue:
    """One entry of a report: a warning (of a kind) or a dropped field (kind ``dropped``).

    ``text`` is the warning's message or the dropped field's dotted path; ``str(issue)`` is the
    entry as :class:`~mlrelease.importers.ImportResult` lists it.
    """

    severity: Literal["warning", "dropped"]
    kind: str
    text: str
    where: Location
    order: int  # when it was recorded, among every entry of the report

    def __str__(self) -> str:
        return f"{self.where}: {self.text}" if self.severity == "warning" else self.text


class ImportReport:
    """The warnings, dropped fields and errors of one import.

    ``lines`` are the input's lines (as the YAML loader counts them), used to find the column of a
    key; ``kinds`` documents every warning kind the importer may use (a kind not in it is a bug);
    ``columns``, ``warning_order`` and ``dropped_order`` are the importer's conventions (see
    :data:`ColumnRule`, :data:`WarningOrder` and :data:`DroppedOrder`).
    """

    def __init__(self, source: str, lines: Sequence[str] = (), *, kinds: Mapping[str, str],
                 columns: ColumnRule = "indent", warning_order: WarningOrder = "line",
                 dropped_order: DroppedOrder = "line") -> None:
        self.source = source
        self.lines = lines
        self.kinds = kinds
        self.columns = columns
        self.warning_order = warning_order
        self.dropped_order = dropped_order
        self.issues: list[Issue] = []
        #: What was inferred: ``{"field": manifest key, "from": source field, "rule": why}``, in order.
        self.inferred: list[dict[str, str]] = []
        #: For a fact the core profile needs and the source lacks: manifest key -> the source field to add.
        self.hints: dict[str, str] = {}

    # -- locations ------------------------------------------------------------------------------

    def at(self, node: object = None, parent: object = None, key: str | None = None) -> Location:
        """Locate ``node``: a YAML value, or ``key`` of the mapping ``parent``, or a line number.

        In this order: the line and column of a scalar ``node``; the line of ``key`` in ``parent``
        with the column where the key is written; the line of ``node`` (a mapping or a list), else
        of ``parent``; line ``node`` itself when it is a positive int (column 1); else the file.
        """
        if isinstance(node, MarkedStr) and node.line:
            return Location(self.source, node.line, node.column)
        if isinstance(parent, MarkedDict) and key is not None and key in parent.key_lines:
            return self.on_line(parent.key_lines[key], key)
        line = getattr(node, "line", 0) or getattr(parent, "line", 0)
        if line:
            return self.on_line(line)
        if isinstance(node, int) and not isinstance(node, bool) and node > 0:
            return Location(self.source, node, 1)
        return Location(self.source)

    def on_line(self, line: int, text: str | None = None) -> Location:
        """Locate ``text`` on ``line`` (where it is first written), else the line (see :data:`ColumnRule`)."""
        physical = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        if text is not None and text in physical:
            return Location(self.source, line, physical.find(text) + 1)
        if self.columns == "indent":
            return Location(self.source, line, len(physical) - len(physical.lstrip()) + 1)
        return Location(self.source, line, 1)

    # -- recording ------------------------------------------------------------------------------

    def warn(self, kind: str, where: Location, message: str) -> None:
        """Record a warning of ``kind`` (one of ``kinds``) at ``where``."""
        if kind not in self.kinds:
            raise AssertionError(f"undocumented warning kind {kind!r}")
        self.issues.append(Issue("warning", kind, message, where, len(self.issues)))

    def infer(self, field: str, source_field: str, rule: str, where: Location | None = None) -> None:
        """Record that the manifest's ``field`` was inferred from ``source_field`` by ``rule`` (a warning too)."""
        self.inferred.append({"field": field, "from": source_field, "rule": rule})
        self.warn("inferred", where or Location(self.source), f"{field} inferred from {source_field}: {rule}")

    def missing(self, field: str, source_field: str) -> None:
        """Record that the source lacks ``field`` (a manifest key core needs); ``source_field`` says what to add.

        Not a warning: validation adds it to the finding about ``field`` (``ImportResult.hints``).
        """
        self.hints[field] = source_field

    def drop(self, path: str, where: Location | None = None) -> None:
        """Record that the input field ``path`` (dotted, e.g. ``model-index.0.name``) was not mapped."""
        self.issues.append(Issue("dropped", "dropped", path, where or Location(self.source), len(self.issues)))

    def error(self, message: str, where: Location, hint: str | None = None) -> InputError:
        """The :class:`~mlrelease.errors.InputError` to raise for input that cannot be read."""
        return InputError(message, location=str(where), hint=hint)

    # -- reading --------------------------------------------------------------------------------

    def warnings(self) -> list[Issue]:
        """The warnings in the importer's order (see :data:`WarningOrder`)."""
        found = [i for i in self.issues if i.severity == "warning"]
        if self.warning_order == "position":
            return sorted(found, key=lambda i: (i.where.line, i.where.column, i.order))
        return sorted(found, key=lambda i: (i.where.line, i.order))

    def dropped(self) -> list[Issue]:
        """The dropped fields in the importer's order (see :data:`DroppedOrder`)."""
        found = [i for i in self.issues if i.severity == "dropped"]
        if self.dropped_order == "path":
            return sorted(found, key=lambda i: natural_key(i.text))
        return sorted(found, key=lambda i: (i.where.line, i.order))


__all__ = ["SHARED_KINDS", "ColumnRule", "DroppedOrder", "ImportReport", "Issue", "Location", "WarningOrder"]
