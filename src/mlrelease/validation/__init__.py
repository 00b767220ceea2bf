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
    graph, sources = _data_graph(data)
    engine = engine_named(engine)
    raw = engine.validate(graph, combined_shapes(chosen), reference_graph())
    owners = _ReleaseFinder(graph)
    shape_profiles = profile_of_shapes(chosen)
    findings = [
        Finding(
            release=owners.release_of(f.focus), focus=f.focus, path=f.path, shape=f.shape, severity=f.severity,
            message=f.message, value=f.value, profile=shape_profiles.get(f.shape),
            source=sources.get(owners.release_of(f.focus) or ""),
        )
        for f in raw
    ]
    releases = sorted(str(r) for r in graph.subjects(RDF.type, MLR.Release))
    return ValidationReport(findings=findings, profiles=chosen, releases=releases, engine=engine.name)


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
