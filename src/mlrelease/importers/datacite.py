"""DataCite metadata (XML, Metadata Schema 4.x; JSON, the REST API's) to release manifests.

The XML is read by the hardened reader (:mod:`mlrelease.codecs.xml_safe`) and turned into the
REST API's JSON shape (``attributes``: ``doi``, ``titles``, ``creators``, ``rightsList``, ...), so
that one mapping serves both; locations stay with each field (``file:line:column`` in XML,
``file:$.data.attributes.rightsList[1]`` in JSON). The mapping (docs/cris.md has the table):

==============================================  ==========================================================
DataCite                                        manifest
==============================================  ==========================================================
``doi`` (``identifier@identifierType=DOI``)     ``id`` and ``pid`` (``https://doi.org/<doi>``), ``identifier``
``titles[0].title`` (no ``titleType``)          ``name``
``version``                                     ``version``
``dates`` ``Issued``, else ``Available``        ``datePublished``; ``Updated``: ``dateModified``
``descriptions`` ``Abstract`` (else the first)  ``description``
``publisher`` (+ ``publisherIdentifier`` ROR)   ``publisher: {type: Organization, name, id}``
``subjects``                                    ``keywords``
``creators``, ``contributors``                  ``contributions`` (ORCID/ROR ``nameIdentifier`` as ``id``;
                                                ``contributorType`` DataCurator, ProjectManager, Researcher,
                                                Supervisor as the CRediT role of the same meaning)
``rightsList``: a licence                       ``license`` (catalogue id from ``rightsIdentifier``,
                                                ``rightsUri`` or the text), else ``dcterms:rights``
``rightsList``: an access right                 ``accessTier`` (COAR or info:eu-repo; see :mod:`.cris`)
``url``                                         ``url``
``relatedIdentifiers``: a relation type of the   ``relatedOutputs`` (``relationType``: the concept whose
output-relation scheme (IsDescribedBy,          ``skos:hiddenLabel`` is the DataCite relation type;
References, Requires, IsDerivedFrom, Obsoletes) ``output``: the identifier as an IRI)
``Other`` "trained on" a ``Dataset``            ``trainingData``
``IsDocumentedBy``                              ``modelCard.url``
``fundingReferences``                           ``funding`` (``funder`` with ``funderIdentifier`` as ROR or
                                                Crossref Funder IRI, ``awardNumber``, ``awardTitle``,
                                                ``awardUri``)
==============================================  ==========================================================

**Inferred**: ``accessTier`` from a restricted access right (see :mod:`.cris`), and, for
``resourceTypeGeneral="Model"``, the final parameters as released at the record's ``url`` (else its
DOI): a DataCite Model record identifies the model itself, unless its access right says metadata only.

**Dropped** (listed with their paths): ``publicationYear`` when a date gives the day,
other relations (kind ``relation-unmapped``), ``sizes``,
``formats``, ``language``, ``alternateIdentifiers``, ``geoLocations``, ``relatedItems``, other
descriptions and titles. A record whose ``resourceTypeGeneral`` is not ``Model`` is still
imported, with a warning (``not-a-model``), so that ``validate -p cris`` reports on it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from lxml import etree

from ..codecs.json_safe import load_json
from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..codecs.xml_safe import line_of, parse_xml, text_of
from .cris import WARNING_KINDS, CrisImportResult, ManifestBuilder, identifier_iri, output_relations, result
from .report import ImportReport, Location

KERNEL = "http://datacite.org/schema/kernel-4"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: DataCite contributorType -> the CRediT role of the same meaning (the others have none).
CREDIT_ROLES = {"DataCurator": "data-curation", "ProjectManager": "project-administration",
                "Researcher": "investigation", "Supervisor": "supervision"}
#: What the core profile needs and a DataCite record may lack: manifest key -> the DataCite field to add.
HINTS = {
    "version": "<version> (version)",
    "publisher": "<publisher> (publisher)",
    "accessTier": "a <rights rightsURI=\"http://purl.org/coar/access_right/...\"> access right (rightsList)",
    "license": "a <rights rightsIdentifier=\"SPDX id\" rightsIdentifierScheme=\"SPDX\"> licence (rightsList)",
    "artifacts.model-parameters-final": "resourceTypeGeneral=\"Model\" with the model's url",
    "identifier": "<identifier identifierType=\"DOI\"> (doi)",
}
#: Attribute names that differ between the XML and the JSON.
_ATTRIBUTES = {"rightsURI": "rightsUri", "schemeURI": "schemeUri", "awardURI": "awardUri", "valueURI": "valueUri",
               XML_LANG: "lang", "classificationCode": "classificationCode"}

Where = Callable[[str], Location]


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _attrs(el: etree._Element) -> dict[str, Any]:
    return {_ATTRIBUTES.get(str(k), str(k)): str(v) for k, v in el.attrib.items()}


def _text(el: etree._Element) -> str:
    return text_of(el)


def _agent_json(el: etree._Element, kind: str) -> dict[str, Any]:
    out: dict[str, Any] = {"nameIdentifiers": [], "affiliation": []}
    out.update({k: v for k, v in _attrs(el).items()})
    for child in el:
        name = _local(child.tag)
        if name in (f"{kind}Name",):
            out["name"] = _text(child)
            out.update({k: v for k, v in _attrs(child).items() if k == "nameType"})
        elif name == "nameIdentifier":
            out["nameIdentifiers"].append({"nameIdentifier": _text(child), **_attrs(child)})
        elif name == "affiliation":
            out["affiliation"].append({"name": _text(child), **_attrs(child)})
        elif name in ("givenName", "familyName"):
            out[name] = _text(child)
    return out


def xml_to_attributes(root: etree._Element, source: str) -> tuple[dict[str, Any], dict[str, Location]]:
    """The DataCite XML ``resource`` as the REST API's ``attributes``, and the location of each field path."""
    attrs: dict[str, Any] = {}
    where: dict[str, Location] = {"": Location(source, line_of(root), 1)}

    def put(path: str, el: etree._Element) -> None:
        where[path] = Location(source, line_of(el), 1)

    for child in root:
        if not isinstance(child.tag, str):
            continue
        name = _local(child.tag)
        put(name, child)
        items = [c for c in child if isinstance(c.tag, str)]
        if name == "identifier":
            if child.get("identifierType", "").upper() == "DOI":
                attrs["doi"] = _text(child)
                put("doi", child)
            else:
                attrs["identifier"] = {"identifier": _text(child), "identifierType": child.get("identifierType", "")}
        elif name in ("creators", "contributors"):
            kind = name[:-1]
            attrs[name] = [_agent_json(c, kind) for c in items]
            for i, c in enumerate(items):
                put(f"{name}.{i}", c)
        elif name == "publisher":
            attrs["publisher"] = {"name": _text(child), **_attrs(child)}
        elif name == "resourceType":
            attrs["types"] = {"resourceType": _text(child), **_attrs(child)}
            put("types", child)
        elif name == "alternateIdentifiers":
            attrs["identifiers"] = [{"identifier": _text(c), "identifierType": c.get("alternateIdentifierType", "")}
                                    for c in items]
            for i, c in enumerate(items):
                put(f"identifiers.{i}", c)
        elif name in ("titles", "subjects", "dates", "relatedIdentifiers", "rightsList",
                      "descriptions", "sizes", "formats", "geoLocations", "fundingReferences", "relatedItems"):
            leaf = {"titles": "title", "subjects": "subject", "dates": "date", "rightsList": "rights",
                    "descriptions": "description", "relatedIdentifiers": "relatedIdentifier"}.get(name)
            values: list[Any] = []
            for i, c in enumerate(items):
                put(f"{name}.{i}", c)
                if name in ("sizes", "formats"):
                    values.append(_text(c))
                elif name == "fundingReferences":
                    values.append({_local(g.tag): _text(g) for g in c if isinstance(g.tag, str)}
                                  | {_ATTRIBUTES.get(str(k), str(k)): str(v) for g in c if isinstance(g.tag, str)
                                     for k, v in g.attrib.items()})
                else:
                    values.append({**({leaf: _text(c)} if leaf else {}), **_attrs(c)})
            attrs[name] = values
        else:
            attrs[name] = _text(child)
    return attrs, where


