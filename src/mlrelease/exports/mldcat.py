"""MLDCAT-AP 2.1: a release as an ``mldcat:MachineLearningModel`` (http://data.europa.eu/it6/), in Turtle.

Every node a shape of MLDCAT-AP constrains by class is typed (``foaf:Agent``, ``dcat:Dataset``,
``dcterms:LicenseDocument``, ``mldcat:TaskType``, ``mldcat:OutputFilePrediction``, ``dcat:Resource``,
``skos:Concept``, ``spdx:Checksum``, ``spdx:ChecksumAlgorithm``), so the only findings MLDCAT-AP's
SHACL can have on an export are mandatory facts a release record does not hold (such as a dataset's collection date):
:data:`MANDATORY` names them, and each one missing is a warning, never an invented value
(docs/decisions/0008-mldcat-ap-mandatory-facts.md).

The model's files (``mldcat:hasOutputFilePrediction``) are the released artifacts of the model's
parameters that have a location (:func:`._facts.model_files`); the datasets are those of
``trainingData`` and ``evaluationData``, with the name, description and collection date a
manifest may give them.
"""

from __future__ import annotations

from typing import Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, SKOS, XSD
from rdflib.term import Node

from ..record import ReleaseRecord
from ..terms import ADMS, FRAPO, SPDX
from ..terms import MLDCAT as IT6
from ..vocabulary import load as load_vocabulary
from . import Exported
from ._facts import Dataset, ModelFile, agent, as_list, contributions, datasets, licence_iri, model_files
from .mapping import warnings_for

#: Mandatory in MLDCAT-AP 2.1 and possibly absent from a record: (class, property) -> what it is.
MANDATORY: dict[tuple[str, str], str] = {
    (str(IT6.MachineLearningModel), str(IT6.version)): "the model's version (record: version)",
    (str(IT6.MachineLearningModel), str(DCTERMS.created)): "the creation date (record: datePublished)",
    (str(IT6.MachineLearningModel), str(IT6.trainedOn)): "the training datasets (record: trainingData)",
    (str(IT6.MachineLearningModel), str(IT6.hasOutputFilePrediction)): "a file of the model (record: a released "
                                                                       "model-parameters artifact with a location)",
    (str(IT6.OutputFilePrediction), str(DCTERMS.format)): "the format of a file of the model (record: the "
                                                          "artifact's encodingFormat)",
    (str(DCAT.Dataset), str(IT6.collectionDate)): "the date a dataset was collected (record: the dataset's "
                                                  "collectionDate)",
    (str(DCAT.Dataset), str(DCTERMS.description)): "a dataset's description (record: the dataset's description)",
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


def _dataset(g: Graph, d: Dataset, names: dict[str, str]) -> URIRef:
    node = URIRef(d.iri)
    g.add((node, RDF.type, DCAT.Dataset))
    g.add((node, DCTERMS.title, Literal(d.name or names.get(d.iri, d.iri))))
    if d.description:
        g.add((node, DCTERMS.description, Literal(d.description)))
    if d.collection_date:
        g.add((node, IT6.collectionDate, Literal(d.collection_date, datatype=XSD.date)))
    return node


def _model_file(g: Graph, f: ModelFile, model_label: str) -> URIRef:
    node = URIRef(f.iri)
    g.add((node, RDF.type, IT6.OutputFilePrediction))
    location = URIRef(f.location)
    g.add((location, RDF.type, DCAT.Resource))
    g.add((node, IT6.url, location))
    g.add((node, DCTERMS.identifier, Literal(f.iri)))
    label = load_vocabulary().concept("artifact-type", f.artifact_type).label
    g.add((node, DCTERMS.title, Literal(f.name or f"{model_label}: {label}")))
    if f.encoding_format:
        fmt = BNode()
        g.add((fmt, RDF.type, SKOS.Concept))
        g.add((fmt, SKOS.prefLabel, Literal(f.encoding_format)))
        g.add((node, DCTERMS.format, fmt))
    for algorithm, digest in f.checksums:
        checksum = BNode()
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((URIRef(algorithm), RDF.type, SPDX.ChecksumAlgorithm))
        g.add((checksum, SPDX.algorithm, URIRef(algorithm)))
        g.add((checksum, SPDX.checksumValue, Literal(digest, datatype=XSD.hexBinary)))
        g.add((node, SPDX.checksum, checksum))
    return node


def _dataset_warnings(key: str, found: list[Dataset]) -> list[str]:
    out = []
    for d in found:
        if not d.description:
            out.append(f"{key}: {d.iri} has no description; MLDCAT-AP requires dcterms:description of a dcat:Dataset")
        if not d.collection_date:
            out.append(f"{key}: {d.iri} has no collectionDate; MLDCAT-AP requires mldcat:collectionDate of a "
                       "dcat:Dataset")
    return out


def graph(record: ReleaseRecord) -> tuple[Graph, list[str]]:
    """The MLDCAT-AP graph of ``record`` and the warnings."""
    m = record.to_manifest()
    warnings = warnings_for("mldcat-ap", m.keys())
    g = Graph()
    g.bind("mldcat", IT6.NS)
    g.bind("dcat", DCAT)
    g.bind("dcterms", DCTERMS)
    g.bind("foaf", FOAF)
    g.bind("frapo", FRAPO.NS)
    g.bind("adms", ADMS.NS)
    g.bind("spdx", SPDX.NS)
    model = URIRef(str(record.iri))
    g.add((model, RDF.type, IT6.MachineLearningModel))
    title = str(m.get("name") or m.get("identifier") or record.iri)
    g.add((model, DCTERMS.title, Literal(title)))
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
    training, evaluation = datasets(record, m.get("trainingData")), datasets(record, m.get("evaluationData"))
    for d in training:
        g.add((model, IT6.trainedOn, _dataset(g, d, names)))
    for d in evaluation:
        g.add((model, IT6.testedOn, _dataset(g, d, names)))
    files = model_files(record)
    for f in files:
        g.add((model, IT6.hasOutputFilePrediction, _model_file(g, f, title)))
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
    if not files:
        warnings.append("artifacts: no released model parameters with a location; MLDCAT-AP requires "
                        "mldcat:hasOutputFilePrediction")
    for f in files:
        if not f.encoding_format:
            warnings.append(f"artifacts: {f.iri} states no encodingFormat; MLDCAT-AP requires dcterms:format of an "
                            "mldcat:OutputFilePrediction")
    seen = {d.iri for d in training}
    warnings += _dataset_warnings("trainingData", training)
    warnings += _dataset_warnings("evaluationData", [d for d in evaluation if d.iri not in seen])
    return g, warnings


def export(record: ReleaseRecord) -> Exported:
    """``record`` as MLDCAT-AP 2.1 Turtle."""
    g, warnings = graph(record)
    return Exported("mldcat-ap", g.serialize(format="turtle"), warnings)
