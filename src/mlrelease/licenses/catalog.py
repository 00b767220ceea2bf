"""The licence catalogue: read from the bundled Turtle, indexed by identifier, IRI, spelling and URL.

The hand-edited source is ``licenses/*.ttl`` in the repository; the build merges it into the
package's ``mlrelease/data/licenses.ttl``, which :func:`catalog` reads once per process.

>>> cat = catalog()
>>> cat["Apache-2.0"].family
'open-source'
>>> cat.lookup("MIT license")[0].id
'MIT'
>>> cat.by_iri("https://w3id.org/mlrelease/license/llama3.1").name
'Llama 3.1 Community License Agreement'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .. import package_data
from ..errors import VocabularyError
from ..iris import curie
from ..lexical import natural_key
from ..terms import DCTERMS, MLR, ODRL, SCHEMA
from .model import (
    CLAUSE_BASE,
    CONTENT_TYPE_BASE,
    DOMAIN_BASE,
    FAMILY_BASE,
    Constraint,
    Duty,
    Flags,
    License,
    Permission,
    Prohibition,
    UseRestriction,
)
from .spelling import spelling_key, url_key

_FLAG_PROPERTIES = {
    "osi_approved": MLR.osiApproved,
    "fsf_libre": MLR.fsfLibre,
    "commercial_use_allowed": MLR.commercialUseAllowed,
    "field_of_use_restrictions": MLR.hasFieldOfUseRestrictions,
    "restrictions_flow_down": MLR.restrictionsFlowDown,
    "attribution_required": MLR.attributionRequired,
    "copyleft": MLR.copyleft,
}


def _notation(iri: Node, base: str, what: str, subject: str) -> str:
    text = str(iri)
    if not text.startswith(base):
        raise VocabularyError(f"licence catalogue: {subject} has a {what} outside {base}: {text}")
    return text[len(base):]


class _Reader:
    """Turns the triples of one ``mlr:License`` into a :class:`License`."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph

    def _str(self, s: Node, p: URIRef) -> str | None:
        value = self.g.value(s, p)
        return None if value is None else str(value)

    def _strs(self, s: Node, p: URIRef) -> tuple[str, ...]:
        return tuple(sorted(str(o) for o in self.g.objects(s, p)))

    def _constraints(self, rule: Node) -> tuple[Constraint, ...]:
        out = []
        for c in self.g.objects(rule, ODRL.constraint):
            left, op, right = (self.g.value(c, ODRL.leftOperand), self.g.value(c, ODRL.operator),
                               self.g.value(c, ODRL.rightOperand))
            if left is None or op is None or right is None:
                raise VocabularyError(
                    "licence catalogue: an odrl:Constraint lacks leftOperand, operator or rightOperand")
            value: str | int = right.toPython() if isinstance(right, Literal) else str(right)
            if isinstance(value, bool) or not isinstance(value, int | str):
                value = str(right)
            out.append(Constraint(curie(str(left)), curie(str(op)), value))
        return tuple(sorted(out, key=lambda c: (c.left_operand, c.operator, str(c.right_operand))))

    def _duties(self, rule: Node, prop: URIRef) -> tuple[Duty, ...]:
        duties = []
        for d in self.g.objects(rule, prop):
            for action in self.g.objects(d, ODRL.action):
                duties.append(Duty(curie(str(action)), self._str(d, DCTERMS.description)))
        return tuple(sorted(duties, key=lambda d: (d.action, d.description or "")))

    def read(self, s: URIRef) -> License:
        g, iri = self.g, str(s)
        ident = self._str(s, SCHEMA.identifier)
        name = self._str(s, SCHEMA.name)
        family = g.value(s, MLR.licenseFamily)
        if ident is None or name is None or family is None:
            raise VocabularyError(f"licence catalogue: {iri} lacks schema:identifier, schema:name or mlr:licenseFamily")
        flags = {}
        for attr, prop in _FLAG_PROPERTIES.items():
            value = g.value(s, prop)
            flags[attr] = None if not isinstance(value, Literal) else bool(value.toPython())
        permissions = []
        for p in g.objects(s, ODRL.permission):
            actions = tuple(sorted(curie(str(a)) for a in g.objects(p, ODRL.action)))
            permissions.append(Permission(actions, self._duties(p, ODRL.duty), self._constraints(p)))
        restrictions, others = [], []
        for p in g.objects(s, ODRL.prohibition):
            item = self._str(p, DCTERMS.identifier)
            if (p, RDF.type, MLR.UseRestriction) in g:
                text = self._str(p, MLR.restrictionText)
                domains = tuple(sorted(_notation(d, DOMAIN_BASE, "restriction domain", ident)
                                       for d in g.objects(p, MLR.restrictionDomain)))
                if text is None or not domains:
                    raise VocabularyError(f"licence catalogue: a use restriction of {ident} lacks its text or domain")
                clause = g.value(p, MLR.restrictionClause)
                notation = _notation(clause, CLAUSE_BASE, "clause", ident) if clause is not None else None
                restrictions.append(UseRestriction(text, domains, notation, item))
            else:
                actions = tuple(sorted(curie(str(a)) for a in g.objects(p, ODRL.action)))
                others.append(Prohibition(actions, self._str(p, DCTERMS.description), self._constraints(p), item))
        return License(
            id=ident,
            iri=iri,
            name=name,
            family=_notation(family, FAMILY_BASE, "family", ident),
            flags=Flags(**flags),
            url=self._str(s, SCHEMA.url),
            spdx_id=self._str(s, MLR.spdxLicenseId),
            huggingface_id=self._str(s, MLR.huggingFaceLicenseId),
            aliases=self._strs(s, MLR.licenseAlias),
            content_types=tuple(sorted(_notation(c, CONTENT_TYPE_BASE, "content type", ident)
                                       for c in g.objects(s, MLR.suitableContentType))),
            naming_requirements=self._strs(s, MLR.namingRequirement),
            acceptable_use_policy=self._str(s, MLR.acceptableUsePolicy),
            description=self._str(s, DCTERMS.description),
            permissions=tuple(sorted(permissions, key=lambda p: p.actions)),
            use_restrictions=tuple(sorted(restrictions, key=lambda r: (natural_key(r.item), r.text))),
            other_prohibitions=tuple(sorted(others, key=lambda p: (natural_key(p.item), p.description or ""))),
            obligations=self._duties(s, ODRL.obligation),
        )


