"""MLDCAT-AP 2.1: a release as an ``mldcat:MachineLearningModel`` (http://data.europa.eu/it6/), in Turtle.

Every node a shape of MLDCAT-AP constrains by class is typed (``foaf:Agent``, ``dcat:Dataset``,
``dcterms:LicenseDocument``, ``mldcat:TaskType``), so the only findings MLDCAT-AP's SHACL can have
on an export are mandatory properties a release record does not hold (such as a dataset's
collection date): :data:`MANDATORY` names them, and each one missing is a warning, never an
invented value.
"""

from __future__ import annotations

from typing import Any

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, SKOS, XSD
from rdflib.term import Node

from ..record import ReleaseRecord
from . import Exported
from ._facts import agent, as_list, contributions, licence_iri
from .mapping import warnings_for

IT6 = Namespace("http://data.europa.eu/it6/")
FRAPO = Namespace("http://purl.org/cerif/frapo/")
ADMS = Namespace("http://www.w3.org/ns/adms#")

#: Mandatory in MLDCAT-AP 2.1 and possibly absent from a record: (class, property) -> what it is.
MANDATORY: dict[tuple[str, str], str] = {
    (str(IT6.MachineLearningModel), str(IT6.version)): "the model's version (record: version)",
    (str(IT6.MachineLearningModel), str(DCTERMS.created)): "the creation date (record: datePublished)",
    (str(IT6.MachineLearningModel), str(IT6.trainedOn)): "the training datasets (record: trainingData)",
    (str(IT6.MachineLearningModel), str(IT6.hasOutputFilePrediction)): "an output file of predictions "
                                                                       "(no record field)",
    (str(DCAT.Dataset), str(IT6.collectionDate)): "the date a dataset was collected (no record field)",
    (str(DCAT.Dataset), str(DCTERMS.description)): "a dataset's description (no record field for datasets "
                                                   "named only by IRI)",
}

#: Model-card section types -> the MLDCAT-AP literal property that holds such text.
SECTIONS: dict[str, URIRef] = {
    "intended-uses": IT6.intendedUse,
    "direct-use": IT6.intendedUse,
    "bias-risks": IT6.bias,
    "bias-risks-limitations": IT6.bias,
    "limitations": IT6.limitations,
    "training-procedure": IT6.trainingProcess,
    "training-details": IT6.trainingProcess,
    "how-to-get-started": IT6.howToUse,
    "evaluation": IT6.testingDescription,
}


def _agent(g: Graph, record: ReleaseRecord, value: Any) -> Node:
    a = agent(record, value)
    node: Node = URIRef(a.iri) if a.iri else BNode()
    g.add((node, RDF.type, FOAF.Agent))
    g.add((node, FOAF.name, Literal(a.label)))
    return node


def _dataset(g: Graph, iri: str, names: dict[str, str]) -> URIRef:
    node = URIRef(iri)
    g.add((node, RDF.type, DCAT.Dataset))
    g.add((node, DCTERMS.title, Literal(names.get(iri, iri))))
    return node


