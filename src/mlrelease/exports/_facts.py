"""What the exporters read from a record: agents with names, licences, access rights, relations.

Every exporter works from the record's manifest (:meth:`ReleaseRecord.to_manifest`) and looks
names and types up in the record's graph, so an agent named once (say as the publisher) is named
wherever it appears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from rdflib import RDF, URIRef
from rdflib.namespace import SKOS

from ..lexical import natural_key
from ..licenses import License, catalog
from ..record import ReleaseRecord
from ..terms import DCAT, MLR, SCHEMA, SPDX
from ..vocabulary import load as load_vocabulary

ORCID = re.compile(r"^https://orcid\.org/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")
ROR = re.compile(r"^https://ror\.org/(0[a-z0-9]{6}\d{2})$")
CROSSREF_FUNDER = re.compile(r"^https://doi\.org/(10\.13039/\d+)$")
DOI = re.compile(r"^https://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$")
HANDLE = re.compile(r"^https?://hdl\.handle\.net/(\S+)$")
COAR_ACCESS = "http://purl.org/coar/access_right/"
EU_ACCESS = "http://publications.europa.eu/resource/authority/access-right/"


@dataclass(frozen=True)
class Agent:
    """A person or organisation: IRI, name (or None) and kind (``Person``, ``Organization`` or None)."""

    iri: str | None
    name: str | None
    kind: str | None

    @property
    def label(self) -> str:
        """The name, else the IRI (for formats that need a name)."""
        return self.name or self.iri or "unknown"

    @property
    def orcid(self) -> str | None:
        """The ORCID iD (``0000-0002-...``) if the IRI is one."""
        m = ORCID.match(self.iri or "")
        return m.group(1) if m else None

    @property
    def ror(self) -> str | None:
        """The ROR IRI if the IRI is one."""
        return self.iri if self.iri and ROR.match(self.iri) else None

    @property
    def is_person(self) -> bool:
        """Whether the agent is a person (typed so, or identified by an ORCID iD)."""
        return self.kind == "Person" or (self.kind is None and self.orcid is not None)


def agent(record: ReleaseRecord, value: Any) -> Agent:
    """The agent a manifest value (an IRI or a node dict) names, with its name and type from the graph."""
    if isinstance(value, dict):
        iri = value.get("id")
        name = value.get("name")
        kind = value.get("type")
    else:
        iri, name, kind = str(value), None, None
    if iri:
        node = URIRef(iri)
        if name is None and (found := record.graph.value(node, SCHEMA.name)) is not None:
            name = str(found)
        if kind is None:
            types = set(record.graph.objects(node, RDF.type))
            kind = ("Person" if SCHEMA.Person in types else "Organization" if SCHEMA.Organization in types
                    else None)
    if isinstance(name, list):
        name = name[0] if name else None
    if kind is None and iri and ROR.match(iri):
        kind = "Organization"
    return Agent(iri, name, kind if isinstance(kind, str) else None)


def as_list(value: Any) -> list[Any]:
    """A manifest value as a list (a single value becomes a one-item list)."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def licence(ident: str) -> License | None:
    """The catalogue licence of ``ident`` (a catalogue id), or None for a licence IRI the catalogue lacks."""
    cat = catalog()
    if ident not in cat:
        return None
    return cat[ident]


def licence_iri(ident: str) -> str:
    """The IRI to cite a licence by: the SPDX IRI, else the licence's own URL, else our IRI."""
    lic = licence(ident)
    if lic is None:
        return ident
    if lic.spdx_id:
        return lic.iri
    return lic.url or lic.iri


def access_right(tier: str | None, base: str = COAR_ACCESS) -> str | None:
    """The COAR (or, with ``base=EU_ACCESS``, EU) access right an access tier maps to."""
    if not tier:
        return None
    concept = load_vocabulary().concept("access-tier", tier)
    order = {str(SKOS.exactMatch): 0, str(SKOS.closeMatch): 1, str(SKOS.broadMatch): 2}
    found = sorted((order.get(p, 3), o) for p, o in concept.mappings if o.startswith(base))
    return found[0][1] if found and found[0][0] < 3 else None


@cache
def datacite_relation(code: str) -> str:
    """The DataCite relationType of an output-relation code (the concept's hidden label)."""
    concept = load_vocabulary().concept("output-relation", code)
    label = load_vocabulary().graph.value(URIRef(concept.iri), SKOS.hiddenLabel)
    return str(label)


#: The DataCite resourceTypeGeneral each output relation implies of the related output.
RELATED_TYPE: dict[str, str] = {
    "described-by": "Text",
    "uses-dataset": "Dataset",
    "uses-software": "Software",
    "derived-from": "Model",
    "supersedes": "Model",
}


def doi_of(iri: str) -> str | None:
    """The DOI name (``10.x/y``) of a DOI IRI, else None."""
    m = DOI.match(iri)
    return m.group(1) if m else None