class Catalog:
    """An indexed set of licences. Iterating yields them sorted by identifier (case-insensitively).

    :raises VocabularyError: two licences share an identifier or a spelling (a catalogue bug).
    """

    def __init__(self, licenses: Iterable[License]) -> None:
        self._by_id: dict[str, License] = {}
        self._by_iri: dict[str, License] = {}
        self._spellings: dict[str, tuple[str, str]] = {}  # key -> (licence id, how it was spelt)
        self._urls: dict[str, set[str]] = {}
        for lic in sorted(licenses, key=lambda x: (x.id.casefold(), x.id)):
            if lic.id in self._by_id or lic.iri in self._by_iri:
                raise VocabularyError(f"licence catalogue: {lic.id} ({lic.iri}) is defined twice")
            self._by_id[lic.id] = lic
            self._by_iri[lic.iri] = lic
        for lic in self._by_id.values():
            spellings = [("id", lic.id), ("SPDX id", lic.spdx_id), ("Hugging Face id", lic.huggingface_id),
                         ("name", lic.name), *(("alias", a) for a in lic.aliases)]
            for how, text in spellings:
                if not text:
                    continue
                self._add_spelling(lic, how, text)
            for url in (lic.iri, lic.url):
                if url:
                    self._urls.setdefault(url_key(url), set()).add(lic.id)

    def _add_spelling(self, lic: License, how: str, text: str) -> None:
        key = spelling_key(text)
        if not key:
            raise VocabularyError(f"licence catalogue: {lic.id} has an empty spelling {text!r}")
        seen = self._spellings.get(key)
        if seen is not None and seen[0] != lic.id:
            raise VocabularyError(
                f"licence catalogue: the spelling {text!r} of {lic.id} is also a spelling of {seen[0]} "
                f"({seen[1]}): a spelling must name one licence")
        if seen is None or how == "id":
            self._spellings[key] = (lic.id, f"{how} {text!r}")

    # -- construction ---------------------------------------------------------------------------

    @classmethod
    def from_graph(cls, graph: Graph) -> Catalog:
        """Read every ``mlr:License`` of ``graph``.

        :raises VocabularyError: a licence lacks its identity or family, or two licences collide.
        """
        reader = _Reader(graph)
        subjects = sorted(set(graph.subjects(RDF.type, MLR.License)), key=str)
        for s in subjects:
            if isinstance(s, BNode):
                raise VocabularyError("licence catalogue: a licence must have an IRI, not a blank node")
        return cls(reader.read(s) for s in subjects if isinstance(s, URIRef))

    @classmethod
    def from_paths(cls, paths: Iterable[Path]) -> Catalog:
        """Read the Turtle files ``paths`` (for example the repository's ``licenses/*.ttl``)."""
        graph = Graph()
        for path in paths:
            graph.parse(path, format="turtle")
        return cls.from_graph(graph)

    # -- access ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[License]:
        return iter(self._by_id.values())

    def __contains__(self, ident: object) -> bool:
        return ident in self._by_id

    def __getitem__(self, ident: str) -> License:
        """The licence whose canonical identifier is ``ident`` (exact).

        :raises KeyError: no licence has that identifier (use :func:`mlrelease.licenses.resolve` for spellings).
        """
        return self._by_id[ident]

    def ids(self) -> list[str]:
        """Every canonical identifier, sorted case-insensitively."""
        return list(self._by_id)

    def get(self, ident: str) -> License | None:
        """The licence with the canonical identifier ``ident``, or ``None``."""
        return self._by_id.get(ident)

    def by_iri(self, iri: str) -> License | None:
        """The licence whose IRI is ``iri``, or ``None``."""
        return self._by_iri.get(iri)

    def in_family(self, family: str) -> list[License]:
        """The licences of the family ``family`` (a notation such as ``open-rail``)."""
        return [lic for lic in self if lic.family == family]

    def families(self) -> dict[str, list[License]]:
        """The licences grouped by family notation."""
        out: dict[str, list[License]] = {}
        for lic in self:
            out.setdefault(lic.family, []).append(lic)
        return out

    def lookup(self, text: str) -> tuple[License, str] | None:
        """The licence one of whose spellings has the same :func:`spelling_key` as ``text``.

        Returns the licence and how it matched (``"alias 'Apache 2.0'"``), or ``None``.
        """
        hit = self._spellings.get(spelling_key(text))
        return None if hit is None else (self._by_id[hit[0]], hit[1])

    def lookup_url(self, url: str) -> list[License]:
        """The licences whose IRI or text URL is ``url`` (several when versions share a text)."""
        return [self._by_id[i] for i in sorted(self._urls.get(url_key(url), ()))]

    def spellings(self) -> dict[str, str]:
        """Every spelling key and the identifier it names."""
        return {key: ident for key, (ident, _how) in self._spellings.items()}


@functools.cache
def catalog() -> Catalog:
    """The bundled licence catalogue, read once per process.

    :raises VocabularyError: the bundled catalogue is missing or broken (a packaging bug).
    """
    return Catalog.from_graph(package_data.graph("data/licenses.ttl"))
