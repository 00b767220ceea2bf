"""SKG-IF JSON-LD (the Scientific Knowledge Graphs Interoperability Framework) to release manifests.

An SKG-IF document is JSON-LD whose ``@context`` names the SKG-IF context
(``https://w3id.org/skg-if/context/...``) and whose ``@graph`` holds entities (``entity_type``:
``product``, ``agent``/``person``/``organisation``, ``grant``, ...) linked by their
``local_identifier``. The document is read as JSON (the safe loader; the remote context is never
fetched: the keys are SKG-IF's own) and every ``product`` becomes one release manifest, completed
by the persons, organisations and grants of the same document. Locations are JSON paths
(``file:$["@graph"][0].manifestations[0].license``).

=====================================  ==================================================================
SKG-IF product                         manifest
=====================================  ==================================================================
``identifiers`` ``doi``                ``id``, ``pid`` (``https://doi.org/<doi>``), ``identifier``
``identifiers`` ``handle``             ``pid``; ``url``: ``url``
(no DOI) ``local_identifier``          ``identifier``; ``id``: the ``@base`` IRI of the local identifier
``titles`` (English, else the first)   ``name``
``abstracts``                          ``description``
``contributions``                      ``contributions`` (the agent's ORCID or ROR as ``id``; its name;
                                       ``contribution_types`` that are CRediT role names as ``role``)
``manifestations[0]``                  ``version``; ``license`` (catalogue id, else ``dcterms:rights``);
                                       ``access_rights.status`` as a COAR access right (open,
                                       restricted, closed, embargoed: see :mod:`.cris`);
                                       ``dates.publication``, else ``dates.distribution``: ``datePublished``
``funding`` (grants of the document)   ``funding`` (``grant_number``; ``titles``; the grant's DOI as
                                       ``awardUri``; ``funding_agency`` organisation; ``funding_stream``
                                       as ``programme``)
``related_products`` ``is_new_version_of``  ``relatedOutputs`` ``supersedes``
=====================================  ==================================================================

A product whose ``product_type`` is not ``research software`` warns ``not-a-model``. Dropped:
``topics``, ``relevant_organisations``, other ``related_products``, other manifestations, and
grants, agents or products the document does not hold (a link to an entity of another document).
"""

from __future__ import annotations

import re
from typing import Any

from ..codecs.json_safe import load_json
from ..codecs.limits import DEFAULT_LIMITS, Limits
from . import URL
from .cris import WARNING_KINDS, CrisImportResult, ManifestBuilder, doi_iri, result
from .report import ImportReport, Location

SKGIF_CONTEXT = re.compile(r"https?://w3id\.org/skg-if/context/")
#: SKG-IF access_rights.status -> COAR access right.
ACCESS = {"open": "c_abf2", "restricted": "c_16ec", "closed": "c_14cb", "embargoed": "c_f1cf"}
HINTS = {
    "version": "manifestations[0].version",
    "publisher": "a contribution with role publisher (an organisation with a ROR identifier)",
    "accessTier": "manifestations[0].access_rights.status",
    "license": "manifestations[0].license",
    "artifacts.model-parameters-final": "a manifestation of the model's weights",
    "identifier": "identifiers (scheme doi)",
}


def is_skgif(doc: Any) -> bool:
    """Whether the JSON document ``doc`` uses the SKG-IF context."""
    if not isinstance(doc, dict):
        return False
    context = doc.get("@context")
    contexts = context if isinstance(context, list) else [context]
    return any(isinstance(c, str) and SKGIF_CONTEXT.match(c) for c in contexts)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _first_text(value: Any) -> str:
    """The English (else the first) text of ``{lang: text or [texts]}``."""
    if isinstance(value, str):
        return value.strip()
    if not isinstance(value, dict) or not value:
        return ""
    chosen = value.get("en", next(iter(value.values())))
    if isinstance(chosen, list):
        chosen = chosen[0] if chosen else ""
    return _text(chosen)


def _credit_roles() -> dict[str, str]:
    """CRediT role name (lower case, dashes folded) -> notation, from the contributor-role scheme."""
    from ..vocabulary import load

    out: dict[str, str] = {}
    for concept in load().scheme("contributor-role").concepts:
        for label in (concept.label, *concept.alt_labels, concept.notation):
            out[_fold(label)] = concept.notation
    return out


def _fold(text: str) -> str:
    return re.sub(r"[\s\u2010-\u2015&-]+", " ", text.lower().replace("&", "and")).strip()


