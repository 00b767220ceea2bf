"""Which licences an artifact is under, and whether the Model Openness Framework counts them as open.

The MOF counts a component as open when its licence is "a type-appropriate open licence" or, with a
warning, any open licence. Its Model Openness Tool takes "open" to mean OSI-approved or FSF libre (the
SPDX flags), plus its own list of open data and documentation licences (Creative Commons BY and
BY-SA, CC0, CDLA, ODC-By, PDDL, OGL, OpenMDW). The catalogue records the same facts as flags and
families, so the rule here reads them: OSI-approved, or FSF libre, or an open-data or open-model
licence that allows commercial use and restricts no field of use.

>>> from mlrelease.licenses import catalog
>>> [mof_open(catalog()[i]) for i in ("Apache-2.0", "CC-BY-4.0", "CC-BY-NC-4.0", "bigscience-openrail-m")]
[True, True, False, False]
"""

from __future__ import annotations

from ..licenses import License, catalog
from ..record import Artifact
from ..terms import DCTERMS

_OPEN_CONTENT_FAMILIES = frozenset({"open-data", "open-model"})


def mof_open(lic: License) -> bool:
    """Whether the MOF counts ``lic`` as an open licence (for some content type)."""
    flags = lic.flags
    if flags.osi_approved or flags.fsf_libre:
        return True
    return (lic.family in _OPEN_CONTENT_FAMILIES and flags.commercial_use_allowed is True
            and flags.field_of_use_restrictions is False)


def licence_iris(artifact: Artifact) -> list[str]:
    """The licence IRIs that apply to ``artifact``: its own, or else the release's (inheritance)."""
    graph = artifact.record.graph
    own = sorted(str(o) for o in graph.objects(artifact.iri, DCTERMS.license))
    if own:
        return own
    return sorted(str(o) for o in graph.objects(artifact.record.iri, DCTERMS.license))


def licences(artifact: Artifact) -> list[tuple[str, License | None]]:
    """``(iri, catalogue entry or None)`` for every licence that applies to ``artifact``.

    An artifact with no licence IRI but a free-text rights statement (``dcterms:rights``, kept by the
    importers when the catalogue could not resolve a spelling) yields ``(text, None)``: a licence
    exists but is unknown, which is not the same as no licence at all.
    """
    cat = catalog()
    iris = licence_iris(artifact)
    if not iris:
        graph = artifact.record.graph
        texts = sorted(str(o) for o in graph.objects(artifact.iri, DCTERMS.rights)) or \
            sorted(str(o) for o in graph.objects(artifact.record.iri, DCTERMS.rights))
        return [(text, None) for text in texts]
    return [(iri, cat.by_iri(iri)) for iri in iris]


def label(iri: str, lic: License | None) -> str:
    """A licence as people read it: its catalogue id, or its IRI when the catalogue does not know it."""
    return lic.id if lic is not None else iri
