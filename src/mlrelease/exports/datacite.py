"""DataCite Metadata Schema 4.7: ``datacite-json`` (REST API JSON) and ``datacite-xml``, one mapping.

:func:`attributes` maps a record to the attributes of the DataCite REST API (``data.attributes``);
:func:`attributes_to_xml` writes the same attributes as a 4.7 ``<resource>``, so the JSON and the
XML carry the same facts. A release is ``resourceTypeGeneral="Model"``. DataCite registers DOIs
only: a record without a DOI among its ``pid`` is written with its IRI as an identifier of type
URL (valid against the schema, with a warning). The PyPI ``datacite`` library stops at schema
4.5, which has no ``Model`` type, so it is not used.
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

from ..errors import InputError
from ..record import ReleaseRecord
from . import Exported
from ._facts import (
    RELATED_TYPE,
    Agent,
    access_right,
    agent,
    as_list,
    contributions,
    datacite_relation,
    dataset_iris,
    doi_of,
    funder_id_type,
    fundings,
    licence,
    licence_iri,
    released_artifacts_with_url,
    year,
)
from .mapping import warnings_for

NS = "http://datacite.org/schema/kernel-4"
SCHEMA_LOCATION = "http://datacite.org/schema/kernel-4 https://schema.datacite.org/meta/kernel-4.7/metadata.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
RESOURCE_TYPE = "Machine-learning model release"


def _name(a: Agent, contributor_type: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"name": a.label, "nameType": "Personal" if a.is_person else "Organizational"}
    if contributor_type:
        out["contributorType"] = contributor_type
    ids = []
    if a.orcid:
        ids.append({"nameIdentifier": a.iri, "nameIdentifierScheme": "ORCID", "schemeUri": "https://orcid.org"})
    elif a.ror:
        ids.append({"nameIdentifier": a.iri, "nameIdentifierScheme": "ROR", "schemeUri": "https://ror.org"})
    elif a.iri:
        ids.append({"nameIdentifier": a.iri, "nameIdentifierScheme": "URL"})
    if ids:
        out["nameIdentifiers"] = ids
    return out


def _related(iri: str, relation: str, resource_type: str | None) -> dict[str, Any]:
    doi = doi_of(iri)
    out: dict[str, Any] = {"relatedIdentifier": doi or iri, "relatedIdentifierType": "DOI" if doi else "URL",
                           "relationType": relation}
    if resource_type:
        out["resourceTypeGeneral"] = resource_type
    return out


def attributes(record: ReleaseRecord, fmt: str = "datacite-json") -> tuple[dict[str, Any], list[str]]:
    """The DataCite REST API attributes of ``record`` and the warnings (fields lost or approximated).

    :raises InputError: the record lacks what DataCite requires (a publisher, a publication date).
    """
    m = record.to_manifest()
    warnings = warnings_for(fmt, m.keys())
    where = record.source
    if not m.get("publisher"):
        raise InputError("DataCite requires a publisher and the record has none", location=where,
                         hint="add `publisher:` (a ROR IRI, or a node with id, type and name)")
    date = m.get("datePublished")
    if not date:
        raise InputError("DataCite requires a publication year and the record has no datePublished", location=where,
                         hint="add `datePublished: YYYY-MM-DD`")
    iri = str(record.iri)
    pids = [str(p) for p in as_list(m.get("pid"))]
    dois = [d for p in pids if (d := doi_of(p))]
    attrs: dict[str, Any] = {}
    identifiers: list[dict[str, str]] = []
    if dois:
        attrs["doi"] = dois[0]
        identifiers.append({"identifier": iri, "identifierType": "URL"})
    else:
        warnings.append("pid: the record has no DOI; its IRI is the identifier (type URL), which DataCite "
                        "cannot register")
    identifiers += [{"identifier": p, "identifierType": "DOI" if doi_of(p) else "URL"}
                    for p in pids if doi_of(p) != (dois[0] if dois else None)]
    if m.get("identifier"):
        identifiers.append({"identifier": str(m["identifier"]), "identifierType": "local"})
    if m.get("url"):
        identifiers.append({"identifier": str(m["url"]), "identifierType": "URL"})
        attrs["url"] = str(m["url"])
    lead, other = contributions(record, m)
    publisher = agent(record, m["publisher"])
    if not lead:
        lead = [publisher]
        warnings.append("contributions: no lead contributor; the publisher is the creator")
    attrs["creators"] = [_name(a) for a in lead]
    title = m.get("name") or m.get("identifier") or iri
    attrs["titles"] = [{"title": str(title)}]
    pub: dict[str, Any] = {"name": publisher.label}
    if publisher.ror:
        pub.update(publisherIdentifier=publisher.ror, publisherIdentifierScheme="ROR", schemeUri="https://ror.org/")
    elif publisher.iri:
        pub.update(publisherIdentifier=publisher.iri, publisherIdentifierScheme="URL")
    attrs["publisher"] = pub
    attrs["publicationYear"] = int(str(year(date)))
    attrs["types"] = {"resourceTypeGeneral": "Model", "resourceType": RESOURCE_TYPE}
    subjects = [{"subject": str(k)} for k in as_list(m.get("keywords"))]
    if m.get("task"):
        subjects.append({"subject": str(m["task"]), "subjectScheme": "ML task"})
    if subjects:
        attrs["subjects"] = subjects
    if other:
        attrs["contributors"] = [_name(a, "Other") for a in other]
    dates = [{"date": str(date), "dateType": "Issued"}]
    if m.get("dateModified"):
        dates.append({"date": str(m["dateModified"]), "dateType": "Updated"})
    attrs["dates"] = dates
    if identifiers:
        attrs["identifiers"] = identifiers
    attrs["relatedIdentifiers"] = _related_identifiers(m)
    if not attrs["relatedIdentifiers"]:
        del attrs["relatedIdentifiers"]
    if m.get("version"):
        attrs["version"] = str(m["version"])
    rights = []
    for ident in as_list(m.get("license")):
        lic = licence(str(ident))
        entry: dict[str, Any] = {"rights": lic.name if lic else str(ident), "rightsUri": licence_iri(str(ident))}
        if lic and lic.spdx_id:
            entry.update(rightsIdentifier=lic.spdx_id, rightsIdentifierScheme="SPDX",
                         schemeUri="https://spdx.org/licenses/")
        rights.append(entry)
    coar = access_right(m.get("accessTier"))
    if coar:
        rights.append({"rights": f"access tier: {m['accessTier']}", "rightsUri": coar})
    if rights:
        attrs["rightsList"] = rights
    if m.get("description"):
        attrs["descriptions"] = [{"description": str(m["description"]), "descriptionType": "Abstract"}]
    refs = [_funding_reference(record, f) for f in fundings(m)]
    if refs:
        attrs["fundingReferences"] = refs
    attrs["schemaVersion"] = "http://datacite.org/schema/kernel-4"
    return attrs, warnings


def _related_identifiers(m: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for r in as_list(m.get("relatedOutputs")):
        if r.get("output") and r.get("relationType"):
            code = str(r["relationType"])
            out.append(_related(str(r["output"]), datacite_relation(code), RELATED_TYPE.get(code)))
    model = m.get("model")
    model_iri = model.get("id") if isinstance(model, dict) else model
    if model_iri:
        out.append(_related(str(model_iri), "IsVersionOf", "Model"))
    for d in as_list(m.get("lineage")):
        if d.get("baseModel"):
            out.append(_related(str(d["baseModel"]), "IsDerivedFrom", "Model"))
    for key in ("trainingData", "evaluationData"):
        out += [_related(d, "References", "Dataset") for d in dataset_iris(m.get(key))]
    card = m.get("modelCard")
    if isinstance(card, dict) and card.get("url"):
        out.append(_related(str(card["url"]), "IsDocumentedBy", "Text"))
    for a in released_artifacts_with_url(m):
        out.append(_related(str(a.get("downloadURL") or a.get("url")), "HasPart", None))
    unique: list[dict[str, Any]] = []
    for entry in out:
        if entry not in unique:
            unique.append(entry)
    return unique


def _funding_reference(record: ReleaseRecord, f: dict[str, Any]) -> dict[str, Any]:
    funder = agent(record, f.get("funder")) if f.get("funder") else None
    ref: dict[str, Any] = {"funderName": funder.label if funder else "unknown"}
    if funder and funder.iri:
        ref["funderIdentifier"] = funder.iri
        ref["funderIdentifierType"] = funder_id_type(funder.iri)
    if f.get("awardNumber"):
        ref["awardNumber"] = str(f["awardNumber"])
    if f.get("awardUri"):
        ref["awardUri"] = str(f["awardUri"])
    if f.get("awardTitle"):
        ref["awardTitle"] = str(f["awardTitle"])
    return ref


# -- XML -----------------------------------------------------------------------------------------


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str | None) -> ET.Element:
    e = ET.SubElement(parent, f"{{{NS}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        e.text = text
    return e


def _name_xml(parent: ET.Element, tag: str, entry: dict[str, Any]) -> None:
    attrs = {"contributorType": entry["contributorType"]} if "contributorType" in entry else {}
    e = _el(parent, tag, **attrs)
    _el(e, f"{tag}Name", entry["name"], nameType=entry["nameType"])
    for ident in entry.get("nameIdentifiers", []):
        _el(e, "nameIdentifier", ident["nameIdentifier"], nameIdentifierScheme=ident["nameIdentifierScheme"],
            schemeURI=ident.get("schemeUri"))


def attributes_to_xml(attrs: dict[str, Any], iri: str) -> str:
    """The DataCite 4.7 XML ``<resource>`` of REST API attributes (``iri`` is the identifier without a DOI)."""
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NS}}}resource", {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    if attrs.get("doi"):
        _el(root, "identifier", attrs["doi"], identifierType="DOI")
    else:
        _el(root, "identifier", iri, identifierType="URL")
    creators = _el(root, "creators")
    for c in attrs["creators"]:
        _name_xml(creators, "creator", c)
    titles = _el(root, "titles")
    for t in attrs["titles"]:
        _el(titles, "title", t["title"])
    pub = attrs["publisher"]
    _el(root, "publisher", pub["name"], publisherIdentifier=pub.get("publisherIdentifier"),
        publisherIdentifierScheme=pub.get("publisherIdentifierScheme"), schemeURI=pub.get("schemeUri"))
    _el(root, "publicationYear", str(attrs["publicationYear"]))
    types = attrs["types"]
    _el(root, "resourceType", types["resourceType"], resourceTypeGeneral=types["resourceTypeGeneral"])
    if attrs.get("subjects"):
        subjects = _el(root, "subjects")
        for s in attrs["subjects"]:
            _el(subjects, "subject", s["subject"], subjectScheme=s.get("subjectScheme"))
    if attrs.get("contributors"):
        contributors = _el(root, "contributors")
        for c in attrs["contributors"]:
            _name_xml(contributors, "contributor", c)
    dates = _el(root, "dates")
    for d in attrs["dates"]:
        _el(dates, "date", d["date"], dateType=d["dateType"])
    alternates = [i for i in attrs.get("identifiers", [])]
    if alternates:
        alt = _el(root, "alternateIdentifiers")
        for i in alternates:
            _el(alt, "alternateIdentifier", i["identifier"], alternateIdentifierType=i["identifierType"])
    if attrs.get("relatedIdentifiers"):
        rel = _el(root, "relatedIdentifiers")
        for r in attrs["relatedIdentifiers"]:
            _el(rel, "relatedIdentifier", r["relatedIdentifier"], relatedIdentifierType=r["relatedIdentifierType"],
                relationType=r["relationType"], resourceTypeGeneral=r.get("resourceTypeGeneral"))
    if attrs.get("version"):
        _el(root, "version", attrs["version"])
    if attrs.get("rightsList"):
        rights = _el(root, "rightsList")
        for r in attrs["rightsList"]:
            _el(rights, "rights", r["rights"], rightsURI=r.get("rightsUri"), rightsIdentifier=r.get("rightsIdentifier"),
                rightsIdentifierScheme=r.get("rightsIdentifierScheme"), schemeURI=r.get("schemeUri"))
    if attrs.get("descriptions"):
        descriptions = _el(root, "descriptions")
        for d in attrs["descriptions"]:
            _el(descriptions, "description", d["description"], descriptionType=d["descriptionType"])
    if attrs.get("fundingReferences"):
        refs = _el(root, "fundingReferences")
        for f in attrs["fundingReferences"]:
            ref = _el(refs, "fundingReference")
            _el(ref, "funderName", f["funderName"])
            if f.get("funderIdentifier"):
                _el(ref, "funderIdentifier", f["funderIdentifier"], funderIdentifierType=f["funderIdentifierType"])
            if f.get("awardNumber") or f.get("awardUri"):
                _el(ref, "awardNumber", f.get("awardNumber", ""), awardURI=f.get("awardUri"))
            if f.get("awardTitle"):
                _el(ref, "awardTitle", f["awardTitle"])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def export_xml(record: ReleaseRecord) -> Exported:
    """``record`` as DataCite 4.7 XML."""
    attrs, warnings = attributes(record, "datacite-xml")
    return Exported("datacite-xml", attributes_to_xml(attrs, str(record.iri)), warnings)


def export_json(record: ReleaseRecord) -> Exported:
    """``record`` as a DataCite REST API document (``{"data": {"type": "dois", "attributes": ...}}``)."""
    attrs, warnings = attributes(record, "datacite-json")
    doc = {"data": {"type": "dois", "attributes": attrs}}
    return Exported("datacite-json", json.dumps(doc, indent=2, ensure_ascii=False) + "\n", warnings)
