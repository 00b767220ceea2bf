"""The licence catalogue's data model: a :class:`License` with its flags and its terms as ODRL rules.

The objects are frozen dataclasses read from the bundled Turtle (:mod:`.catalog`); terms keep the
ODRL shape of the source (permissions with duties and constraints, prohibitions), with the
behavioural use restrictions apart from the other prohibitions because the checks treat them apart.

>>> Flags(osi_approved=True, fsf_libre=None).as_dict()["osiApproved"]
True
>>> Constraint("mlr:monthlyActiveUsers", "odrl:gt", 700000000).describe()
'monthly active users > 700,000,000'
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Final

from ..iris import LICENSE_BASE, SCHEME_BASE

#: The licence families (notations of the ``license-family`` scheme), most open first.
FAMILIES: Final[tuple[str, ...]] = (
    "open-source", "open-data", "open-model", "open-rail", "restricted-rail",
    "community", "non-commercial", "research-only", "proprietary",
)
#: The content types a licence can be written for (notations of the ``content-type`` scheme).
CONTENT_TYPES: Final[tuple[str, ...]] = ("code", "data", "documentation", "model-parameters")

FAMILY_BASE: Final = SCHEME_BASE + "license-family/"
CONTENT_TYPE_BASE: Final = SCHEME_BASE + "content-type/"
DOMAIN_BASE: Final = SCHEME_BASE + "use-restriction-domain/"
CLAUSE_BASE: Final = SCHEME_BASE + "use-restriction/"

_OPERATORS: Final[dict[str, str]] = {
    "odrl:gt": ">", "odrl:gteq": "≥", "odrl:lt": "<", "odrl:lteq": "≤", "odrl:eq": "=", "odrl:neq": "≠",
    "odrl:isPartOf": "is part of", "odrl:isA": "is a", "odrl:isAnyOf": "is any of", "odrl:isNoneOf": "is none of",
}
_OPERANDS: Final[dict[str, str]] = {
    "mlr:monthlyActiveUsers": "monthly active users",
    "odrl:spatial": "location",
}
_PLACES: Final[dict[str, str]] = {"http://www.wikidata.org/entity/Q458": "the European Union"}


@dataclass(frozen=True)
class Flags:
    """The yes/no facts about a licence; ``None`` means the catalogue does not record the fact."""

    osi_approved: bool | None = None
    fsf_libre: bool | None = None
    commercial_use_allowed: bool | None = None
    field_of_use_restrictions: bool | None = None
    restrictions_flow_down: bool | None = None
    attribution_required: bool | None = None
    copyleft: bool | None = None

    #: attribute -> (manifest key of the ontology property, label for people)
    KEYS: ClassVar[dict[str, tuple[str, str]]] = {
        "osi_approved": ("osiApproved", "OSI approved"),
        "fsf_libre": ("fsfLibre", "FSF libre"),
        "commercial_use_allowed": ("commercialUseAllowed", "commercial use"),
        "field_of_use_restrictions": ("fieldOfUseRestrictions", "field-of-use restrictions"),
        "restrictions_flow_down": ("restrictionsFlowDown", "restrictions flow down"),
        "attribution_required": ("attributionRequired", "attribution required"),
        "copyleft": ("copyleft", "copyleft"),
    }

    def items(self) -> list[tuple[str, bool | None]]:
        """``(attribute, value)`` pairs in a stable order."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]

    def as_dict(self) -> dict[str, bool | None]:
        """The flags under their manifest keys (``osiApproved``, ``commercialUseAllowed``, ...)."""
        return {self.KEYS[name][0]: value for name, value in self.items()}

    @classmethod
    def label(cls, name: str) -> str:
        """The label people read for the flag attribute ``name``."""
        return cls.KEYS[name][1]


@dataclass(frozen=True)
class Constraint:
    """An ODRL constraint: ``left_operand operator right_operand`` (compact IRIs, e.g. ``odrl:gt``)."""

    left_operand: str
    operator: str
    right_operand: str | int

    def describe(self) -> str:
        """The constraint as a person reads it."""
        left = _OPERANDS.get(self.left_operand, self.left_operand)
        op = _OPERATORS.get(self.operator, self.operator)
        right = self.right_operand
        text = f"{right:,}" if isinstance(right, int) else _PLACES.get(right, right)
        return f"{left} {op} {text}"

    def as_dict(self) -> dict[str, Any]:
        """The constraint as JSON-ready data."""
        return {"leftOperand": self.left_operand, "operator": self.operator, "rightOperand": self.right_operand}