def graph(record: ReleaseRecord) -> tuple[Graph, list[str]]:
    """The MLDCAT-AP graph of ``record`` and the warnings."""
    m = record.to_manifest()
    warnings = warnings_for("mldcat-ap", m.keys())
    g = Graph()
    g.bind("mldcat", IT6)
    g.bind("dcat", DCAT)
    g.bind("dcterms", DCTERMS)
    g.bind("foaf", FOAF)
    g.bind("frapo", FRAPO)
    g.bind("adms", ADMS)
    model = URIRef(str(record.iri))
    g.add((model, RDF.type, IT6.MachineLearningModel))
    g.add((model, DCTERMS.title, Literal(str(m.get("name") or m.get("identifier") or record.iri))))
    g.add((model, DCTERMS.identifier, Literal(str(m.get("identifier") or record.iri))))
    if m.get("version"):
        g.add((model, IT6.version, Literal(str(m["version"]))))
    if m.get("datePublished"):
        date = Literal(str(m["datePublished"]), datatype=XSD.date)
        g.add((model, DCTERMS.created, date))
        g.add((model, IT6.releaseDate, date))
    if m.get("dateModified"):
        g.add((model, DCTERMS.modified, Literal(str(m["dateModified"]), datatype=XSD.date)))
    if m.get("description"):
        g.add((model, DCTERMS.description, Literal(str(m["description"]))))
    if m.get("publisher"):
        g.add((model, IT6.hasProvider, _agent(g, record, m["publisher"])))
    for pid in as_list(m.get("pid")):
        ident = BNode()
        g.add((model, ADMS.identifier, ident))
        g.add((ident, RDF.type, ADMS.Identifier))
        g.add((ident, SKOS.notation, Literal(str(pid), datatype=XSD.anyURI)))
    if m.get("url"):
        g.add((model, DCAT.landingPage, URIRef(str(m["url"]))))
    for k in as_list(m.get("keywords")):
        g.add((model, DCAT.keyword, Literal(str(k))))
    if m.get("task"):
        task = BNode()
        g.add((task, RDF.type, IT6.TaskType))
        g.add((task, SKOS.prefLabel, Literal(str(m["task"]))))
        g.add((model, IT6.hasTaskType, task))
    for ident in as_list(m.get("license")):
        lic = URIRef(licence_iri(str(ident)))
        g.add((lic, RDF.type, DCTERMS.LicenseDocument))
        g.add((model, DCTERMS.license, lic))
    lead, other = contributions(record, m)
    for a in lead:
        g.add((model, DCTERMS.creator, _agent(g, record, {"id": a.iri, "name": a.name})))
    for a in other:
        g.add((model, DCTERMS.contributor, _agent(g, record, {"id": a.iri, "name": a.name})))
    names = {str(a["url"]): str(a["name"]) for a in as_list(m.get("artifacts"))
             if isinstance(a, dict) and a.get("url") and a.get("name")}
    for d in as_list(m.get("trainingData")):
        g.add((model, IT6.trainedOn, _dataset(g, str(d), names)))
    for d in as_list(m.get("evaluationData")):
        g.add((model, IT6.testedOn, _dataset(g, str(d), names)))
    for d in as_list(m.get("lineage")):
        if d.get("baseModel"):
            g.add((model, PROV.wasDerivedFrom, URIRef(str(d["baseModel"]))))
    card = m.get("modelCard")
    if isinstance(card, dict):
        if card.get("url"):
            g.add((model, FOAF.page, URIRef(str(card["url"]))))
        texts: dict[URIRef, list[str]] = {}
        for s in as_list(card.get("sections")):
            prop = SECTIONS.get(str(s.get("sectionType")))
            if prop is not None and s.get("text"):
                texts.setdefault(prop, []).append(str(s["text"]))
        for prop, parts in texts.items():  # each of these holds one text in MLDCAT-AP
            g.add((model, prop, Literal("\n\n".join(parts))))
    results = [f"{r.get('name') or r.get('task')}: {r.get('metric')} {r.get('value')}"
               for r in as_list(m.get("evaluationResults"))]
    if results:
        g.add((model, IT6.evaluationResults, Literal("\n".join(results))))
    for f in [*as_list(m.get("funding")), *(f for p in as_list(m.get("projects")) for f in as_list(p.get("funding")))]:
        if f.get("funder"):
            g.add((model, FRAPO.isFundedBy, _agent(g, record, f["funder"])))
    for r in as_list(m.get("relatedOutputs")):
        if r.get("output"):
            g.add((model, DCTERMS.relation, URIRef(str(r["output"]))))
    if not m.get("version"):
        warnings.append("version: missing; MLDCAT-AP requires mldcat:version")
    if not m.get("datePublished"):
        warnings.append("datePublished: missing; MLDCAT-AP requires dcterms:created")
    if not m.get("trainingData"):
        warnings.append("trainingData: missing; MLDCAT-AP requires mldcat:trainedOn")
    warnings.append("MLDCAT-AP requires mldcat:hasOutputFilePrediction, which no record field holds")
    if m.get("trainingData") or m.get("evaluationData"):
        warnings.append("trainingData/evaluationData: MLDCAT-AP requires mldcat:collectionDate and "
                        "dcterms:description of each dataset, which the record does not hold")
    return g, warnings


def export(record: ReleaseRecord) -> Exported:
    """``record`` as MLDCAT-AP 2.1 Turtle."""
    g, warnings = graph(record)
    return Exported("mldcat-ap", g.serialize(format="turtle"), warnings)