def contributions(record: ReleaseRecord, manifest: dict[str, Any]) -> tuple[list[Agent], list[Agent]]:
    """(lead contributors, other contributors), each agent once, in manifest order."""
    lead: list[Agent] = []
    other: list[Agent] = []
    for c in as_list(manifest.get("contributions")):
        a = agent(record, c.get("agent"))
        target = lead if c.get("degree") == "lead" else other
        if a not in lead and a not in other:
            target.append(a)
    return lead, other


def fundings(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The release's fundings, then those of its projects (each once)."""
    out: list[dict[str, Any]] = []
    for f in as_list(manifest.get("funding")):
        out.append(f)
    for p in as_list(manifest.get("projects")):
        for f in as_list(p.get("funding")):
            if f not in out:
                out.append(f)
    return out


def funder_id_type(iri: str | None) -> str | None:
    """DataCite funderIdentifierType of a funder IRI: ``ROR``, ``Crossref Funder ID``, ``Other`` or None."""
    if not iri:
        return None
    if ROR.match(iri):
        return "ROR"
    if CROSSREF_FUNDER.match(iri):
        return "Crossref Funder ID"
    return "Other"


def released_artifacts_with_url(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The released artifacts that have a URL or download URL."""
    return [a for a in as_list(manifest.get("artifacts"))
            if isinstance(a, dict) and a.get("status") == "released" and (a.get("url") or a.get("downloadURL"))]


@dataclass(frozen=True)
class Dataset:
    """A dataset a release was trained or evaluated on: its IRI and what the record says of it."""

    iri: str
    name: str | None
    description: str | None
    collection_date: str | None


def dataset(record: ReleaseRecord, value: Any) -> Dataset:
    """The dataset a manifest value names (an IRI, or a node dict), described from the record's graph.

    A dataset described once (say under ``trainingData``) is named by its IRI alone elsewhere in
    the manifest (say in an evaluation result); the graph gives its description wherever it appears.
    """
    iri = _dataset_iri(value)
    node = URIRef(iri)

    def text(prop: URIRef) -> str | None:
        found = record.graph.value(node, prop)
        return str(found) if found is not None else None

    return Dataset(iri, text(SCHEMA.name), text(SCHEMA.description), text(MLR.collectionDate))


def datasets(record: ReleaseRecord, value: Any) -> list[Dataset]:
    """The datasets of a manifest value (``trainingData``, ``evaluationData``: IRIs or node dicts)."""
    return [dataset(record, v) for v in as_list(value)]


def dataset_iris(value: Any) -> list[str]:
    """The IRIs of the datasets a manifest value names (IRIs or node dicts), in order."""
    return [_dataset_iri(v) for v in as_list(value)]


def _dataset_iri(value: Any) -> str:
    """The IRI of one dataset item of a manifest: the IRI itself, or a node dict's ``id``."""
    return str(value.get("id", "")) if isinstance(value, dict) else str(value)


@dataclass(frozen=True)
class ModelFile:
    """A released file of the model's parameters: what MLDCAT-AP calls an OutputFilePrediction."""

    iri: str
    artifact_type: str
    location: str
    name: str | None
    encoding_format: str | None
    #: (algorithm IRI, hexadecimal digest) pairs.
    checksums: tuple[tuple[str, str], ...]


def model_file_types() -> frozenset[str]:
    """The artifact-type codes whose artifacts are files of the model (closeMatch mldcat:OutputFilePrediction)."""
    target = "http://data.europa.eu/it6/OutputFilePrediction"
    return frozenset(c.notation for c in load_vocabulary().scheme("artifact-type").concepts
                     if (str(SKOS.closeMatch), target) in c.mappings or (str(SKOS.exactMatch), target) in c.mappings)


def model_files(record: ReleaseRecord) -> list[ModelFile]:
    """The released artifacts of the model's parameters that have a location, in IRI order.

    The location is the download URL, else the URL (a repository page, as MLDCAT-AP's own examples
    use); artifacts withheld, planned or retracted are not offered as files of the model.
    """
    types = model_file_types()
    out: list[ModelFile] = []
    g = record.graph
    for art in sorted(record.artifacts, key=lambda a: natural_key(str(a.iri))):
        code = art.artifact_type
        if code not in types or art.status != "released":
            continue
        location = g.value(art.iri, DCAT.downloadURL) or g.value(art.iri, SCHEMA.url)
        if location is None:
            continue
        name = g.value(art.iri, SCHEMA.name)
        fmt = g.value(art.iri, SCHEMA.encodingFormat)
        sums = []
        for c in g.objects(art.iri, SPDX.checksum):
            algorithm, digest = g.value(c, SPDX.algorithm), g.value(c, SPDX.checksumValue)
            if algorithm is not None and digest is not None:
                sums.append((str(algorithm), str(digest)))
        out.append(ModelFile(str(art.iri), code, str(location), str(name) if name is not None else None,
                             str(fmt) if fmt is not None else None, tuple(sorted(sums))))
    return out


def year(value: Any) -> str | None:
    """The year of a date value (``2024-02-01`` gives ``2024``)."""
    return str(value)[:4] if value else None
