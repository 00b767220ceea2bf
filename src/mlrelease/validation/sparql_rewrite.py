"""Turning a SHACL-SPARQL ``SELECT`` constraint (written for one pre-bound ``$this``) into a set-wise query.

pySHACL runs each ``sh:select`` once per focus node, with ``$this`` in rdflib's ``initBindings``.
rdflib evaluates a join lazily: the variables bound on the left of a join are visible inside the
right side, including inside the ``FILTER``s of a ``UNION`` branch. Oxigraph follows the SPARQL
algebra strictly (a branch is evaluated on its own, then joined). The rewrite here gives the same
rows as rdflib would, for all focus nodes at once:

1. the target pattern (a sub-select binding ``?this`` to every focus node) goes first in the
   ``WHERE`` group, so every top-level ``FILTER`` sees ``?this``;
2. a nested group (a ``UNION`` branch or a plain ``{ }`` group, not an ``OPTIONAL`` or ``EXISTS``
   one) that has a ``FILTER`` of its own gets a copy of what precedes it in its parent group (the
   target pattern and triple patterns only), so its filters see the same bindings as in rdflib.

Whatever this module cannot rewrite with that guarantee (sub-selects, ``MINUS``, ``VALUES``,
``GRAPH``, ``SERVICE``, aggregates, ``LIMIT``/``OFFSET``, a nested filtered group preceded by
anything but triple patterns) raises :class:`UnsupportedShapeError`: never a silent difference.
Only text of the bundled (or caller-supplied) shapes is rewritten; data values never enter a query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import MlreleaseError


class UnsupportedShapeError(MlreleaseError):
    """A shape, constraint component or SPARQL constraint the compiled engine cannot evaluate exactly."""


_TOKEN = re.compile(
    r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r'|(?P<comment>#[^\n]*)'
    r'|(?P<var>[?$][A-Za-z_0-9\u00B7-\uFFFF]+)'
    r'|(?P<word>[A-Za-z_][A-Za-z_0-9\-]*(?::[^\s{}();,/|^*+?!<>=&"\']*)?|:[^\s{}();,/|^*+?!<>=&"\']*)'
    r'|(?P<open>\{)|(?P<close>\})'
    r'|(?P<space>\s+)'
    r'|(?P<other>.)',
    re.DOTALL,
)

_FORBIDDEN = {"MINUS", "VALUES", "GRAPH", "SERVICE", "LIMIT", "OFFSET", "HAVING", "GROUP", "SELECT"}
_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"}
_NOT_TRIPLES = {"OPTIONAL", "BIND", "FILTER", "UNION", "MINUS", "VALUES", "GRAPH", "SERVICE", "EXISTS", "NOT"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def tokenize(text: str) -> list[Token]:
    """The tokens of a SPARQL query, without whitespace and comments."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        out.append(Token(kind, m.group(), m.start(), m.end()))
    return out


@dataclass
class SelectQuery:
    """A parsed ``SELECT`` constraint: its projection and the span of its ``WHERE`` group."""

    text: str
    tokens: list[Token]
    projection: list[str]  # variable names, in order
    distinct: bool
    where_open: int  # token index of the WHERE group's "{"
    where_close: int  # token index of its "}"


