"""The release record: the RDF graph of one release, with typed accessors for the common fields.

>>> import mlrelease
>>> rec = mlrelease.load("identifier: org/m\\nversion: '1.0'\\naccessTier: api\\n", format="yaml")
>>> str(rec.iri), rec.access_tier, rec.version
('https://w3id.org/mlrelease/id/org%2Fm/1.0', 'api', '1.0')
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .codecs.context_table import table
from .errors import InputError
from .iris import refused_scheme
from .terms import DCTERMS, MLR, SCHEMA


def _code(key: str, value: Node | None) -> str | None:
    if value is None:
        return None
    return table().by_key[key].iri_to_code(str(value))


def _codes(key: str, values: list[Node]) -> list[str]:
    term = table().by_key[key]
    return sorted(term.iri_to_code(str(v)) for v in values)


@dataclass
class Artifact:
    """One artifact of a release, as its record states it."""

    record: ReleaseRecord
    iri: URIRef

    def _value(self, iri: str) -> Node | None:
        return self.record.graph.value(self.iri, URIRef(iri))

    @property
    def artifact_type(self) -> str | None:
        """The artifact-type code, e.g. ``model-parameters-final``."""
        return _code("artifactType", self._value(MLR.artifactType))

    @property
    def status(self) -> str | None:
        """``released``, ``withheld`` or ``planned`` (None when the record does not say)."""
        return _code("status", self._value(MLR.artifactStatus))

    @property
    def licenses(self) -> list[str]:
        """The licence ids the artifact states itself."""
        return _codes("license", list(self.record.graph.objects(self.iri, DCTERMS.license)))

    @property
    def effective_licenses(self) -> list[str]:
        """The artifact's own licences, or else the release's (inheritance)."""
        return self.licenses or self.record.licenses

    @property
    def access_tier(self) -> str | None:
        """The artifact's own access tier, or else the release's."""
        return _code("accessTier", self._value(MLR.accessTier)) or self.record.access_tier

    @property
    def withheld_reason(self) -> str | None:
        """Why the artifact is withheld, if the record says."""
        value = self._value(MLR.withheldReason)
        return str(value) if value is not None else None


@dataclass
class ReleaseRecord:
    """The RDF graph of one release and the release's IRI.

    ``warnings`` and ``dropped`` carry what an importer could not map (empty for manifests);
    ``source_hints`` names, for each fact the core profile needs that the source lacks, the source
    field to add (manifest key -> field, such as ``{"accessTier": "release.huggingface"}``).
    """

    graph: Graph
    iri: URIRef
    source: str = "<string>"
    format: str = "yaml"
    warnings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    source_hints: dict[str, str] = field(default_factory=dict)

    def _literal(self, iri: str) -> str | None:
        value = self.graph.value(self.iri, URIRef(iri))
        return str(value) if value is not None else None

    @property
    def name(self) -> str | None:
        """The release's name."""
        return self._literal(SCHEMA.name)

    @property
    def identifier(self) -> str | None:
        """The identifier the release is known by (for example a repository id)."""
        return self._literal(SCHEMA.identifier)

    @property
    def version(self) -> str | None:
        """The version, exactly as written (``"1.10"`` stays ``"1.10"``)."""
        return self._literal(SCHEMA.version)

    @property
    def date_published(self) -> _dt.date | None:
        """The publication date, when the record gives a valid one."""
        value = self.graph.value(self.iri, SCHEMA.datePublished)
        if isinstance(value, Literal):
            py = value.toPython()
            return py if isinstance(py, _dt.date) else None
        return None

    @property
    def publisher(self) -> str | None:
        """The publisher's IRI."""
        return self._literal(SCHEMA.publisher)

    @property
    def licenses(self) -> list[str]:
        """The release-level licence ids (the default for artifacts that state none)."""
        return _codes("license", list(self.graph.objects(self.iri, DCTERMS.license)))

    @property
    def access_tier(self) -> str | None:
        """The access-tier code, e.g. ``gated-manual``."""
        return _code("accessTier", self.graph.value(self.iri, MLR.accessTier))

    @property
    def claims(self) -> list[str]:
        """The openness claims the publisher makes, e.g. ``open-weights``."""
        return _codes("claims", list(self.graph.objects(self.iri, MLR.opennessClaim)))

    @property
    def artifacts(self) -> list[Artifact]:
        """The release's artifacts, in IRI order."""
        nodes = sorted(self.graph.objects(self.iri, MLR.artifact), key=str)
        return [Artifact(self, n) for n in nodes if isinstance(n, URIRef)]

    @property
    def is_release(self) -> bool:
        """Whether the graph types the IRI as an ``mlr:Release``."""
        return (self.iri, RDF.type, MLR.Release) in self.graph

    def to_manifest(self) -> dict:
        """Return the record as a manifest dict (deterministic key order, derived ids left out)."""
        from .codecs.manifest_rdf import graph_to_manifest

        return graph_to_manifest(self.graph, self.iri)


def releases_in(graph: Graph) -> list[URIRef]:
    """The releases a graph describes (nodes typed ``mlr:Release`` with an IRI), in IRI order."""
    return sorted((r for r in graph.subjects(RDF.type, MLR.Release) if isinstance(r, URIRef)), key=str)


def reachable(graph: Graph, start: URIRef, stop: set[URIRef]) -> Graph:
    """The triples reachable from ``start`` without passing through a node of ``stop`` (another release)."""
    out = Graph()
    todo: list[URIRef | BNode] = [start]
    seen: set[Node] = {start}
    while todo:
        node = todo.pop()
        for p, o in graph.predicate_objects(node):
            out.add((node, p, o))
            if o not in seen and o not in stop and (isinstance(o, (URIRef, BNode))):
                seen.add(o)
                todo.append(o)
    return out


def split_releases(graph: Graph, *, source: str = "<graph>", format: str = "turtle") -> list[ReleaseRecord]:
    """One record per release of ``graph``: a graph of one release is kept whole; in a graph of
    several, each record holds the triples reachable from its release without passing through another.

    >>> import mlrelease
    >>> g = mlrelease.load("identifier: org/a\\nversion: '1'\\n", format="yaml").graph
    >>> g += mlrelease.load("identifier: org/b\\nversion: '1'\\n", format="yaml").graph
    >>> [r.identifier for r in split_releases(g)]
    ['org/a', 'org/b']
    """
    releases = releases_in(graph)
    for release in releases:
        scheme = refused_scheme(str(release), release=True)
        if scheme is not None:
            raise InputError(f"the release IRI {str(release)[:60]!r} is a {scheme} IRI, which mlrelease refuses",
                             location=source, hint="a release is named by an http(s) IRI others can reach")
    stop = set(releases)
    return [ReleaseRecord(graph if len(releases) == 1 else reachable(graph, release, stop), release,
                          source=source, format=format) for release in releases]
