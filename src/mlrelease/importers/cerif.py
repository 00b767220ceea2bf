"""CERIF-XML of the OpenAIRE Guidelines for CRIS Managers (1.1 and 1.2) to release manifests.

The input is what a CRIS serves over OAI-PMH (``ListRecords``/``GetRecord`` in the
``oai_cerif_openaire`` format) or one bare CERIF entity. Every ``Product`` record (a research
output: software, a dataset, a model) becomes one release manifest; a ``Product`` nested in
another (``PartOf``) is a reference, not a record. The ``Person`` and ``OrgUnit`` records of the
same document complete the creators and publishers a Product links by ``id`` (their ORCID or
ROR); a Product's ``Project`` and ``Funding`` links are reported (see below). A document with no
``Product`` is refused: it describes no research output. XML is read by the hardened reader
(:mod:`mlrelease.codecs.xml_safe`).

==========================================  ================================================================
CERIF Product                               manifest
==========================================  ================================================================
``DOI``                                     ``id``, ``pid`` (``https://doi.org/<doi>``) and ``identifier``
``Handle``                                  ``pid`` (``https://hdl.handle.net/<handle>``)
(no DOI) the OAI identifier, else ``@id``   ``identifier`` (mlrelease derives the IRI)
``Name``                                    ``name``
``VersionInfo``                             ``version``
``@id`` when it is an IRI, else ``DOI``,    ``id`` (the release IRI); the URL is ``url`` unless it is the id
else ``URL``
``Description``                             ``description``
``Keyword``, ``Subject``                    ``keywords``
``Creators/Creator`` Person or OrgUnit      ``contributions`` (ORCID/ROR as ``id``; ``DisplayName`` or
                                            ``PersonName``/``Name`` as ``name``)
``Publishers/Publisher``                    ``publisher`` (the first)
``License``                                 ``license`` (catalogue id), else ``dcterms:rights``
``Access`` (COAR access right)              ``accessTier`` (see :mod:`.cris`)
``Dates/Available@startDate``               ``datePublished``
``OriginatesFrom/Project``                  ``projects`` (``name``: Title, else Acronym; ``identifier``:
                                            an Identifier, else Acronym, else ``@id``; ``url``: an
                                            Identifier that is a URL; ``funding``: its Funded/As)
``OriginatesFrom/Funding``                  ``funding`` (``funder``: Funder or Funded/By OrgUnit with its
                                            FundRefID or RORID; ``awardNumber``: Identifier;
                                            ``awardTitle``: Name; ``awardUri``: GrantDOI; ``programme``:
                                            the nearest FundingProgramme it is PartOf)
``FileLocations/Medium/URI`` of weights     ``artifacts``: ``model-parameters-final``, released, ``downloadURL``
(``.safetensors``, ``.gguf``, ``.onnx``,    (inferred from the file name)
``.pt``, ``.pth``, ``.ckpt``, ``.h5``)
==========================================  ================================================================

**Dropped** (listed by element path, such as ``Products/ml-0001/OriginatesFrom``): ``Type`` (the
COAR product type; a type other than software warns ``not-a-model``), ``Language``, ``URN``,
``ARK``, ``PartOf``, ``GeneratedBy``, ``PresentedAt``, ``Coverage``, ``References`` a Product
(CERIF does not say how it relates: ``relation-unmapped``), other media. ``References`` a
Publication gives ``relatedOutputs`` ``described-by``.
Projects and Fundings are read from the Product's own links, completed by the Project and
Funding records of the same document (by ``id``).
"""

from __future__ import annotations

import re

from lxml import etree

from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..codecs.xml_safe import line_of, parse_xml, text_of
from . import URL
from .cris import WARNING_KINDS, CrisImportResult, ManifestBuilder, doi_iri, result
from .report import ImportReport, Location

OAI = "http://www.openarchives.org/OAI/2.0/"
CERIF_PREFIX = "https://www.openaire.eu/cerif-profile/"
#: COAR resource types of software (a model is published as software: COAR has no model type).
SOFTWARE_TYPES = {"http://purl.org/coar/resource_type/c_5ce6", "http://purl.org/coar/resource_type/c_c950"}
WEIGHT_FILES = re.compile(r"\.(safetensors|gguf|onnx|pt|pth|ckpt|h5)\Z", re.IGNORECASE)
HINTS = {
    "version": "<VersionInfo> (Product)",
    "publisher": "<Publishers><Publisher><OrgUnit> with a <RORID> (Product)",
    "accessTier": "<Access xmlns=\"http://purl.org/coar/access_right\"> (Product)",
    "license": "<License> with the licence's SPDX URL (Product)",
    "artifacts.model-parameters-final": "<FileLocations><Medium><URI> of the weights file (Product)",
    "identifier": "<DOI> (Product)",
}