@dataclass(frozen=True)
class Duty:
    """An ODRL duty: an action (compact IRI such as ``odrl:attribute`` or ``cc:Notice``) and what it asks."""

    action: str
    description: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The duty as JSON-ready data."""
        return {"action": self.action, "description": self.description}


@dataclass(frozen=True)
class Permission:
    """An ODRL permission: the actions it allows, the duties attached and the constraints on it."""

    actions: tuple[str, ...]
    duties: tuple[Duty, ...] = ()
    constraints: tuple[Constraint, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The permission as JSON-ready data."""
        return {"actions": list(self.actions), "duties": [d.as_dict() for d in self.duties],
                "constraints": [c.as_dict() for c in self.constraints]}


@dataclass(frozen=True)
class UseRestriction:
    """A behavioural use restriction (``mlr:UseRestriction``): what the licensed material may not be used for.

    ``domains`` and ``clause`` are notations of the ``use-restriction-domain`` and ``use-restriction``
    (RAIL clause catalogue) schemes; ``item`` numbers the restriction as the licence or policy does.
    """

    text: str
    domains: tuple[str, ...]
    clause: str | None = None
    item: str | None = None

    @property
    def domain_iris(self) -> tuple[str, ...]:
        """The IRIs of the restriction's domains."""
        return tuple(DOMAIN_BASE + d for d in self.domains)

    @property
    def clause_iri(self) -> str | None:
        """The IRI of the RAIL catalogue clause the restriction takes its wording from, if any."""
        return CLAUSE_BASE + self.clause if self.clause else None

    def as_dict(self) -> dict[str, Any]:
        """The restriction as JSON-ready data."""
        return {"item": self.item, "domains": list(self.domains), "clause": self.clause, "text": self.text}


@dataclass(frozen=True)
class Prohibition:
    """A prohibition that is not a behavioural use restriction: commercial use, a user threshold, a region."""

    actions: tuple[str, ...]
    description: str | None = None
    constraints: tuple[Constraint, ...] = ()
    item: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The prohibition as JSON-ready data."""
        return {"item": self.item, "actions": list(self.actions), "description": self.description,
                "constraints": [c.as_dict() for c in self.constraints]}


@dataclass(frozen=True)
class License:
    """One licence of the catalogue: identity, family, flags and terms.

    ``id`` is the canonical identifier (the SPDX id where SPDX lists the licence, otherwise ours);
    ``family`` and ``content_types`` are scheme notations.
    """

    id: str
    iri: str
    name: str
    family: str
    flags: Flags
    url: str | None = None
    spdx_id: str | None = None
    huggingface_id: str | None = None
    aliases: tuple[str, ...] = ()
    content_types: tuple[str, ...] = ()
    naming_requirements: tuple[str, ...] = ()
    acceptable_use_policy: str | None = None
    description: str | None = None
    permissions: tuple[Permission, ...] = ()
    use_restrictions: tuple[UseRestriction, ...] = ()
    other_prohibitions: tuple[Prohibition, ...] = ()
    obligations: tuple[Duty, ...] = field(default=())

    @property
    def family_iri(self) -> str:
        """The IRI of the licence's family concept."""
        return FAMILY_BASE + self.family

    @property
    def is_ours(self) -> bool:
        """Whether the licence has an mlrelease identity (SPDX does not list it)."""
        return self.iri.startswith(LICENSE_BASE)

    @property
    def permitted_actions(self) -> frozenset[str]:
        """Every action some permission of the licence allows (compact IRIs)."""
        return frozenset(a for p in self.permissions for a in p.actions)

    @property
    def duties(self) -> tuple[Duty, ...]:
        """Every duty: those attached to permissions, then the licence's own obligations."""
        return tuple(d for p in self.permissions for d in p.duties) + self.obligations

    @property
    def constraints(self) -> tuple[Constraint, ...]:
        """Every constraint of the licence's permissions and prohibitions."""
        return (tuple(c for p in self.permissions for c in p.constraints)
                + tuple(c for p in self.other_prohibitions for c in p.constraints))

    @property
    def restriction_domains(self) -> tuple[str, ...]:
        """The domains of the licence's use restrictions, sorted, each once."""
        return tuple(sorted({d for r in self.use_restrictions for d in r.domains}))

    def as_dict(self) -> dict[str, Any]:
        """The licence as JSON-ready data (keys as in manifests and the ontology's manifest keys)."""
        return {
            "id": self.id,
            "iri": self.iri,
            "name": self.name,
            "family": self.family,
            "url": self.url,
            "spdxLicenseId": self.spdx_id,
            "huggingFaceLicenseId": self.huggingface_id,
            "aliases": list(self.aliases),
            "flags": self.flags.as_dict(),
            "suitableFor": list(self.content_types),
            "namingRequirements": list(self.naming_requirements),
            "acceptableUsePolicy": self.acceptable_use_policy,
            "description": self.description,
            "permissions": [p.as_dict() for p in self.permissions],
            "useRestrictions": [r.as_dict() for r in self.use_restrictions],
            "otherProhibitions": [p.as_dict() for p in self.other_prohibitions],
            "obligations": [d.as_dict() for d in self.obligations],
        }
