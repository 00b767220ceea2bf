"""A small SPARQL tokenizer: where a query's ``WHERE`` group starts, and its ``SERVICE ?var`` blocks.

Used to place ``BIND`` clauses for parameters on stores without a binding API, and to expand
federated blocks. It only skips strings, IRIs and comments correctly; it does not parse SPARQL.

>>> q = 'SELECT ?r WHERE { ?r a <http://e/C> } # }'
>>> q[:where_group_start(q)]
'SELECT ?r WHERE {'
>>> inject_binds("SELECT ?x { ?x ?p ?o }", {"x": "<http://e/a>"})
'SELECT ?x { BIND(<http://e/a> AS ?x) ?x ?p ?o }'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..errors import InputError, UnsafeValueError

_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-.:]*")
_VAR = re.compile(r"[?$][A-Za-z0-9_]+")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Token:
    """One token: ``kind`` is word, var, iri, string, punct; ``start``/``end`` index the text."""

    kind: str
    value: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Tokenize ``text``, skipping comments; strings and IRIs are single tokens."""
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
        elif ch in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                raise InputError("unterminated string in the query", location=f"offset {i}")
            out.append(Token("string", text[i:j + len(quote)], i, j + len(quote)))
            i = j + len(quote)
        elif ch == "<" and (m := _IRI.match(text, i)):
            out.append(Token("iri", m.group(), i, m.end()))
            i = m.end()
        elif ch in "?$" and (m := _VAR.match(text, i)):
            out.append(Token("var", m.group()[1:], i, m.end()))
            i = m.end()
        elif m := _WORD.match(text, i):
            out.append(Token("word", m.group(), i, m.end()))
            i = m.end()
        else:
            out.append(Token("punct", ch, i, i + 1))
            i += 1
    return out


def where_group_start(text: str) -> int:
    """The index just after the ``{`` that opens the query's top-level ``WHERE`` group.

    :raises InputError: when the query has no such group (an update, or a malformed query).
    """
    toks = tokens(text)
    depth = 0
    saw_form = None
    for k, tok in enumerate(toks):
        if tok.kind == "punct" and tok.value in "({":
            if tok.value == "{" and depth == 0 and saw_form in ("SELECT", "ASK"):
                return tok.end
            depth += 1
        elif tok.kind == "punct" and tok.value in ")}":
            depth -= 1
        elif tok.kind == "word" and depth == 0:
            word = tok.value.upper()
            if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and saw_form is None:
                saw_form = word
            elif word == "WHERE":
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                if nxt is not None and nxt.value == "{":
                    return nxt.end
    raise InputError("the query has no WHERE group to bind parameters in",
                     hint="bind parameters only in SELECT or ASK queries")


def inject_binds(text: str, serialized: dict[str, str]) -> str:
    """Put ``BIND(term AS ?name)`` for each (name, already-serialised term) at the WHERE group start."""
    if not serialized:
        return text
    for name in serialized:
        if not _NAME.match(name):
            raise UnsafeValueError(f"invalid variable name {name!r}")
    at = where_group_start(text)
    binds = " ".join(f"BIND({term} AS ?{name})" for name, term in sorted(serialized.items()))
    return f"{text[:at]} {binds}{text[at:]}"


@dataclass(frozen=True)
class ServiceBlock:
    """A ``SERVICE [SILENT] ?var { ... }`` block: its variable, keyword start and body span."""

    var: str
    silent: bool
    start: int
    body_start: int
    body_end: int
    end: int