def skgif_to_manifests(text: str, *, source: str = "<skg-if>", limits: Limits = DEFAULT_LIMITS) -> CrisImportResult:
    """Import every ``product`` of an SKG-IF JSON-LD document."""
    doc = load_json(text, source=source, limits=limits)
    report = ImportReport(source, text.splitlines(), kinds=WARNING_KINDS)
    if not is_skgif(doc):
        raise report.error("not SKG-IF: the @context does not name the SKG-IF context", Location(source),
                           hint="an SKG-IF document's @context starts with https://w3id.org/skg-if/context/...")
    base = next((c.get("@base") for c in doc["@context"] if isinstance(c, dict) and c.get("@base")), None) \
        if isinstance(doc["@context"], list) else None
    graph = doc.get("@graph", [doc])
    entities = [e for e in graph if isinstance(e, dict)] if isinstance(graph, list) else []
    index = {str(e.get("local_identifier")): e for e in entities if e.get("local_identifier")}
    products = [(i, e) for i, e in enumerate(entities) if e.get("entity_type") == "product"]
    if not products:
        kinds = sorted({str(e.get("entity_type")) for e in entities}) or ["nothing"]
        raise report.error(f"no SKG-IF product in this document (it holds {', '.join(kinds)})", Location(source),
                           hint="mlrelease imports research products; grants and agents are read where products "
                                "link them")
    builders = []
    for i, product in products:
        path = f'$["@graph"][{i}]'
        builders.append((_Product(product, path, report, index, base).run(), f"{source}:{path}"))
    report.hints.update(HINTS)
    return result(report, builders, "skg-if")