def is_cerif(namespace: str | None) -> bool:
    """Whether ``namespace`` is one of the OpenAIRE CERIF profile's (1.0, 1.1, 1.2, ...)."""
    return bool(namespace) and str(namespace).startswith(CERIF_PREFIX) and "/vocab/" not in str(namespace)


def _local(el: etree._Element | None) -> str:
    return etree.QName(el).localname if el is not None and isinstance(el.tag, str) else ""


def _children(el: etree._Element | None, name: str | None = None) -> list[etree._Element]:
    if el is None:
        return []
    return [c for c in el if isinstance(c.tag, str) and (name is None or _local(c) == name)]


def _child_text(el: etree._Element | None, name: str) -> str:
    found = _children(el, name)
    return text_of(found[0]) if found else ""


def entities(root: etree._Element) -> list[tuple[etree._Element, str | None]]:
    """The top-level CERIF entities of the document: the payloads of OAI-PMH records, or the root itself.

    Each with the OAI identifier of its record (None for a bare entity). Deleted records are skipped.
    """
    if is_cerif(etree.QName(root).namespace):
        return [(root, None)]
    out: list[tuple[etree._Element, str | None]] = []
    for record in root.iter(f"{{{OAI}}}record"):
        header = record.find(f"{{{OAI}}}header")
        if header is not None and header.get("status") == "deleted":
            continue
        oai_id = header.findtext(f"{{{OAI}}}identifier") if header is not None else None
        metadata = record.find(f"{{{OAI}}}metadata")
        for payload in _children(metadata) if metadata is not None else []:
            if is_cerif(etree.QName(payload).namespace):
                out.append((payload, oai_id.strip() if oai_id else None))
    return out


def cerif_to_manifests(text: str, *, source: str = "<cerif>", limits: Limits = DEFAULT_LIMITS) -> CrisImportResult:
    """Import every Product of a CERIF-XML document (OAI-PMH response or one entity)."""
    root = parse_xml(text, source=source, limits=limits)
    report = ImportReport(source, text.splitlines(), kinds=WARNING_KINDS)
    found = entities(root)
    products = [(el, oai) for el, oai in found if _local(el) == "Product"]
    if not products:
        kinds = sorted({_local(el) for el, _ in found}) or [_local(root)]
        raise report.error(f"no CERIF Product in this document (it holds {', '.join(kinds)})",
                           Location(source, line_of(root), 1),
                           hint="mlrelease imports research outputs: harvest the openaire_cris_products set "
                                "(Persons, OrgUnits, Projects and Fundings are read where Products link them)")
    index = {(_local(el), el.get("id")): el for el, _ in found if el.get("id")}
    builders = [(_Product(el, oai, report, index).run(), f"{source}:{line_of(el)}") for el, oai in products]
    report.hints.update(HINTS)
    return result(report, builders, "cerif-xml")


