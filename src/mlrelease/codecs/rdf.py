"""Parsing and writing RDF safely: pyoxigraph for RDF syntaxes, PyLD with a frozen loader for JSON-LD.

Nothing here touches the network. rdflib's own JSON-LD parser (which fetches remote contexts) is
never given input; JSON-LD goes through PyLD with a document loader that serves the bundled
mlrelease context and refuses every other URL.
"""

from __future__ import annotations

import io
import json
import math
import re
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from pyld import jsonld
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from ..errors import InputError
from ..iris import PREFIXES
from ..vocabulary import context as bundled_context
from . import readlog
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


def _to_rdflib(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        value = term.value
        if value.startswith(_SCHEMA_HTTPS):
            value = _SCHEMA_HTTP + value[len(_SCHEMA_HTTPS):]
        return URIRef(value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == str(XSD.string) else URIRef(dt))
    raise InputError(f"unsupported RDF term {term!r} (RDF 1.2 triple terms are not accepted)")


def parse_rdf(text: str, format: str, *, source: str = "<string>", limits: Limits = DEFAULT_LIMITS,
              graph: Graph | None = None) -> Graph:
    """Parse RDF ``text`` in ``format`` (turtle, ntriples, nquads, trig, rdfxml) into an rdflib graph.

    schema.org IRIs written with https are normalised to http. Named graphs are merged (and
    noted in the open :func:`mlrelease.codecs.readlog.recording` log, so that a harvest can refuse or report them).

    :raises InputError: on a syntax error (with line and column), a DTD or entity in RDF/XML, or
        input larger than ``limits.max_bytes``.
    """
    data = text.encode("utf-8")
    if len(data) > limits.max_bytes:
        raise InputError(f"document is larger than the limit of {limits.max_bytes} bytes", location=source)
    if format == "rdfxml" and re.search(r"<!(DOCTYPE|ENTITY)", text):
        raise InputError("RDF/XML with a DOCTYPE or entity declarations is refused", location=source,
                         hint="remove the DOCTYPE; entities can expand without bound")
    graph = graph if graph is not None else Graph()
    log = readlog.current()
    named = log.named_graphs if log is not None else None
    try:
        for quad in ox.parse(data, format=RDF_FORMATS[format], base_iri=None):
            if named is not None and not isinstance(quad.graph_name, ox.DefaultGraph):
                gname = quad.graph_name
                name = gname.value if isinstance(gname, ox.NamedNode) else f"_:{gname.value}"
                if name not in named:
                    named.append(name)
            graph.add((_to_rdflib(quad.subject), _to_rdflib(quad.predicate), _to_rdflib(quad.object)))
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


def jsonld_to_graph(doc: Any, *, source: str = "<string>", graph: Graph | None = None) -> Graph:
    """Convert a parsed JSON-LD document to RDF offline (PyLD with a frozen document loader).

    :raises InputError: on a remote context, or a document that is not valid JSON-LD.
    """
    refuse_remote_contexts(doc, source)
    try:
        nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": _loader,
                                     "base": None})
    except jsonld.JsonLdError as exc:
        raise InputError(f"not valid JSON-LD: {_jsonld_reason(exc)}", location=source,
                         hint="check the document against the JSON-LD 1.1 syntax") from None
    return parse_rdf(nquads, "nquads", source=source, graph=graph,
                     limits=Limits(max_bytes=max(DEFAULT_LIMITS.max_bytes, len(nquads.encode()) + 1)))


def _jsonld_reason(exc: Exception) -> str:
    parts = [str(getattr(exc, "code", "") or ""), str(exc).splitlines()[0] if str(exc) else ""]
    return "; ".join(p for p in parts if p) or "invalid document"


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
