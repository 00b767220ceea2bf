"""The canonical N-Triples of a release graph and its checksum, so that equal graphs compare equal.

Graphs without blank nodes are written as sorted N-Triples. Graphs with blank nodes are first
relabelled by pyoxigraph's canonicalisation, so two parses of the same document give the same text
(:mod:`mlrelease.codecs.ntriples`).

>>> from rdflib import Graph, URIRef, Literal
>>> g = Graph().add((URIRef("https://e.org/r"), URIRef("http://schema.org/name"), Literal("R")))
>>> canonical_ntriples(g)
'<https://e.org/r> <http://schema.org/name> "R" .\\n'
>>> checksum(canonical_ntriples(g))[:12]
'28069e1e56d0'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import BNode, Literal, Node, URIRef

from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..codecs.ntriples import canonical_lines, nt_iri_memo, ntriples_line
from ..codecs.ntriples import canonical_ntriples as _canonical_ntriples
from ..codecs.rdf import check_blank_nodes
from ..errors import InputError


def _iri(term: URIRef) -> str:
    # rdflib's n3() checks the IRI again on every call; an IRI it would refuse still goes through it (and raises).
    return nt_iri_memo(str(term)) or term.n3()


def fast_ntriples_line(triple: tuple[Node, Node, Node]) -> str:
    """:func:`ntriples_line` (rdflib's N-Triples line), the same text, with IRIs written once per process.

    >>> from rdflib import URIRef, Literal
    >>> t = (URIRef("https://e.org/r"), URIRef("http://schema.org/name"), Literal('a "b"', lang="en"))
    >>> fast_ntriples_line(t) == ntriples_line(t)
    True
    """
    s, p, o = triple
    subject = _iri(s) if type(s) is URIRef else s.n3()
    predicate = _iri(p) if type(p) is URIRef else p.n3()
    if isinstance(o, Literal):
        obj = _quoteLiteral(o)
    elif type(o) is URIRef:
        obj = _iri(o)
    else:
        obj = o.n3()
    return f"{subject} {predicate} {obj} .\n"


def has_blank_node(triples: Iterable[tuple[Node, Node, Node]]) -> bool:
    """Whether any of ``triples`` has a blank node (then :func:`check_canonical` has work to do)."""
    return any(isinstance(s, BNode) or isinstance(o, BNode) for s, _p, o in triples)


def check_canonical(triples: Iterable[tuple[Node, Node, Node]], limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a graph whose blank nodes would cost too much to label canonically.

    Canonical labelling costs grow steeply with long chains and dense tangles of blank nodes (a
    chain of 200 takes a second, 30 fully connected ones exhaust memory), so the blank-node part
    of the graph is measured first (:func:`check_blank_nodes`).

    :raises InputError: the graph's blank nodes are beyond ``limits`` (the message says which limit).
    """
    try:
        check_blank_nodes(triples, limits, canonical=True)
    except InputError as exc:
        raise InputError(f"{exc.message}, too many to give them canonical labels for its checksum",
                         hint=exc.hint) from None


def canonical_ntriples(graph: Iterable[tuple[Node, Node, Node]], limits: Limits = DEFAULT_LIMITS) -> str:
    """Sorted N-Triples of ``graph`` (a graph or any triples), with blank nodes canonically labelled.

    :raises InputError: the graph's blank nodes are beyond ``limits`` (:func:`check_canonical`).
    """
    triples = list(graph)
    check_canonical(triples, limits)
    return _canonical_ntriples(triples)


def checksum(text: str | bytes) -> str:
    """The SHA-256 of ``text`` (UTF-8), as lower-case hex."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


__all__ = ["canonical_lines", "canonical_ntriples", "check_canonical", "checksum", "fast_ntriples_line",
           "has_blank_node", "ntriples_line"]
