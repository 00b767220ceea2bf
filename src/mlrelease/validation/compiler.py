"""Compiling a SHACL shapes graph into SPARQL queries that check all focus nodes at once.

Each reporting constraint (a constraint component of a targeted shape, or of a property shape of a
targeted shape, or a SPARQL-based constraint) becomes one ``SELECT ?this ...`` query whose rows are
the validation results pySHACL would report for it. Queries are text built from the shapes graph only
(our shapes, or a test suite's); data values never enter them: the data is what they run on.

The data graph and reference graph are the default graph of the query (a union of two graphs); the
placeholder ``{DATA}`` in each query is replaced by the IRI of the data's named graph, so that focus
nodes are kept only when they are nodes of the data (as :class:`~.engine.PyShaclEngine` filters them).

Supported, at any nesting through ``sh:node`` and ``sh:property``: targets ``sh:targetClass``
(with ``rdfs:subClassOf*``), ``sh:targetNode``, ``sh:targetObjectsOf``, ``sh:targetSubjectsOf`` and
implicit class targets; paths (IRI, inverse, sequence, alternative, zero-or-more, one-or-more,
zero-or-one); ``sh:minCount``, ``sh:maxCount``, ``sh:nodeKind``, ``sh:hasValue``, ``sh:datatype``,
``sh:pattern`` (with ``sh:flags``), ``sh:class``, ``sh:node``, ``sh:in``, ``sh:deactivated``;
``sh:sparql`` with ``sh:select``, ``sh:prefixes``/``sh:declare`` (see :mod:`.sparql_rewrite`).
Anything else raises :class:`UnsupportedShapeError` when the shapes are compiled.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from .naming import path_text, shape_name
from .sparql_rewrite import UnsupportedShapeError, parse_select, rewrite_where, tokenize

DATA = "{DATA}"  # placeholder for the data graph's IRI
FOCUS = "{FOCUS}"  # placeholder for the graph that holds each focus set (see CompiledShapes.focus)
FOCUS_SET = "urn:x-mlrelease:validation:focus-set"  # predicate (and object prefix) of the focus-set graph

#: Predicates on a shape that do not constrain anything (or are handled where the shape is reached).
_INERT = {SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group, SH.defaultValue,
          SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf, SH.property, SH.path,
          SH.deactivated, SH.sparql, SH.declare, SH.prefixes, SH.flags}
#: Constraint components evaluated on each value node.
_VALUE_COMPONENTS = {SH.datatype, SH.nodeKind, SH.pattern, SH["class"], SH.node, SH["in"]}
#: Constraint components evaluated on the set of value nodes of a property shape.
_SET_COMPONENTS = {SH.minCount, SH.maxCount, SH.hasValue}
SUPPORTED = _INERT | _VALUE_COMPONENTS | _SET_COMPONENTS

#: Datatypes whose literals pySHACL also checks for well-formedness (via rdflib's Python value).
CHECKED_DATATYPES = {XSD.integer, XSD.float, XSD.decimal, XSD.boolean, XSD.date, XSD.time, XSD.dateTime}
#: Lexical forms that are surely well-formed for these datatypes (the rest are checked in Python).
_SAFE_LEXICAL = {
    XSD.date: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$",
    XSD.integer: "^[+-]?[0-9]+$",
    XSD.boolean: "^(true|false)$",
}
_NODE_KINDS = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}


@dataclass(frozen=True)
class Check:
    """One compiled constraint: its query (with ``{DATA}``) and how to turn its rows into findings."""

    shape: str  # the reporting shape, as findings name it
    severity: str  # Violation | Warning | Info
    query: str
    kind: str  # "core" | "sparql"
    path: str | None  # the path as findings show it (property shapes)
    component: str  # e.g. "minCount", "sparql"
    shape_messages: tuple[tuple[str, str | None], ...] = ()  # (text, language) of the shape's sh:message
    constraint_messages: tuple[tuple[str, str | None], ...] = ()  # of the SPARQL constraint
    projection: tuple[str, ...] = ()  # SPARQL constraints: the constraint's own projection
    value_is_focus: bool = False  # node shapes: the value of a result is the focus node
    datatype: str | None = None  # sh:datatype whose literals need the well-formedness check in Python
    source_path: str | None = None  # SPARQL constraints on property shapes: the path shown


@dataclass
class CompiledShapes:
    """The checks of a shapes graph, twice: ``checks`` find instances of a class (class targets,
    ``sh:class``) with ``rdf:type/rdfs:subClassOf*``; ``direct`` with ``rdf:type`` alone, which oxigraph
    plans far better and which finds the same nodes when none of ``classes`` has a subclass in the
    data or reference."""

    checks: list[Check] = field(default_factory=list)
    direct: list[Check] = field(default_factory=list)
    classes: tuple[str, ...] = ()
    #: The focus sets ``checks`` (and ``direct``) read: ``SELECT DISTINCT ?this`` queries over the data and
    #: reference (with ``{DATA}``), each materialised once per validation into the graph ``{FOCUS}`` as
    #: ``?this <FOCUS_SET> <FOCUS_SET:k>`` before the checks run; many checks share one focus set.
    focus: tuple[str, ...] = ()
    direct_focus: tuple[str, ...] = ()


def term(node: Node) -> str:
    """A term of the shapes graph as SPARQL text (IRIs and literals of the shapes only)."""
    if isinstance(node, URIRef):
        text = str(node)
        if any(c in text for c in '<>"{}|^`\\ \n\t'):
            raise UnsupportedShapeError(f"IRI {text!r} cannot be written in SPARQL")
        return f"<{text}>"
    if isinstance(node, Literal):
        return node.n3()
    raise UnsupportedShapeError(f"a blank node ({node}) cannot be a constant in a compiled query")


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def sparql_path(shapes: Graph, path: Node, depth: int = 0) -> str:
    """A SHACL path as a SPARQL property path."""
    if depth > 12:
        raise UnsupportedShapeError("property path nested too deep")
    if isinstance(path, URIRef):
        return term(path)
    if not isinstance(path, BNode):
        raise UnsupportedShapeError(f"invalid property path {path!r}")
    if (path, RDF.first, None) in shapes:
        items = list(Collection(shapes, path))
        if len(items) < 2:
            raise UnsupportedShapeError("a sequence path needs at least two items")
        return "(" + " / ".join(sparql_path(shapes, i, depth + 1) for i in items) + ")"
    for predicate, fmt in ((SH.inversePath, "^({})"), (SH.zeroOrMorePath, "({})*"),
                           (SH.oneOrMorePath, "({})+"), (SH.zeroOrOnePath, "({})?")):
        inner = shapes.value(path, predicate)
        if inner is not None:
            return fmt.format(sparql_path(shapes, inner, depth + 1))
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        items = list(Collection(shapes, alternatives))
        if len(items) < 2:
            raise UnsupportedShapeError("an alternative path needs at least two items")
        return "(" + " | ".join(sparql_path(shapes, i, depth + 1) for i in items) + ")"
    raise UnsupportedShapeError(f"unsupported property path {path}")


#: A target: a function from a variable name to a group pattern binding that variable to focus nodes.
Target = Callable[[str], str]


class _Compiler:
    def __init__(self, shapes: Graph, direct: bool = False) -> None:
        self.shapes = shapes
        self.direct = direct  # class targets without subclasses (see CompiledShapes)
        self.classes: set[str] = set()
        self.checks: list[Check] = []
        self.fresh = 0
        self.prefixes_cache: dict[Node, str] = {}
        self.focus_sets: dict[str, int] = {}  # canonical text of a focus-set query -> its number

    def var(self, stem: str) -> str:
        self.fresh += 1
        return f"?mlrC{stem}{self.fresh}"

    # --- shapes and targets --------------------------------------------------------------------------------

    def all_shapes(self) -> list[Node]:
        g = self.shapes
        found: set[Node] = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
        for p in (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf, SH.path):
            found |= set(g.subjects(p, None))
        found |= set(g.objects(None, SH.property)) | set(g.objects(None, SH.node))
        return sorted(found, key=str)

    def targets(self, shape: Node) -> list[Target]:
        g = self.shapes
        out: list[Target] = []
        classes = list(g.objects(shape, SH.targetClass))
        if isinstance(shape, URIRef) and ((shape, RDF.type, RDFS.Class) in g or (shape, RDF.type, OWL.Class) in g):
            classes.append(shape)
        for cls in classes:
            out.append(functools.partial(self._class_target, cls))
        for node in g.objects(shape, SH.targetNode):
            out.append(functools.partial(self._node_target, node))
        for prop in g.objects(shape, SH.targetObjectsOf):
            out.append(functools.partial(self._objects_target, prop))
        for prop in g.objects(shape, SH.targetSubjectsOf):
            out.append(functools.partial(self._subjects_target, prop))
        return out

    def _class_target(self, cls: Node, v: str) -> str:
        self.classes.add(str(cls))
        if self.direct:
            return f"{{ {v} <{RDF.type}> {term(cls)} . }}"
        return f"{{ {v} <{RDF.type}>/<{RDFS.subClassOf}>* {term(cls)} . }}"

    def _node_target(self, node: Node, v: str) -> str:
        return f"{{ BIND ({term(node)} AS {v}) }}"

    def _objects_target(self, prop: Node, v: str) -> str:
        return f"{{ {self.var('s')} {term(prop)} {v} . }}"

    def _subjects_target(self, prop: Node, v: str) -> str:
        return f"{{ {v} {term(prop)} {self.var('o')} . }}"

    def deactivated(self, node: Node) -> bool:
        value = self.shapes.value(node, SH.deactivated)
        return isinstance(value, Literal) and value.value is True

    def compile(self) -> CompiledShapes:
        for shape in self.all_shapes():
            self.check_supported(shape)
        # Each shape reports on its focus nodes: those of its own targets, and, for a property shape, the
        # focus nodes of every shape that has it as sh:property (values of the parent's path if the parent
        # is a property shape itself).
        for shape in self.all_shapes():
            if self.deactivated(shape):
                continue
            focus = self.focus_targets(shape, set())
            if focus:
                self.compile_shape(shape, focus)
        return CompiledShapes(self.checks, focus=tuple(self.focus_sets))

    def focus_targets(self, shape: Node, seen: set[Node]) -> list[Target]:
        if shape in seen:
            raise UnsupportedShapeError(f"recursive shape {shape} (through sh:property)")
        seen = seen | {shape}
        out = list(self.targets(shape))
        for parent in self.shapes.subjects(SH.property, shape):
            if self.deactivated(parent):
                continue
            parent_targets = self.focus_targets(parent, seen)
            parent_path = self.shapes.value(parent, SH.path)
            if parent_path is None:
                out.extend(parent_targets)
            elif parent_targets:
                path = sparql_path(self.shapes, parent_path)
                out.append(functools.partial(self._values_target, tuple(parent_targets), path))
        return out

    def _values_target(self, parents: tuple[Target, ...], path: str, v: str) -> str:
        f = self.var("f")
        return f"{{ SELECT DISTINCT {v} WHERE {{ {self.union(parents, f)} {f} {path} {v} . }} }}"

    def union(self, targets: tuple[Target, ...] | list[Target], v: str) -> str:
        return " UNION ".join(t(v) for t in targets)

    def reporting_target(self, targets: list[Target]) -> str:
        """A group binding ``?this`` to the focus nodes that are IRIs of the data graph.

        The focus nodes are computed once per validation for all checks that share the same targets
        (:attr:`CompiledShapes.focus`); the group reads them from the focus-set graph, an index lookup,
        instead of evaluating the targets and the data-graph filter again in every check.
        """
        p, o, s = self.var("p"), self.var("o"), self.var("s")
        query = (f"SELECT DISTINCT ?this WHERE {{ {self.union(targets, '?this')} "
                 f"FILTER (isIRI(?this) && (EXISTS {{ GRAPH <{DATA}> {{ ?this {p} {o} }} }} "
                 f"|| EXISTS {{ GRAPH <{DATA}> {{ {s} {p} ?this }} }})) }}")
        names: dict[str, str] = {}
        canonical = re.sub(r"\?mlrC[a-z]+\d+", lambda m: names.setdefault(m.group(0), f"?mlrCf{len(names)}"), query)
        number = self.focus_sets.setdefault(canonical, len(self.focus_sets))
        return f"{{ GRAPH <{FOCUS}> {{ ?this <{FOCUS_SET}> <{FOCUS_SET}:{number}> }} }}"

    def check_supported(self, shape: Node) -> None:
        for predicate in set(self.shapes.predicates(shape, None)):
            if str(predicate).startswith(str(SH)) and predicate not in SUPPORTED:
                raise UnsupportedShapeError(
                    f"shape {shape}: the constraint component {predicate.n3(self.shapes.namespace_manager)} is not "
                    "supported by the compiled engine", hint="validate with engine='pyshacl'")
        if len(list(self.shapes.objects(shape, SH.path))) > 1:
            raise UnsupportedShapeError(f"shape {shape}: more than one sh:path")

    # --- reporting constraints -----------------------------------------------------------------------------

    def severity(self, shape: Node) -> str:
        s = self.shapes.value(shape, SH.severity)
        return str(s).rsplit("#", 1)[-1] if s is not None else "Violation"

    def messages(self, node: Node) -> tuple[tuple[str, str | None], ...]:
        return tuple(sorted({(str(m), m.language if isinstance(m, Literal) else None)
                             for m in self.shapes.objects(node, SH.message)}, key=lambda m: (m[0], m[1] or "")))

    def compile_shape(self, shape: Node, targets: list[Target]) -> None:
        g = self.shapes
        path_node = g.value(shape, SH.path)
        path = sparql_path(g, path_node) if path_node is not None else None
        base = Check(shape=shape_name(g, shape), severity=self.severity(shape), query="", kind="core",
                     path=path_text(g, path_node), component="", shape_messages=self.messages(shape),
                     value_is_focus=path is None)
        target = self.reporting_target(targets)
        for component in sorted(set(g.predicates(shape, None)) & (_VALUE_COMPONENTS | _SET_COMPONENTS), key=str):
            for param in sorted(g.objects(shape, component), key=str):
                name = str(component).rsplit("#", 1)[-1]
                query, datatype = self.core_query(shape, component, param, path, target)
                self.checks.append(dataclasses.replace(base, query=query, component=name, datatype=datatype))
        for constraint in sorted(g.objects(shape, SH.sparql), key=str):
            if self.deactivated(constraint):
                continue
            self.checks.append(self.sparql_check(shape, constraint, path, target, base))

    def core_query(self, shape: Node, component: Node, param: Node, path: str | None,
                   target: str) -> tuple[str, str | None]:
        values = f"?this {path} ?value ." if path is not None else "BIND (?this AS ?value)"
        if component in _SET_COMPONENTS:
            if path is None:
                if component == SH.hasValue:
                    return (f"SELECT DISTINCT ?this WHERE {{ {target} FILTER (!sameTerm(?this, {term(param)})) }}",
                            None)
                raise UnsupportedShapeError(f"shape {shape}: {component} needs a property shape")
            if component == SH.hasValue:
                return (f"SELECT DISTINCT ?this WHERE {{ {target} "
                        f"FILTER NOT EXISTS {{ ?this {path} {term(param)} }} }}"), None
            n = self.count(shape, component, param)
            if component == SH.minCount:
                if n == 0:
                    return "SELECT ?this WHERE { FILTER (false) }", None
                if n == 1:
                    return f"SELECT DISTINCT ?this WHERE {{ {target} FILTER NOT EXISTS {{ ?this {path} ?v }} }}", None
                return (f"SELECT ?this WHERE {{ {target} OPTIONAL {{ ?this {path} ?v }} }} "
                        f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {n})"), None
            return (f"SELECT ?this WHERE {{ {target} ?this {path} ?v . }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {n})"), None
        datatype = None
        if component == SH.datatype and param in CHECKED_DATATYPES:
            datatype = str(param)
            safe = _SAFE_LEXICAL.get(param)  # type: ignore[call-overload]
            # Values of the datatype that are surely well-formed pass here; the others go to Python.
            keep = f"!(isLiteral(?value) && sameTerm(datatype(?value), {term(param)})" + (
                f" && REGEX(STR(?value), {_string(safe)}))" if safe else " && false)")
            return f"SELECT DISTINCT ?this ?value WHERE {{ {target} {values} FILTER ({keep}) }}", datatype
        violates = self.value_violation(shape, component, param, "?value", set())
        return f"SELECT DISTINCT ?this ?value WHERE {{ {target} {values} FILTER ({violates}) }}", datatype

    def count(self, shape: Node, component: Node, param: Node) -> int:
        if not (isinstance(param, Literal) and isinstance(param.value, int) and param.value >= 0):
            raise UnsupportedShapeError(f"shape {shape}: {component} must be a non-negative integer")
        return int(param.value)

    # --- conformance of a value to a component (nested, through sh:node) -------------------------------------

    def value_violation(self, shape: Node, component: Node, param: Node, v: str, seen: set[Node]) -> str:
        """A SPARQL expression true when value ``v`` violates ``component`` with ``param``."""
        if component == SH.datatype:
            if param == RDFS.Literal:
                return f"!isLiteral({v})"
            if param == XSD.string:
                return f"!(isLiteral({v}) && sameTerm(datatype({v}), {term(XSD.string)}))"
            if param == RDF.langString:
                return f"!(isLiteral({v}) && lang({v}) != \"\")"
            if param in CHECKED_DATATYPES:
                raise UnsupportedShapeError(
                    f"shape {shape}: sh:datatype {param} is supported only on a targeted shape (its well-formedness "
                    "check runs in Python), not through sh:node")
            return f"!(isLiteral({v}) && sameTerm(datatype({v}), {term(param)}))"
        if component == SH.nodeKind:
            if param not in _NODE_KINDS:
                raise UnsupportedShapeError(f"shape {shape}: unknown sh:nodeKind {param}")
            return "!" + _NODE_KINDS[param].format(v=v)  # type: ignore[index]
        if component == SH.pattern:
            flags = self.shapes.value(shape, SH.flags)
            extra = f", {_string(str(flags))}" if flags is not None else ""
            return f"(isBlank({v}) || !REGEX(STR({v}), {_string(str(param))}{extra}))"
        if component == SH["class"]:
            self.classes.add(str(param))
            if self.direct:
                return f"NOT EXISTS {{ {v} <{RDF.type}> {term(param)} }}"
            return f"NOT EXISTS {{ {v} <{RDF.type}>/<{RDFS.subClassOf}>* {term(param)} }}"
        if component == SH["in"]:
            members = list(Collection(self.shapes, param))
            if not members:
                return "true"
            return "!(" + " || ".join(f"sameTerm({v}, {term(m)})" for m in members) + ")"
        if component == SH.node:
            return self.nonconformance(param, v, seen)
        raise UnsupportedShapeError(f"shape {shape}: {component} is not a value constraint")

    def nonconformance(self, shape: Node, v: str, seen: set[Node]) -> str:
        """A SPARQL expression true when ``v`` does not conform to ``shape`` (any result, any severity)."""
        if shape in seen:
            raise UnsupportedShapeError(f"recursive shape {shape} (through sh:node)")
        seen = seen | {shape}
        g = self.shapes
        self.check_supported(shape)
        if self.deactivated(shape):
            return "false"
        if (shape, SH.sparql, None) in g:
            raise UnsupportedShapeError(f"shape {shape}: SPARQL constraints are supported only on targeted shapes "
                                        "and their property shapes, not through sh:node")
        parts: list[str] = []
        path_node = g.value(shape, SH.path)
        if path_node is not None:
            parts.extend(self.property_nonconformance(shape, sparql_path(g, path_node), v, seen))
        else:
            for component in sorted(set(g.predicates(shape, None)) & _VALUE_COMPONENTS, key=str):
                for param in g.objects(shape, component):
                    parts.append(self.value_violation(shape, component, param, v, seen))
            for param in g.objects(shape, SH.hasValue):
                parts.append(f"!sameTerm({v}, {term(param)})")
            if set(g.predicates(shape, None)) & {SH.minCount, SH.maxCount}:
                raise UnsupportedShapeError(f"shape {shape}: sh:minCount/sh:maxCount need a property shape")
        for prop in g.objects(shape, SH.property):
            if self.deactivated(prop):
                continue
            prop_path = g.value(prop, SH.path)
            if prop_path is None:
                raise UnsupportedShapeError(f"property shape {prop} has no sh:path")
            self.check_supported(prop)
            if (prop, SH.sparql, None) in g or (prop, SH.property, None) in g:
                raise UnsupportedShapeError(
                    f"shape {prop}: nested SPARQL or sh:property under sh:node is not supported")
            parts.extend(self.property_nonconformance(prop, sparql_path(g, prop_path), v, seen))
        return "(" + " || ".join(parts) + ")" if parts else "false"

    def property_nonconformance(self, shape: Node, path: str, v: str, seen: set[Node]) -> Iterator[str]:
        g = self.shapes
        for param in g.objects(shape, SH.minCount):
            n = self.count(shape, SH.minCount, param)
            if n > 0:
                yield self.fewer_than(path, v, n)
        for param in g.objects(shape, SH.maxCount):
            n = self.count(shape, SH.maxCount, param)
            yield f"!{self.fewer_than(path, v, n + 1)}"
        for param in g.objects(shape, SH.hasValue):
            yield f"NOT EXISTS {{ {v} {path} {term(param)} }}"
        for component in sorted(set(g.predicates(shape, None)) & _VALUE_COMPONENTS, key=str):
            for param in g.objects(shape, component):
                w = self.var("w")
                yield f"EXISTS {{ {v} {path} {w} . FILTER ({self.value_violation(shape, component, param, w, seen)}) }}"

    def fewer_than(self, path: str, v: str, n: int) -> str:
        """An expression true when ``v`` has fewer than ``n`` distinct values of ``path``."""
        if n > 4:
            raise UnsupportedShapeError(f"cardinality {n} through sh:node is not supported (at most 3)")
        ws = [self.var("w") for _ in range(n)]
        triples = " ".join(f"{v} {path} {w} ." for w in ws)
        distinct = " && ".join(f"!sameTerm({a}, {b})" for i, a in enumerate(ws) for b in ws[i + 1:]) or "true"
        return f"NOT EXISTS {{ {triples} FILTER ({distinct}) }}"

    # --- SPARQL-based constraints ------------------------------------------------------------------------

    def prefixes(self, constraint: Node) -> str:
        out = []
        for owner in self.shapes.objects(constraint, SH.prefixes):
            for decl in self.shapes.objects(owner, SH.declare):
                prefix = self.shapes.value(decl, SH.prefix)
                namespace = self.shapes.value(decl, SH.namespace)
                if prefix is None or namespace is None:
                    raise UnsupportedShapeError(f"incomplete sh:declare in {owner}")
                out.append(f"PREFIX {prefix}: <{namespace}>")
        return "\n".join(out)

    def sparql_check(self, shape: Node, constraint: Node, path: str | None, target: str, base: Check) -> Check:
        g = self.shapes
        where = f"{shape_name(g, shape)} (sh:sparql)"
        allowed = {RDF.type, SH.select, SH.message, SH.prefixes, SH.deactivated}
        for predicate in set(g.predicates(constraint, None)):
            if predicate not in allowed and (str(predicate).startswith(str(SH)) or predicate == RDF.type):
                raise UnsupportedShapeError(f"{where}: {predicate} is not supported")
        selects = list(g.objects(constraint, SH.select))
        if len(selects) != 1 or not isinstance(selects[0], Literal):
            raise UnsupportedShapeError(f"{where}: needs exactly one sh:select (sh:ask validators are not supported)")
        prefixes = self.prefixes(constraint)
        text = str(selects[0])
        lowered = {t.text[1:] for t in tokenize(text) if t.kind == "var"}
        if lowered & {"currentShape", "shapesGraph"}:
            raise UnsupportedShapeError(f"{where}: $currentShape and $shapesGraph are not supported")
        if "PATH" in lowered:
            if path is None:
                raise UnsupportedShapeError(f"{where}: $PATH in a constraint of a node shape")
            text = _substitute_path(text, path)
        if any(v.startswith("mlrC") for v in lowered):
            raise UnsupportedShapeError(f"{where}: variables named ?mlrC... are reserved by the compiler")
        query = parse_select(prefixes + "\n" + text, where)
        if "failure" in query.projection:
            raise UnsupportedShapeError(f"{where}: ?failure is not supported")
        head = "SELECT " + ("DISTINCT " if query.distinct else "") + " ".join(
            f"?{v}" for v in dict.fromkeys(["this", *query.projection]))
        body = rewrite_where(query, target, where)
        full = f"{prefixes}\n{head} WHERE {body}"
        return dataclasses.replace(base, query=full, kind="sparql", component="sparql",
                                   projection=tuple(query.projection), constraint_messages=self.messages(constraint),
                                   source_path=base.path)


def _substitute_path(text: str, path: str) -> str:
    out, pos = [], 0
    for t in tokenize(text):
        if t.kind == "var" and t.text == "$PATH":
            out.append(text[pos:t.start])
            out.append(path)
            pos = t.end
    out.append(text[pos:])
    return "".join(out)


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """Compile ``shapes`` (raises :class:`UnsupportedShapeError` for anything not supported)."""
    general = _Compiler(shapes).compile()
    direct = _Compiler(shapes, direct=True)
    out = direct.compile()
    return CompiledShapes(checks=general.checks, direct=out.checks, classes=tuple(sorted(direct.classes)),
                          focus=general.focus, direct_focus=out.focus)


@functools.cache
def compiled_profile(profile: str) -> CompiledShapes:
    """The compiled checks of one bundled profile (compiled once per process)."""
    from .profiles import shapes_graph

    return compile_shapes(shapes_graph(profile))
