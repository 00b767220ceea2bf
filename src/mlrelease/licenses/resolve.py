"""Resolve any licence identifier or spelling to a catalogue entry, or say why it cannot be resolved.

A :class:`Resolution` has one of three statuses: ``resolved`` (the text names a catalogue licence:
an id, SPDX or Hugging Face id, name, alias or licence URL), ``not-a-license`` (the text names no
licence: "unlicensed", ``other``, "Component not included", several licences at once, ...; see
:mod:`.notlicense`) or ``unknown`` (a licence the catalogue does not hold, with the closest
identifiers as suggestions). Resolution never guesses: fuzzy matching only ever suggests.

>>> resolve("Apache 2.0").license.id
'Apache-2.0'
>>> resolve("unlicensed").status.value
'not-a-license'
>>> r = resolve("apache-2.1")
>>> r.status.value, r.license, r.suggestions[0].id
('unknown', None, 'Apache-2.0')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from rapidfuzz import fuzz, process

from .catalog import Catalog, catalog
from .model import License
from .notlicense import NotALicenseKind, classify, verdict
from .spelling import is_url, spelling_key

_SPLIT: Final = re.compile(r"[;,]|\s+(?:or|and|OR|AND)\s+|\s+/\s+")
_SUGGEST_CUTOFF: Final = 65.0
_MAX_QUERY: Final = 300


class Status(StrEnum):
    """The outcome of resolving a text."""

    RESOLVED = "resolved"
    NOT_A_LICENSE = "not-a-license"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Suggestion:
    """A catalogue licence whose spelling is close to an unresolved text (0-100 similarity)."""

    id: str
    name: str
    score: float


@dataclass(frozen=True)
class Resolution:
    """What a text names: a catalogue licence, no licence (and why), or an unknown licence."""

    query: str
    status: Status
    message: str
    license: License | None = None
    matched: str | None = None
    kind: NotALicenseKind | None = None
    suggestions: tuple[Suggestion, ...] = ()
    parts: tuple[License, ...] = field(default=())
    #: For a text naming several licences: its pieces the catalogue does not resolve (none: every piece is a
    #: catalogue licence, and ``parts`` are what the text states).
    unresolved: tuple[str, ...] = field(default=())

    @property
    def resolved(self) -> bool:
        """Whether the text names a catalogue licence."""
        return self.status is Status.RESOLVED

    def as_dict(self) -> dict[str, Any]:
        """The resolution as JSON-ready data (the licence as its identifier)."""
        return {
            "query": self.query,
            "status": self.status.value,
            "license": self.license.id if self.license else None,
            "matched": self.matched,
            "kind": self.kind.value if self.kind else None,
            "message": self.message,
            "suggestions": [{"id": s.id, "name": s.name, "score": round(s.score, 1)} for s in self.suggestions],
            "parts": [p.id for p in self.parts],
        }


def suggest(text: str, cat: Catalog | None = None, limit: int = 5) -> tuple[Suggestion, ...]:
    """The catalogue licences whose spellings are closest to ``text`` (never a resolution)."""
    cat = cat or catalog()
    key = spelling_key(text[:_MAX_QUERY])
    if not key:
        return ()
    spellings = cat.spellings()
    matches = process.extract(key, list(spellings), scorer=fuzz.token_sort_ratio, limit=limit * 6,
                              score_cutoff=_SUGGEST_CUTOFF)
    best: dict[str, float] = {}
    for spelling, score, _index in matches:
        ident = spellings[spelling]
        best[ident] = max(best.get(ident, 0.0), float(score))
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0].casefold()))[:limit]
    return tuple(Suggestion(i, cat[i].name, s) for i, s in ranked)


def _found(text: str, lic: License, how: str) -> Resolution:
    return Resolution(text, Status.RESOLVED, f"{text.strip()!r} is {lic.id} ({lic.name}), matched by {how}",
                      license=lic, matched=how)


def _unknown(text: str, cat: Catalog, first: tuple[License, ...] = ()) -> Resolution:
    found = suggest(text, cat)
    pinned = tuple(Suggestion(lic.id, lic.name, 100.0) for lic in first)
    suggestions = pinned + tuple(s for s in found if s.id not in {p.id for p in pinned})
    near = f"; did you mean: {', '.join(s.id for s in suggestions[:5])}?" if suggestions else \
        "; no catalogue licence is close"
    return Resolution(text, Status.UNKNOWN, f"{text.strip()!r} is not a licence in the catalogue{near}",
                      suggestions=suggestions[:5])


def _parts(text: str, cat: Catalog) -> tuple[list[License], int, list[str]]:
    licences: list[License] = []
    unresolved: list[str] = []
    pieces = [p.strip(" \t()[]\"'“”‘’") for p in _SPLIT.split(text)]
    pieces = [p for p in pieces if p]
    for piece in pieces:
        hit = cat.lookup(piece)
        if hit is None:
            unresolved.append(piece)
        elif hit[0] not in licences:
            licences.append(hit[0])
    return licences, len(pieces), unresolved


def resolve(text: str, *, catalogue: Catalog | None = None) -> Resolution:
    """Resolve ``text`` (an identifier, name, spelling or licence URL) against the catalogue.

    Order: an exact or spelling match (ids, SPDX and Hugging Face ids, names, aliases; licence
    URLs), then the not-a-licence rules, then texts naming several licences; otherwise ``unknown``
    with suggestions.
    """
    cat = catalogue or catalog()
    stripped = text.strip()
    exact = cat.get(stripped)
    if exact is not None:
        return _found(text, exact, f"id {stripped!r}")
    if is_url(stripped):
        by_url = cat.lookup_url(stripped)
        if len(by_url) == 1:
            return _found(text, by_url[0], f"URL {stripped!r}")
        if len(by_url) > 1:
            return Resolution(
                text, Status.UNKNOWN,
                f"{stripped!r} is the text of several catalogue licences ({', '.join(x.id for x in by_url)}), "
                "which differ in their grant (for example 'only' and 'or later'): give the identifier",
                suggestions=tuple(Suggestion(x.id, x.name, 100.0) for x in by_url))
    hit = cat.lookup(stripped) if stripped else None
    if hit is not None:
        return _found(text, *hit)
    reason = classify(text)
    if reason is not None:
        related = tuple(cat[i] for i in reason.related if i in cat)
        return Resolution(text, Status.NOT_A_LICENSE, reason.message, kind=reason.kind,
                          suggestions=tuple(Suggestion(x.id, x.name, 100.0) for x in related))
    licences, pieces, unresolved = _parts(stripped, cat)
    if pieces > 1 and len(licences) >= 2:
        several = verdict(NotALicenseKind.SEVERAL_LICENSES, text, tuple(x.id for x in licences))
        return Resolution(text, Status.NOT_A_LICENSE, several.message, kind=several.kind, parts=tuple(licences),
                          unresolved=tuple(unresolved))
    return _unknown(text, cat, tuple(licences) if pieces > 1 else ())