def datacite_xml_to_manifests(text: str, *, source: str = "<datacite>",
                              limits: Limits = DEFAULT_LIMITS) -> CrisImportResult:
    """Import one DataCite XML ``resource`` (Metadata Schema 4.x)."""
    root = parse_xml(text, source=source, limits=limits)
    report = ImportReport(source, text.splitlines(), kinds=WARNING_KINDS)
    if etree.QName(root).namespace != KERNEL or etree.QName(root).localname != "resource":
        raise report.error(f"not DataCite XML: the root element is {root.tag}",
                           Location(source, line_of(root), 1),
                           hint=f"a DataCite record is a <resource xmlns=\"{KERNEL}\">")
    attrs, where = xml_to_attributes(root, source)
    root_where = where[""]
    return _import(attrs, report, lambda path: where.get(path, where.get(path.split(".", 1)[0], root_where)),
                   "datacite-xml", str(root_where))


def datacite_json_to_manifests(text: str, *, source: str = "<datacite>",
                               limits: Limits = DEFAULT_LIMITS) -> CrisImportResult:
    """Import DataCite JSON: the REST API's ``{"data": {"attributes": ...}}`` or the bare attributes."""
    doc = load_json(text, source=source, limits=limits)
    report = ImportReport(source, text.splitlines(), kinds=WARNING_KINDS)
    prefix = "$"
    if isinstance(doc, dict) and isinstance(doc.get("data"), dict):
        doc, prefix = doc["data"].get("attributes"), "$.data.attributes"
    if not isinstance(doc, dict) or not ("doi" in doc or "types" in doc or "titles" in doc):
        raise report.error("not DataCite JSON: no attributes with doi, types or titles", Location(source),
                           hint="give the REST API's response ({\"data\": {\"attributes\": ...}}) for one DOI")

    def json_where(path: str) -> Location:
        parts = "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in path.split(".") if p)
        return Location(f"{source}:{prefix}{parts}")

    return _import(doc, report, json_where, "datacite-json", f"{source}:{prefix}")