def service_blocks(text: str) -> list[ServiceBlock]:
    """The ``SERVICE`` blocks whose endpoint is a variable, outermost first, in text order."""
    toks = tokens(text)
    blocks: list[ServiceBlock] = []
    k = 0
    while k < len(toks):
        tok = toks[k]
        if tok.kind == "word" and tok.value.upper() == "SERVICE":
            j = k + 1
            silent = j < len(toks) and toks[j].kind == "word" and toks[j].value.upper() == "SILENT"
            j += 1 if silent else 0
            if j + 1 < len(toks) and toks[j].kind == "var" and toks[j + 1].value == "{":
                depth, m = 0, j + 1
                while m < len(toks):
                    if toks[m].kind == "punct" and toks[m].value == "{":
                        depth += 1
                    elif toks[m].kind == "punct" and toks[m].value == "}":
                        depth -= 1
                        if depth == 0:
                            break
                    m += 1
                if m >= len(toks):
                    raise InputError("unbalanced braces in a SERVICE block")
                blocks.append(ServiceBlock(toks[j].value, silent, tok.start, toks[j + 1].end,
                                           toks[m].start, toks[m].end))
                k = m
        k += 1
    return blocks


def expand_services(text: str, endpoints: dict[str, list[str]]) -> str:
    """Replace each ``SERVICE ?var { B }`` with one ``SERVICE <e> { B }`` per endpoint, joined by UNION.

    ``endpoints`` maps a variable to already-serialised endpoint IRIs (``<...>``). Each branch also
    binds ``?var`` to its endpoint, so results say which institution answered. Engines such as
    Oxigraph do not evaluate ``SERVICE ?var``, hence this expansion.
    """
    out = text
    for block in reversed(service_blocks(text)):
        if block.var not in endpoints:
            continue
        iris = endpoints[block.var]
        if not iris:
            raise InputError(f"no endpoint given for ?{block.var}")
        body = text[block.body_start:block.body_end]
        silent = "SILENT " if block.silent else ""
        branches = [f"{{ SERVICE {silent}{iri} {{{body}}} BIND({iri} AS ?{block.var}) }}" for iri in iris]
        out = out[:block.start] + " UNION ".join(branches) + out[block.end:]
    return out


def fixed_service(text: str) -> bool:
    """Whether ``text`` has a ``SERVICE <constant>`` (or ``SERVICE SILENT <constant>``): an endpoint fixed in the query.

    >>> fixed_service("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    True
    >>> fixed_service("SELECT * { SERVICE ?at { ?s ?p ?o } }  # SERVICE <x> in a comment")
    False
    """
    toks = tokens(text)
    for i, tok in enumerate(toks[:-1]):
        if tok.kind == "word" and tok.value.upper() == "SERVICE":
            nxt = toks[i + 1]
            if nxt.kind == "word" and nxt.value.upper() == "SILENT" and i + 2 < len(toks):
                nxt = toks[i + 2]
            if nxt.kind != "var":
                return True
    return False


def check_query(text: str, limits: Limits = DEFAULT_LIMITS, *, name: str | None = None) -> None:
    """Refuse a query too large or too deeply nested for an engine, before any engine sees it.

    A group nested 3,000 deep crashes the embedded engine (pyoxigraph) natively and overflows the
    stack of an Oxigraph server, so every query mlrelease runs or sends is checked here: at most
    ``limits.max_query_bytes`` characters and ``limits.max_query_depth`` levels of ``{``, ``(``
    and ``[`` (strings, IRIs and comments do not count). Counted iteratively.

    >>> check_query("SELECT * { { ?s ?p ?o } }", Limits(max_query_depth=2))
    >>> check_query("SELECT * { { { ?s ?p ?o } } }", Limits(max_query_depth=2))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mlrelease.errors.InputError: query, offset 13: the query is nested deeper than 2 levels (limit max_query_depth)
      hint: the limit max_query_depth is 2; if you trust the input, raise it with --max-query-depth N ...
    """
    label = name or "query"
    if len(text) > limits.max_query_bytes:
        raise InputError(f"the query has {len(text)} characters (limit max_query_bytes {limits.max_query_bytes})",
                         location=label, hint=limits.hint("max_query_bytes"))
    depth = 0
    for tok in tokens(text):
        if tok.kind != "punct":
            continue
        if tok.value in "{([":
            depth += 1
            if depth > limits.max_query_depth:
                raise InputError(f"the query is nested deeper than {limits.max_query_depth} levels "
                                 "(limit max_query_depth)", location=f"{label}, offset {tok.start}",
                                 hint=limits.hint("max_query_depth"))
        elif tok.value in "})]":
            depth -= 1
