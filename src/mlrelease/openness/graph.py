"""An openness assessment as RDF: the triples ``harvest`` writes into each release graph.

The assessment is the one computed by :func:`mlrelease.openness.assess` (one implementation, used
by ``mlrelease assess`` and by the queries that read the store). It is written as an
``mlr:OpennessAssessment`` attributed to the mlrelease software agent of the running version, never
as the publisher's claim:

```turtle
<release> mlr:opennessAssessment <node> .
<node> a mlr:OpennessAssessment ;
    prov:wasAttributedTo <https://w3id.org/mlrelease/software/mlrelease/0.1.0> ;
    prov:wasGeneratedBy <activity> ;                     # the harvest: its time is in the catalogue
    mlr:mofClassAchieved openness-class:mof-class-3 ;     # absent when no class is reached
    mlr:classProgress <node-progress-1>, <node-progress-2>, <node-progress-3> ;
    mlr:missingComponent artifact-type:training-code ;
    mlr:osaidConformant false ;
    mlr:assessmentReason "Code: training code is not released; ..." .
<node-progress-3> a mlr:ClassProgress ; mlr:progressClass openness-class:mof-class-3 ;
    mlr:progressPercent 100.0 .
```

>>> import mlrelease
>>> rec = mlrelease.load('''
... identifier: demo/m
... version: "1"
... license: [MIT]
... artifacts:
... - {artifactType: model-parameters-final, status: released}
... ''')
>>> g = assessment_graph(assess(rec)[0], "https://example.org/a", activity="https://example.org/act")
>>> sorted(str(o) for o in g.objects(None, MLR.osaidConformant))
['false']
>>> len(set(g.subjects(RDF.type, MLR.ClassProgress)))
3
"""

from __future__ import annotations

import functools
from decimal import Decimal
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from .._version import __version__
from ..terms import MLR, PROV, ArtifactType, OpennessClass
from . import Assessment, assess

#: The software agent that computes assessments, one IRI per mlrelease version.
SOFTWARE_BASE = "https://w3id.org/mlrelease/software/mlrelease/"


def software_agent(version: str = __version__) -> str:
    """The IRI of the mlrelease version that computed an assessment."""
    return SOFTWARE_BASE + quote(version, safe="")


@functools.cache
def class_iri(mof_class: int) -> URIRef:
    """The openness-class concept of MOF class 1, 2 or 3."""
    return URIRef(f"{OpennessClass.SCHEME}/mof-class-{mof_class}")


# The terms every assessment repeats, made once per process (a harvest writes one per release).
@functools.lru_cache(maxsize=1024)
def _percent(percent: float) -> Literal:
    return Literal(Decimal(f"{percent:.2f}"), datatype=XSD.decimal)


@functools.lru_cache(maxsize=256)
def _component(code: str) -> URIRef:
    return URIRef(f"{ArtifactType.SCHEME}/{code}")


@functools.lru_cache(maxsize=4096)
def _text(text: str) -> Literal:
    return Literal(text)


def assessment_triples(assessment: Assessment, node: str, *, activity: str | None = None,
                       version: str = __version__) -> list[tuple[Node, Node, Node]]:
    """The triples of ``assessment`` with ``node`` as the assessment's IRI.

    ``activity`` is the activity that computed it (a harvest), associated with the software agent.
    """
    a = URIRef(node)
    agent = URIRef(software_agent(version))
    out: list[tuple[Node, Node, Node]] = [
        (URIRef(assessment.release), MLR.opennessAssessment, a),
        (a, RDF.type, MLR.OpennessAssessment),
        (a, PROV.wasAttributedTo, agent),
        (agent, RDF.type, PROV.Agent),
        (agent, RDFS.label, _text(f"mlrelease {version}")),
    ]
    if activity is not None:
        out += [(a, PROV.wasGeneratedBy, URIRef(activity)), (URIRef(activity), PROV.wasAssociatedWith, agent)]
    if assessment.mof.mof_class is not None:
        out.append((a, MLR.mofClassAchieved, class_iri(assessment.mof.mof_class)))
    for key, percent in sorted(assessment.mof.progress.items()):
        p = URIRef(f"{node}-progress-{key}")
        out += [(a, MLR.classProgress, p), (p, RDF.type, MLR.ClassProgress),
                (p, MLR.progressClass, class_iri(int(key))),
                (p, MLR.progressPercent, _percent(percent))]
    for missing in assessment.mof.missing:
        out.append((a, MLR.missingComponent, _component(missing.component)))
    out.append((a, MLR.osaidConformant, Literal(assessment.osaid.conformant)))
    out += [(a, MLR.assessmentReason, _text(reason)) for reason in assessment.osaid.reasons]
    return list(dict.fromkeys(out))


def assessment_graph(assessment: Assessment, node: str, *, activity: str | None = None,
                     version: str = __version__) -> Graph:
    """:func:`assessment_triples` as a graph."""
    g = Graph()
    for triple in assessment_triples(assessment, node, activity=activity, version=version):
        g.add(triple)
    return g


__all__ = ["SOFTWARE_BASE", "assess", "assessment_graph", "assessment_triples", "class_iri", "software_agent"]
