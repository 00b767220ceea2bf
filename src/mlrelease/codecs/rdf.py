"""Parsing and writing RDF safely: pyoxigraph for RDF syntaxes, PyLD with a frozen loader for JSON-LD.

Nothing here touches the network. rdflib's own JSON-LD parser (which fetches remote contexts) is
never given input; JSON-LD goes through PyLD with a document loader that serves the bundled
mlrelease context and refuses every other URL.
"""

from __future__ import annotations

import dataclasses
import io
import json
import math
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from pyld import jsonld
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from ..errors import InputError
from ..iris import PREFIXES, refused_scheme
from ..vocabulary import context as bundled_context
from . import readlog, scan
from .limits import DEFAULT_LIMITS, Limits

CONTEXT_URLS = (
    "https://w3id.org/mlrelease/context.jsonld",
    "http://w3id.org/mlrelease/context.jsonld",
)
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_SCHEMA_HTTPS = "https://schema.org/"
_SCHEMA_HTTP = PREFIXES["schema"]


#: The predicate of the blank-node edges :func:`parse_rdf` checks (only their ends matter).
_EDGE = URIRef("urn:x-mlrelease:edge")
_NUMERIC = frozenset(str(XSD[name]) for name in (
    "integer", "decimal", "double", "float", "long", "int", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte"))


class _Terms:
    """Converts pyoxigraph terms to rdflib ones, checking each against the limits as it goes."""

    def __init__(self, source: str, limits: Limits) -> None:
        self.source = source
        self.limits = limits
        self.blank: set[str] = set()

    def refuse(self, message: str, limit: str | None = None, hint: str | None = None) -> InputError:
        return InputError(message, location=self.source,
                          hint=self.limits.hint(limit) if limit else hint)

    def __call__(self, term: Any) -> Node:
        limits = self.limits
        if isinstance(term, ox.NamedNode):
            value = term.value
            if len(value) > limits.max_iri_length:
                raise self.refuse(f"an IRI of {len(value)} characters (limit max_iri_length {limits.max_iri_length})",
                                  "max_iri_length")
            if refused_scheme(value):
                raise self.refuse(f"the IRI {value[:60]!r} uses a script scheme, which mlrelease refuses",
                                  hint="link to an http(s) page instead")
            if value.startswith(_SCHEMA_HTTPS):
                value = _SCHEMA_HTTP + value[len(_SCHEMA_HTTPS):]
            return URIRef(value)
        if isinstance(term, ox.BlankNode):
            value = term.value
            if value not in self.blank:
                self.blank.add(value)
                if len(self.blank) > limits.max_blank_nodes:
                    raise self.refuse(f"more than {limits.max_blank_nodes} blank nodes (limit max_blank_nodes)",
                                      "max_blank_nodes")
            return BNode(value)
        if isinstance(term, ox.Literal):
            text = term.value
            if len(text) > limits.max_literal_length:
                raise self.refuse(f"a literal of {len(text)} characters (limit max_literal_length "
                                  f"{limits.max_literal_length})", "max_literal_length")
            if "\x00" in text:
                raise self.refuse("a literal holds a NUL character", hint="remove it; text in a record is printable")
            if term.language:
                return Literal(text, lang=term.language)
            dt = term.datatype.value
            if dt in _NUMERIC and len(text) > limits.max_number_digits:
                raise self.refuse(f"a number of {len(text)} digits, {text[:20]}... (limit max_number_digits "
                                  f"{limits.max_number_digits})", "max_number_digits")
            return Literal(text, datatype=None if dt == str(XSD.string) else URIRef(dt))
        raise InputError(f"unsupported RDF term {term!r} (RDF 1.2 triple terms are not accepted)", location=self.source)


def prescan_rdf(text: str, format: str, source: str, limits: Limits) -> None:
    """The cheap checks made before a parser sees RDF ``text``: size, characters, nesting, DTDs.

    :raises InputError: with the position of the first problem.
    """
    if len(text) > limits.max_bytes:  # characters: at most as many as bytes
        raise InputError(f"document is larger than the limit of {limits.max_bytes} bytes", location=source,
                         hint=limits.hint("max_bytes"))
    scan.control_characters(text, source)
    if format == "rdfxml":
        if re.search(r"<!(DOCTYPE|ENTITY)", text):
            raise InputError("RDF/XML with a DOCTYPE or entity declarations is refused", location=source,
                             hint="remove the DOCTYPE; entities can expand without bound")
        scan.xml_depth(text, limits.max_depth, source)
    else:
        scan.escaped_surrogates(text, source)
        if format in ("turtle", "trig"):
            scan.turtle_depth(text, limits.max_depth, source)


def parse_rdf(text: str, format: str, *, source: str = "<string>", limits: Limits = DEFAULT_LIMITS,
              graph: Graph | None = None) -> Graph:
    """Parse RDF ``text`` in ``format`` (turtle, ntriples, nquads, trig, rdfxml) into an rdflib graph.

    schema.org IRIs written with https are normalised to http. Named graphs are merged (and
    noted in the open :func:`mlrelease.codecs.readlog.recording` log, so that a harvest can refuse or report them).
    Before parsing, :func:`prescan_rdf` checks size, characters and nesting; while parsing, the
    triples, blank nodes, IRI and literal lengths and number digits are counted against ``limits``.

    :raises InputError: on a syntax error (with line and column), a DTD or entity in RDF/XML, or
        a limit passed (naming the limit and how to raise it).
    """
    prescan_rdf(text, format, source, limits)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError("the document holds a character that is not Unicode text (a lone surrogate)",
                         location=scan.where(source, text, exc.start), hint="remove it") from None
    if len(data) > limits.max_bytes:
        raise InputError(f"document is larger than the limit of {limits.max_bytes} bytes", location=source,
                         hint=limits.hint("max_bytes"))
    graph = graph if graph is not None else Graph()
    log = readlog.current()
    named = log.named_graphs if log is not None else None
    convert = _Terms(source, limits)
    # Pass 1, in pyoxigraph's terms (cheap): count triples and check the blank-node structure, so
    # that a document beyond the limits is refused before rdflib builds anything.
    quads: list[Any] = []
    edges: list[tuple[Node, Node, Node]] = []
    try:
        for quad in ox.parse(data, format=RDF_FORMATS[format], base_iri=None):
            quads.append(quad)
            if len(quads) > limits.max_triples:
                raise InputError(f"more than {limits.max_triples} triples (limit max_triples)", location=source,
                                 hint=limits.hint("max_triples"))
            if isinstance(quad.object, ox.BlankNode) and isinstance(quad.subject, ox.BlankNode):
                edges.append((BNode(quad.subject.value), _EDGE, BNode(quad.object.value)))
        if edges:
            check_blank_nodes(edges, limits, source=source)
        for quad in quads:
            if named is not None and not isinstance(quad.graph_name, ox.DefaultGraph):
                gname = quad.graph_name
                name = gname.value if isinstance(gname, ox.NamedNode) else f"_:{gname.value}"
                if name not in named:
                    named.append(name)
            graph.add((convert(quad.subject), convert(quad.predicate), convert(quad.object)))
    except SyntaxError as exc:
        line = getattr(exc, "lineno", None)
        col = getattr(exc, "offset", None)
        where = f"{source}:{line}:{col}" if line else source
        raise InputError(f"{format} syntax error: {exc.msg if hasattr(exc, 'msg') else exc}", location=where,
                         hint=f"check the {format} syntax near that position") from None
    return graph


def _loader(url: str, options: dict | None = None) -> dict:
    if url in CONTEXT_URLS:
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": bundled_context()}
    raise jsonld.JsonLdError(
        f"remote context {url} refused", "jsonld.LoadDocumentError", {"url": url},
        code="loading remote context failed",
    )


def refuse_remote_contexts(doc: Any, source: str) -> None:
    """Raise :class:`InputError` if ``doc`` names a remote context other than the mlrelease one."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "@context":
                    for ctx in item if isinstance(item, list) else [item]:
                        if isinstance(ctx, str) and ctx not in CONTEXT_URLS:
                            found.append(ctx)
                        elif isinstance(ctx, dict):
                            if "@import" in ctx:
                                found.append(str(ctx["@import"]))
                            walk(ctx)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(doc)
    if found:
        raise InputError(
            f"the document names a remote JSON-LD context ({found[0]}), which mlrelease never fetches",
            location=source,
            hint=f"embed the context in the document, or use the mlrelease context {CONTEXT_URLS[0]}",
        )


def jsonld_cost(doc: Any, source: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a JSON-LD document whose inline contexts would take PyLD too long to apply.

    PyLD applies a scoped context (one inside a term definition) again at every node it reaches,
    so its work grows with the scoped term definitions times the JSON objects; a 3,000-term
    type-scoped context on every node takes minutes. Counted iteratively, before PyLD runs.

    :raises InputError: more than ``limits.max_context_terms`` term definitions, or a cost over
        ``limits.max_context_cost``.
    """
    terms = scoped = objects = 0
    stack: list[tuple[Any, bool, bool]] = [(doc, False, False)]  # (value, in a context, in a scoped context)
    while stack:
        value, in_context, in_scoped = stack.pop()
        if isinstance(value, dict):
            objects += 1
            for key, item in value.items():
                if in_context and not key.startswith("@"):
                    terms += 1
                    scoped += in_scoped
                if key == "@context":
                    stack.append((item, True, in_context or in_scoped))
                else:
                    stack.append((item, in_context, in_scoped))
        elif isinstance(value, list):
            stack.extend((item, in_context, in_scoped) for item in value)
    if terms > limits.max_context_terms:
        raise InputError(f"the document's JSON-LD contexts define {terms} terms (limit max_context_terms "
                         f"{limits.max_context_terms})", location=source, hint=limits.hint("max_context_terms"))
    if scoped * objects > limits.max_context_cost:
        raise InputError(f"the document's scoped JSON-LD contexts ({scoped} terms) applied to its {objects} objects "
                         f"cost {scoped * objects} (limit max_context_cost {limits.max_context_cost})",
                         location=source, hint=limits.hint("max_context_cost"))


def jsonld_to_graph(doc: Any, *, source: str = "<string>", graph: Graph | None = None,
                    limits: Limits = DEFAULT_LIMITS) -> Graph:
    """Convert a parsed JSON-LD document to RDF offline (PyLD with a frozen document loader).

    :raises InputError: on a remote context, contexts too costly to apply (:func:`jsonld_cost`),
        a limit of :func:`parse_rdf` passed, or a document that is not valid JSON-LD.
    """
    refuse_remote_contexts(doc, source)
    jsonld_cost(doc, source, limits)
    try:
        nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": _loader,
                                     "base": None})
    except jsonld.JsonLdError as exc:
        raise InputError(f"not valid JSON-LD: {_jsonld_reason(exc)}", location=source,
                         hint="check the document against the JSON-LD 1.1 syntax") from None
    except (TypeError, KeyError, IndexError, AttributeError, ValueError) as exc:
        # PyLD fails this way on some documents it does not expect (W3C toRdf tests li11-li14, e122).
        raise InputError(f"the JSON-LD processor (PyLD) cannot read this document ({type(exc).__name__}: {exc})",
                         location=source, hint="check the document against the JSON-LD 1.1 syntax") from None
    return parse_rdf(nquads, "nquads", source=source, graph=graph,
                     limits=dataclasses.replace(limits, max_bytes=max(limits.max_bytes, len(nquads) * 4 + 1)))


