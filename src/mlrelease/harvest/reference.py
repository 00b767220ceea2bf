"""The reference graphs a store needs beside the releases: the vocabulary and the licence catalogue.

Queries read concept labels, Model Openness Framework classes and licence facts (family,
use restrictions, flow-down) from them. They come from the package's bundled data and are
replaced, like release graphs, only when their checksum changes.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from .. import package_data
from ..store import LICENSES_GRAPH, VOCABULARY_GRAPH, GraphWrite, Store
from .provenance import catalogue_entry, catalogue_subjects, now

#: (graph, bundled file) pairs.
REFERENCE_FILES = ((VOCABULARY_GRAPH, "data/vocab.ttl"), (LICENSES_GRAPH, "data/licenses.ttl"))


def reference_write(known: dict[str, str]) -> GraphWrite:
    """The write that brings the reference graphs up to date, given the store's checksums."""
    change = GraphWrite()
    for graph, name in REFERENCE_FILES:
        raw = package_data.read_bytes(name)
        digest = hashlib.sha256(raw).hexdigest()
        if known.get(graph) == digest:
            continue
        quads = ox.parse(raw, format=ox.RdfFormat.TURTLE)
        data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
        assert data is not None, "pyoxigraph returns bytes when no output is given"
        change.graphs[graph] = data.decode("utf-8")
        change.catalogue_subjects += catalogue_subjects(graph)
        change.catalogue += catalogue_entry(graph, release=None, source=f"https://w3id.org/mlrelease/{name}",
                                            digest=digest, time=now())
    return change


def update_reference(store: Store, known: dict[str, str]) -> list[str]:
    """Write the reference graphs that changed; return their IRIs."""
    change = reference_write(known)
    if change.graphs:
        store.write(change)
    return sorted(change.graphs)