def parse_select(text: str, where: str) -> SelectQuery:
    """Split a ``SELECT`` query into projection and ``WHERE`` group, refusing what set-wise evaluation
    cannot reproduce. ``where`` names the constraint in error messages."""
    tokens = tokenize(text)
    i = 0
    while i < len(tokens) and tokens[i].upper in ("PREFIX", "BASE"):
        i += 3 if tokens[i].upper == "PREFIX" else 2
    if i >= len(tokens) or tokens[i].upper != "SELECT":
        raise UnsupportedShapeError(f"{where}: only SELECT constraints are supported (sh:select)")
    i += 1
    distinct = False
    if i < len(tokens) and tokens[i].upper in ("DISTINCT", "REDUCED"):
        distinct = tokens[i].upper == "DISTINCT"
        i += 1
    projection: list[str] = []
    while i < len(tokens) and tokens[i].kind == "var":
        projection.append(tokens[i].text[1:])
        i += 1
    if not projection:
        raise UnsupportedShapeError(f"{where}: the projection must list variables (no SELECT *, no expressions)")
    if i < len(tokens) and tokens[i].upper == "WHERE":
        i += 1
    if i >= len(tokens) or tokens[i].kind != "open":
        raise UnsupportedShapeError(f"{where}: expected the WHERE group after the projection")
    close = _matching(tokens, i)
    if close != len(tokens) - 1:
        trailing = " ".join(t.text for t in tokens[close + 1:])
        raise UnsupportedShapeError(f"{where}: solution modifiers after WHERE are not supported: {trailing}")
    for t in tokens[i:close]:
        if t.upper in _FORBIDDEN:
            raise UnsupportedShapeError(f"{where}: {t.upper} is not supported in a compiled SPARQL constraint")
        if t.upper in _AGGREGATES and _next_is_paren(tokens, t):
            raise UnsupportedShapeError(f"{where}: aggregates are not supported in a compiled SPARQL constraint")
    return SelectQuery(text, tokens, projection, distinct, i, close)


def _next_is_paren(tokens: list[Token], t: Token) -> bool:
    k = tokens.index(t)
    return k + 1 < len(tokens) and tokens[k + 1].text == "("


def _matching(tokens: list[Token], open_index: int) -> int:
    depth = 0
    for k in range(open_index, len(tokens)):
        if tokens[k].kind == "open":
            depth += 1
        elif tokens[k].kind == "close":
            depth -= 1
            if depth == 0:
                return k
    raise UnsupportedShapeError("unbalanced braces in a SPARQL constraint")


def rewrite_where(query: SelectQuery, target: str, where: str) -> str:
    """The ``WHERE`` group of ``query`` with ``target`` (a group pattern binding ``?this``) first,
    and copied into nested filtered groups as the module docstring explains."""
    return _rewrite_group(query, query.where_open, target, where, in_exists=False)


def _children(tokens: list[Token], open_index: int, close_index: int) -> list[int]:
    """Token indexes of the direct child groups' opening braces."""
    out, k = [], open_index + 1
    while k < close_index:
        if tokens[k].kind == "open":
            out.append(k)
            k = _matching(tokens, k) + 1
        else:
            k += 1
    return out


def _own_level(tokens: list[Token], open_index: int, close_index: int) -> list[Token]:
    out, k = [], open_index + 1
    while k < close_index:
        if tokens[k].kind == "open":
            k = _matching(tokens, k) + 1
        else:
            out.append(tokens[k])
            k += 1
    return out


