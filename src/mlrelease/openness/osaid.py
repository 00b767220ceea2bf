"""Open Source AI Definition 1.0 conformance of a release, with reasons people can read.

The OSAID asks for three elements, each under terms that grant the four freedoms (use for any
purpose, study, modify, share):

* **code**: the complete source code used to train and run the system, under OSI-approved licences.
  Required here: model architecture, training code, inference code, data preprocessing code and
  evaluation code ("validation and testing"); supporting libraries and tools, when released, too.
* **parameters**: the final model parameters, under OSI-approved terms (open data and open model
  licences without restrictions count, as in :func:`mlrelease.licenses.assess_osaid`).
* **data information**: enough detail about the training data to build a substantially equivalent
  system. Required here: at least one of datasets, data card, technical report or research paper,
  released under Open Source Definition-conformant terms.

A release conforms when all three do; the reasons list every element that does not, and why. This
is a reading of the definition, not a certification by the OSI.

>>> import mlrelease
>>> rec = mlrelease.load('''
... identifier: demo/m
... version: "1"
... license: [Apache-2.0]
... artifacts:
... - {artifactType: model-architecture, status: released}
... - {artifactType: model-parameters-final, status: withheld, withheldReason: safety}
... ''')
>>> result = assess_osaid(rec)
>>> result.conformant
False
>>> print(result.reasons[0])
Code: training code is not released; the OSAID 1.0 requires the complete source code used to train and run the system.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..licenses import assess_osaid as assess_licence
from ..record import Artifact, ReleaseRecord
from .components import components
from .licences import label, licences
from .mof import by_type

REQUIRED_CODE = ("model-architecture", "training-code", "inference-code", "data-preprocessing-code",
                 "evaluation-code")
OPTIONAL_CODE = ("supporting-libraries-and-tools",)
PARAMETERS = ("model-parameters-final",)
DATA_INFORMATION = ("datasets", "data-card", "technical-report", "research-paper")

_WHY = {
    "code": "the OSAID 1.0 requires the complete source code used to train and run the system",
    "parameters": "the OSAID 1.0 requires the model parameters",
    "data": "the OSAID 1.0 requires detailed information about the training data",
}


@dataclass(frozen=True)
class OsaidConformance:
    """Whether a release conforms to the OSAID 1.0, per element, with the reasons it does not."""

    conformant: bool
    elements: dict[str, bool]
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data: ``conformant``, ``elements`` (code, parameters, dataInformation), ``reasons``."""
        return {"conformant": self.conformant, "elements": self.elements, "reasons": list(self.reasons)}


def _label(code: str) -> str:
    comp = components().get(code)
    return comp.label[0].lower() + comp.label[1:] if comp else code


def _released(index: dict[str | None, list[Artifact]], code: str) -> tuple[list[Artifact], list[Artifact]]:
    arts = index.get(code, [])
    return [a for a in arts if a.status in (None, "released")], arts


def _licence_problems(art: Artifact, content: str) -> list[str]:
    lics = licences(art)
    if not lics:
        return ["it is released without a licence"]
    problems: list[str] = []
    for iri, lic in lics:
        if lic is None:
            problems.append(f"its licence {iri!r} is not in the catalogue, so its terms cannot be checked")
            continue
        verdict = assess_licence(lic, content)
        problems += [f"{label(iri, lic)}: {r[0].lower() + r[1:]}" for r in verdict.reasons]
    return problems


def _check(index: dict[str | None, list[Artifact]], code: str, content: str, element: str, *,
           required: bool) -> list[str]:
    released, listed = _released(index, code)
    name = _label(code)
    if not released:
        if not required:
            return []
        state = "is not released" if not listed else f"is {listed[0].status or 'not released'}"
        return [f"{name} {state}; {_WHY[element]}."]
    reasons: list[str] = []
    for art in released:
        reasons += [f"{name}: {p}" for p in _licence_problems(art, content)]
    return reasons


def assess_osaid(record: ReleaseRecord) -> OsaidConformance:
    """Judge one release record against the OSAID 1.0."""
    index = by_type(record)
    code_reasons: list[str] = []
    for code in REQUIRED_CODE:
        code_reasons += _check(index, code, "code", "code", required=True)
    for code in OPTIONAL_CODE:
        code_reasons += _check(index, code, "code", "code", required=False)
    param_reasons: list[str] = []
    for code in PARAMETERS:
        param_reasons += _check(index, code, "model-parameters", "parameters", required=True)
    data_reasons: list[str] = []
    carriers = [c for c in DATA_INFORMATION if _released(index, c)[0]]
    good = [c for c in carriers if not _check(index, c, "data" if c == "datasets" else "documentation", "data",
                                              required=True)]
    if not carriers:
        data_reasons.append("no datasets, data card, technical report or research paper is released; "
                            f"{_WHY['data']}.")
    elif not good:
        for c in carriers:
            data_reasons += _check(index, c, "data" if c == "datasets" else "documentation", "data", required=True)
    reasons = [f"Code: {r}" for r in dict.fromkeys(code_reasons)]
    reasons += [f"Parameters: {r}" for r in dict.fromkeys(param_reasons)]
    reasons += [f"Data information: {r}" for r in dict.fromkeys(data_reasons)]
    elements = {"code": not code_reasons, "parameters": not param_reasons, "dataInformation": not data_reasons}
    return OsaidConformance(conformant=not reasons, elements=elements, reasons=tuple(reasons))
