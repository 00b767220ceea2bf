"""Harvest provenance: the catalogue entry written beside each release graph.

Each release graph is itself the ``mlr:ReleaseRecord`` (a ``dcat:CatalogRecord``) that describes
the release. Its entry in the catalogue graph says which release it is about, where it came from,
when, with which checksum, and how validation went:

```turtle
<graph> a mlr:ReleaseRecord ;
    foaf:primaryTopic <release> ;
    dcterms:source <https://example.org/release.jsonld> ;
    prov:generatedAtTime "2026-11-28T12:00:00Z"^^xsd:dateTime ;
    spdx:checksum <graph#checksum> ;
    prov:wasGeneratedBy <graph#harvest> ;
    dcterms:conformsTo <https://w3id.org/mlrelease/shapes/core> .   # only for profiles it passed
<graph#checksum> a spdx:Checksum ; spdx:algorithm spdx:checksumAlgorithm_sha256 ;
    spdx:checksumValue "9f86…"^^xsd:hexBinary .
<graph#harvest> a prov:Activity ; prov:used <source>, <https://w3id.org/mlrelease/shapes/core> ;
    prov:endedAtTime "…"^^xsd:dateTime .
```

``prov:used`` a profile's shapes without ``dcterms:conformsTo`` it means the record was checked
and failed (kept only with ``--keep-invalid``); no profile at all means it was not validated.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import RDF, XSD

from ..terms import DCTERMS, FOAF, MLR, PROV, SPDX

SHAPES_PROFILE_BASE = "https://w3id.org/mlrelease/shapes/"
_RDF_TYPE = ox.NamedNode(RDF.type)


def profile_iri(profile: str) -> str:
    """The IRI of a validation profile's shapes graph, e.g. ``…/shapes/core``."""
    return SHAPES_PROFILE_BASE + profile


def source_iri(source: str) -> ox.NamedNode:
    """An IRI for a harvest source: URLs as they are, file paths as ``file:`` URIs."""
    if "://" in source:
        try:
            return ox.NamedNode(source)
        except ValueError:
            return ox.NamedNode(quote(source, safe=":/?&=#%@+,;"))
    return ox.NamedNode(Path(source).resolve().as_uri())


def now() -> str:
    """The current UTC time as an ``xsd:dateTime`` lexical form, to the second."""
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def catalogue_subjects(graph: str) -> list[str]:
    """The catalogue IRIs one graph's entry uses (removed before the entry is rewritten)."""
    return [graph, graph + "#checksum", graph + "#harvest"]


def catalogue_entry(graph: str, *, release: str | None, source: str, digest: str, time: str,
                    profiles: Sequence[str] = (), passed: Sequence[str] = ()) -> str:
    """The catalogue triples for ``graph`` as N-Triples (terms serialised by pyoxigraph)."""
    g = ox.NamedNode(graph)
    check = ox.NamedNode(graph + "#checksum")
    activity = ox.NamedNode(graph + "#harvest")
    src = source_iri(source)
    when = ox.Literal(time, datatype=ox.NamedNode(XSD.dateTime))
    triples = [
        (g, _RDF_TYPE, ox.NamedNode(MLR.ReleaseRecord if release else PROV.Entity)),
        (g, ox.NamedNode(DCTERMS.source), src),
        (g, ox.NamedNode(PROV.generatedAtTime), when),
        (g, ox.NamedNode(SPDX.checksum), check),
        (g, ox.NamedNode(PROV.wasGeneratedBy), activity),
        (check, _RDF_TYPE, ox.NamedNode(SPDX.Checksum)),
        (check, ox.NamedNode(SPDX.algorithm), ox.NamedNode(SPDX.checksumAlgorithm_sha256)),
        (check, ox.NamedNode(SPDX.checksumValue), ox.Literal(digest, datatype=ox.NamedNode(XSD.hexBinary))),
        (activity, _RDF_TYPE, ox.NamedNode(PROV.Activity)),
        (activity, ox.NamedNode(PROV.used), src),
        (activity, ox.NamedNode(PROV.endedAtTime), when),
    ]
    if release:
        triples.append((g, ox.NamedNode(FOAF.primaryTopic), ox.NamedNode(release)))
    for profile in profiles:
        triples.append((activity, ox.NamedNode(PROV.used), ox.NamedNode(profile_iri(profile))))
    for profile in passed:
        triples.append((g, ox.NamedNode(DCTERMS.conformsTo), ox.NamedNode(profile_iri(profile))))
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