def _rewrite_group(q: SelectQuery, open_index: int, prefix: str, where: str, in_exists: bool) -> str:
    """Text of the group opening at ``open_index``, with ``prefix`` (text) inserted after its ``{``."""
    tokens, text = q.tokens, q.text
    close_index = _matching(tokens, open_index)
    parts: list[str] = ["{ ", prefix, " " if prefix else ""]
    pos = tokens[open_index].end
    for child in _children(tokens, open_index, close_index):
        child_close = _matching(tokens, child)
        kind = _group_kind(tokens, child, open_index)
        child_filtered = any(t.upper == "FILTER" for t in _own_level(tokens, child, child_close))
        if prefix and kind == "exists" and _minus_equivalent(tokens, open_index, child, child_close):
            # FILTER NOT EXISTS { triples with ?this } is MINUS { same } here (?this is bound in every
            # solution of the group and of the triples): oxigraph evaluates MINUS once, by hashing, where
            # it evaluates a NOT EXISTS with joins again for every solution.
            parts.append(text[pos:tokens[child - 3].start])
            parts.append("MINUS " + text[tokens[child].start:tokens[child_close].end])
            pos = tokens[child_close].end
            continue
        if prefix and kind == "exists" and _minus_independent(q, open_index, child, child_close):
            # The same for a NOT EXISTS whose pattern shares only ?this with the rest of the query and
            # binds ?this in every solution: evaluating it with ?this substituted, or on its own and
            # keeping the solutions compatible on ?this, finds the same ones.
            parts.append(text[pos:tokens[child - 3].start])
            parts.append("MINUS " + _rewrite_group(q, child, "", where, True))
            pos = tokens[child_close].end
            continue
        if kind == "exists":
            chained = _chain(q, child, child_close)
            if chained is not None:
                parts.append(text[pos:tokens[child].start])
                parts.append(chained)
                pos = tokens[child_close].end
                continue
        parts.append(text[pos:tokens[child].start])
        if kind in ("exists", "optional"):
            inner_exists = in_exists or kind == "exists"
            parts.append(_rewrite_group(q, child, "", where, inner_exists))
        elif child_filtered:
            if in_exists:
                raise UnsupportedShapeError(f"{where}: a filtered group nested inside EXISTS is not supported")
            preceding = _preceding_triples(q, open_index, child, prefix, where)
            parts.append(_rewrite_group(q, child, preceding, where, in_exists))
        else:
            parts.append(_rewrite_group(q, child, "", where, in_exists))
        pos = tokens[child_close].end
    parts.append(text[pos:tokens[close_index].start])
    parts.append(" }")
    return "".join(parts)


def _minus_equivalent(tokens: list[Token], parent_open: int, child: int, child_close: int) -> bool:
    """Whether ``FILTER NOT EXISTS { ... }`` opening at ``child`` holds only triple patterns mentioning ?this."""
    if child - 3 <= parent_open or [t.upper for t in tokens[child - 3:child]] != ["FILTER", "NOT", "EXISTS"]:
        return False
    inner = tokens[child + 1:child_close]
    if any(t.kind in ("open", "close") or t.upper in _NOT_TRIPLES for t in inner):
        return False
    return any(t.kind == "var" and t.text[1:] == "this" for t in inner)


def _minus_independent(q: SelectQuery, parent_open: int, child: int, child_close: int) -> bool:
    """Whether ``FILTER NOT EXISTS { P }`` at ``child`` is ``MINUS { P }``: P shares no variable but ?this
    with the rest of the query, and binds ?this in each of its solutions."""
    tokens = q.tokens
    if child - 3 <= parent_open or [t.upper for t in tokens[child - 3:child]] != ["FILTER", "NOT", "EXISTS"]:
        return False
    inside = {t.text[1:] for t in tokens[child:child_close] if t.kind == "var"}
    outside = {t.text[1:] for k, t in enumerate(tokens) if t.kind == "var" and not child <= k <= child_close}
    return (inside & outside) <= {"this"} and _binds(tokens, child, child_close, "this")


def _pattern_tokens(tokens: list[Token], open_index: int, close_index: int) -> list[Token]:
    """The group's own-level tokens outside FILTER and BIND expressions (its triple patterns, keywords)."""
    own = _own_level(tokens, open_index, close_index)
    out: list[Token] = []
    k = 0
    while k < len(own):
        t = own[k]
        if t.upper in ("FILTER", "BIND"):
            k += 1
            while k < len(own) and own[k].kind == "word" and own[k].text != "(":  # NOT EXISTS, a function name
                k += 1
            if k < len(own) and own[k].text == "(":
                depth = 0
                while k < len(own):
                    depth += {"(": 1, ")": -1}.get(own[k].text, 0)
                    k += 1
                    if depth == 0:
                        break
            continue
        out.append(t)
        k += 1
    return out


