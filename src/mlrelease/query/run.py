"""Running a query with parameters bound through the store's API (never formatted into the text).

Scalar parameters become bindings: pyoxigraph substitutes them in the embedded store; a remote
store writes each checked, serialised term into a ``BIND`` at the start of the ``WHERE`` group
(see :mod:`mlrelease.store.terms`). ``services`` parameters name SPARQL endpoints: each
``SERVICE ?param { ... }`` block becomes one ``SERVICE <url>`` block per endpoint, joined by
``UNION``, because engines such as Oxigraph do not evaluate ``SERVICE`` with a variable.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import pyoxigraph as ox

from ..errors import InputError
from ..hints import suggest
from ..store import QueryResult, QueryStream, Store
from ..store.sparql_text import expand_services, fixed_service, service_blocks, tokens
from ..store.terms import sparql_term
from .header import QueryDef
from .params import to_services, to_term


def check_services(query: QueryDef) -> None:
    """Refuse ``SERVICE <constant>``: queries reach only endpoints named on the command line."""
    if fixed_service(query.text):
        raise InputError(f"query {query.name}: SERVICE with a fixed endpoint is refused",
                         hint="write SERVICE ?name and declare 'param name (services): ...', "
                              "then pass --param name=URL,URL")


def bind(query: QueryDef, values: Mapping[str, str]) -> tuple[str, dict[str, ox.NamedNode | ox.Literal]]:
    """The query text (with ``SERVICE`` blocks expanded) and the bindings for ``values``.

    :raises InputError: for an unknown parameter, a missing required one or a value of the wrong type.
    """
    declared = {p.name for p in query.params}
    for name in values:
        if name not in declared:
            raise InputError(f"query {query.name} has no parameter {name!r}",
                             hint=suggest(name, sorted(declared)) if declared else "it takes no parameters")
    check_services(query)
    text = query.text
    bindings: dict[str, ox.NamedNode | ox.Literal] = {}
    services: dict[str, list[str]] = {}
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is None:
            if param.required:
                raise InputError(f"query {query.name} needs --param {param.name}=...",
                                 hint=f"{param.signature()}: {param.description}")
            continue
        if param.type == "services":
            services[param.name] = [sparql_term(iri) for iri in to_services(param, value)]
        else:
            bindings[param.name] = to_term(param, value)
    unbound = [b.var for b in service_blocks(text) if b.var not in services]
    if unbound:
        raise InputError(f"query {query.name}: no endpoints for SERVICE ?{unbound[0]}",
                         hint=f"pass --param {unbound[0]}=URL,URL (each institution's SPARQL query URL)")
    return expand_services(text, services), bindings


def run(store: Store, query: QueryDef, values: Mapping[str, str] | None = None) -> QueryResult:
    """Run ``query`` on ``store`` with parameter ``values`` (strings, as given on the command line)."""
    text, bindings = bind(query, values or {})
    return store.query(text, bindings)


def stream(store: Store, query: QueryDef, values: Mapping[str, str] | None = None, *, limit: int | None = None,
           offset: int = 0) -> QueryStream:
    """:func:`run`, with the rows as they come, at most ``limit`` of them after skipping ``offset``.

    The window goes into the query (``LIMIT``/``OFFSET`` after its own solution modifiers, so the
    store stops early) unless the query has a ``LIMIT``, ``OFFSET`` or ``VALUES`` of its own; then
    the rows are skipped and cut here, with the same result.
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise InputError("--limit and --offset take 0 or more")
    text, bindings = bind(query, values or {})
    windowed = limit is not None or offset > 0
    own = {t.value.upper() for t in tokens(text) if t.kind == "word"} & {"LIMIT", "OFFSET", "VALUES"}
    if windowed and not own:
        window = (f"\nLIMIT {limit}" if limit is not None else "") + (f"\nOFFSET {offset}" if offset else "")
        text = text.rstrip() + window + "\n"
        return store.query_stream(text, bindings)
    result = store.query_stream(text, bindings)
    if windowed:
        result.rows = itertools.islice(result.rows, offset, None if limit is None else offset + limit)
    return result
