"""The compiled validation engine: SHACL shapes compiled to SPARQL (:mod:`.compiler`), run on pyoxigraph.

One in-memory :class:`pyoxigraph.Store` per process holds the reference graph (vocabulary and licence
catalogue) in a named graph, loaded once. Each validation loads its data into a fresh named graph of
that store, runs every compiled query once over the union of the two graphs (all focus nodes at once),
and drops the data graph again. Focus nodes must be IRIs that occur in the data graph, as
:class:`~.engine.PyShaclEngine` keeps them; the reference is read, never reported on, never copied.

Findings, messages included, are those pySHACL gives (see ``tests/test_validation_differential.py``):
messages of SPARQL constraints are filled in exactly as pySHACL fills them in
(``re.sub`` of ``{?var}``/``{$var}`` with the text of the value).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import threading
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..terms import MLR
from .compiler import DATA, FOCUS, FOCUS_SET, Check, CompiledShapes, compile_shapes
from .findings import Finding

REFERENCE_GRAPH = ox.NamedNode("urn:x-mlrelease:validation:reference")
_LOCK = threading.Lock()


#: A finding without its release: (focus, path, shape, severity, message, value).
Row = tuple[str, str | None, str, str, str, str | None]

#: Bytes of data loaded into a shared reference store, after which it is replaced by a fresh one.
#: pyoxigraph's in-memory store keeps removed quads and their strings, so a store that every
#: validation loads its data into and removes it from again grows with each one (measured: +70 MiB
#: per chunk of 2,000 releases, 2 GiB per worker after 25 chunks); rebuilding it costs about 20 ms.
RECYCLE_AFTER_BYTES = 64 * 1024 * 1024


@dataclasses.dataclass
class _Shared:
    """A reference graph's store in this process, its N-Triples text, and how much data went through it."""

    reference: Graph  # kept alive, so its id stays its own
    text: bytes
    store: ox.Store
    loaded: int = 0


_STORES: dict[int, _Shared] = {}
_COMPILED: dict[int, tuple[Graph, int, CompiledShapes]] = {}


def reference_store(reference: Graph) -> ox.Store:
    """The process's store holding ``reference`` in its reference graph (loaded once per graph object,
    and again after :data:`RECYCLE_AFTER_BYTES` of data went through it: see :func:`_passed`)."""
    with _LOCK:
        found = _STORES.get(id(reference))
        if found is not None and found.reference is reference:
            if found.loaded <= RECYCLE_AFTER_BYTES:
                return found.store
            text = found.text
        else:
            text = reference.serialize(format="nt", encoding="utf-8")
        store = ox.Store()
        store.load(text, ox.RdfFormat.N_TRIPLES, to_graph=REFERENCE_GRAPH)
        _STORES[id(reference)] = _Shared(reference, text, store)
        return store


def _passed(reference: Graph, store: ox.Store, size: int) -> None:
    """Count ``size`` bytes of data loaded into (and removed from) the shared ``store`` of ``reference``."""
    with _LOCK:
        found = _STORES.get(id(reference))
        if found is not None and found.store is store:
            found.loaded += size


def compiled(shapes: Graph) -> CompiledShapes:
    """``shapes`` compiled (once per graph object; a graph must not change after it was first used)."""
    with _LOCK:
        found = _COMPILED.get(id(shapes))
        if found is not None and found[0] is shapes and found[1] == len(shapes):
            return found[2]
    result = compile_shapes(shapes)
    with _LOCK:
        _COMPILED[id(shapes)] = (shapes, len(shapes), result)
    return result


def to_ox(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"not an RDF term: {node!r}")


def graph_to_ntriples(graph: Graph) -> bytes:
    """An rdflib graph as N-Triples (the fastest way from rdflib into pyoxigraph; see bench/README.md)."""
    return graph.serialize(format="nt", encoding="utf-8")


def _text(term: Any) -> str:
    """The text of a pyoxigraph term as rdflib's ``str()`` gives it (IRI, lexical form, blank node id)."""
    return str(term.value)


