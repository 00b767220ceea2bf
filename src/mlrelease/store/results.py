"""Query results in one shape for every store: column names and rows of pyoxigraph terms."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal

_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
_CANONICAL_BOOLEANS = {"1": ox.Literal("true", datatype=_BOOLEAN), "0": ox.Literal("false", datatype=_BOOLEAN)}


def canonical(term: Term | None) -> Term | None:
    """``term`` with an ``xsd:boolean`` in its canonical lexical form (``1``/``0`` become ``true``/``false``).

    Both forms are the same value; Virtuoso answers with ``1`` and ``0``, other stores with ``true`` and
    ``false``, so results are compared and printed alike whichever store answered.
    """
    if isinstance(term, ox.Literal) and term.datatype == _BOOLEAN:
        return _CANONICAL_BOOLEANS.get(term.value, term)
    return term


@dataclass
class QueryResult:
    """The solutions of a ``SELECT`` query (``columns`` and ``rows``) or the answer of an ``ASK``.

    A row holds one term per column, or None where the column is unbound.
    """

    columns: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None

    @classmethod
    def from_pyoxigraph(cls, answer: object) -> QueryResult:
        """Wrap what ``pyoxigraph.Store.query`` or ``parse_query_results`` returns."""
        if isinstance(answer, ox.QueryBoolean):
            return cls(boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            columns = [v.value for v in answer.variables]
            rows = [tuple(canonical(solution[c]) for c in columns) for solution in answer]
            return cls(columns=columns, rows=rows)
        raise TypeError(f"only SELECT and ASK queries are supported, got {type(answer).__name__}")

    def values(self) -> list[tuple[str | None, ...]]:
        """The rows with each term as its plain value (IRI or lexical form), None where unbound."""
        return [tuple(None if t is None else t.value for t in row) for row in self.rows]

    def column(self, name: str) -> list[str | None]:
        """The plain values of one column."""
        i = self.columns.index(name)
        return [None if (term := row[i]) is None else term.value for row in self.rows]


@dataclass
class QueryStream:
    """The solutions of a ``SELECT`` query as they come (``rows`` is read once), or an ``ASK`` answer."""

    columns: list[str] = field(default_factory=list)
    rows: Iterator[tuple[Term | None, ...]] = field(default_factory=lambda: iter(()))
    boolean: bool | None = None

    @classmethod
    def of(cls, result: QueryResult) -> QueryStream:
        """A result already read whole, as a stream."""
        return cls(columns=result.columns, rows=iter(result.rows), boolean=result.boolean)
