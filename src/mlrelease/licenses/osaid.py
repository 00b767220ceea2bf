"""May a licence be called open source, or open weights, under the Open Source AI Definition 1.0?

The OSAID 1.0 asks that an AI system be available under terms that grant the freedoms to use it
for any purpose without having to ask for permission, to study it, to modify it for any purpose and
to share it, with or without modifications, for any purpose; code under OSI-approved licences,
parameters under OSI-approved terms, data information under terms that conform to the Open Source
Definition. This module judges one licence for one kind of content; a release conforms only when
its code, parameters and data information all do (the openness assessment of a release computes
that). The rule for non-code content follows the consistency shapes: an OSI-approved licence, or an
open-data or open-model licence without restrictions.

"Open weights" is not an OSAID term: mlrelease uses it (scheme ``openness-claim``) for parameters
that anyone may download and run under a licence, whatever its restrictions.

>>> a = assess_osaid("Apache-2.0", "code")
>>> a.open_source, a.reasons
(True, ())
>>> a = assess_osaid("llama3.1")
>>> a.open_source, a.open_weights
(False, True)
>>> print(a.reasons[0])  # doctest: +ELLIPSIS
It restricts fields of use: 27 use restrictions (domains: child-safety, ...
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from ..errors import UnknownTermError
from .catalog import Catalog, catalog
from .model import CONTENT_TYPES, License
from .resolve import resolve

OPEN_FAMILIES: Final = frozenset({"open-source", "open-data", "open-model"})
_NON_CODE_FAMILIES: Final = frozenset({"open-data", "open-model"})
_CONTENT_LABELS: Final = {"code": "code", "data": "data", "documentation": "documentation",
                          "model-parameters": "model parameters"}
_ANY_PURPOSE: Final = ("OSAID 1.0 requires the freedom to use the system for any purpose without having to ask for "
                       "permission")


@dataclass(frozen=True)
class OsaidAssessment:
    """The verdict on one licence for one content type.

    ``reasons`` say, for people, why the licence may not be called open source (empty when it may);
    ``open_weights`` is ``None`` unless the content type is ``model-parameters``;
    ``notes`` qualify an open-weights "yes" or explain a "no".
    """

    license: License
    content_type: str
    open_source: bool
    reasons: tuple[str, ...]
    open_weights: bool | None
    notes: tuple[str, ...]

    def summary(self) -> str:
        """The verdict as text for people."""
        what = _CONTENT_LABELS[self.content_type]
        lines = [f"{self.license.id} ({self.license.name}), for {what}:",
                 f"  open source under the OSAID 1.0: {'yes' if self.open_source else 'no'}"]
        lines += [f"    - {r}" for r in self.reasons]
        if self.open_weights is not None:
            lines.append(f"  open weights: {'yes' if self.open_weights else 'no'}")
        lines += [f"    - {n}" for n in self.notes]
        lines.append("  (This judges the licence alone: a release is open source only if its code, parameters and "
                     "data information all are.)")
        return "\n".join(lines) + "\n"

    def as_dict(self) -> dict[str, Any]:
        """The verdict as JSON-ready data."""
        return {"license": self.license.id, "contentType": self.content_type, "openSource": self.open_source,
                "reasons": list(self.reasons), "openWeights": self.open_weights, "notes": list(self.notes)}


def _domains(lic: License) -> str:
    return ", ".join(lic.restriction_domains)


def _freedom_reasons(lic: License) -> list[str]:
    reasons: list[str] = []
    flags = lic.flags
    if lic.family == "proprietary" or not lic.permissions:
        reasons.append(f"It grants no public right to use, study, modify or share the work (family {lic.family}).")
        return reasons
    if flags.commercial_use_allowed is False:
        reasons.append(f"It forbids commercial use: {_ANY_PURPOSE}.")
    elif flags.commercial_use_allowed is None:
        reasons.append("The catalogue does not record whether it allows commercial use, so it cannot be shown to "
                       "allow use for any purpose.")
    if flags.field_of_use_restrictions:
        n = len(lic.use_restrictions)
        detail = f"{n} use restriction{'s' if n != 1 else ''} (domains: {_domains(lic)})" if n else \
            "its use restrictions are not itemised in the catalogue"
        reasons.append(f"It restricts fields of use: {detail}; {_ANY_PURPOSE}.")
    elif flags.field_of_use_restrictions is None:
        reasons.append("The catalogue does not record whether it restricts fields of use, so it cannot be shown to "
                       "allow use for any purpose.")
    for p in lic.other_prohibitions:
        if p.actions == ("odrl:commercialize",) and flags.commercial_use_allowed is False:
            continue
        when = f" when {', '.join(c.describe() for c in p.constraints)}" if p.constraints else ""
        reasons.append(f"It withholds its rights in some cases{when}: {p.description or ', '.join(p.actions)}")
    actions = lic.permitted_actions
    if "odrl:modify" not in actions:
        reasons.append("It does not allow modification, so it does not grant the freedom to modify.")
    if "odrl:distribute" not in actions:
        reasons.append("It does not allow sharing copies, so it does not grant the freedom to share.")
    return reasons


def _terms_reasons(lic: License, content_type: str) -> list[str]:
    osi = lic.flags.osi_approved
    if osi:
        return []
    if content_type == "code":
        known = "is not OSI-approved" if osi is False else "is not recorded as OSI-approved"
        return [f"It {known}, and the OSAID 1.0 requires code under OSI-approved licences."]
    if lic.family in _NON_CODE_FAMILIES:
        return []
    what = _CONTENT_LABELS[content_type]
    known = "is not OSI-approved" if osi is False else "is not recorded as OSI-approved"
    return [f"It {known} and is not an open-data or open-model licence (its family is {lic.family}), so it does "
            f"not give {what} the OSI-approved or Open Source Definition-conformant terms the OSAID 1.0 asks for."]


def _open_weights(lic: License) -> tuple[bool, list[str]]:
    if lic.family == "proprietary" or "odrl:use" not in lic.permitted_actions:
        return False, ["The licence grants no public right to use the parameters, so they are not open weights."]
    notes = []
    if lic.use_restrictions:
        notes.append(f"Its {len(lic.use_restrictions)} use restrictions apply to every use ({_domains(lic)}).")
    if lic.flags.commercial_use_allowed is False:
        notes.append("Commercial use is not allowed.")
    for p in lic.other_prohibitions:
        if p.constraints:
            notes.append(f"No rights when {', '.join(c.describe() for c in p.constraints)}.")
    if "odrl:distribute" not in lic.permitted_actions:
        notes.append("The parameters may not be redistributed.")
    return True, notes


def _pick(value: License | str, cat: Catalog) -> License:
    if isinstance(value, License):
        return value
    resolution = resolve(value, catalogue=cat)
    if resolution.license is None:
        raise UnknownTermError(resolution.message, hint="see `mlrelease licenses list` for the catalogue's identifiers")
    return resolution.license


def assess_osaid(license: License | str, content_type: str = "model-parameters", *,
                 catalogue: Catalog | None = None) -> OsaidAssessment:
    """Judge ``license`` (a licence, identifier or spelling) for ``content_type`` under the OSAID 1.0.

    :raises UnknownTermError: the licence does not resolve, or ``content_type`` is not one of
        ``code``, ``data``, ``documentation``, ``model-parameters``.
    """
    if content_type not in CONTENT_TYPES:
        raise UnknownTermError(f"{content_type!r} is not a content type", hint=f"use one of {', '.join(CONTENT_TYPES)}")
    lic = _pick(license, catalogue or catalog())
    reasons = _freedom_reasons(lic)
    reasons += _terms_reasons(lic, content_type) if lic.permissions and lic.family != "proprietary" else []
    if not reasons and lic.family not in OPEN_FAMILIES:
        reasons.append(f"Its family, {lic.family}, is not one whose licences grant the four freedoms.")
    open_weights: bool | None = None
    notes: list[str] = []
    if content_type == "model-parameters":
        open_weights, notes = _open_weights(lic)
    return OsaidAssessment(lic, content_type, not reasons, tuple(reasons), open_weights, tuple(notes))