def _import(attrs: dict[str, Any], report: ImportReport, where: Where, format: str, location: str) -> CrisImportResult:
    builder = ManifestBuilder(report)
    _Mapping(attrs, builder, report, where).run()
    report.hints.update(HINTS)
    return result(report, [(builder, location)], format)


def _doi_iri(attrs: dict[str, Any]) -> str | None:
    from .cris import doi_iri

    return doi_iri(_str(attrs.get("doi"))) if _str(attrs.get("doi")) else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else str(value) if isinstance(value, (int, float)) else ""


class _Mapping:
    def __init__(self, attrs: dict[str, Any], builder: ManifestBuilder, report: ImportReport, where: Where) -> None:
        self.attrs = attrs
        self.b = builder
        self.report = report
        self.where = where
        self.type_general = _str((attrs.get("types") or {}).get("resourceTypeGeneral")) \
            if isinstance(attrs.get("types"), dict) else ""

    def run(self) -> None:
        a = self.attrs
        used = {"doi", "titles", "version", "dates", "descriptions", "publisher", "subjects", "creators",
                "contributors", "rightsList", "url", "relatedIdentifiers", "types", "publicationYear",
                "fundingReferences", "identifier", "identifiers", "schemaVersion"}
        if _str(a.get("doi")):
            self.b.doi(_str(a["doi"]), self.where("doi"))
        self.identifiers()
        self.titles()
        self.b.text("version", _str(a.get("version")) or None)
        self.dates()
        self.descriptions()
        self.publisher()
        for i, subject in enumerate(_list(a.get("subjects"))):
            text = _str(subject.get("subject")) if isinstance(subject, dict) else _str(subject)
            if text and isinstance(subject, dict) and subject.get("subjectScheme") == "ML task":
                self.b.text("task", text)
            elif text:
                self.b.keyword(text)
            else:
                self.report.drop(f"subjects.{i}", self.where(f"subjects.{i}"))
        for key in ("creators", "contributors"):
            for i, agent in enumerate(_list(a.get(key))):
                self.agent(agent, f"{key}.{i}")
        self.rights()
        if _str(a.get("url")):
            self.b.manifest.pop("url", None)  # the DOI's landing page, before any URL alternate identifier
            self.b.url(_str(a["url"]), self.where("url"))
        self.relations()
        self.types()
        if "identifier" not in self.b.manifest:
            self.identity()
        for i, ref in enumerate(_list(a.get("fundingReferences"))):
            here = self.where(f"fundingReferences.{i}")
            entry = self.b.funding(here, funder_name=_str(ref.get("funderName")),
                                   funder_ids=[_str(ref.get("funderIdentifier"))], number=_str(ref.get("awardNumber")),
                                   title=_str(ref.get("awardTitle")), uri=_str(ref.get("awardUri"))) \
                if isinstance(ref, dict) else None
            if entry is None:
                self.report.drop(f"fundingReferences.{i}", here)
            else:
                self.b.related("funding", entry)
        for key, value in a.items():
            if key not in used and value not in (None, "", [], {}):
                self.report.drop(key, self.where(key))

    def identifiers(self) -> None:
        """The record's identifier without a DOI (``id``), and its alternate identifiers.

        ``local`` gives ``identifier``; ``DOI`` and ``Handle`` give ``pid``; ``URL``: without a DOI the
        record's own identifier of type URL is its ``id``; a URL alternate identifier is the ``url``
        (the last, since mlrelease's exports write the release IRI before it; a JSON ``url`` field wins).
        """
        main = self.attrs.get("identifier")
        if isinstance(main, dict) and _str(main.get("identifierType")).upper() == "URL" and "id" not in self.b.manifest:
            value = _str(main.get("identifier"))
            if identifier_iri("URL", value):
                self.b.manifest["id"] = value
        for i, alt in enumerate(_list(self.attrs.get("identifiers"))):
            if not isinstance(alt, dict):
                continue
            kind, value = _str(alt.get("identifierType")), _str(alt.get("identifier"))
            here = self.where(f"identifiers.{i}")
            if kind.lower() == "local" and value:
                self.b.manifest["identifier"] = value
            elif kind.lower() in ("doi", "handle") and (iri := identifier_iri(kind, value)):
                self.b.pid(iri)
            elif kind.upper() == "URL" and identifier_iri("URL", value):
                # The last URL is the landing page (mlrelease's exports write the release IRI first).
                if value != self.b.manifest.get("id") and value != _doi_iri(self.attrs):
                    self.b.manifest["url"] = value
            else:
                self.report.drop(f"identifiers.{i}", here)

    def identity(self) -> None:
        """Without a DOI: an alternate identifier, else the file's name, so that the IRI stays stable."""
        alternates = [a for a in _list(self.attrs.get("identifiers")) if isinstance(a, dict)
                      and _str(a.get("identifier"))]
        if alternates:
            self.b.manifest["identifier"] = _str(alternates[0]["identifier"])
            how = "its first alternateIdentifier"
        else:
            stem = PurePath(self.report.source.split(":$", 1)[0]).stem or "datacite"
            self.b.manifest["identifier"] = stem
            how = f"its file name ({stem})"
        self.report.warn("no-doi", self.where(""), f"the record has no DOI: identified by {how}")

    def titles(self) -> None:
        titles = [t for t in _list(self.attrs.get("titles")) if isinstance(t, dict)]
        main = [i for i, t in enumerate(titles) if not t.get("titleType")]
        chosen = main[0] if main else (0 if titles else None)
        for i, title in enumerate(titles):
            if i == chosen:
                self.b.text("name", _str(title.get("title")))
            else:
                self.report.drop(f"titles.{i}", self.where(f"titles.{i}"))

    def dates(self) -> None:
        dates = [d for d in _list(self.attrs.get("dates")) if isinstance(d, dict)]
        order = {"Issued": 0, "Available": 1}
        published = sorted((i for i, d in enumerate(dates) if d.get("dateType") in order),
                           key=lambda i: order[dates[i]["dateType"]])
        done: set[int] = set()
        for i in published:
            if "datePublished" not in self.b.manifest and self.b.date("datePublished", _str(dates[i].get("date")),
                                                                       self.where(f"dates.{i}")):
                done.add(i)
        for i, d in enumerate(dates):
            if d.get("dateType") == "Updated" and self.b.date("dateModified", _str(d.get("date")),
                                                              self.where(f"dates.{i}")):
                done.add(i)
        for i in range(len(dates)):
            if i not in done:
                self.report.drop(f"dates.{i}", self.where(f"dates.{i}"))
        year = _str(self.attrs.get("publicationYear"))
        if year and "datePublished" not in self.b.manifest:
            self.report.missing("datePublished", "<date dateType=\"Issued\">YYYY-MM-DD</date> (dates)")
        if year:
            self.report.drop("publicationYear", self.where("publicationYear"))

    def descriptions(self) -> None:
        descriptions = [d for d in _list(self.attrs.get("descriptions")) if isinstance(d, dict)]
        abstracts = [i for i, d in enumerate(descriptions) if d.get("descriptionType") == "Abstract"]
        chosen = abstracts[0] if abstracts else (0 if descriptions else None)
        for i, d in enumerate(descriptions):
            if i == chosen:
                self.b.text("description", _str(d.get("description")))
            else:
                self.report.drop(f"descriptions.{i}", self.where(f"descriptions.{i}"))

    def publisher(self) -> None:
        value = self.attrs.get("publisher")
        if isinstance(value, str):
            value = {"name": value}
        if not isinstance(value, dict):
            return
        ids = [_str(value.get("publisherIdentifier"))]
        node = self.b.agent(_str(value.get("name")), ids, "Organization")
        if node is not None:
            self.b.manifest["publisher"] = node

    def agent(self, agent: Any, path: str) -> None:
        if not isinstance(agent, dict):
            self.report.drop(path, self.where(path))
            return
        ids = [_str(n.get("nameIdentifier")) for n in _list(agent.get("nameIdentifiers")) if isinstance(n, dict)]
        kind = "Organization" if agent.get("nameType") == "Organizational" else "Person"
        name = _str(agent.get("name"))
        if not name and (agent.get("givenName") or agent.get("familyName")):
            name = f"{_str(agent.get('familyName'))}, {_str(agent.get('givenName'))}".strip(", ")
        node = self.b.agent(name, ids, kind)
        if node is None:
            self.report.drop(path, self.where(path))
            return
        role = CREDIT_ROLES.get(_str(agent.get("contributorType")))
        self.b.contributor(node, [role] if role else None)
        if agent.get("affiliation"):
            self.report.drop(f"{path}.affiliation", self.where(path))

    def rights(self) -> None:
        for i, rights in enumerate(_list(self.attrs.get("rightsList"))):
            if not isinstance(rights, dict):
                continue
            here = self.where(f"rightsList.{i}")
            uri = _str(rights.get("rightsUri"))
            if uri and self.b.access(uri, "rightsList.rightsUri", here):
                continue
            scheme = _str(rights.get("rightsIdentifierScheme")).lower()
            ident = _str(rights.get("rightsIdentifier"))
            self.b.license(here, ident if scheme in ("spdx", "") else None, uri, _str(rights.get("rights")))

    def relations(self) -> None:
        codes = output_relations()
        for i, rel in enumerate(_list(self.attrs.get("relatedIdentifiers"))):
            path = f"relatedIdentifiers.{i}"
            here = self.where(path)
            if not isinstance(rel, dict):
                continue
            iri = identifier_iri(_str(rel.get("relatedIdentifierType")), _str(rel.get("relatedIdentifier")))
            relation = _str(rel.get("relationType"))
            general = _str(rel.get("resourceTypeGeneral"))
            info = _str(rel.get("relationTypeInformation")).lower()
            if iri is None:
                self.report.warn("identifier-unusable", here,
                                 f"related identifier {rel.get('relatedIdentifier')!r} "
                                 f"({rel.get('relatedIdentifierType')}) gives no IRI; left out")
                self.report.drop(path, here)
            elif general == "Dataset" and relation == "Other" and "train" in info:
                self.b.related("trainingData", iri)
            elif relation in codes:
                self.b.output(codes[relation], iri)
            elif relation == "IsDocumentedBy" and "modelCard" not in self.b.manifest:
                self.b.manifest["modelCard"] = {"url": iri}
            else:
                self.report.warn("relation-unmapped", here,
                                 f"relatedIdentifier {relation or '(no relationType)'} {general or ''} {iri}: "
                                 "no manifest key records this relation; dropped".replace("  ", " "))
                self.report.drop(path, here)

    def types(self) -> None:
        here = self.where("types")
        if self.type_general != "Model":
            self.report.warn("not-a-model", here,
                             f"resourceTypeGeneral is {self.type_general or 'missing'}, not Model: imported as a "
                             "release record so that its metadata can be checked")
            return
        if self.b.manifest.get("accessTier") == "fully-closed":
            return
        at = self.b.manifest.get("url") or self.b.manifest.get("id")
        artifacts = self.b.manifest.get("artifacts", [])
        if at and not any(a.get("artifactType") == "model-parameters-final" for a in artifacts):
            self.b.artifact({"artifactType": "model-parameters-final", "status": "released", "url": at})
            self.b.infer("artifacts", "resourceTypeGeneral", f"a DataCite Model record identifies the model itself: "
                         f"its final parameters are released at {at}", here)


__all__ = ["datacite_json_to_manifests", "datacite_xml_to_manifests", "xml_to_attributes"]
