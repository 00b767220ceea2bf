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

from decimal import Decimal
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from .._version import __version__
from ..terms import MLR, PROV, ArtifactType, OpennessClass
from . import Assessment, assess

#: The software agent that computes assessments, one IRI per mlrelease version.
SOFTWARE_BASE = "https://w3id.org/mlrelease/software/mlrelease/"


def software_agent(version: str = __version__) -> str:
    """The IRI of the mlrelease version that computed an assessment."""
    return SOFTWARE_BASE + quote(version, safe="")


def class_iri(mof_class: int) -> URIRef:
    """The openness-class concept of MOF class 1, 2 or 3."""
    return URIRef(f"{OpennessClass.SCHEME}/mof-class-{mof_class}")


def assessment_graph(assessment: Assessment, node: str, *, activity: str | None = None,
                     version: str = __version__) -> Graph:
    """The triples of ``assessment`` with ``node`` as the assessment's IRI.

    ``activity`` is the activity that computed it (a harvest), associated with the software agent.
    """
    g = Graph()
    a = URIRef(node)
    agent = URIRef(software_agent(version))
    g.add((URIRef(assessment.release), MLR.opennessAssessment, a))
    g.add((a, RDF.type, MLR.OpennessAssessment))
    g.add((a, PROV.wasAttributedTo, agent))
    g.add((agent, RDF.type, PROV.Agent))
    g.add((agent, RDFS.label, Literal(f"mlrelease {version}")))
    if activity is not None:
        g.add((a, PROV.wasGeneratedBy, URIRef(activity)))
        g.add((URIRef(activity), PROV.wasAssociatedWith, agent))
    if assessment.mof.mof_class is not None:
        g.add((a, MLR.mofClassAchieved, class_iri(assessment.mof.mof_class)))
    for key, percent in sorted(assessment.mof.progress.items()):
        p = URIRef(f"{node}-progress-{key}")
        g.add((a, MLR.classProgress, p))
        g.add((p, RDF.type, MLR.ClassProgress))
        g.add((p, MLR.progressClass, class_iri(int(key))))
        g.add((p, MLR.progressPercent, Literal(Decimal(f"{percent:.2f}"), datatype=XSD.decimal)))
    for missing in assessment.mof.missing:
        g.add((a, MLR.missingComponent, URIRef(f"{ArtifactType.SCHEME}/{missing.component}")))
    g.add((a, MLR.osaidConformant, Literal(assessment.osaid.conformant)))
    for reason in assessment.osaid.reasons:
        g.add((a, MLR.assessmentReason, Literal(reason)))
    return g


__all__ = ["SOFTWARE_BASE", "assess", "assessment_graph", "class_iri", "software_agent"]
