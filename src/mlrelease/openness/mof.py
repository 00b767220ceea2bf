"""Model Openness Framework class and progress, computed from a release record.

The rules are the framework's (Model Openness Tool, ``README.md`` and ``mof.settings.yml``):

* a component counts when the release includes it (an artifact of that type, released) and every
  licence that applies to it (its own, else the release's) is open (:func:`.licences.mof_open`);
* class *c* needs every required component of class *c* and above (classes are cumulative: Class I
  needs everything Class II needs, which needs everything Class III needs);
* when the research paper is included it stands in for the technical report;
* progress of a class is the share of its required components that count; as in the Tool, a class
  shows progress only when the class above it is complete (otherwise 0), and ``raw_progress`` keeps
  the share regardless;
* the class is the most open class whose progress is 100 %.

>>> import mlrelease
>>> rec = mlrelease.load('''
... identifier: demo/m
... version: "1"
... license: [Apache-2.0]
... artifacts:
... - {artifactType: model-architecture, status: released}
... - {artifactType: model-parameters-final, status: released}
... ''')
>>> result = assess_mof(rec)
>>> result.mof_class, result.progress
(None, {'1': 0.0, '2': 0.0, '3': 33.33})
>>> [m.component for m in result.missing][:2]
['technical-report', 'evaluation-results']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..record import Artifact, ReleaseRecord
from .components import Component, components
from .licences import label, licences, mof_open

#: The catalogue's "no licence granted" (what MOF's ``unlicensed`` answers).
NO_LICENSE = "no-license"

PAPER = "research-paper"
REPORT = "technical-report"


@dataclass(frozen=True)
class MissingComponent:
    """A required component that does not count, and why.

    ``problem`` is ``absent`` (no artifact of that type), ``withheld``, ``retracted`` or ``planned``,
    ``unlicensed`` (released, no licence applies), ``unknown-license`` (a licence the catalogue does
    not know) or ``not-open`` (a licence that is not open).
    """

    component: str
    label: str
    mof_class: int
    problem: str
    licenses: tuple[str, ...] = ()

    def describe(self) -> str:
        """One sentence for people."""
        what = f"{self.label}, a Class {'I' * self.mof_class} component,"
        lics = ", ".join(self.licenses)
        return {
            "absent": f"{what} is not included",
            "withheld": f"{what} is withheld",
            "retracted": f"{what} was released and has been retracted",
            "planned": f"{what} is planned, not yet released",
            "unlicensed": f"{what} is released without a licence",
            "unknown-license": f"{what} is under a licence the catalogue does not know ({lics})",
            "not-open": f"{what} is under a licence that is not open ({lics})",
        }[self.problem]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"component": self.component, "label": self.label, "class": self.mof_class,
                "problem": self.problem, "licenses": list(self.licenses)}


@dataclass(frozen=True)
class MofAssessment:
    """The MOF class (1, 2, 3 or ``None``), progress per class in percent, and what is missing."""

    mof_class: int | None
    progress: dict[str, float]
    raw_progress: dict[str, float]
    missing: tuple[MissingComponent, ...]
    warnings: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data: ``class``, ``progress``, ``rawProgress``, ``missing``, ``warnings``."""
        return {"class": self.mof_class, "progress": self.progress, "rawProgress": self.raw_progress,
                "missing": [m.as_dict() for m in self.missing], "warnings": list(self.warnings)}


def by_type(record: ReleaseRecord) -> dict[str | None, list[Artifact]]:
    """The record's artifacts grouped by artifact-type code (read once: each lookup queries the graph)."""
    out: dict[str | None, list[Artifact]] = {}
    for art in record.artifacts:
        out.setdefault(art.artifact_type, []).append(art)
    return out


def _status(arts: list[Artifact], comp: Component) -> tuple[str | None, list[str], list[str]]:
    """(problem or None when the component counts, licence labels, type warnings); ``arts`` are of its type."""
    if not arts:
        return "absent", [], []
    released = [a for a in arts if a.status in (None, "released")]
    if not released:
        states = {a.status for a in arts}
        for state in ("withheld", "retracted", "planned"):
            if state in states:
                return state, [], []
        return "withheld", [], []
    problem: str | None = None
    labels: list[str] = []
    warnings: list[str] = []
    for art in released:
        lics = licences(art)
        if lics and all(lic is not None and lic.id == NO_LICENSE for _, lic in lics):
            lics = []  # "no licence granted" (decision 0006): released without a licence
        if not lics:
            problem = problem or "unlicensed"
            continue
        for iri, lic in lics:
            labels.append(label(iri, lic))
            if lic is None:
                problem = "unknown-license" if problem in (None, "unlicensed") else problem
            elif not mof_open(lic):
                problem = "not-open"
            elif lic.content_types and _content(comp) not in lic.content_types:
                warnings.append(f"{comp.label}: {lic.id} is open but not a licence for {comp.content_type} "
                                f"(it suits {', '.join(lic.content_types)})")
    return problem, sorted(set(labels)), warnings


def _content(comp: Component) -> str:
    # MOF calls parameters "data"; the catalogue has a content type of its own for them.
    if comp.code.startswith("model-parameters"):
        return "model-parameters"
    return comp.content_type


def _required(comps: dict[str, Component], cls: int, paper_included: bool) -> list[Component]:
    req = [c for c in comps.values() if c.required and c.mof_class >= cls]
    if paper_included:
        req = [c for c in req if c.code != REPORT]
        if all(c.code != PAPER for c in req):
            req.append(comps[PAPER])
    return req


def assess_mof(record: ReleaseRecord) -> MofAssessment:
    """Compute the MOF class, progress and missing components of one release record."""
    comps = components()
    arts = by_type(record)
    status = {code: _status(arts.get(code, []), comp) for code, comp in comps.items()}
    paper_included = status[PAPER][0] not in ("absent", "withheld", "planned")
    raw: dict[str, float] = {}
    for cls in (3, 2, 1):
        req = _required(comps, cls, paper_included)
        ok = sum(1 for c in req if status[c.code][0] is None)
        raw[str(cls)] = round(100.0 * ok / len(req), 2)
    progress = {"3": raw["3"]}
    progress["2"] = raw["2"] if raw["3"] == 100.0 else 0.0
    progress["1"] = raw["1"] if progress["2"] == 100.0 else 0.0
    mof_class = next((c for c in (1, 2, 3) if progress[str(c)] == 100.0), None)
    missing = tuple(
        MissingComponent(c.code, c.label, c.mof_class, status[c.code][0] or "", tuple(status[c.code][1]))
        for c in _required(comps, 1, paper_included) if status[c.code][0] is not None)
    warnings = tuple(w for code in comps for w in status[code][2])
    return MofAssessment(mof_class=mof_class, progress={k: progress[k] for k in ("1", "2", "3")},
                         raw_progress={k: raw[k] for k in ("1", "2", "3")}, missing=missing, warnings=warnings)
