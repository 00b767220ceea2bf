"""The reference graphs a store needs beside the releases: the vocabulary and the licence catalogue.

Queries read concept labels, Model Openness Framework classes and licence facts (family,
use restrictions, flow-down) from them. They come from the package's bundled data and are
replaced, like release graphs, only when their checksum changes.
"""

from __future__ import annotations

import hashlib
from importlib import resources

import pyoxigraph as ox

from ..store import LICENSES_GRAPH, VOCABULARY_GRAPH, GraphWrite, Store
from .provenance import catalogue_entry, catalogue_subjects, now

#: (graph, bundled file) pairs; a file that is not bundled (yet) is left out.
REFERENCE_FILES = ((VOCABULARY_GRAPH, "vocab.ttl"), (LICENSES_GRAPH, "licenses.ttl"))


def reference_write(known: dict[str, str]) -> GraphWrite:
    """The write that brings the reference graphs up to date, given the store's checksums."""
    change = GraphWrite()
    data = resources.files("mlrelease") / "data"
    for graph, name in REFERENCE_FILES:
        resource = data / name
        if not resource.is_file():
            continue
        raw = resource.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if known.get(graph) == digest:
            continue
        quads = ox.parse(raw, format=ox.RdfFormat.TURTLE)
        change.graphs[graph] = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        change.catalogue_subjects += catalogue_subjects(graph)
        change.catalogue += catalogue_entry(graph, release=None, source=f"https://w3id.org/mlrelease/data/{name}",
                                            digest=digest, time=now())
    return change


def update_reference(store: Store, known: dict[str, str]) -> list[str]:
    """Write the reference graphs that changed; return their IRIs."""
    change = reference_write(known)
    if change.graphs:
        store.write(change)
    return sorted(change.graphs)
