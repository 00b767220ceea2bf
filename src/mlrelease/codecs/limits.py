"""Limits applied to untrusted input before and while it is parsed: one home for every limit.

Every reader (YAML, JSON, JSON-LD, the RDF syntaxes, model cards, MOF manifests), the checksum of
a harvested record and every query sent to an engine take their limits from a :class:`Limits`
object, so that a caller (the API's ``limits=`` arguments, the command line's ``--max-*``
options) can raise any one of them. The defaults refuse hostile input within about 2 s and
256 MiB on one core, and still read a legitimate record of 10,000 artifacts.

When a limit stops a read, the :class:`~mlrelease.errors.InputError` names the limit
(:func:`limit_hint` gives its hint), so the message says how to raise it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


def option_name(field: str) -> str:
    """The ``--max-*`` option of a :class:`Limits` field.

    >>> option_name("max_blank_nodes")
    '--max-blank-nodes'
    """
    return "--" + field.replace("_", "-")


@dataclass(frozen=True)
class Limits:
    """Size and shape limits for one input document (and for the queries mlrelease sends).

    The defaults suit release records (a large one is a few hundred kilobytes); raise them for
    whole-graph inputs, e.g. ``Limits(max_bytes=..., max_triples=...)``.
    """

    #: Bytes of one document (a file, a response, a card).
    max_bytes: int = 10 * 1024 * 1024
    #: Nesting of mappings/lists (YAML, JSON), of ``[``/``(`` (Turtle, TriG) and of XML elements.
    max_depth: int = 64
    #: Nodes of a YAML/JSON document (after aliases are expanded).
    max_nodes: int = 200_000
    #: YAML aliases in one document.
    max_aliases: int = 100
    #: Nodes that YAML aliases expand to, in all (each alias is a copy of its anchor's value).
    max_alias_nodes: int = 10_000
    #: Triples (or quads) of one RDF document.
    max_triples: int = 100_000
    #: Distinct blank nodes of one RDF document.
    max_blank_nodes: int = 100_000
    #: Characters of one IRI.
    max_iri_length: int = 8192
    #: Characters of one literal.
    max_literal_length: int = 1024 * 1024
    #: Digits of one number (a 5,000-digit byteSize is no size).
    max_number_digits: int = 100
    #: Term definitions in the inline JSON-LD contexts of one document.
    max_context_terms: int = 2000
    #: Work of applying scoped JSON-LD contexts: scoped term definitions times JSON objects.
    max_context_cost: int = 200_000
    #: Blank nodes of one record whose checksum is computed canonically (beyond: refused).
    max_canonical_blank_nodes: int = 2000
    #: Blank-node-to-blank-node triples of one record that canonicalisation accepts (beyond: refused).
    max_canonical_blank_edges: int = 4000
    #: Characters of one SPARQL query.
    max_query_bytes: int = 256 * 1024
    #: Nesting of ``{``/``(``/``[`` in one SPARQL query (a deep group crashes engines natively).
    max_query_depth: int = 64
    #: Bytes of a harvested document read in the harvest's own process; a larger one is read in a
    #: child process with the budget below, so that nothing it does can end the harvest.
    max_inline_bytes: int = 64 * 1024
    #: Seconds a harvest worker may spend on one expensive document (see harvest/isolation.py).
    max_seconds: float = 20.0
    #: Bytes of memory a harvest worker may add while reading one expensive document.
    max_memory: int = 768 * 1024 * 1024

    def hint(self, field: str) -> str:
        """How to raise the limit ``field``: the option and the API spelling."""
        return limit_hint(field, getattr(self, field))


def limit_hint(field: str, value: object) -> str:
    """The hint of an error that a limit stopped.

    >>> limit_hint("max_depth", 64)
    'the limit max_depth is 64; if you trust the input, raise it with --max-depth N (API: Limits(max_depth=N))'
    """
    return (f"the limit {field} is {value}; if you trust the input, raise it with {option_name(field)} N "
            f"(API: Limits({field}=N))")


#: The names of every limit, in declaration order (the ``--max-*`` options are made from them).
LIMIT_FIELDS = tuple(f.name for f in fields(Limits))

DEFAULT_LIMITS = Limits()
