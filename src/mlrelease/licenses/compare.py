"""Compare two licences: family change, differing flags, and the terms only one of them has.

Use restrictions match when they take the same RAIL catalogue clause or have the same wording (by
:func:`.spelling.spelling_key`); the Llama policies leave the version name out of their lead-ins
so that versions compare item by item.

>>> c = compare("llama3", "llama3.1")
>>> c.family_changed
False
>>> [r.domains for r in c.restrictions_only_in_a if "model-improvement" in r.domains]
[('model-improvement',)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import UnknownTermError
from .catalog import Catalog, catalog
from .model import Constraint, Flags, License, UseRestriction
from .resolve import resolve
from .spelling import spelling_key


@dataclass(frozen=True)
class FlagDifference:
    """A flag whose value differs between the two licences (``None``: not recorded)."""

    flag: str
    label: str
    a: bool | None
    b: bool | None


@dataclass(frozen=True)
class Comparison:
    """How licence ``b`` differs from licence ``a``."""

    a: License
    b: License
    flag_differences: tuple[FlagDifference, ...]
    restrictions_only_in_a: tuple[UseRestriction, ...]
    restrictions_only_in_b: tuple[UseRestriction, ...]
    constraints_only_in_a: tuple[Constraint, ...]
    constraints_only_in_b: tuple[Constraint, ...]
    content_types_only_in_a: tuple[str, ...]
    content_types_only_in_b: tuple[str, ...]
    naming_only_in_a: tuple[str, ...]
    naming_only_in_b: tuple[str, ...]

    @property
    def family_changed(self) -> bool:
        """Whether the two licences are of different families."""
        return self.a.family != self.b.family

    @property
    def domains_only_in_a(self) -> tuple[str, ...]:
        """Restriction domains that only ``a`` restricts."""
        return tuple(sorted(set(self.a.restriction_domains) - set(self.b.restriction_domains)))

    @property
    def domains_only_in_b(self) -> tuple[str, ...]:
        """Restriction domains that only ``b`` restricts."""
        return tuple(sorted(set(self.b.restriction_domains) - set(self.a.restriction_domains)))

    @property
    def same_terms(self) -> bool:
        """Whether nothing the comparison looks at differs."""
        return not (self.family_changed or self.flag_differences or self.restrictions_only_in_a
                    or self.restrictions_only_in_b or self.constraints_only_in_a or self.constraints_only_in_b
                    or self.content_types_only_in_a or self.content_types_only_in_b
                    or self.naming_only_in_a or self.naming_only_in_b)

    def as_dict(self) -> dict[str, Any]:
        """The comparison as JSON-ready data."""
        return {
            "a": self.a.id,
            "b": self.b.id,
            "family": {"a": self.a.family, "b": self.b.family, "changed": self.family_changed},
            "flags": [{"flag": Flags.KEYS[d.flag][0], "a": d.a, "b": d.b} for d in self.flag_differences],
            "restrictionsOnlyInA": [r.as_dict() for r in self.restrictions_only_in_a],
            "restrictionsOnlyInB": [r.as_dict() for r in self.restrictions_only_in_b],
            "domainsOnlyInA": list(self.domains_only_in_a),
            "domainsOnlyInB": list(self.domains_only_in_b),
            "constraintsOnlyInA": [c.as_dict() for c in self.constraints_only_in_a],
            "constraintsOnlyInB": [c.as_dict() for c in self.constraints_only_in_b],
            "contentTypesOnlyInA": list(self.content_types_only_in_a),
            "contentTypesOnlyInB": list(self.content_types_only_in_b),
            "namingOnlyInA": list(self.naming_only_in_a),
            "namingOnlyInB": list(self.naming_only_in_b),
            "sameTerms": self.same_terms,
        }


def _restriction_key(r: UseRestriction) -> str:
    return f"clause:{r.clause}" if r.clause else spelling_key(r.text)


def _only(left: tuple[UseRestriction, ...], right: tuple[UseRestriction, ...]) -> tuple[UseRestriction, ...]:
    keys = {_restriction_key(r) for r in right}
    return tuple(r for r in left if _restriction_key(r) not in keys)


def _pick(value: License | str, cat: Catalog) -> License:
    if isinstance(value, License):
        return value
    resolution = resolve(value, catalogue=cat)
    if resolution.license is None:
        raise UnknownTermError(resolution.message,
                               hint="see `mlrelease licenses list` for the catalogue's identifiers")
    return resolution.license


def compare(a: License | str, b: License | str, *, catalogue: Catalog | None = None) -> Comparison:
    """Compare licence ``a`` with licence ``b`` (licences, identifiers or any resolvable spelling).

    :raises UnknownTermError: ``a`` or ``b`` does not resolve to a catalogue licence.
    """
    cat = catalogue or catalog()
    la, lb = _pick(a, cat), _pick(b, cat)
    diffs = tuple(FlagDifference(name, Flags.label(name), va, getattr(lb.flags, name))
                  for name, va in la.flags.items() if va != getattr(lb.flags, name))
    ca, cb = set(la.constraints), set(lb.constraints)
    return Comparison(
        a=la,
        b=lb,
        flag_differences=diffs,
        restrictions_only_in_a=_only(la.use_restrictions, lb.use_restrictions),
        restrictions_only_in_b=_only(lb.use_restrictions, la.use_restrictions),
        constraints_only_in_a=tuple(c for c in la.constraints if c not in cb),
        constraints_only_in_b=tuple(c for c in lb.constraints if c not in ca),
        content_types_only_in_a=tuple(c for c in la.content_types if c not in lb.content_types),
        content_types_only_in_b=tuple(c for c in lb.content_types if c not in la.content_types),
        naming_only_in_a=tuple(n for n in la.naming_requirements if n not in lb.naming_requirements),
        naming_only_in_b=tuple(n for n in lb.naming_requirements if n not in la.naming_requirements),
    )
