"""OpenAIRE CERIF XML 1.2 (Guidelines for CRIS Managers): a release as a ``<Product>``.

The release is a Product of COAR type software (``c_5ce6``: COAR has no model type; DataCite's
``Model`` maps to it), with its creators and publisher as Persons (ORCID) or OrgUnits (ROR), its
licences, access right (COAR), keywords, the projects and fundings it originates from, and the
outputs it references. A funding's programme becomes the Funding of type FundingProgramme it is
``PartOf``; its funder an OrgUnit with a ROR or FundRef identifier.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from ..record import ReleaseRecord
from . import Exported
from ._facts import (
    CROSSREF_FUNDER,
    HANDLE,
    Agent,
    access_right,
    agent,
    as_list,
    contributions,
    dataset_iris,
    doi_of,
    licence_iri,
)
from .mapping import warnings_for

NS = "https://www.openaire.eu/cerif-profile/1.2/"
PRODUCT_TYPES = "https://www.openaire.eu/cerif-profile/vocab/COAR_Product_Types"
PUBLICATION_TYPES = "https://www.openaire.eu/cerif-profile/vocab/COAR_Publication_Types"
FUNDING_TYPES = "https://www.openaire.eu/cerif-profile/vocab/OpenAIRE_Funding_Types"
ACCESS = "http://purl.org/coar/access_right"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SOFTWARE = "http://purl.org/coar/resource_type/c_5ce6"
DATASET = "http://purl.org/coar/resource_type/c_ddb1"
TEXT = "http://purl.org/coar/resource_type/c_18cf"
SCHEMA_LOCATION = f"{NS} https://www.openaire.eu/schema/cris/1.2/openaire-cerif-profile.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _el(parent: ET.Element, tag: str, text: str | None = None, ns: str = NS, **attrs: str) -> ET.Element:
    e = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    if text is not None:
        e.text = text
    return e


def _lang(parent: ET.Element, tag: str, text: str) -> None:
    _el(parent, tag, text, **{XML_LANG: "en"})


URL_IDENTIFIER = "https://w3id.org/cerif/vocab/IdentifierTypes#URL"


def _agent(parent: ET.Element, a: Agent) -> None:
    """A Person (ORCID) or OrgUnit (ROR, FundRefID); any other IRI as a generic URL Identifier."""
    if a.is_person:
        person = _el(parent, "Person")
        name = _el(person, "PersonName")
        _el(name, "FamilyNames", a.label)
        if a.orcid:
            _el(person, "ORCID", f"https://orcid.org/{a.orcid}")
        elif a.iri:
            _el(person, "Identifier", a.iri, type=URL_IDENTIFIER)
    else:
        org = _el(parent, "OrgUnit")
        _lang(org, "Name", a.label)
        if a.ror:
            _el(org, "RORID", a.ror)
        elif a.iri and CROSSREF_FUNDER.match(a.iri):
            _el(org, "FundRefID", a.iri)
        elif a.iri:
            _el(org, "Identifier", a.iri, type=URL_IDENTIFIER)


def _funding(parent: ET.Element, record: ReleaseRecord, f: dict[str, Any]) -> None:
    funding = _el(parent, "Funding")
    _el(funding, "Type", f"{FUNDING_TYPES}#Award", ns=FUNDING_TYPES)
    if f.get("awardTitle"):
        _lang(funding, "Name", str(f["awardTitle"]))
    uri = str(f["awardUri"]) if f.get("awardUri") else None
    if uri and doi_of(uri):
        _el(funding, "GrantDOI", str(doi_of(uri)))
    if f.get("awardNumber"):
        _el(funding, "Identifier", str(f["awardNumber"]),
            type="https://w3id.org/cerif/vocab/IdentifierTypes#ProjectReference")
    if uri and not doi_of(uri):
        _el(funding, "Identifier", uri, type="https://w3id.org/cerif/vocab/IdentifierTypes#URL")
    if f.get("funder"):
        _agent(_el(funding, "Funder"), agent(record, f["funder"]))
    if f.get("programme"):
        programme = _el(_el(funding, "PartOf"), "Funding")
        _el(programme, "Type", f"{FUNDING_TYPES}#FundingProgramme", ns=FUNDING_TYPES)
        _lang(programme, "Name", str(f["programme"]))


def _project(parent: ET.Element, record: ReleaseRecord, p: dict[str, Any]) -> None:
    project = _el(parent, "Project")
    if p.get("name"):
        _lang(project, "Title", str(p["name"]))
    if p.get("identifier"):
        _el(project, "Identifier", str(p["identifier"]),
            type="https://w3id.org/cerif/vocab/IdentifierTypes#ProjectReference")
    if p.get("url"):
        _el(project, "Identifier", str(p["url"]), type=URL_IDENTIFIER)
    for f in as_list(p.get("funding")):  # Funded: By the funder, As the award
        funded = _el(project, "Funded")
        if f.get("funder"):
            _agent(_el(funded, "By"), agent(record, f["funder"]))
        _funding(_el(funded, "As"), record, {k: v for k, v in f.items() if k != "funder"})


def _reference(parent: ET.Element, iri: str, kind: str) -> None:
    ref = _el(parent, "References")
    if kind == "text":
        pub = _el(ref, "Publication")
        _el(pub, "Type", TEXT, ns=PUBLICATION_TYPES)
        doi = doi_of(iri)
        _el(pub, "DOI" if doi else "URL", doi or iri)
    else:
        product = _el(ref, "Product")
        _el(product, "Type", DATASET if kind == "dataset" else SOFTWARE, ns=PRODUCT_TYPES)
        doi = doi_of(iri)
        _el(product, "DOI" if doi else "URL", doi or iri)


def export(record: ReleaseRecord) -> Exported:
    """``record`` as an OpenAIRE CERIF 1.2 ``<Product>``."""
    m = record.to_manifest()
    warnings = warnings_for("cerif-xml", m.keys())
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NS}}}Product", {"id": str(record.iri), f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    _el(root, "Type", SOFTWARE, ns=PRODUCT_TYPES)
    if m.get("name"):
        _lang(root, "Name", str(m["name"]))
    if m.get("version"):
        _lang(root, "VersionInfo", str(m["version"]))
    pids = [str(p) for p in as_list(m.get("pid"))]
    dois = [d for p in pids if (d := doi_of(p))]
    handles = [h.group(1) for p in pids if (h := HANDLE.match(p))]
    if dois:
        _el(root, "DOI", dois[0])
    if handles:
        _el(root, "Handle", handles[0])
    if len(dois) + len(handles) < len(pids) or len(dois) > 1 or len(handles) > 1:
        warnings.append("pid: a Product holds one DOI and one Handle; other persistent identifiers are lost")
    _el(root, "URL", str(record.iri))
    lead, other = contributions(record, m)
    if lead or other:
        creators = _el(root, "Creators")
        for a in [*lead, *other]:
            _agent(_el(creators, "Creator"), a)
    if m.get("publisher"):
        _agent(_el(_el(root, "Publishers"), "Publisher"), agent(record, m["publisher"]))
    for ident in as_list(m.get("license")):
        _el(root, "License", licence_iri(str(ident)), scheme="https://spdx.org/licenses")
    if m.get("description"):
        _lang(root, "Description", str(m["description"]))
    for k in [*as_list(m.get("keywords")), *as_list(m.get("task"))]:
        _lang(root, "Keyword", str(k))
    model = m.get("model")
    model_iri = model.get("id") if isinstance(model, dict) else model
    if model_iri:
        part = _el(_el(root, "PartOf"), "Product")
        _el(part, "Type", SOFTWARE, ns=PRODUCT_TYPES)
        if isinstance(model, dict) and model.get("name"):
            _lang(part, "Name", str(model["name"]))
        _el(part, "URL", str(model_iri))
    for p in as_list(m.get("projects")):
        _project(_el(root, "OriginatesFrom"), record, p)
    for f in as_list(m.get("funding")):
        _funding(_el(root, "OriginatesFrom"), record, f)
    for r in as_list(m.get("relatedOutputs")):
        if r.get("output"):
            code = r.get("relationType")
            kind = "text" if code == "described-by" else "dataset" if code == "uses-dataset" else "software"
            _reference(root, str(r["output"]), kind)
    for d in as_list(m.get("lineage")):
        if d.get("baseModel"):
            _reference(root, str(d["baseModel"]), "software")
    for key in ("trainingData", "evaluationData"):
        for d in dataset_iris(m.get(key)):
            _reference(root, d, "dataset")
    coar = access_right(m.get("accessTier"))
    if coar:
        _el(root, "Access", coar, ns=ACCESS)
    if m.get("datePublished"):
        _el(_el(root, "Dates"), "Available", startDate=str(m["datePublished"]))
    ET.indent(root)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    return Exported("cerif-xml", text, warnings)
