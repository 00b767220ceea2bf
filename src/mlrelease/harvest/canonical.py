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

from ..codecs.ntriples import canonical_lines, canonical_ntriples, ntriples_line


def checksum(text: str | bytes) -> str:
    """The SHA-256 of ``text`` (UTF-8), as lower-case hex."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


__all__ = ["canonical_lines", "canonical_ntriples", "checksum", "ntriples_line"]
