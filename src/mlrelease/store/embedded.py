"""The embedded store: pyoxigraph in memory or on disk, in this process.

>>> from mlrelease.store import EmbeddedStore, GraphWrite
>>> store = EmbeddedStore()
>>> store.write(GraphWrite(graphs={"https://w3id.org/mlrelease/graph/release/x":
...     '<https://example.org/r> <http://schema.org/name> "R" .\\n'}))
>>> store.query("SELECT ?name WHERE { ?r <http://schema.org/name> ?name }").values()
[('R',)]
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import InputError, StoreError
from .base import Bindable, GraphWrite, Store, catalogue_swap
from .graphs import CATALOGUE_GRAPH, GRAPH_BASE, sparql_iri, staging_graph
from .results import QueryResult, QueryStream, Term
from .sparql_text import check_query

#: The most quads a write bulk-loads. pyoxigraph's bulk loader (0.5) writes up to a million quads
#: as one set of sorted files and ingests them in one atomic step; a bigger write would be ingested
#: in several steps, so it goes through a transaction instead.
BULK_ATOMIC_QUADS = 500_000


class EmbeddedStore(Store):
    """A pyoxigraph store: in memory when ``path`` is None, else on disk in the directory ``path``.

    An on-disk store can be opened by one process at a time for writing; ``read_only`` opens it
    for queries while another process writes.

    :raises StoreError: when the directory cannot be opened (for example, another process holds it).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.name = str(self.path) if self.path is not None else "memory"
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError("no store here", endpoint=self.name,
                                     hint="harvest into it first: mlrelease harvest SOURCE --store PATH")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the store: {exc}", endpoint=self.name,
                             hint="is another mlrelease process using it? Only one can write at a time") from None

    def query(self, sparql: str, bindings: Mapping[str, Bindable] | None = None) -> QueryResult:
        answer = self._answer(sparql, bindings)
        try:
            return QueryResult.from_pyoxigraph(answer)
        except RuntimeError as exc:
            raise StoreError(f"the query failed: {exc}", endpoint=self.name) from None
        except OSError as exc:
            raise StoreError(f"the store failed while answering: {exc}", endpoint=self.name) from None

    def query_stream(self, sparql: str, bindings: Mapping[str, Bindable] | None = None) -> QueryStream:
        answer = self._answer(sparql, bindings)
        if isinstance(answer, ox.QueryBoolean):
            return QueryStream(boolean=bool(answer))
        if not isinstance(answer, ox.QuerySolutions):
            raise InputError(f"only SELECT and ASK queries are supported, got {type(answer).__name__}",
                             location=self.name)
        columns = [v.value for v in answer.variables]
        return QueryStream(columns=columns, rows=self._rows(answer, columns))

    def _answer(self, sparql: str, bindings: Mapping[str, Bindable] | None) -> Any:
        """pyoxigraph's answer to ``sparql`` (checked against the query limits first), its errors typed."""
        subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): v for k, v in (bindings or {}).items()}
        check_query(sparql, self.limits)
        try:
            return self._store.query(sparql, use_default_graph_as_union=True, substitutions=subs or None)
        except SyntaxError as exc:
            raise InputError(f"the query is not valid SPARQL: {exc}", location=self.name) from None
        except RuntimeError as exc:
            if "projection" in str(exc):
                raise InputError(f"cannot bind parameters: {exc}",
                                 hint="a parameter must be one of the query's result columns") from None
            raise StoreError(f"the query failed: {exc}", endpoint=self.name) from None
        except OSError as exc:
            raise StoreError(f"the store failed while answering: {exc}", endpoint=self.name) from None

    def _rows(self, answer: ox.QuerySolutions, columns: list[str]) -> Iterator[tuple[Term | None, ...]]:
        """The solutions, computed by pyoxigraph as they are read; its errors as StoreError."""
        try:
            for solution in answer:
                yield tuple(solution[c] for c in columns)
        except (RuntimeError, OSError) as exc:
            raise StoreError(f"the query failed while answering: {exc}", endpoint=self.name) from None

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise InputError(f"the update is not valid SPARQL: {exc}", location=self.name) from None
        except OSError as exc:
            raise StoreError(f"the update failed: {exc}", endpoint=self.name) from None

    def named_graphs(self) -> set[str]:
        """:meth:`Store.named_graphs` read from pyoxigraph's list of graphs, not by a scan of every quad.

        Only graphs holding a quad count, as with the query: a graph emptied by an update may stay listed.
        """
        store = self._store
        found = set()
        try:
            for graph in store.named_graphs():
                if isinstance(graph, ox.NamedNode) and graph.value.startswith(GRAPH_BASE) and \
                        next(iter(store.quads_for_pattern(None, None, None, graph)), None) is not None:
                    found.add(graph.value)
        except OSError as exc:
            raise StoreError(f"the store failed while listing its graphs: {exc}", endpoint=self.name) from None
        return found

    def write(self, change: GraphWrite) -> None:
        """Write ``change`` so that readers see all of it or none of it, even if the process dies.

        When every graph is fresh, holds no blank node and no catalogue entry is replaced, the
        graphs and their catalogue entries are loaded into place in one load (one atomic bulk
        ingestion up to :data:`BULK_ATOMIC_QUADS` quads, else one transaction).
        Otherwise everything is loaded into staging graphs first and then moved into place, with
        the catalogue swap, in one update: a kill before the update leaves only staging graphs,
        which the next harvest drops, so a release graph never stands without its catalogue entry.
        """
        token = uuid.uuid4().hex
        direct = not change.catalogue_subjects and all(
            graph in change.fresh and ntriples.strip() and "_:" not in ntriples
            for graph, ntriples in change.graphs.items())
        moves: list[str] = []
        plain: list[str] = []
        try:
            for graph, ntriples in change.graphs.items():
                target = sparql_iri(graph)
                if not ntriples.strip():
                    moves.append(f"DROP SILENT GRAPH {target}")
                    continue
                into = graph if direct else staging_graph(graph, token)
                if into != graph:
                    moves.append(f"MOVE SILENT GRAPH {sparql_iri(into)} TO GRAPH {target}")
                if "_:" in ntriples:  # each load gets fresh blank nodes, so graphs never share one
                    self._store.load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(into))
                else:
                    plain.append(_as_nquads(ntriples, into))
            staged_catalogue = None
            if change.catalogue.strip():
                staged_catalogue = None if direct else staging_graph(CATALOGUE_GRAPH, token)
                plain.append(_as_nquads(change.catalogue, staged_catalogue or CATALOGUE_GRAPH))
            if plain:
                data = "".join(plain)
                if direct and not moves and data.count("\n") <= BULK_ATOMIC_QUADS:
                    # Fresh graphs and their catalogue entries: one bulk load, which pyoxigraph turns
                    # into one atomic ingestion of sorted files, several times faster than a transaction.
                    self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
                else:
                    self._store.load(data, format=ox.RdfFormat.N_QUADS)
            swap = catalogue_swap(change.catalogue_subjects, staged_catalogue)
            if moves or swap:
                self._store.update(" ;\n".join([*moves, swap] if swap else moves))
        except SyntaxError as exc:
            raise InputError(f"cannot store a graph: {exc}", location=self.name) from None
        except OSError as exc:
            raise StoreError(f"writing to the store failed: {exc}", endpoint=self.name,
                             not_written=sorted(change.graphs)) from None

    def flush(self) -> None:
        """Make sure everything written is on disk."""
        if self.path is not None:
            self._store.flush()

    def close(self) -> None:
        store = self.__dict__.pop("_store", None)
        if store is not None and self.path is not None:
            with contextlib.suppress(OSError, RuntimeError):  # a read-only store has nothing to flush
                store.flush()

    def dump(self) -> str:
        """The whole store as N-Quads (for tests and small stores)."""
        return _text(self._store.dump(format=ox.RdfFormat.N_QUADS))


def _as_nquads(ntriples: str, graph: str) -> str:
    """N-Triples (one triple per line, as mlrelease writes it) as N-Quads in ``graph``."""
    suffix = f" <{graph}> .\n"
    if ntriples.endswith(" .\n") and ntriples.count("\n") == ntriples.count(" .\n"):
        # Every line ends with " ." (a line break inside a term is always escaped): the usual case.
        return ntriples.replace(" .\n", suffix)
    out = []
    for line in ntriples.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.endswith("."):
            raise SyntaxError(f"not an N-Triples line: {line[:80]}")
        out.append(line[:-1].rstrip() + suffix)
    return "".join(out)


def _text(data: bytes | None) -> str:
    """pyoxigraph returns the serialisation as bytes when no output is given (None otherwise)."""
    assert data is not None, "pyoxigraph returns bytes when no output is given"
    return data.decode("utf-8")
