"""The interface every store implements, and the operations built on it.

A store holds release graphs, the harvest catalogue and the reference graphs (vocabulary and
licence catalogue). Queries see the union of all graphs as their default graph.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..terms import SPDX
from .graphs import CATALOGUE_GRAPH, GRAPH_BASE, STAGING_BASE, sparql_iri
from .results import QueryResult, QueryStream

Bindable = ox.NamedNode | ox.Literal


@dataclass
class GraphWrite:
    """What one write replaces: whole graphs (N-Triples text each) and catalogue entries.

    ``catalogue_subjects`` are the catalogue IRIs whose triples are removed before
    ``catalogue`` (N-Triples) is added; all of them are minted by :mod:`mlrelease.store.graphs`.
    ``fresh`` names graphs the caller knows are not in the store: they need no replacing, so the
    embedded store writes them straight into place in the same transaction.
    """

    graphs: dict[str, str] = field(default_factory=dict)
    catalogue_subjects: list[str] = field(default_factory=list)
    catalogue: str = ""
    fresh: set[str] = field(default_factory=set)


class Store(abc.ABC):
    """A place to keep release graphs and ask SPARQL queries of them."""

    #: How messages name this store: a path, ``memory`` or an endpoint URL.
    name: str
    #: The limits every query is checked against before it reaches the engine (store/sparql_text.py).
    limits: Limits = DEFAULT_LIMITS

    @abc.abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Bindable] | None = None) -> QueryResult:
        """Run a ``SELECT`` or ``ASK`` query with ``bindings`` bound to its variables.

        The default graph is the union of all named graphs. Bound variables must be among the
        query's result columns (the embedded store binds them by substitution).

        :raises StoreError: when the store cannot answer (unreachable, timeout, refused).
        :raises InputError: when the query is not valid SPARQL.
        """

    def query_stream(self, sparql: str, bindings: Mapping[str, Bindable] | None = None) -> QueryStream:
        """:meth:`query`, with the rows given as the store produces them (the embedded store computes
        them lazily; a remote store's answer is read whole, then given row by row).

        :raises StoreError: when the store cannot answer, also while the rows are read.
        :raises InputError: when the query is not valid SPARQL.
        """
        return QueryStream.of(self.query(sparql, bindings))

    @abc.abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update written by mlrelease (never one holding outside values)."""

    @abc.abstractmethod
    def write(self, change: GraphWrite) -> None:
        """Replace the graphs in ``change`` whole and update their catalogue entries, all together.

        The embedded store does all of it in one transaction. A remote store PUTs each graph and
        the new catalogue entries into staging graphs, then moves them into place and swaps the
        catalogue entries in one update, so a failure leaves the whole change or none of it (and
        staging graphs, which the next harvest drops). docs/reliability.md has the details.
        """

    def close(self) -> None:  # noqa: B027 - stores without resources need not override it
        """Release the store's resources (files, connections)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Operations built on the primitives above -------------------------------------------

    def graph_checksums(self) -> dict[str, str]:
        """Map each catalogued graph to the checksum its catalogue entry records."""
        result = self.query(
            f"SELECT ?g ?sum WHERE {{ GRAPH {sparql_iri(CATALOGUE_GRAPH)} "
            f"{{ ?g <{SPDX.checksum}>/<{SPDX.checksumValue}> ?sum }} }}"
        )
        return {g: s for g, s in result.values() if g and s}

    def named_graphs(self) -> set[str]:
        """The IRIs of the store's named graphs that mlrelease writes (those under ``GRAPH_BASE``).

        A server's own graphs are left out: Virtuoso keeps its system graphs in the same store, and
        there a ``DISTINCT ?g`` over every quad takes seconds while the prefix filter takes milliseconds.
        """
        result = self.query(f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                            f'FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}")) }}')  # a constant, not a value
        return {g for (g,) in result.values() if g}

    def drop_staging(self) -> int:
        """Drop staging graphs an interrupted write left behind; return how many there were."""
        staging = sorted(g for g in self.named_graphs() if g.startswith(STAGING_BASE))
        if staging:
            self.update(" ;\n".join(f"DROP SILENT GRAPH {sparql_iri(g)}" for g in staging))
        return len(staging)

    def count_triples(self, graph: str) -> int:
        """The number of triples in the named graph ``graph``."""
        result = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {sparql_iri(graph)} {{ ?s ?p ?o }} }}")
        return int(result.rows[0][0].value) if result.rows and result.rows[0][0] is not None else 0


def catalogue_swap(subjects: Sequence[str], staged: str | None) -> str:
    """The update that removes ``subjects`` from the catalogue and moves ``staged`` into it."""
    catalogue = sparql_iri(CATALOGUE_GRAPH)
    parts = [f"DELETE WHERE {{ GRAPH {catalogue} {{ {sparql_iri(s)} ?p ?o }} }}" for s in subjects]
    if staged:
        parts.append(f"ADD SILENT GRAPH {sparql_iri(staged)} TO GRAPH {sparql_iri(CATALOGUE_GRAPH)}")
        parts.append(f"DROP SILENT GRAPH {sparql_iri(staged)}")
    return " ;\n".join(parts)
