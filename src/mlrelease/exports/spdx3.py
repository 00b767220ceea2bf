"""SPDX 3.0.1 AI profile: a release as an ``ai_AIPackage`` in JSON-LD.

The package carries name, version, release time, supplier, originators, home page, download
location, licences (``hasDeclaredLicense`` relationships to license expressions; catalogue licences
SPDX does not list become ``LicenseRef-<id>``), training and test datasets (``trainedOn``,
``testedOn`` to ``dataset_DatasetPackage`` elements), base models (``descendantOf``), the card's
limitations and training information, the highest risk level and evaluation metrics. The
document's ``created`` time is the release date, so that one record always gives one text.
"""

from __future__ import annotations

import json
from typing import Any

from ..record import ReleaseRecord
from . import Exported
from ._facts import agent, as_list, contributions, datasets, licence, released_artifacts_with_url
from .mapping import warnings_for

CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
CREATION = "_:creationinfo"
#: Risk levels from the highest down (the risk-level scheme's notations are SPDX's).
RISK_ORDER = ["serious", "high", "medium", "low"]
LIMITATION_SECTIONS = {"bias-risks", "bias-risks-limitations", "limitations", "out-of-scope-uses"}
TRAINING_SECTIONS = {"training-data", "training-details", "training-procedure", "preprocessing"}


class _Doc:
    def __init__(self, base: str) -> None:
        self.base = base
        self.graph: list[dict[str, Any]] = []
        self.agents: dict[str, str] = {}
        self.count = 0

    def new_id(self, kind: str) -> str:
        self.count += 1
        return f"{self.base}#spdx-{kind}-{self.count}"

    def add(self, element: dict[str, Any]) -> str:
        element.setdefault("creationInfo", CREATION)
        self.graph.append(element)
        return str(element["spdxId"])

    def agent(self, record: ReleaseRecord, value: Any) -> str:
        a = agent(record, value)
        key = a.iri or a.label
        if key not in self.agents:
            spdx_id = a.iri or self.new_id("agent")
            self.add({"type": "Person" if a.is_person else "Organization", "spdxId": spdx_id, "name": a.label})
            self.agents[key] = spdx_id
        return self.agents[key]

    def relationship(self, source: str, kind: str, targets: list[str]) -> None:
        self.add({"type": "Relationship", "spdxId": self.new_id("relationship"), "from": source, "to": targets,
                  "relationshipType": kind})


def _expression(ident: str) -> str | None:
    lic = licence(ident)
    if lic is None:
        return None
    return lic.spdx_id or f"LicenseRef-{lic.id}"


