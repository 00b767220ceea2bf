"""The ``schema-org`` export: a release as schema.org plus FAIR4ML JSON-LD, for landing pages.

Search engines and dataset crawlers read schema.org embedded in a page
(``<script type="application/ld+json">``); FAIR4ML (https://w3id.org/fair4ml) adds the terms
for machine-learning models (``fair4ml:MLModel``, ``mlTask``, ``trainedOn``, ``evaluatedOn``).
The context is inline, so the document parses offline, and the output is deterministic (keys
sorted, lists in record order or sorted).

| record | schema.org / FAIR4ML |
|---|---|
| IRI, name, identifier, version, description, dates (published, modified), url, keywords | the same |
| publisher (an organisation or person) | ``publisher`` (``Organization``/``Person`` with ``name``) |
| licence ids (release level) | ``license``: the licence's URL, else its catalogue IRI |
| access tier | ``conditionsOfAccess`` (its label); ``isAccessibleForFree`` true for ``fully-open`` |
| task | ``fair4ml:mlTask`` |
| trainingData, evaluation data | ``fair4ml:trainedOn``, ``fair4ml:evaluatedOn`` (a ``Dataset`` where described) |
| artifacts with a URL | ``hasPart`` (``CreativeWork`` with ``name``, ``url``, ``license``) |
| model card | ``subjectOf`` (``CreativeWork`` with its URL) |
| pid | ``sameAs`` |

Everything else (claims, gates, contributions, evaluation results, withheld artifacts) is left out
of the landing-page view; :func:`export` warns of it, from :mod:`.mapping` (the table of
docs/cris.md).
"""

from __future__ import annotations

import json
from typing import Any

from rdflib import URIRef
from rdflib.namespace import SDO

from ..licenses import catalog
from ..record import ReleaseRecord
from ..terms import SCHEMA as SCHEMA_TERMS
from ..vocabulary import load as load_vocabulary
from . import Exported
from ._facts import dataset
from .mapping import warnings_for

#: schema.org as search engines read it (https), unlike the ``http://schema.org/`` of mlrelease's own records.
SCHEMA_ORG = str(SDO._NS)
FAIR4ML = "https://w3id.org/fair4ml#"
#: The inline context of every export: schema.org as the default vocabulary, FAIR4ML by prefix.
CONTEXT: dict[str, Any] = {
    "@vocab": SCHEMA_ORG,
    "fair4ml": FAIR4ML,
    "url": {"@id": str(SDO.url), "@type": "@id"},
    "license": {"@id": str(SDO.license), "@type": "@id"},
    "sameAs": {"@id": str(SDO.sameAs), "@type": "@id"},
    "fair4ml:trainedOn": {"@type": "@id"},
    "fair4ml:evaluatedOn": {"@type": "@id"},
}


def _iri(value: Any) -> str | None:
    if isinstance(value, dict):
        return value.get("id")
    return value if isinstance(value, str) else None


def _license_iri(code: str) -> str:
    lic = catalog().get(code)
    if lic is None:
        return code
    return lic.url or lic.iri


def _agent(value: Any) -> dict[str, Any] | None:
    iri = _iri(value)
    if iri is None:
        return None
    out: dict[str, Any] = {"@id": iri}
    if isinstance(value, dict):
        out["@type"] = "Person" if value.get("type") == "Person" else "Organization"
        if value.get("name"):
            out["name"] = value["name"]
    else:
        out["@type"] = "Organization"
    return out


def _dataset(record: ReleaseRecord, iri: str) -> str | dict[str, Any]:
    """A dataset as its IRI, or, where the record describes it, as a ``Dataset`` with name and description."""
    d = dataset(record, iri)
    if not (d.name or d.description):
        return iri
    out: dict[str, Any] = {"@id": iri, "@type": "Dataset"}
    if d.name:
        out["name"] = d.name
    if d.description:
        out["description"] = d.description
    return out


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def schema_org(record: ReleaseRecord) -> dict[str, Any]:
    """The schema.org/FAIR4ML view of ``record`` as a JSON-LD document (a dict)."""
    m = record.to_manifest()
    doc: dict[str, Any] = {"@context": CONTEXT, "@id": str(record.iri), "@type": ["fair4ml:MLModel", "CreativeWork"]}
    for key in ("name", "identifier", "version", "description", "url"):
        if isinstance(m.get(key), str):
            doc[key] = m[key]
    for key in ("datePublished", "dateModified"):
        if m.get(key) is not None:
            doc[key] = {"@value": str(m[key]), "@type": str(SDO.Date)}
    if m.get("keywords"):
        doc["keywords"] = sorted(str(k) for k in _as_list(m["keywords"]))
    publisher = _agent(m.get("publisher"))
    if publisher is not None:
        doc["publisher"] = publisher
    licenses = [_license_iri(code) for code in record.licenses]
    if licenses:
        doc["license"] = licenses if len(licenses) > 1 else licenses[0]
    tier = record.access_tier
    if tier:
        doc["conditionsOfAccess"] = load_vocabulary().concept("access-tier", tier).label
        doc["isAccessibleForFree"] = tier == "fully-open"
    if isinstance(m.get("task"), str):
        doc["fair4ml:mlTask"] = m["task"]
    trained = sorted({i for i in (_iri(v) for v in _as_list(m.get("trainingData"))) if i})
    if trained:
        doc["fair4ml:trainedOn"] = [_dataset(record, i) for i in trained]
    evaluated = sorted({i for r in _as_list(m.get("evaluationResults")) if isinstance(r, dict)
                        for i in (_iri(v) for v in _as_list(r.get("evaluationData"))) if i})
    if evaluated:
        doc["fair4ml:evaluatedOn"] = [_dataset(record, i) for i in evaluated]
    parts = []
    for artifact in record.artifacts:
        url = record.graph.value(artifact.iri, _SCHEMA_URL)
        if url is None or artifact.status != "released":
            continue
        part: dict[str, Any] = {"@type": "CreativeWork", "url": str(url),
                                "name": _artifact_name(record, artifact.iri, artifact.artifact_type)}
        own = [_license_iri(code) for code in artifact.licenses]
        if own:
            part["license"] = own if len(own) > 1 else own[0]
        parts.append(part)
    if parts:
        doc["hasPart"] = sorted(parts, key=lambda p: (p["name"], p["url"]))
    card = m.get("modelCard")
    if isinstance(card, dict) and isinstance(card.get("url"), str):
        doc["subjectOf"] = {"@type": "CreativeWork", "name": "Model card", "url": card["url"]}
    pid = _iri(m.get("pid"))
    if pid:
        doc["sameAs"] = pid
    return doc


_SCHEMA_URL = URIRef(SCHEMA_TERMS.url)
_SCHEMA_NAME = URIRef(SCHEMA_TERMS.name)


def _artifact_name(record: ReleaseRecord, iri: URIRef, artifact_type: str | None) -> str:
    name = record.graph.value(iri, _SCHEMA_NAME)
    if name is not None:
        return str(name)
    if artifact_type:
        return load_vocabulary().concept("artifact-type", artifact_type).label
    return "Artifact"


def export(record: ReleaseRecord) -> Exported:
    """``record`` as schema.org/FAIR4ML JSON-LD, with a warning for each field it loses or approximates."""
    return Exported("schema-org", dumps(record), warnings_for("schema-org", record.to_manifest()))


def dumps(record: ReleaseRecord) -> str:
    """The schema-org export as text: JSON, keys sorted, two-space indent, final newline."""
    return json.dumps(schema_org(record), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