class _Product:
    def __init__(self, el: etree._Element, oai_id: str | None, report: ImportReport,
                 index: dict[tuple[str, str | None], etree._Element]) -> None:
        self.el = el
        self.oai_id = oai_id
        self.report = report
        self.index = index
        self.b = ManifestBuilder(report)
        self.name = el.get("id") or f"Product@{line_of(el)}"

    def at(self, el: etree._Element) -> Location:
        return Location(self.report.source, line_of(el), 1)

    def drop(self, el: etree._Element) -> None:
        self.report.drop(f"{self.name}/{_local(el)}", self.at(el))

    def run(self) -> ManifestBuilder:
        b = self.b
        for child in _children(self.el):
            name = _local(child)
            value = text_of(child)
            if name == "DOI":
                b.doi(value, self.at(child))
            elif name == "Handle":
                b.pid(value if value.startswith("http") else f"https://hdl.handle.net/{value}")
            elif name == "Name":
                b.text("name", value)
            elif name == "VersionInfo":
                b.text("version", value)
            elif name == "URL":
                b.url(value, self.at(child))
            elif name == "References":
                self.references(child)
            elif name == "Description":
                b.text("description", value)
            elif name == "Keyword":
                b.keyword(value)
            elif name == "Creators":
                for creator in _children(child, "Creator"):
                    self.creator(creator)
            elif name == "Publishers":
                for publisher in _children(child, "Publisher"):
                    self.publisher(publisher)
            elif name == "License":
                b.license(self.at(child), value)
            elif name == "Access":
                if not b.access(value, "Access", self.at(child)):
                    self.report.warn("access-unmapped", self.at(child), f"Access {value!r} is not a COAR access right")
                    self.drop(child)
            elif name == "Dates":
                self.dates(child)
            elif name == "FileLocations":
                self.files(child)
            elif name == "OriginatesFrom":
                self.originates(child)
            elif name == "Subject" and value:
                b.keyword(value)
            else:
                if name == "Type" and value not in SOFTWARE_TYPES:
                    self.report.warn("not-a-model", self.at(child),
                                     f"Product type {value or '(none)'} is not software: imported as a release record "
                                     "so that its metadata can be checked")
                self.drop(child)
        self.identity()
        return b

    def identity(self) -> None:
        """The release IRI: the Product's ``id`` when it is an IRI (as mlrelease writes it), else its DOI,
        else its URL; without a DOI the identifier is the OAI identifier, else the Product's ``id``."""
        b = self.b
        own = self.el.get("id") or ""
        if URL.match(own):
            b.manifest["id"] = own
        elif "id" not in b.manifest and "url" in b.manifest:
            b.manifest["id"] = b.manifest["url"]
        if b.manifest.get("url") == b.manifest.get("id"):
            b.manifest.pop("url", None)
        if "identifier" not in b.manifest:
            b.manifest["identifier"] = self.oai_id or own or self.name

    def full(self, el: etree._Element) -> etree._Element:
        """The record of ``el``'s entity in this document (found by id), else ``el`` itself."""
        return self.index.get((_local(el), el.get("id")), el)

    def originates(self, origin: etree._Element) -> None:
        for linked in _children(origin):
            kind = _local(linked)
            if kind == "Project":
                self.project(self.full(linked))
            elif kind == "Funding":
                entry = self.funding(self.full(linked), None)
                if entry:
                    self.b.related("funding", entry)
                else:
                    self.drop(linked)
            else:
                self.report.drop(f"{self.name}/OriginatesFrom/{kind}", self.at(linked))

    def references(self, references: etree._Element) -> None:
        """A referenced Publication is the paper that describes the output; a Product's relation is unknown."""
        for linked in _children(references):
            doi = _child_text(linked, "DOI")
            iri = doi_iri(doi) if doi else (_child_text(linked, "URL") or None)
            if _local(linked) == "Publication" and iri:
                self.b.output("described-by", iri)
            else:
                self.report.warn("relation-unmapped", self.at(linked),
                                 f"References {_local(linked)} {iri or ''}: CERIF does not say how the output relates; "
                                 "dropped")
                self.report.drop(f"{self.name}/References/{_local(linked)}", self.at(linked))

    def project(self, project: etree._Element) -> None:
        entry: dict[str, object] = {}
        name = _child_text(project, "Title") or _child_text(project, "Acronym")
        if name:
            entry["name"] = " ".join(name.split())
        identifiers = [text_of(i) for i in _children(project, "Identifier")]
        urls = [i for i in identifiers if URL.match(i)]
        others = [i for i in identifiers if i and not URL.match(i)]
        identifier = (others[0] if others else None) or _child_text(project, "Acronym") or project.get("id")
        if identifier:
            entry["identifier"] = identifier
        if urls:
            entry["url"] = urls[0]
        funding = []
        for funded in _children(project, "Funded"):
            by = [o for b in _children(funded, "By") for o in _children(b)]
            for as_ in _children(funded, "As"):
                for f in _children(as_, "Funding"):
                    found = self.funding(self.full(f), by[0] if by else None)
                    if found:
                        funding.append(found)
        if funding:
            entry["funding"] = funding
        self.b.related("projects", entry)

    def funding(self, funding: etree._Element, funder: etree._Element | None) -> dict[str, object] | None:
        """A ``funding`` entry for a CERIF Funding (its Funder, or ``funder`` of the Project that links it)."""
        holders = [o for f in _children(funding, "Funder") for o in _children(f)]
        funder = holders[0] if holders else funder
        funder = self.full(funder) if funder is not None else None
        funder_ids = [_child_text(funder, n) for n in ("FundRefID", "RORID")] if funder is not None else []
        funder_ids += [text_of(i) for i in _children(funder, "Identifier")] if funder is not None else []
        identifiers = [text_of(i) for i in _children(funding, "Identifier")]
        numbers = [i for i in identifiers if i and not URL.match(i)]
        uris = [i for i in identifiers if URL.match(i)]
        grant_doi = _child_text(funding, "GrantDOI")
        return self.b.funding(
            self.at(funding), funder_name=(_child_text(funder, "Name") or _child_text(funder, "Acronym"))
            if funder is not None else None, funder_ids=[i for i in funder_ids if i],
            number=numbers[0] if numbers else None, title=_child_text(funding, "Name") or None,
            uri=doi_iri(grant_doi) if grant_doi else (uris[0] if uris else None), programme=self.programme(funding))

    def programme(self, funding: etree._Element) -> str | None:
        """The name of the nearest FundingProgramme the Funding is PartOf."""
        for part in _children(funding, "PartOf"):
            for parent in _children(part, "Funding"):
                if _child_text(parent, "Type").endswith("#FundingProgramme"):
                    return _child_text(parent, "Name") or _child_text(parent, "Acronym") or None
                found = self.programme(parent)
                if found:
                    return found
        return None

    def person_or_org(self, holder: etree._Element) -> tuple[dict[str, object] | None, etree._Element | None]:
        display = _child_text(holder, "DisplayName")
        for kind, node_type in (("Person", "Person"), ("OrgUnit", "Organization")):
            for entity in _children(holder, kind):
                full = self.index.get((kind, entity.get("id")), entity)
                ids = [_child_text(e, n) for e in (entity, full) for n in ("ORCID", "RORID", "AlternativeORCID")]
                ids += [text_of(i) for e in (entity, full) for i in _children(e, "Identifier")]
                name = display or self.display_name(entity) or self.display_name(full)
                return self.b.agent(name, [i for i in ids if i], node_type), entity  # type: ignore[return-value]
        if display:
            return self.b.agent(display, [], "Person"), None  # type: ignore[return-value]
        return None, None

    @staticmethod
    def display_name(entity: etree._Element) -> str:
        person = _children(entity, "PersonName")
        if person:
            family, first = _child_text(person[0], "FamilyNames"), _child_text(person[0], "FirstNames")
            return f"{family}, {first}".strip(", ")
        return _child_text(entity, "Name")

    def creator(self, creator: etree._Element) -> None:
        node, _ = self.person_or_org(creator)
        if node is None:
            self.report.drop(f"{self.name}/Creators/Creator", self.at(creator))
            return
        self.b.contributor(node)
        if _children(creator, "Affiliation"):
            self.report.drop(f"{self.name}/Creators/Creator/Affiliation", self.at(creator))

    def publisher(self, publisher: etree._Element) -> None:
        node, _ = self.person_or_org(publisher)
        if node is None or "publisher" in self.b.manifest:
            self.report.drop(f"{self.name}/Publishers/Publisher", self.at(publisher))
            return
        self.b.manifest["publisher"] = node

    def dates(self, dates: etree._Element) -> None:
        for date in _children(dates):
            start = date.get("startDate", "")
            if _local(date) == "Available" and self.b.date("datePublished", start, self.at(date)):
                continue
            self.report.drop(f"{self.name}/Dates/{_local(date)}", self.at(date))

    def files(self, locations: etree._Element) -> None:
        for medium in _children(locations, "Medium"):
            uri = _child_text(medium, "URI")
            path = uri.split("?", 1)[0]
            if uri and WEIGHT_FILES.search(path) and not any(
                    a.get("artifactType") == "model-parameters-final" for a in self.b.manifest.get("artifacts", [])):
                self.b.artifact({"artifactType": "model-parameters-final", "status": "released", "downloadURL": uri})
                self.b.infer("artifacts", "FileLocations/Medium/URI",
                             f"{path.rsplit('/', 1)[-1]} is a file of model weights by its suffix: the final "
                             "parameters, released", self.at(medium))
            else:
                self.report.drop(f"{self.name}/FileLocations/Medium", self.at(medium))


__all__ = ["cerif_to_manifests", "entities", "is_cerif"]
