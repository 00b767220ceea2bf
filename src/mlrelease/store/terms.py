"""Writing RDF terms into SPARQL text safely, for stores that cannot bind values themselves.

The embedded store binds query parameters through pyoxigraph's ``substitutions``. A remote SPARQL
1.1 server has no binding API, so :func:`sparql_term` serialises a term after strict checks, and
the query module places it in a ``BIND(term AS ?var)`` at the start of the query's ``WHERE`` group.
The checks, in order:

1. the term is a pyoxigraph ``NamedNode`` or ``Literal`` (constructing one validates the IRI,
   language tag and datatype IRI; blank nodes and triple terms are refused);
2. an IRI may hold none of ``<>"{}|^`\\`` nor spaces or control characters, and its scheme must
   be one of :data:`IRI_SCHEMES`;
3. a literal's lexical form is escaped character by character: ``\\`` ``"`` and line breaks get
   their SPARQL escapes, other control characters are refused. No ``\\u`` escape is ever written,
   so the codepoint pre-processing some engines apply to whole queries cannot undo the escaping.

>>> import pyoxigraph as ox
>>> sparql_term(ox.Literal('nobody" || true) } #'))
'"nobody\\\\" || true) } #"'
>>> sparql_term(ox.NamedNode("https://ror.org/05gq02987"))
'<https://ror.org/05gq02987>'
"""

from __future__ import annotations

import re
from typing import Final

import pyoxigraph as ox
from rdflib import XSD

from ..errors import UnsafeValueError

IRI_SCHEMES: Final = ("http", "https", "urn", "doi", "mailto", "tag", "did")
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def check_iri(iri: str) -> str:
    """Return ``iri`` if it is safe to write between angle brackets.

    :raises UnsafeValueError: the IRI has a character or scheme that is not allowed.
    """
    if _BAD_IRI_CHARS.search(iri):
        raise UnsafeValueError(f"the IRI {iri!r} contains a character that is not allowed in an IRI")
    scheme = iri.split(":", 1)[0].lower() if ":" in iri else ""
    if scheme not in IRI_SCHEMES:
        raise UnsafeValueError(f"the IRI {iri!r} has no allowed scheme ({', '.join(IRI_SCHEMES)})")
    try:
        ox.NamedNode(iri)  # RFC 3987 syntax check
    except ValueError as exc:
        raise UnsafeValueError(f"the IRI {iri!r} is not a valid IRI: {exc}") from None
    return iri


def _string(value: str) -> str:
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F:
            raise UnsafeValueError(f"control character U+{ord(ch):04X} in a literal is refused")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def sparql_term(term: ox.NamedNode | ox.Literal) -> str:
    """Serialise ``term`` for SPARQL text, after the checks in the module docstring.

    :raises UnsafeValueError: for blank nodes, triple terms, unsafe IRIs or control characters.
    """
    if isinstance(term, ox.NamedNode):
        return f"<{check_iri(term.value)}>"
    if isinstance(term, ox.Literal):
        text = _string(term.value)
        if term.language:
            if not re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*", term.language):
                raise UnsafeValueError(f"invalid language tag {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype.value == str(XSD.string):
            return text
        return f"{text}^^<{check_iri(term.datatype.value)}>"
    raise UnsafeValueError(f"only IRIs and literals can be bound, not {type(term).__name__}")