def _jsonld_reason(exc: Exception) -> str:
    parts = [str(getattr(exc, "code", "") or ""), str(exc).splitlines()[0] if str(exc) else ""]
    return "; ".join(p for p in parts if p) or "invalid document"


#: Triples between blank nodes beyond one per blank node that canonicalisation accepts (a dense
#: tangle of a dozen blank nodes already takes seconds).
_CYCLE_SLACK = 16


def check_blank_nodes(triples: Iterable[tuple[Node, Node, Node]], limits: Limits = DEFAULT_LIMITS, *,
                      canonical: bool = False, source: str | None = None) -> None:
    """Refuse blank-node structures that recursive writers or canonical labelling cannot afford.

    Always: chains of blank nodes no longer than ``limits.max_depth`` (a writer that nests them,
    as Turtle's ``[ ]`` does, would recurse that deep) and at most ``limits.max_depth`` blank nodes
    on cycles. With ``canonical`` (computing a checksum) also: at most
    ``limits.max_canonical_blank_nodes`` blank nodes and ``limits.max_canonical_blank_edges``
    triples between two blank nodes, and no more such triples than blank nodes plus 16 (nearly a
    forest). Counted iteratively.

    >>> from rdflib import BNode, URIRef
    >>> p = URIRef("http://e/p")
    >>> check_blank_nodes([(BNode("a"), p, BNode("b"))])
    """
    nodes: set[Node] = set()
    out: dict[Node, list[Node]] = {}
    incoming: dict[Node, int] = {}
    edges = 0
    for s, _p, o in triples:
        for term in (s, o):
            if isinstance(term, BNode) and term not in nodes:
                nodes.add(term)
                if canonical and len(nodes) > limits.max_canonical_blank_nodes:
                    raise _refuse(source, f"more than {limits.max_canonical_blank_nodes} blank nodes",
                                  "max_canonical_blank_nodes", limits)
        if isinstance(s, BNode) and isinstance(o, BNode):
            edges += 1
            if canonical and edges > limits.max_canonical_blank_edges:
                raise _refuse(source, f"more than {limits.max_canonical_blank_edges} triples between blank nodes",
                              "max_canonical_blank_edges", limits)
            out.setdefault(s, []).append(o)
            incoming[o] = incoming.get(o, 0) + 1
    if canonical and edges > len(nodes) + _CYCLE_SLACK:
        raise _refuse(source, f"{edges} triples between its {len(nodes)} blank nodes (a tangle, not a tree)",
                      "max_canonical_blank_edges", limits)
    # Longest chain, by Kahn's topological order; what is left over lies on cycles.
    depth = {n: 1 for n in nodes if not incoming.get(n)}
    ready = list(depth)
    left = dict(incoming)
    while ready:
        node = ready.pop()
        for child in out.get(node, ()):
            depth[child] = max(depth.get(child, 0), depth[node] + 1)
            if depth[child] > limits.max_depth:
                raise _refuse(source, f"a chain of more than {limits.max_depth} blank nodes", "max_depth", limits)
            left[child] -= 1
            if not left[child]:
                ready.append(child)
    cyclic = len(nodes) - len(depth)
    if cyclic > limits.max_depth:
        raise _refuse(source, f"{cyclic} blank nodes on cycles", "max_depth", limits)