def _as_rdflib(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")


@functools.lru_cache(maxsize=65536)
def _well_formed(lexical: str, datatype: str) -> bool:
    """Whether pySHACL takes ``lexical`` as a well-formed literal of ``datatype`` (rdflib's Python value)."""
    from datetime import date, datetime, time
    from decimal import Decimal

    literal = Literal(lexical, datatype=URIRef(datatype))
    if getattr(literal, "ill_typed", None) is True:
        return False
    kinds: dict[str, type | tuple[type, ...]] = {
        "integer": int, "float": float, "decimal": Decimal, "boolean": bool, "date": date, "time": time,
        "dateTime": datetime,
    }
    return isinstance(literal.value, kinds[datatype.rsplit("#", 1)[-1]])


def _format(message: str, bound: dict[str, Any]) -> str:
    """pySHACL's ``_format_sparql_based_result_message``: the same calls, so the same text (a variable
    the message does not name is skipped: its substitution would change nothing)."""
    if "{" not in message:
        return message
    for var, val in bound.items():
        if var in message:
            message = re.sub("{{[?$]{}}}".format(var), _text(val), message)  # noqa: UP032 (as pySHACL writes it)
    return message


def _message(check: Check, bound: dict[str, Any] | None) -> str:
    """The message :class:`~.engine.PyShaclEngine` would pick for a result of ``check``."""
    shape_texts = {m for m, _ in check.shape_messages}
    results: set[str] = set()
    if bound is not None:
        for m in check.constraint_messages:
            if m in check.shape_messages:
                continue
            results.add(_format(m[0], bound))
        for m in check.shape_messages:
            results.add(_format(m[0], bound))
    else:
        results = set(shape_texts)
    if not results:
        results = {_generic_message(check)}
    ordered = sorted(results)
    specific = [m for m in ordered if m not in shape_texts]
    return (specific or ordered)[0]


def _generic_message(check: Check) -> str:
    return f"Constraint {check.component} of shape {check.shape} is not satisfied"


def _solutions(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> ox.QuerySolutions:
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError(f"a compiled SELECT query gave {type(result).__name__}")
    return result


class CompiledEngine:
    """SHACL shapes compiled to SPARQL and run set-wise on pyoxigraph; results identical to pySHACL's."""

    name = "compiled"

    def validate(self, data: Graph, shapes: Graph, reference: Graph) -> list[Finding]:
        """Validate an rdflib graph (its triples become pyoxigraph quads: measured a little faster than
        going through N-Triples text; see bench/README.md)."""
        return self.validate_quads((ox.Quad(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]
                                    for s, p, o in data), shapes, reference)

    def validate_ntriples(self, data: bytes | str, shapes: Graph, reference: Graph,
                          format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> list[Finding]:
        """Validate data given as N-Triples (or another triple format pyoxigraph parses), skipping rdflib."""
        return self.validate_text(data, shapes, reference, format)[0]

    def validate_text(self, data: bytes | str, shapes: Graph, reference: Graph,
                      format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES, lenient: bool = False,
                      profiles: dict[str, str] | None = None) -> tuple[list[Finding], list[str]]:
        """Like :meth:`validate_ntriples`, with each finding's release filled in; also the data's releases.

        A finding's release is the focus node if it is an ``mlr:Release`` of the data, else the release
        with the shortest chain of links to it (the first IRI in code-point order among equals).
        ``lenient`` loads without pyoxigraph's IRI checks: only for text mlrelease itself wrote.
        ``profiles`` (shape IRI -> profile) fills in each finding's profile.
        """
        checks = compiled(shapes)
        store = reference_store(reference)
        graph = ox.NamedNode(f"urn:x-mlrelease:validation:data:{uuid.uuid4()}")
        try:
            text = data.encode("utf-8") if isinstance(data, str) else data
            _passed(reference, store, len(text))
            store.load(text, format, to_graph=graph, lenient=lenient)
            rows = list(self._run(store, graph, checks))
            releases = self._releases(store, graph)
            owners = self._owners(store, graph, {row[0] for row in rows} - set(releases))
            for focus in releases:
                owners[focus] = focus
            shape_profiles = profiles or {}
            return ([Finding(owners.get(row[0]), *row, profile=shape_profiles.get(row[2])) for row in rows],
                    sorted(releases))
        finally:
            store.remove_graph(graph)

    @staticmethod
    def _releases(store: ox.Store, graph: ox.NamedNode) -> set[str]:
        query = f"SELECT ?r WHERE {{ GRAPH <{graph.value}> {{ ?r a <{MLR.Release}> }} }}"
        return {row["r"].value for row in _solutions(store.query(query)) if isinstance(row["r"], ox.NamedNode)}

    @staticmethod
    def _owners(store: ox.Store, graph: ox.NamedNode, foci: set[str], depth: int = 3) -> dict[str, str]:
        """The release of each focus node, following links backwards; the focus IRIs are data, so they go
        into a scratch graph of the store, never into the query text."""
        scratch = ox.NamedNode(f"urn:x-mlrelease:validation:foci:{uuid.uuid4()}")
        marker = ox.NamedNode("urn:x-mlrelease:validation:focus")
        out: dict[str, str] = {}
        try:
            store.extend(ox.Quad(ox.NamedNode(f), marker, marker, scratch) for f in sorted(foci))
            for hops in range(1, depth + 1):
                chain = " . ".join(f"?n{k + 1} ?p{k} ?n{k}" for k in range(hops))
                query = (f"SELECT ?n0 (MIN(STR(?n{hops})) AS ?r) WHERE {{ GRAPH <{scratch.value}> {{ ?n0 ?m ?m }} "
                         f"GRAPH <{graph.value}> {{ {chain} . ?n{hops} a <{MLR.Release}> }} }} GROUP BY ?n0")
                found = [(row["n0"].value, row["r"].value) for row in _solutions(store.query(query))]
                for focus, release in found:
                    out[focus] = release
                store.remove_graph(scratch)
                left = sorted(foci - set(out))
                if not left:
                    break
                store.extend(ox.Quad(ox.NamedNode(f), marker, marker, scratch) for f in left)
        finally:
            store.remove_graph(scratch)
        return out

    def validate_quads(self, quads: Iterable[ox.Quad | ox.Triple], shapes: Graph, reference: Graph) -> list[Finding]:
        """Validate pyoxigraph triples or quads (their graph names are ignored)."""
        checks = compiled(shapes)
        store = reference_store(reference)
        graph = ox.NamedNode(f"urn:x-mlrelease:validation:data:{uuid.uuid4()}")
        try:
            added = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
            _passed(reference, store, 100 * len(added))  # about the bytes of a quad's N-Triples text
            store.extend(added)
            return [Finding(None, *row) for row in self._run(store, graph, checks)]
        finally:
            store.remove_graph(graph)

    def _run(self, store: ox.Store, graph: ox.NamedNode, checks: CompiledShapes) -> Iterator[Row]:
        """The rows of every check: (focus, path, shape, severity, message, value), a finding's fields
        without its release (found afterwards, for all findings at once)."""
        dataset: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [graph, REFERENCE_GRAPH]
        subclassed = False
        for cls in checks.classes:  # IRIs of the shapes, not data
            ask = f"ASK {{ ?sub <{RDFS.subClassOf}>+ <{cls}> . FILTER (!sameTerm(?sub, <{cls}>)) }}"
            subclassed = subclassed or bool(store.query(ask, default_graph=dataset))
        focus = ox.NamedNode(f"urn:x-mlrelease:validation:focus:{uuid.uuid4()}")
        try:
            for number, query in enumerate(checks.focus if subclassed else checks.direct_focus):
                # The focus nodes of every check with these targets, computed once (IRIs of the shapes only).
                store.update(f"INSERT {{ GRAPH <{focus.value}> {{ ?this <{FOCUS_SET}> <{FOCUS_SET}:{number}> }} }} "
                             f"USING <{graph.value}> USING <{REFERENCE_GRAPH.value}> USING NAMED <{graph.value}> "
                             f"WHERE {{ {query.replace(DATA, graph.value)} }}")
            for check in (checks.checks if subclassed else checks.direct):
                query = check.query.replace(DATA, graph.value).replace(FOCUS, focus.value)
                solutions = _solutions(store.query(query, default_graph=dataset))
                yield from (self._findings_sparql(check, solutions) if check.kind == "sparql"
                            else self._findings_core(check, solutions))
        finally:
            store.remove_graph(focus)

    def _findings_core(self, check: Check, solutions: ox.QuerySolutions) -> Iterator[Row]:
        message = _message(check, None)
        has_value = "value" in [v.value for v in solutions.variables]
        for row in solutions:
            value = row["value"] if has_value else None
            if check.datatype is not None and isinstance(value, ox.Literal) and \
                    value.datatype.value == check.datatype and _well_formed(value.value, check.datatype):
                continue
            yield (_text(row["this"]), check.path, check.shape, check.severity, message,
                   _text(value) if value is not None else None)

    def _findings_sparql(self, check: Check, solutions: ox.QuerySolutions) -> Iterator[Row]:
        projected = check.projection
        others = [v for v in projected if v not in ("this", "path", "value")]
        for row in solutions:
            this = row["this"]
            path = row["path"] if "path" in projected else None
            value = row["value"] if "value" in projected else None
            this_projected = row["this"] if "this" in projected else None
            if path is None and value is None and this_projected is None:
                continue  # pySHACL ignores such rows
            if value is None and check.value_is_focus:
                value = this
            bound: dict[str, Any] = {}
            for name in others:
                term = row[name]
                if term is not None:
                    bound[name] = term
            bound["this"] = this
            if path is not None:
                bound["path"] = path
            if value is not None:
                bound["value"] = value
            yield (_text(this), _text(path) if path is not None else check.source_path, check.shape,
                   check.severity, _message(check, bound), _text(value) if value is not None else None)
