"""What a harvest's verdict on a record depends on besides its content: the evaluation options.

A record is re-evaluated (validated, assessed and, when that changes what the store should say,
re-written) when its content changed *or* when these changed since the run that journalled it:
whether it is validated, against which profiles, whether invalid records are kept, and the
rules: the mlrelease version (which computes the openness assessment written with each record)
and a digest of the bundled vocabulary, licence catalogue and shapes (:func:`rules_version`), so
that a record rejected under older shapes is evaluated again under new ones, even between releases.

>>> a = EvaluationKey(validate=True, profiles=("core",), keep_invalid=False, tool="0.1.0")
>>> b = EvaluationKey(validate=True, profiles=("all",), keep_invalid=True, tool="0.1.0")
>>> b.changes_from(a)
'profiles core → all; keep-invalid off → on'
>>> EvaluationKey.from_dict(a.as_dict()) == a
True
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import package_data
from .._version import __version__
from ..store import Store
from ..store.graphs import CATALOGUE_GRAPH, sparql_iri
from ..terms import PROV, SPDX
from .provenance import SHAPES_PROFILE_BASE


@cache
def rules_version() -> str:
    """mlrelease's version and a short digest of the bundled files a verdict depends on.

    >>> rules_version().startswith(__version__ + "+")
    True
    """
    digest = hashlib.sha256()
    for name in ["data/vocab.ttl", "data/licenses.ttl", "data/context.jsonld",
                 *package_data.names("data/shapes", ".ttl")]:
        digest.update(name.encode() + b"\0" + package_data.read_bytes(name) + b"\0")
    return f"{__version__}+{digest.hexdigest()[:12]}"


def _onoff(value: bool) -> str:
    return "on" if value else "off"


@dataclass(frozen=True)
class EvaluationKey:
    """The options a record's verdict depends on; part of each journal entry's key."""

    validate: bool
    profiles: tuple[str, ...]
    keep_invalid: bool
    tool: str

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data, as the journal stores it."""
        return {"validate": self.validate, "profiles": list(self.profiles), "keepInvalid": self.keep_invalid,
                "tool": self.tool}

    @classmethod
    def from_dict(cls, data: Any) -> EvaluationKey | None:
        """The key a journal line stores, or None when it has none (a journal of an older version)."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(validate=bool(data["validate"]), profiles=tuple(str(p) for p in data["profiles"]),
                       keep_invalid=bool(data["keepInvalid"]), tool=str(data["tool"]))
        except (KeyError, TypeError):
            return None

    def token(self) -> str:
        """A stable string form, for dictionary keys."""
        return json.dumps(self.as_dict(), sort_keys=True)

    def changes_from(self, earlier: EvaluationKey | None) -> str:
        """What changed since ``earlier``, for people (``options not journalled`` when it is None)."""
        if earlier is None:
            return "options not journalled"
        parts: list[str] = []
        if earlier.validate != self.validate:
            parts.append(f"validation {_onoff(earlier.validate)} → {_onoff(self.validate)}")
        elif earlier.profiles != self.profiles:
            parts.append(f"profiles {', '.join(earlier.profiles) or 'none'} → {', '.join(self.profiles) or 'none'}")
        if earlier.keep_invalid != self.keep_invalid:
            parts.append(f"keep-invalid {_onoff(earlier.keep_invalid)} → {_onoff(self.keep_invalid)}")
        if earlier.tool != self.tool:
            parts.append(f"rules {earlier.tool} → {self.tool} (mlrelease version + vocabulary and shapes digest)")
        return "; ".join(parts) or "no change"


def checked_alike(store: Store, profiles: tuple[str, ...]) -> frozenset[str]:
    """The checksums of stored graphs whose catalogue entry says they were validated against exactly ``profiles``.

    Only these records are not validated again: a record stored after a check against other
    profiles (or none) is checked again, so ``--profile all`` after a ``core`` run checks it.
    """
    if not profiles:
        return frozenset()
    result = store.query(
        f"SELECT ?sum ?used WHERE {{ GRAPH {sparql_iri(CATALOGUE_GRAPH)} {{ "
        f"?g <{SPDX.checksum}>/<{SPDX.checksumValue}> ?sum . "
        f"OPTIONAL {{ ?g <{PROV.wasGeneratedBy}>/<{PROV.used}> ?used "
        f"FILTER (STRSTARTS(STR(?used), \"{SHAPES_PROFILE_BASE}\")) }} }} }}")
    used: dict[str, set[str]] = {}
    for digest, profile in result.values():
        if digest:
            found = used.setdefault(digest, set())
            if profile:
                found.add(profile.removeprefix(SHAPES_PROFILE_BASE))
    wanted = set(profiles)
    return frozenset(d for d, p in used.items() if p == wanted)
