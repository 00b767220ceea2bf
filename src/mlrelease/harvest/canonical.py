"""The canonical N-Triples of a release graph and its checksum, so that equal graphs compare equal.

Graphs without blank nodes are written as sorted N-Triples. Graphs with blank nodes are first
relabelled by pyoxigraph's canonicalisation, so two parses of the same document give the same text.

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

import pyoxigraph as ox
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.term import Node

from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..codecs.rdf import check_blank_nodes
from ..errors import InputError


def canonical_ntriples(graph: Iterable[tuple[Node, Node, Node]], limits: Limits = DEFAULT_LIMITS) -> str:
    """Sorted N-Triples of ``graph`` (a graph or any triples), with blank nodes canonically labelled.

    Canonical labelling costs grow steeply with long chains and dense tangles of blank nodes (a
    chain of 200 takes a second, 30 fully connected ones exhaust memory), so the blank-node part
    of the graph is measured first (:func:`check_blank_nodes`) and a graph beyond the limits is refused.

    :raises InputError: the graph's blank nodes are beyond ``limits`` (the message says which limit).
    """
    triples = list(graph)
    try:
        check_blank_nodes(triples, limits, canonical=True)
    except InputError as exc:
        raise InputError(f"{exc.message}, too many to give them canonical labels for its checksum",
                         hint=exc.hint) from None
    text = "".join(sorted({_nt_row(triple) for triple in triples}))
    if "_:" not in text:
        return text
    dataset = ox.Dataset(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    data = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS)
    assert data is not None, "pyoxigraph returns bytes when no output is given"
    lines = data.decode("utf-8").splitlines(keepends=True)
    return "".join(sorted(lines))


def checksum(text: str | bytes) -> str:
    """The SHA-256 of ``text`` (UTF-8), as lower-case hex."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()
