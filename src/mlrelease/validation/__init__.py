"""Validation of release records against SHACL profiles, with reports for people and machines.

>>> import mlrelease
>>> rec = mlrelease.load("identifier: org/m\\nversion: '1'\\n", format="yaml")
>>> report = mlrelease.validate(rec, profiles=["core"])
>>> report.conforms
False
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from ..record import ReleaseRecord
from ..terms import MLR
from .compiled import CompiledEngine
from .engine import ENGINES, Engine, PyShaclEngine, engine_named
from .findings import SEVERITIES, Finding, ValidationReport
from .profiles import DEFAULT_PROFILES, PROFILES, check_profiles, combined_shapes, profile_of_shapes, reference_graph


def validate(
    data: ReleaseRecord | Graph | Iterable[ReleaseRecord],
    profiles: Sequence[str] = DEFAULT_PROFILES,
    *,
    engine: Engine | str | None = None,
) -> ValidationReport:
    """Validate one record, a list of records or a whole graph against ``profiles``.

    ``engine`` is an :class:`Engine` or a name (``"compiled"``, the default, or ``"pyshacl"``).

    :raises UnknownTermError: for an unknown profile or engine name (the message lists the valid ones).
    """
    chosen = check_profiles(list(profiles))
    if not isinstance(data, (ReleaseRecord, Graph)):
        data = list(data)  # read twice: for the graph and for the importers' hints
    graph, sources = _data_graph(data)
    hints = _source_hints(data)
    engine = engine_named(engine)
    raw = engine.validate(graph, combined_shapes(chosen), reference_graph())
    owners = _ReleaseFinder(graph)
    shape_profiles = profile_of_shapes(chosen)
    findings = [
        Finding(
            release=owners.release_of(f.focus), focus=f.focus, path=f.path, shape=f.shape, severity=f.severity,
            message=_with_hint(f.message, f.shape, hints.get(owners.release_of(f.focus) or "")),
            value=f.value, profile=shape_profiles.get(f.shape),
            source=sources.get(owners.release_of(f.focus) or ""),
        )
        for f in raw
    ]
    releases = sorted(str(r) for r in graph.subjects(RDF.type, MLR.Release))
    return ValidationReport(findings=findings, profiles=chosen, releases=releases, engine=engine.name)


#: Which manifest key each core (or recommended) shape asks for (the key an importer's source hint is about).
_SHAPE_KEYS = {
    "Release-publisher": "publisher",
    "Release-accessTier": "accessTier",
    "ReleaseVersionOrDateShape": "version",
    "ReleaseWeightsStatedShape": "artifacts.model-parameters-final",
    "ReleasedArtifactLicenseShape": "license",
    "ReleasedArtifactLicenseIdentifiedShape": "license-id",
    "ReleaseIdentityShape": "identifier",
}


def _source_hints(data: ReleaseRecord | Graph | Iterable[ReleaseRecord]) -> dict[str, dict[str, str]]:
    """For each imported release: manifest key -> the field of its source to add (see ``ReleaseRecord``)."""
    if isinstance(data, Graph):
        return {}
    records = [data] if isinstance(data, ReleaseRecord) else list(data)
    return {str(rec.iri): rec.source_hints for rec in records if rec.source_hints}


def _with_hint(message: str, shape: str, hints: dict[str, str] | None) -> str:
    """``message``, followed by the field the record's source should add, when an importer named one."""
    key = _SHAPE_KEYS.get(shape.rsplit("/", 1)[-1].rsplit("#", 1)[-1].rsplit(":", 1)[-1])
    if not hints or key is None or key not in hints:
        return message
    return f"{message} In the source: add {hints[key]}."


def _data_graph(data: ReleaseRecord | Graph | Iterable[ReleaseRecord]) -> tuple[Graph, dict[str, str]]:
    if isinstance(data, ReleaseRecord):
        return data.graph, {str(data.iri): data.source}
    if isinstance(data, Graph):
        return data, {}
    graph = Graph()
    sources: dict[str, str] = {}
    for rec in data:
        graph += rec.graph
        sources[str(rec.iri)] = rec.source
    return graph, sources


class _ReleaseFinder:
    """Finds the release a focus node belongs to, walking incoming links."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.releases = {str(r) for r in graph.subjects(RDF.type, MLR.Release)}
        self.cache: dict[str, str | None] = {}

    def release_of(self, focus: str) -> str | None:
        if focus in self.cache:
            return self.cache[focus]
        found = focus if focus in self.releases else None
        if found is None:
            seen: set[Node] = set()
            todo: list[Node] = [URIRef(focus)]
            while todo and found is None:
                node = todo.pop(0)
                for parent in self.graph.subjects(None, node):
                    if str(parent) in self.releases:
                        found = str(parent)
                        break
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
        self.cache[focus] = found
        return found


__all__ = ["ENGINES", "PROFILES", "SEVERITIES", "CompiledEngine", "Engine", "Finding", "PyShaclEngine",
           "ValidationReport", "validate"]