def _refuse(source: str | None, what: str, limit: str, limits: Limits) -> InputError:
    return InputError(f"the graph has {what} (limit {limit})", location=source, hint=limits.hint(limit))


def is_bundled_context(value: Any) -> bool:
    """Whether a document's ``@context`` is the mlrelease one (by URL or as an inline copy)."""
    if isinstance(value, str):
        return value in CONTEXT_URLS
    if isinstance(value, dict):
        return value == bundled_context()["@context"]
    return False


def graph_to_ntriples(graph: Graph) -> str:
    """Serialise ``graph`` as N-Triples, one triple per line, sorted (so equal graphs give equal text)."""
    lines = graph.serialize(format="nt").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


class _TurtleSerializer(TurtleSerializer):
    """rdflib's Turtle serialiser, except that an xsd:double keeps every digit.

    rdflib abbreviates doubles to six significant digits (``1.234568e+23``), which loses data;
    here a double is written with the shortest digits that read back as the same number.
    """

    def label(self, node: Node, position: int) -> str:
        if isinstance(node, Literal) and node.datatype == XSD.double and isinstance(node.value, float) \
                and math.isfinite(node.value):
            return double_token(node.value)
        return super().label(node, position)


def double_token(value: float) -> str:
    """A finite double as a Turtle DOUBLE token with the shortest exact digits.

    >>> double_token(48.5), double_token(0.1 + 0.2), double_token(-0.0), double_token(1e-7)
    ('4.85E1', '3.0000000000000004E-1', '-0.0E0', '1.0E-7')
    """
    sign, digits, exponent = Decimal(repr(value)).as_tuple()
    text = "".join(map(str, digits)).rstrip("0") or "0"
    power = exponent + len(digits) - 1 if text != "0" else 0  # type: ignore[operator]
    return f"{'-' if sign else ''}{text[0]}.{text[1:] or '0'}E{power}"


def graph_to_turtle(graph: Graph) -> str:
    """Serialise ``graph`` as Turtle with the mlrelease prefixes."""
    out = Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        out.bind(prefix, iri, override=True, replace=True)
    out += graph
    stream = io.BytesIO()
    _TurtleSerializer(out).serialize(stream, encoding="utf-8")
    return stream.getvalue().decode("utf-8")


def dumps_json(value: Any) -> str:
    """JSON text with two-space indents and a final newline (the form mlrelease writes)."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
