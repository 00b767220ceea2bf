"""Canonical N-Triples: sorted lines, blank nodes labelled canonically, so equal graphs give equal text.

>>> from rdflib import URIRef, Literal
>>> canonical_ntriples([(URIRef("https://e.org/r"), URIRef("http://schema.org/name"), Literal("R"))])
'<https://e.org/r> <http://schema.org/name> "R" .\\n'
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.term import Node


def ntriples_line(triple: tuple[Node, Node, Node]) -> str:
    """One triple as a line of N-Triples, as rdflib writes it (blank nodes keep their rdflib ids)."""
    return _nt_row(triple)


def canonical_ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """Sorted N-Triples of ``triples`` (a graph or any triples), with blank nodes canonically labelled."""
    return canonical_lines({ntriples_line(triple) for triple in triples})


def canonical_lines(lines: Iterable[str]) -> str:
    """:func:`canonical_ntriples` of triples given as N-Triples lines (from :func:`ntriples_line`)."""
    text = "".join(sorted(set(lines)))
    if "_:" not in text:
        return text
    dataset = ox.Dataset(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    data = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS)
    assert data is not None, "pyoxigraph returns bytes when no output is given"
    return "".join(sorted(data.decode("utf-8").splitlines(keepends=True)))