def document(record: ReleaseRecord) -> tuple[dict[str, Any], list[str]]:
    """The SPDX 3 JSON-LD document of ``record`` and the warnings."""
    m = record.to_manifest()
    warnings = warnings_for("spdx3", m.keys())
    iri = str(record.iri)
    doc = _Doc(iri)
    tool = {"type": "SoftwareAgent", "spdxId": "https://w3id.org/mlrelease/tool", "creationInfo": CREATION,
            "name": "mlrelease"}
    date = str(m.get("datePublished") or m.get("dateModified") or "1970-01-01")
    if not (m.get("datePublished") or m.get("dateModified")):
        warnings.append("datePublished: missing; the SPDX document's created time is 1970-01-01T00:00:00Z")
    doc.graph.append({"type": "CreationInfo", "@id": CREATION, "specVersion": "3.0.1",
                      "created": f"{date}T00:00:00Z", "createdBy": [tool["spdxId"]]})
    doc.graph.append(tool)
    pkg: dict[str, Any] = {"type": "ai_AIPackage", "spdxId": iri, "name": str(m.get("name") or m.get("identifier")
                                                                                or iri)}
    if m.get("version"):
        pkg["software_packageVersion"] = str(m["version"])
    if m.get("datePublished"):
        pkg["releaseTime"] = f"{m['datePublished']}T00:00:00Z"
    if m.get("description"):
        pkg["description"] = str(m["description"])
    if m.get("publisher"):
        pkg["suppliedBy"] = doc.agent(record, m["publisher"])
    lead, _ = contributions(record, m)
    if lead:
        pkg["originatedBy"] = [doc.agent(record, {"id": a.iri, "name": a.name, "type": a.kind}) for a in lead]
    if m.get("url"):
        pkg["software_homePage"] = str(m["url"])
    weights = [a for a in released_artifacts_with_url(m) if a.get("artifactType") == "model-parameters-final"]
    if weights:
        pkg["software_downloadLocation"] = str(weights[0].get("downloadURL") or weights[0].get("url"))
    pkg["software_primaryPurpose"] = "model"
    ids = [{"type": "ExternalIdentifier", "externalIdentifierType": "urlScheme", "identifier": str(p)}
           for p in as_list(m.get("pid"))]
    if m.get("identifier"):
        ids.append({"type": "ExternalIdentifier", "externalIdentifierType": "other",
                    "identifier": str(m["identifier"])})
    if ids:
        pkg["externalIdentifier"] = ids
    refs = [str(r["output"]) for r in as_list(m.get("relatedOutputs")) if r.get("output")]
    if refs:
        pkg["externalRef"] = [{"type": "ExternalRef", "externalRefType": "other", "locator": [r]} for r in refs]
    if m.get("keywords"):
        pkg["ai_domain"] = [str(k) for k in as_list(m["keywords"])]
    if m.get("task"):
        pkg["ai_typeOfModel"] = [str(m["task"])]
    card = m.get("modelCard") if isinstance(m.get("modelCard"), dict) else {}
    sections = as_list(card.get("sections")) if card else []
    limits = [str(s["text"]) for s in sections if s.get("sectionType") in LIMITATION_SECTIONS and s.get("text")]
    training = [str(s["text"]) for s in sections if s.get("sectionType") in TRAINING_SECTIONS and s.get("text")]
    if limits:
        pkg["ai_limitation"] = "\n\n".join(limits)
    if training:
        pkg["ai_informationAboutTraining"] = "\n\n".join(training)
    levels = [str(r["riskLevel"]) for r in as_list(m.get("riskAssessments")) if r.get("riskLevel")]
    if levels:
        pkg["ai_safetyRiskAssessment"] = min(levels, key=RISK_ORDER.index)
    metrics = [{"type": "DictionaryEntry", "key": str(r.get("name") or r.get("metric")), "value": str(r.get("value"))}
               for r in as_list(m.get("evaluationResults")) if r.get("value") is not None]
    if metrics:
        unique: dict[str, dict[str, Any]] = {}
        for entry in metrics:
            unique.setdefault(entry["key"], entry)
        pkg["ai_metric"] = list(unique.values())
    doc.add(pkg)
    expressions = []
    for ident in as_list(m.get("license")):
        expr = _expression(str(ident))
        if expr is None:
            warnings.append(f"license: {ident} is not in the licence catalogue; SPDX cannot state it")
            continue
        expressions.append(doc.add({"type": "simplelicensing_LicenseExpression", "spdxId": doc.new_id("license"),
                                    "simplelicensing_licenseExpression": expr}))
    if expressions:
        doc.relationship(iri, "hasDeclaredLicense", expressions)
    for key, kind in (("trainingData", "trainedOn"), ("evaluationData", "testedOn")):
        packages = []
        for d in datasets(record, m.get(key)):
            package: dict[str, Any] = {"type": "dataset_DatasetPackage", "spdxId": d.iri, "name": d.name or d.iri,
                                       "software_downloadLocation": d.iri, "dataset_datasetType": ["noAssertion"]}
            if d.description:
                package["description"] = d.description
            packages.append(doc.add(package))
        if packages:
            doc.relationship(iri, kind, packages)
    bases = [str(d["baseModel"]) for d in as_list(m.get("lineage")) if d.get("baseModel")]
    for base in bases:
        if not any(e.get("spdxId") == base for e in doc.graph):
            doc.add({"type": "ai_AIPackage", "spdxId": base, "name": base, "software_downloadLocation": base})
    if bases:
        doc.relationship(iri, "descendantOf", bases)
    doc.add({"type": "SpdxDocument", "spdxId": doc.new_id("document"), "rootElement": [iri],
             "profileConformance": ["core", "software", "ai", *(["dataset"] if any(
                 e["type"] == "dataset_DatasetPackage" for e in doc.graph) else [])]})
    return {"@context": CONTEXT, "@graph": doc.graph}, warnings


def export(record: ReleaseRecord) -> Exported:
    """``record`` as SPDX 3.0.1 JSON-LD."""
    doc, warnings = document(record)
    return Exported("spdx3", json.dumps(doc, indent=2, ensure_ascii=False) + "\n", warnings)