def _binds(tokens: list[Token], open_index: int, close_index: int, name: str) -> bool:
    """Whether every solution of the group binds variable ``name`` (a conservative answer)."""
    if any(t.kind == "var" and t.text[1:] == name for t in _pattern_tokens(tokens, open_index, close_index)):
        return True
    children = _children(tokens, open_index, close_index)
    k = 0
    while k < len(children):
        chain = [children[k]]
        while k + 1 < len(children) and tokens[children[k + 1] - 1].upper == "UNION":
            k += 1
            chain.append(children[k])
        k += 1
        if _group_kind(tokens, chain[0], open_index) in ("exists", "optional"):
            continue
        if all(_binds(tokens, c, _matching(tokens, c), name) for c in chain):
            return True
    return False


_PATH_STEP = re.compile(r"^(<[^<>\s]*>|[A-Za-z_][A-Za-z_0-9\-]*:[^\s]*)$")


def _chain(q: SelectQuery, child: int, child_close: int) -> str | None:
    """``EXISTS { ?s p1/.../pn ?o . FILTER ... }`` as nested single-pattern EXISTS, or None.

    Oxigraph evaluates a join inside EXISTS again for each solution, from scratch; one triple
    pattern per EXISTS, each starting from a bound subject, keeps that to index lookups. The
    filters go innermost, where every variable of the pattern is bound: the same solutions exist.
    """
    tokens, text = q.tokens, q.text
    own = tokens[child + 1:child_close]
    if len(own) < 5 or own[0].kind != "var":
        return None
    k, steps = 1, []
    while k < len(own) and (own[k].kind in ("iri", "word")) and _PATH_STEP.match(own[k].text) \
            and own[k].upper not in _NOT_TRIPLES:
        steps.append(own[k].text)
        if k + 1 < len(own) and own[k + 1].text == "/":
            k += 2
            continue
        k += 1
        break
    if len(steps) < 2 or k >= len(own) or own[k].kind not in ("var", "iri", "word"):
        return None
    obj = own[k].text
    k += 1
    if k < len(own) and own[k].text == ".":
        k += 1
    if k < len(own) and own[k].upper != "FILTER":
        return None
    rest = text[own[k].start:tokens[child_close].start] if k < len(own) else ""
    names = [f"?mlrCq{child}x{i}" for i in range(len(steps) - 1)]
    subjects = [own[0].text, *names]
    objects = [*names, obj]
    inner = f"{{ {subjects[-1]} {steps[-1]} {objects[-1]} . {rest} }}"
    for i in range(len(steps) - 2, -1, -1):
        inner = f"{{ {subjects[i]} {steps[i]} {objects[i]} . FILTER EXISTS {inner} }}"
    return inner


def _group_kind(tokens: list[Token], child: int, parent_open: int) -> str:
    prev = tokens[child - 1] if child - 1 > parent_open else None
    if prev is None:
        return "plain"
    if prev.upper == "EXISTS":
        return "exists"
    if prev.upper == "OPTIONAL":
        return "optional"
    if prev.upper == "UNION":
        return "union"
    return "plain"


def _preceding_triples(q: SelectQuery, parent_open: int, child: int, prefix: str, where: str) -> str:
    """The triple patterns that precede the UNION chain (or plain group) ``child`` belongs to, in its parent."""
    tokens = q.tokens
    # Walk back over "{...} UNION" pairs to the first branch of the chain.
    first = child
    while first - 1 > parent_open and tokens[first - 1].upper == "UNION":
        k = first - 2  # the "}" of the previous branch
        depth = 0
        while k > parent_open:
            if tokens[k].kind == "close":
                depth += 1
            elif tokens[k].kind == "open":
                depth -= 1
                if depth == 0:
                    break
            k -= 1
        first = k
    own = tokens[parent_open + 1:first]
    if any(t.kind in ("open", "close") for t in own) or any(t.upper in _NOT_TRIPLES for t in own):
        raise UnsupportedShapeError(
            f"{where}: a filtered nested group is preceded by more than triple patterns; rdflib would evaluate "
            "its filters with those bindings and the compiled query cannot reproduce that exactly")
    body = q.text[tokens[parent_open].end:tokens[first].start].strip() if first > parent_open + 1 else ""
    out = prefix
    if body:
        out += " " + body
        if not body.endswith("."):
            out += " ."
    return out

