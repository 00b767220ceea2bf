"""The validation engine seam: pySHACL (the reference) and the compiled engine (:mod:`.compiled`, the default).

Engines never fetch anything: shapes come from the package, ``owl:imports`` are not followed,
and the data graph is the record plus the bundled vocabulary and licence catalogue.
"""

from __future__ import annotations

import functools
from typing import Any, Protocol

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from ..errors import VocabularyError
from .findings import Finding
from .naming import path_text, shape_name


class Engine(Protocol):
    """What a validation engine does: check a data graph against a shapes graph."""

    name: str

    def validate(self, data: Graph, shapes: Graph, reference: Graph) -> list[Finding]:
        """Return the findings of ``shapes`` on ``data``; ``reference`` (vocabulary, licences) is
        read by the constraints but never reported on."""
        ...


#: Engine names accepted by :func:`engine_named` (and ``--engine``); the first is the default.
ENGINES = ("compiled", "pyshacl")


def engine_named(engine: Engine | str | None) -> Engine:
    """An engine object for an engine, an engine name or None (the default, the compiled engine)."""
    if engine is None or engine == "compiled":
        from .compiled import CompiledEngine

        return CompiledEngine()
    if engine == "pyshacl":
        return PyShaclEngine()
    if isinstance(engine, str):
        from ..errors import UnknownTermError
        from ..vocabulary import suggest

        raise UnknownTermError(f"unknown validation engine {engine!r}", hint=suggest(engine, list(ENGINES)))
    return engine


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


@functools.lru_cache(maxsize=512)
def _prepared(text: str, namespaces: tuple[tuple[str, Any], ...]) -> Query:
    return prepareQuery(text, initNs=dict(namespaces))


class _PreparedQueryGraph(Graph):
    """The working graph handed to pySHACL: it parses each SPARQL query text once per process.

    pySHACL evaluates a SPARQL-based constraint once per focus node, sending the same text each time
    (``$this`` goes in ``initBindings``), and rdflib would parse and translate the text on every call:
    most of the validation time. A prepared query evaluated with the same ``initBindings`` is what
    rdflib itself evaluates after parsing, so the results are the same.
    """

    def query(self, query_object: Any, processor: Any = "sparql", result: Any = "sparql",
              initNs: Any = None, initBindings: Any = None, use_store_provided: bool = True,
              **kwargs: Any) -> Any:
        if isinstance(query_object, str) and processor == "sparql" and not kwargs:
            namespaces = initNs or dict(self.namespaces())
            query_object = _prepared(query_object, tuple(sorted(namespaces.items())))
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)


class PyShaclEngine:
    """The reference engine: pySHACL with pinned, offline options."""

    name = "pyshacl"

    def validate(self, data: Graph, shapes: Graph, reference: Graph) -> list[Finding]:
        from pyshacl import validate as pyshacl_validate

        # pySHACL's ont_graph only "inoculates" class and property axioms; the constraints also
        # read concepts and licence terms, so the reference is merged into a working copy.
        work = _PreparedQueryGraph()
        work += data
        work += reference
        _conforms, report, _text_report = pyshacl_validate(
            work,
            shacl_graph=shapes,
            ont_graph=None,
            inference="none",
            abort_on_first=False,
            allow_infos=True,
            allow_warnings=True,
            advanced=True,
            do_owl_imports=False,
            meta_shacl=False,
            inplace=True,
        )
        if not isinstance(report, Graph):  # pySHACL returns its failure object instead of raising
            raise VocabularyError(f"the bundled shapes could not be applied: {report}",
                                  hint="this is a bug in mlrelease's shapes; please report it")
        nodes = set(data.subjects()) | set(data.objects())
        # Constraints read the reference graph, but its own nodes are never findings.
        return [f for f in self._findings(report, shapes) if URIRef(f.focus) in nodes]

    @staticmethod
    def _findings(report: Graph, shapes: Graph):
        # Only top-level results: nested ones (sh:detail) explain a parent result, not a new finding.
        for result in report.objects(None, SH.result):
            severity = report.value(result, SH.resultSeverity)
            shape = report.value(result, SH.sourceShape)
            # pySHACL reports the shape's message and the SPARQL constraint's (with its variables
            # filled in); the constraint's is the specific one, so it wins.
            shape_messages = {str(m) for m in shapes.objects(shape, SH.message)} if shape is not None else set()
            messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
            specific = [m for m in messages if m not in shape_messages]
            message = (specific or messages or [""])[0]
            yield Finding(
                release=None,
                focus=str(report.value(result, SH.focusNode)),
                path=path_text(report, report.value(result, SH.resultPath)),
                shape=shape_name(shapes, shape),
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                message=message,
                value=_text(report.value(result, SH.value)),
            )
