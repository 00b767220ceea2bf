"""How findings name a shape and show a path: one rule for both engines (their results must be equal)."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node


def shape_name(shapes: Graph, shape: Node | None) -> str:
    """The IRI of ``shape``, or of the named shape that holds an anonymous one (a SPARQL constraint)."""
    if isinstance(shape, URIRef):
        return str(shape)
    if shape is not None:
        for parent in shapes.subjects(None, shape):
            if isinstance(parent, URIRef):
                return str(parent)
    return "(anonymous shape)"


def path_text(graph: Graph, path: Node | None) -> str | None:
    """A path as findings show it: the property IRI, ``^IRI`` for an inverse path, else "(complex path)"."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return str(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{inverse}"
    return "(complex path)"
