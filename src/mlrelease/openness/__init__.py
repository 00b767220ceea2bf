"""Openness assessment: Model Openness Framework class and Open Source AI Definition conformance.

Both are *derived* from what a release record states (artifacts, their status and licences) and are
kept apart from the openness the publisher claims (``opennessClaim``): ``mlrelease assess`` says what
the record supports, the consistency shapes say where a claim goes further.

>>> import mlrelease
>>> rec = mlrelease.load('''
... identifier: demo/m
... version: "1"
... license: [MIT]
... artifacts:
... - {artifactType: model-parameters-final, status: released}
... ''')
>>> a = assess(rec)[0]
>>> sorted(a.as_dict())
['mof', 'name', 'osaid', 'release', 'source']
>>> a.as_dict()["mof"]["class"], a.as_dict()["osaid"]["conformant"]
(None, False)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import Graph

from ..errors import UnknownTermError
from ..hints import suggest
from ..record import ReleaseRecord, split_releases
from .components import Component, components
from .mof import MissingComponent, MofAssessment, assess_mof
from .osaid import OsaidConformance, assess_osaid

ASSESS_FORMATS = ("text", "json")
_CLASS_LABELS = {1: "Class I (Open Science)", 2: "Class II (Open Tooling)", 3: "Class III (Open Model)"}


@dataclass(frozen=True)
class Assessment:
    """The openness assessment of one release."""

    release: str
    name: str | None
    source: str
    mof: MofAssessment
    osaid: OsaidConformance

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data: ``release``, ``name``, ``source``, ``mof`` and ``osaid``."""
        return {"release": self.release, "name": self.name, "source": self.source,
                "mof": self.mof.as_dict(), "osaid": self.osaid.as_dict()}


def _records(subject: ReleaseRecord | Graph | Iterable[ReleaseRecord]) -> list[ReleaseRecord]:
    if isinstance(subject, ReleaseRecord):
        return [subject]
    if isinstance(subject, Graph):
        return split_releases(subject)
    return list(subject)


def assess(subject: ReleaseRecord | Graph | Iterable[ReleaseRecord]) -> list[Assessment]:
    """Assess one record, several, or every release in a graph; one :class:`Assessment` each."""
    return [Assessment(release=str(r.iri), name=r.name or r.identifier, source=r.source,
                       mof=assess_mof(r), osaid=assess_osaid(r)) for r in _records(subject)]


def to_json(assessments: list[Assessment]) -> str:
    """One object for one release, a list for several (stable key order, two-space indent)."""
    data: Any = [a.as_dict() for a in assessments]
    if len(data) == 1:
        data = data[0]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def to_text(assessments: list[Assessment]) -> str:
    """A report for people: per release, the MOF class and progress, what is missing, the OSAID verdict."""
    lines: list[str] = []
    for a in assessments:
        lines.append(f"{a.name or a.release}  <{a.release}>")
        cls = _CLASS_LABELS.get(a.mof.mof_class, "none") if a.mof.mof_class else "none"
        lines.append(f"  Model Openness Framework: {cls}")
        for key in ("3", "2", "1"):
            shown = a.mof.progress[key]
            raw = a.mof.raw_progress[key]
            extra = f" (components alone: {raw:g} %; counts once Class {'I' * (int(key) + 1)} is complete)" \
                if shown != raw else ""
            lines.append(f"    Class {'I' * int(key):<3} {shown:6.2f} %{extra}")
        if a.mof.missing:
            lines.append("    missing or not open:")
            lines += [f"      - {m.describe()}" for m in a.mof.missing]
        lines += [f"    warning: {w}" for w in a.mof.warnings]
        verdict = "conformant" if a.osaid.conformant else "not conformant"
        lines.append(f"  Open Source AI Definition 1.0: {verdict}")
        lines += [f"    - {r}" for r in a.osaid.reasons]
        lines.append("")
    counts: dict[str, int] = {}
    for a in assessments:
        key = _CLASS_LABELS.get(a.mof.mof_class, "none") if a.mof.mof_class else "none"
        counts[key] = counts.get(key, 0) + 1
    summary = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
    conformant = sum(1 for a in assessments if a.osaid.conformant)
    lines.append(f"{len(assessments)} release(s): MOF {summary}; OSAID conformant: {conformant}")
    return "\n".join(lines) + "\n"


def render(assessments: list[Assessment], fmt: str = "text") -> str:
    """Render assessments as ``text`` or ``json``."""
    if fmt == "json":
        return to_json(assessments)
    if fmt == "text":
        return to_text(assessments)
    raise UnknownTermError(f"unknown assessment format {fmt!r}", hint=suggest(fmt, list(ASSESS_FORMATS)))


__all__ = [
    "ASSESS_FORMATS",
    "Assessment",
    "Component",
    "MissingComponent",
    "MofAssessment",
    "OsaidConformance",
    "assess",
    "assess_mof",
    "assess_osaid",
    "components",
    "render",
    "to_json",
    "to_text",
]
