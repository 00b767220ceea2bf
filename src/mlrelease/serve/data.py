"""The releases of a store as :class:`~mlrelease.publish.ReleaseFacts`, read once when the app starts."""

from __future__ import annotations

from rdflib import Graph, URIRef

from ..publish import ReleaseFacts, facts_of
from ..record import ReleaseRecord
from ..store import Store
from ..store.graphs import RELEASE_GRAPH_BASE, release_of_graph
from ..validation import ValidationReport, validate

_RELEASE_QUADS = """SELECT ?g ?s ?p ?o ?base WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), STR(?base))) }"""


def release_records(store: Store) -> list[ReleaseRecord]:
    """Every release graph of ``store`` as a record, in release IRI order."""
    import pyoxigraph as ox

    result = store.query(_RELEASE_QUADS, {"base": ox.Literal(RELEASE_GRAPH_BASE)})
    lines: dict[str, list[str]] = {}
    for g, s, p, o, _ in result.rows:
        assert g is not None and s is not None and p is not None and o is not None
        lines.setdefault(g.value, []).append(f"{s} {p} {o} .")
    records = []
    for graph_iri in sorted(lines, key=lambda g: release_of_graph(g) or g):
        release = release_of_graph(graph_iri)
        if release is None:
            continue
        graph = Graph().parse(data="\n".join(lines[graph_iri]) + "\n", format="nt")
        records.append(ReleaseRecord(graph, URIRef(release), source=graph_iri, format="ntriples"))
    return records


class Snapshot:
    """The store's releases, their facts and validation report, as read at one moment."""

    def __init__(self, store: Store) -> None:
        self.records = release_records(store)
        self.report: ValidationReport = validate(self.records, ("core", "recommended", "consistency"))
        self.releases: list[ReleaseFacts] = facts_of(self.records, self.report)
        self.by_slug = {r.slug: r for r in self.releases}
