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
import functools
import os
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
    return _source_iri(source, "" if "://" in source or os.path.isabs(source) else os.getcwd())


@functools.lru_cache(maxsize=4096)
def _source_iri(source: str, cwd: str) -> ox.NamedNode:
    """:func:`source_iri` in the working directory ``cwd`` (relative paths); a harvest asks
    for each source's IRI several times."""
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


def _n(iri: str) -> str:
    return str(ox.NamedNode(iri))


_TYPE, _SOURCE, _GENERATED, _CHECKSUM, _BY, _ALGORITHM, _VALUE, _USED, _ENDED, _TOPIC, _CONFORMS = (
    _n(str(RDF.type)), _n(DCTERMS.source), _n(PROV.generatedAtTime), _n(SPDX.checksum), _n(PROV.wasGeneratedBy),
    _n(SPDX.algorithm), _n(SPDX.checksumValue), _n(PROV.used), _n(PROV.endedAtTime), _n(FOAF.primaryTopic),
    _n(DCTERMS.conformsTo))
_RECORD, _ENTITY, _CHECKSUM_CLASS, _SHA256, _ACTIVITY = (
    _n(MLR.ReleaseRecord), _n(PROV.Entity), _n(SPDX.Checksum), _n(SPDX.checksumAlgorithm_sha256), _n(PROV.Activity))


@functools.lru_cache(maxsize=64)
def _when(time: str) -> str:
    return str(ox.Literal(time, datatype=ox.NamedNode(XSD.dateTime)))


@functools.lru_cache(maxsize=64)
def _profile(profile: str) -> str:
    return _n(profile_iri(profile))


def catalogue_entry(graph: str, *, release: str | None, source: str, digest: str, time: str,
                    profiles: Sequence[str] = (), passed: Sequence[str] = ()) -> str:
    """The catalogue triples for ``graph`` as N-Triples (terms serialised by pyoxigraph).

    The text is that of the terms' pyoxigraph forms; the fixed ones are serialised once per process.
    """
    g = _n(graph)
    check = _n(graph + "#checksum")
    activity = _n(graph + "#harvest")
    src = str(source_iri(source))
    when = _when(time)
    value = str(ox.Literal(digest, datatype=ox.NamedNode(XSD.hexBinary)))
    triples = [
        (g, _TYPE, _RECORD if release else _ENTITY),
        (g, _SOURCE, src),
        (g, _GENERATED, when),
        (g, _CHECKSUM, check),
        (g, _BY, activity),
        (check, _TYPE, _CHECKSUM_CLASS),
        (check, _ALGORITHM, _SHA256),
        (check, _VALUE, value),
        (activity, _TYPE, _ACTIVITY),
        (activity, _USED, src),
        (activity, _ENDED, when),
    ]
    if release:
        triples.append((g, _TOPIC, _n(release)))
    for profile in profiles:
        triples.append((activity, _USED, _profile(profile)))
    for profile in passed:
        triples.append((g, _CONFORMS, _profile(profile)))
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
