"""The Model Openness Framework's components, read from the bundled artifact-type scheme.

The vocabulary is the one source of truth: every artifact-type concept with ``mlr:mofComponentId``
is a MOF component, and ``mlr:mofClass``, ``mlr:mofRequired`` and ``mlr:contentType`` carry the
framework's settings (``mof.settings.yml`` of the Model Openness Tool).

>>> comps = components()
>>> len(comps), comps["training-code"].mof_class, comps["training-code"].content_type
(17, 2, 'code')
>>> sorted(c.code for c in comps.values() if c.mof_class == 3 and c.required)  # doctest: +NORMALIZE_WHITESPACE
['data-card', 'evaluation-results', 'model-architecture', 'model-card', 'model-parameters-final',
 'technical-report']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal
from rdflib.namespace import SKOS
from rdflib.term import Node

from .. import vocabulary
from ..terms import MLR


@dataclass(frozen=True)
class Component:
    """One MOF component: its artifact-type code, label, class (1, 2 or 3), whether required, content type."""

    code: str
    label: str
    mof_id: int
    mof_class: int
    required: bool
    content_type: str


def _notation(graph: Graph, node: Node | None) -> str:
    value = graph.value(node, SKOS.notation)
    return str(value) if value is not None else str(node).rsplit("/", 1)[-1]


@cache
def components() -> dict[str, Component]:
    """Every MOF component, keyed by artifact-type code."""
    graph = vocabulary.load().graph
    out: dict[str, Component] = {}
    for concept, mof_id in graph.subject_objects(MLR.mofComponentId):
        cls = _notation(graph, graph.value(concept, MLR.mofClass))
        required = graph.value(concept, MLR.mofRequired)
        label = next((str(o) for o in graph.objects(concept, SKOS.prefLabel)
                      if isinstance(o, Literal) and o.language == "en"), "")
        code = _notation(graph, concept)
        out[code] = Component(code=code, label=label, mof_id=int(str(mof_id)), mof_class=int(cls.rsplit("-", 1)[-1]),
                              required=bool(required.toPython()) if isinstance(required, Literal) else False,
                              content_type=_notation(graph, graph.value(concept, MLR.contentType)))
    return dict(sorted(out.items(), key=lambda kv: (-kv[1].mof_class, kv[1].mof_id)))
