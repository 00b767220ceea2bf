"""Canonical N-Triples: sorted lines, blank nodes labelled canonically, so equal graphs give equal text.

>>> from rdflib import URIRef, Literal
>>> canonical_ntriples([(URIRef("https://e.org/r"), URIRef("http://schema.org/name"), Literal("R"))])
'<https://e.org/r> <http://schema.org/name> "R" .\\n'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import XSD, Literal, URIRef
from rdflib.plugins.serializers.nt import _nt_row, _quoteLiteral
from rdflib.term import Node

#: Lexical forms that rdflib keeps as they are (its ``Literal`` normalises a typed literal's lexical
#: form: ``"007"^^xsd:integer`` becomes ``"7"``, ``"ABCD"^^xsd:hexBinary`` ``"abcd"``). A typed
#: literal that matches its pattern here is written directly; any other goes through rdflib, so
#: :func:`nt_literal` always gives the text rdflib gives (tests/test_fast_ntriples.py checks these).
CANONICAL_LEXICAL: dict[str, re.Pattern[str]] = {
    str(XSD.boolean): re.compile(r"(?:true|false)\Z"),
    str(XSD.integer): re.compile(r"(?:0|-?[1-9][0-9]*)\Z"),
    str(XSD.nonNegativeInteger): re.compile(r"(?:0|[1-9][0-9]*)\Z"),
    str(XSD.decimal): re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?\Z"),
    str(XSD.date): re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
    str(XSD.hexBinary): re.compile(r"[0-9a-f]*\Z"),
}
#: Characters rdflib's N-Triples writer does not allow in an IRI (it refuses to write such a graph).
_NOT_WRITABLE_IN_IRI = re.compile(r'[<>" {}|\\^`]')


def nt_iri(value: str) -> str | None:
    """An IRI as N-Triples text, or None where rdflib would refuse to write it (see :data:`_NOT_WRITABLE_IN_IRI`).

    >>> nt_iri("https://e.org/r"), nt_iri("https://e.org/a b")
    ('<https://e.org/r>', None)
    """
    return None if _NOT_WRITABLE_IN_IRI.search(value) else f"<{value}>"


#: N-Triples text of IRIs already written by this process (a harvest or a bulk conversion writes the
#: same predicates, classes and concepts in every record), up to this many.
IRI_MEMO_SIZE = 50_000
_IRI_TEXT: dict[str, str] = {}


def nt_iri_memo(value: str) -> str | None:
    """:func:`nt_iri`, remembered for the process (the first :data:`IRI_MEMO_SIZE` IRIs)."""
    text = _IRI_TEXT.get(value)
    if text is None:
        text = nt_iri(value)
        if text is not None and len(_IRI_TEXT) < IRI_MEMO_SIZE:
            _IRI_TEXT[value] = text
    return text


def nt_literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    """A literal as N-Triples text, exactly as rdflib writes ``Literal(text, lang=lang, datatype=datatype)``.

    >>> nt_literal('say "hi"'), nt_literal("7", str(XSD.integer)), nt_literal("007", str(XSD.integer))
    ('"say \\\\"hi\\\\""', '"7"^^<http://www.w3.org/2001/XMLSchema#integer>', '"7"^^<http://www.w3.org/2001/XMLSchema#integer>')
    """
    if lang is None:
        if datatype is None:
            return '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
        pattern = CANONICAL_LEXICAL.get(datatype)
        if pattern is not None and pattern.match(text):
            return f'"{text}"^^<{datatype}>'
    return _rdflib_literal(text, datatype, lang)


@functools.lru_cache(maxsize=65536)
def _rdflib_literal(text: str, datatype: str | None, lang: str | None) -> str:
    return _quoteLiteral(Literal(text, lang=lang, datatype=URIRef(datatype) if datatype and not lang else None))


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
