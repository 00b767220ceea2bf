"""RO-Crate 1.2: a release as the metadata file (``ro-crate-metadata.json``) of a detached crate.

The root data entity (``./``, a Dataset) is the release: its ``identifier`` is the release IRI (and
the DOI), its parts the released artifacts that have a URL (web-based data entities), its
``funding`` Grant entities with their ``funder``. Every entity an ``@id`` refers to is described in
the ``@graph`` (flattened JSON-LD), as RO-Crate requires of contextual entities.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from ..record import ReleaseRecord
from . import Exported
from ._facts import (
    agent,
    as_list,
    contributions,
    dataset_iris,
    datasets,
    fundings,
    licence,
    licence_iri,
    released_artifacts_with_url,
)
from .mapping import warnings_for

CONTEXT = "https://w3id.org/ro/crate/1.2/context"
SPEC = "https://w3id.org/ro/crate/1.2"
#: The root's ``license`` when the record states none: RO-Crate 1.2 requires one on the root, and a licence
#: entity with a name and a description that says so is what the spec asks of a licence it cannot identify.
NO_LICENCE = {"@id": "#no-licence", "@type": "CreativeWork", "name": "No licence stated",
              "description": "The release states no licence of its own; the licences of its parts and the "
                             "conditions of access, where stated, apply."}


class _Crate:
    def __init__(self) -> None:
        self.entities: dict[str, dict[str, Any]] = {}

    def add(self, entity: dict[str, Any]) -> dict[str, str]:
        ident = str(entity["@id"])
        if ident not in self.entities:
            self.entities[ident] = entity
        return {"@id": ident}


def crate(record: ReleaseRecord) -> tuple[dict[str, Any], list[str]]:
    """The RO-Crate metadata document of ``record`` and the warnings."""
    m = record.to_manifest()
    warnings = warnings_for("ro-crate", m.keys())
    iri = str(record.iri)
    c = _Crate()
    c.add({"@id": "ro-crate-metadata.json", "@type": "CreativeWork", "conformsTo": {"@id": SPEC},
           "about": {"@id": "./"}})
    root: dict[str, Any] = {"@id": "./", "@type": "Dataset"}
    c.add(root)
    root["name"] = str(m.get("name") or m.get("identifier") or iri)
    root["description"] = str(m.get("description") or root["name"])
    if not m.get("description"):
        warnings.append("description: missing; RO-Crate requires one, the name stands in")
    if m.get("datePublished"):
        root["datePublished"] = str(m["datePublished"])
    else:
        warnings.append("datePublished: missing; RO-Crate requires the root's datePublished")
    if m.get("dateModified"):
        root["dateModified"] = str(m["dateModified"])
    identifiers: list[Any] = [iri, *[str(p) for p in as_list(m.get("pid"))]]
    if m.get("identifier"):
        local = "#identifier-" + quote(str(m["identifier"]), safe="")
        identifiers.append(c.add({"@id": local, "@type": "PropertyValue", "name": "identifier",
                                  "value": str(m["identifier"])}))
    root["identifier"] = identifiers
    if m.get("version"):
        root["version"] = str(m["version"])
    if m.get("url"):
        root["url"] = str(m["url"])
    keywords = [str(k) for k in as_list(m.get("keywords"))] + ([str(m["task"])] if m.get("task") else [])
    if keywords:
        root["keywords"] = keywords

    def person_or_org(value: Any) -> dict[str, str]:
        a = agent(record, value)
        ident = a.iri or "#agent-" + quote(a.label, safe="")
        return c.add({"@id": ident, "@type": "Person" if a.is_person else "Organization", "name": a.label})

    if m.get("publisher"):
        root["publisher"] = person_or_org(m["publisher"])
    lead, other = contributions(record, m)
    if lead:
        root["author"] = [person_or_org({"id": a.iri, "name": a.name, "type": a.kind}) for a in lead]
    if other:
        root["contributor"] = [person_or_org({"id": a.iri, "name": a.name, "type": a.kind}) for a in other]
    licences = []
    for ident in as_list(m.get("license")):
        lic = licence(str(ident))
        licences.append(c.add({"@id": licence_iri(str(ident)), "@type": "CreativeWork",
                               "name": lic.name if lic else str(ident),
                               **({"identifier": lic.spdx_id} if lic and lic.spdx_id else {})}))
    if licences:
        root["license"] = licences
    else:
        # RO-Crate 1.2 requires the root's license; the spec allows a textual description of use
        # where no licence entity applies, so the record's silence is stated, not hidden.
        root["license"] = c.add(dict(NO_LICENCE))
        warnings.append("license: missing; RO-Crate 1.2 requires the root's license, a 'No licence stated' "
                        "entity stands in")
    access = []
    if m.get("accessTier"):
        access.append(f"Access tier: {m['accessTier']}.")
    gate = m.get("gate")
    if isinstance(gate, dict):
        if gate.get("conditions"):
            access.append("Conditions: " + ", ".join(str(x) for x in as_list(gate["conditions"])) + ".")
        if gate.get("prompt"):
            access.append(str(gate["prompt"]))
    if access:
        root["conditionsOfAccess"] = " ".join(access)
    parts = []
    for a in released_artifacts_with_url(m):
        url = str(a.get("downloadURL") or a.get("url"))
        entity: dict[str, Any] = {"@id": url, "@type": "File" if a.get("downloadURL") else "CreativeWork",
                                  "name": str(a.get("name") or a.get("artifactType"))}
        if a.get("license"):
            entity["license"] = [{"@id": licence_iri(str(x))} for x in as_list(a["license"])]
            for x in as_list(a["license"]):
                lic = licence(str(x))
                c.add({"@id": licence_iri(str(x)), "@type": "CreativeWork", "name": lic.name if lic else str(x)})
        parts.append(c.add(entity))
    if parts:
        root["hasPart"] = parts
    model = m.get("model")
    model_iri = model.get("id") if isinstance(model, dict) else model
    if model_iri:
        root["isPartOf"] = c.add({"@id": str(model_iri), "@type": "CreativeWork",
                                  "name": str(model.get("name") if isinstance(model, dict) and model.get("name")
                                              else model_iri)})
    card = m.get("modelCard")
    if isinstance(card, dict) and card.get("url"):
        root["subjectOf"] = c.add({"@id": str(card["url"]), "@type": "CreativeWork", "name": "Model card"})
    based_on = [str(d["baseModel"]) for d in as_list(m.get("lineage")) if d.get("baseModel")]
    based_on += dataset_iris(m.get("trainingData"))
    named = [*as_list(m.get("trainingData")), *as_list(m.get("evaluationData"))]
    described = {d.iri: d for d in datasets(record, named)}

    def data_entity(iri: str, kind: str) -> dict[str, Any]:
        """An entity for ``iri``, with the name and description the record gives a dataset of that IRI."""
        d = described.get(iri)
        out: dict[str, Any] = {"@id": iri, "@type": kind, "name": d.name if d and d.name else iri}
        if d and d.description:
            out["description"] = d.description
        return out

    citations = []
    for r in as_list(m.get("relatedOutputs")):
        if not r.get("output"):
            continue
        if r.get("relationType") == "described-by":
            citations.append(str(r["output"]))
        else:
            based_on.append(str(r["output"]))
    if based_on:
        root["isBasedOn"] = [c.add(data_entity(x, "CreativeWork")) for x in dict.fromkeys(based_on)]
    if citations:
        root["citation"] = [c.add({"@id": x, "@type": "ScholarlyArticle", "name": x}) for x in citations]
    mentions = dataset_iris(m.get("evaluationData"))
    if mentions:
        root["mentions"] = [c.add(data_entity(x, "Dataset")) for x in mentions]
    grants = []
    funders = []
    for n, f in enumerate(fundings(m), 1):
        ident = str(f.get("awardUri") or f"#funding-{n}")
        grant: dict[str, Any] = {"@id": ident, "@type": "Grant"}
        if f.get("awardNumber"):
            grant["identifier"] = str(f["awardNumber"])
        grant["name"] = str(f.get("awardTitle") or f.get("awardNumber") or ident)
        if f.get("awardUri"):
            grant["url"] = str(f["awardUri"])
        if f.get("funder"):
            funder = person_or_org(f["funder"])
            grant["funder"] = funder
            if funder not in funders:
                funders.append(funder)
        if f.get("programme"):
            grant["description"] = f"Programme: {f['programme']}"
        grants.append(c.add(grant))
    if grants:
        root["funding"] = grants
    if funders:
        root["funder"] = funders
    # RO-Crate 1.2 recommends the compacted form: a property with one value holds it, not a list of one.
    graph = [{k: v[0] if isinstance(v, list) and len(v) == 1 else v for k, v in e.items()}
             for e in c.entities.values()]
    return {"@context": CONTEXT, "@graph": graph}, warnings


def export(record: ReleaseRecord) -> Exported:
    """``record`` as an RO-Crate 1.2 metadata file."""
    doc, warnings = crate(record)
    return Exported("ro-crate", json.dumps(doc, indent=2, ensure_ascii=False) + "\n", warnings)
