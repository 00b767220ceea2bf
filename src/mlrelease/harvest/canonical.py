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
from rdflib import BNode
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.term import Node

from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..errors import InputError

#: Triples between blank nodes beyond one per blank node that canonicalisation accepts (a dense
#: tangle of a dozen blank nodes already takes seconds).
_CYCLE_SLACK = 16


def canonical_ntriples(graph: Iterable[tuple[Node, Node, Node]], limits: Limits = DEFAULT_LIMITS) -> str:
    """Sorted N-Triples of ``graph`` (a graph or any triples), with blank nodes canonically labelled.

    Canonical labelling costs grow steeply with long chains and dense tangles of blank nodes (a
    chain of 200 takes a second, 30 fully connected ones exhaust memory), so the blank-node part
    of the graph is measured first (:func:`check_blank_nodes`) and a graph beyond the limits is refused.

    :raises InputError: the graph's blank nodes are beyond ``limits`` (the message says which limit).
    """
    triples = list(graph)
    check_blank_nodes(triples, limits)
    text = "".join(sorted({_nt_row(triple) for triple in triples}))
    if "_:" not in text:
        return text
    dataset = ox.Dataset(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    data = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS)
    assert data is not None, "pyoxigraph returns bytes when no output is given"
    lines = data.decode("utf-8").splitlines(keepends=True)
    return "".join(sorted(lines))


def check_blank_nodes(triples: Iterable[tuple[Node, Node, Node]], limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse blank-node structures whose canonical labelling would cost too much time or memory.

    Accepted: at most ``limits.max_canonical_blank_nodes`` blank nodes and
    ``limits.max_canonical_blank_edges`` triples between two blank nodes, no more such triples
    than blank nodes plus 16 (nearly a forest), chains no longer than
    ``limits.max_depth``, and at most ``limits.max_depth`` blank nodes on cycles. Counted iteratively.

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
                if len(nodes) > limits.max_canonical_blank_nodes:
                    raise _refuse(f"more than {limits.max_canonical_blank_nodes} blank nodes",
                                  "max_canonical_blank_nodes", limits)
        if isinstance(s, BNode) and isinstance(o, BNode):
            edges += 1
            if edges > limits.max_canonical_blank_edges:
                raise _refuse(f"more than {limits.max_canonical_blank_edges} triples between blank nodes",
                              "max_canonical_blank_edges", limits)
            out.setdefault(s, []).append(o)
            incoming[o] = incoming.get(o, 0) + 1
    if edges > len(nodes) + _CYCLE_SLACK:
        raise _refuse(f"{edges} triples between its {len(nodes)} blank nodes (a tangle, not a tree)", "max_depth",
                      limits)
    # Longest chain, by Kahn's topological order; what is left over lies on cycles.
    depth = {n: 1 for n in nodes if not incoming.get(n)}
    ready = list(depth)
    left = dict(incoming)
    while ready:
        node = ready.pop()
        for child in out.get(node, ()):
            depth[child] = max(depth.get(child, 0), depth[node] + 1)
            if depth[child] > limits.max_depth:
                raise _refuse(f"a chain of more than {limits.max_depth} blank nodes", "max_depth", limits)
            left[child] -= 1
            if not left[child]:
                ready.append(child)
    cyclic = len(nodes) - len(depth)
    if cyclic > limits.max_depth:
        raise _refuse(f"{cyclic} blank nodes on cycles", "max_depth", limits)


def _refuse(what: str, limit: str, limits: Limits) -> InputError:
    return InputError(f"the record has {what}, too many to give them canonical labels for its checksum "
                      f"(limit {limit})", hint=limits.hint(limit))


def checksum(text: str | bytes) -> str:
    """The SHA-256 of ``text`` (UTF-8), as lower-case hex."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()