class _Product:
    def __init__(self, product: dict[str, Any], path: str, report: ImportReport, index: dict[str, dict[str, Any]],
                 base: str | None) -> None:
        self.p = product
        self.path = path
        self.report = report
        self.index = index
        self.base = base
        self.b = ManifestBuilder(report)

    def at(self, *parts: str | int) -> Location:
        return Location(f"{self.report.source}:{self.path}" + "".join(
            f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts))

    def drop(self, *parts: str | int) -> None:
        self.report.drop(".".join(str(p) for p in (self.path.removeprefix("$"), *parts)).lstrip("."), self.at(*parts))

    def iri(self, local: str) -> str | None:
        """The IRI of a local identifier: the entity's DOI when the document holds it, else ``@base`` + id."""
        entity = self.index.get(local)
        if entity is not None:
            for ident in entity.get("identifiers") or []:
                if isinstance(ident, dict) and ident.get("scheme") == "doi":
                    iri = doi_iri(_text(ident.get("value")))
                    if iri:
                        return iri
        if URL.match(local):
            return local
        return f"{self.base}{local}" if self.base and URL.match(f"{self.base}{local}") else None

    def run(self) -> ManifestBuilder:
        p, b = self.p, self.b
        used = {"local_identifier", "entity_type", "identifiers", "titles", "abstracts", "product_type",
                "contributions", "manifestations", "funding", "related_products"}
        for n, ident in enumerate(p.get("identifiers") or []):
            self.identifier(ident, ("identifiers", n))
        b.text("name", _first_text(p.get("titles")))
        b.text("description", _first_text(p.get("abstracts")))
        kind = _text(p.get("product_type"))
        if kind != "research software":
            self.report.warn("not-a-model", self.at("product_type"),
                             f"product_type is {kind or 'missing'}, not research software: imported as a release "
                             "record so that its metadata can be checked")
        for n, contribution in enumerate(p.get("contributions") or []):
            self.contribution(contribution, n)
        for n, manifestation in enumerate(p.get("manifestations") or []):
            if n == 0 and isinstance(manifestation, dict):
                self.manifestation(manifestation)
            else:
                self.drop("manifestations", n)
        for n, grant in enumerate(p.get("funding") or []):
            self.grant(_text(grant), n)
        related = p.get("related_products") or {}
        for relation, targets in (related.items() if isinstance(related, dict) else []):
            for n, target in enumerate(targets if isinstance(targets, list) else [targets]):
                iri = self.iri(_text(target))
                if relation == "is_new_version_of" and iri:
                    b.output("supersedes", iri)
                else:
                    self.drop("related_products", relation, n)
        for key, value in p.items():
            if key not in used and not key.startswith("@") and value not in (None, "", [], {}):
                self.drop(key)
        local = _text(p.get("local_identifier"))
        if "identifier" not in b.manifest and local:
            b.manifest["identifier"] = local
            if "id" not in b.manifest and (own := self.iri(local)):
                b.manifest["id"] = own
        return b

    def identifier(self, ident: Any, parts: tuple[str | int, ...]) -> None:
        if not isinstance(ident, dict):
            return
        scheme, value = _text(ident.get("scheme")).lower(), _text(ident.get("value"))
        if scheme == "doi":
            self.b.doi(value, self.at(*parts))
        elif scheme == "handle":
            self.b.pid(value if URL.match(value) else f"https://hdl.handle.net/{value}")
        elif scheme == "url" and URL.match(value):
            self.b.manifest.setdefault("url", value)
        else:
            self.drop(*parts)

    def agent(self, local: str) -> dict[str, Any] | str | None:
        entity = self.index.get(local)
        if entity is None:
            return None
        ids = [f"{i.get('scheme')}:{_text(i.get('value'))}" for i in entity.get("identifiers") or []
               if isinstance(i, dict)]
        ids = [i.split(":", 1)[1] for i in ids if i.split(":", 1)[0] in ("orcid", "ror")]
        kind = "Organization" if entity.get("entity_type") == "organisation" else "Person"
        name = _text(entity.get("name")) or ", ".join(
            n for n in (_text(entity.get("family_name")), _text(entity.get("given_name"))) if n)
        return self.b.agent(name, ids, kind)

    def contribution(self, contribution: Any, n: int) -> None:
        if not isinstance(contribution, dict):
            return
        node = self.agent(_text(contribution.get("by")))
        if node is None:
            self.report.warn("identifier-unusable", self.at("contributions", n, "by"),
                             f"contributor {contribution.get('by')!r} is not an agent of this document; left out")
            self.drop("contributions", n)
            return
        if contribution.get("role") == "publisher" and "publisher" not in self.b.manifest:
            self.b.manifest["publisher"] = node
            return
        roles = _credit_roles()
        codes = [roles[_fold(t)] for t in contribution.get("contribution_types") or []
                 if isinstance(t, str) and _fold(t) in roles]
        self.b.contributor(node, codes or None)

    def manifestation(self, m: dict[str, Any]) -> None:
        b = self.b
        b.text("version", _text(m.get("version")) or None)
        if _text(m.get("license")):
            b.license(self.at("manifestations", 0, "license"), _text(m["license"]))
        access = m.get("access_rights")
        status = _text(access.get("status")).lower() if isinstance(access, dict) else ""
        if status in ACCESS:
            b.access(f"http://purl.org/coar/access_right/{ACCESS[status]}", "manifestations.access_rights.status",
                     self.at("manifestations", 0, "access_rights"))
        elif status:
            self.report.warn("access-unmapped", self.at("manifestations", 0, "access_rights"),
                             f"access_rights.status {status!r} is not an SKG-IF access status; no tier recorded")
        found = m.get("dates")
        dates: dict[str, Any] = found if isinstance(found, dict) else {}
        for key in ("publication", "distribution"):
            value = dates.get(key)
            value = value[0] if isinstance(value, list) and value else value
            if isinstance(value, str) and b.date("datePublished", value, self.at("manifestations", 0, "dates", key)):
                break
        for n, ident in enumerate(m.get("identifiers") or []):
            self.identifier(ident, ("manifestations", 0, "identifiers", n))

    def grant(self, local: str, n: int) -> None:
        grant = self.index.get(local)
        if grant is None:
            self.report.warn("identifier-unusable", self.at("funding", n),
                             f"grant {local!r} is not in this document; left out")
            self.drop("funding", n)
            return
        doi = next((doi_iri(_text(i.get("value"))) for i in grant.get("identifiers") or []
                    if isinstance(i, dict) and i.get("scheme") == "doi"), None)
        agency = self.index.get(_text(grant.get("funding_agency")))
        ids = [_text(i.get("value")) for i in (agency or {}).get("identifiers") or [] if isinstance(i, dict)]
        entry = self.b.funding(self.at("funding", n), funder_name=_text((agency or {}).get("name")) or None,
                               funder_ids=ids, number=_text(grant.get("grant_number")) or None,
                               title=_first_text(grant.get("titles")) or None, uri=doi,
                               programme=_text(grant.get("funding_stream")) or None)
        if entry:
            self.b.related("funding", entry)


__all__ = ["is_skgif", "skgif_to_manifests"]
