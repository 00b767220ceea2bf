"""The named graphs a harvest writes, and how their IRIs are made.

Every release record lives in its own named graph, whose IRI is minted here from the release IRI.
The IRI uses only unreserved characters and percent escapes, so it can be written into SPARQL
text without any escaping (the only IRIs mlrelease ever writes into an update are minted here).

>>> release_graph("https://w3id.org/mlrelease/id/org%2Fm/1.0")
'https://w3id.org/mlrelease/graph/release/https%3A%2F%2Fw3id.org%2Fmlrelease%2Fid%2Forg%252Fm%2F1.0'
>>> release_of_graph(release_graph("https://example.org/r/1"))
'https://example.org/r/1'
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import quote, unquote

from ..errors import UnsafeValueError

GRAPH_BASE: Final = "https://w3id.org/mlrelease/graph/"
#: Harvest provenance: one mlr:ReleaseRecord per release graph.
CATALOGUE_GRAPH: Final = GRAPH_BASE + "catalogue"
#: The bundled vocabulary (ontology and concept schemes), which queries read for labels and classes.
VOCABULARY_GRAPH: Final = GRAPH_BASE + "vocabulary"
#: The bundled licence catalogue (licence families, flags, ODRL terms).
LICENSES_GRAPH: Final = GRAPH_BASE + "licenses"
RELEASE_GRAPH_BASE: Final = GRAPH_BASE + "release/"
#: Graphs written here first and then moved into place in one transaction; leftovers of an
#: interrupted run are dropped by the next one.
STAGING_BASE: Final = GRAPH_BASE + "staging/"

_SAFE_IRI = re.compile(r"^https://w3id\.org/mlrelease/graph/[A-Za-z0-9._~%/#-]+$")


def release_graph(release_iri: str) -> str:
    """The named graph of the release ``release_iri``."""
    return RELEASE_GRAPH_BASE + quote(release_iri, safe="")


def release_of_graph(graph_iri: str) -> str | None:
    """The release IRI whose graph is ``graph_iri``, or None for other graphs."""
    if not graph_iri.startswith(RELEASE_GRAPH_BASE):
        return None
    return unquote(graph_iri[len(RELEASE_GRAPH_BASE):])


def staging_graph(graph_iri: str, token: str) -> str:
    """A staging graph for ``graph_iri``; ``token`` must be made of letters and digits."""
    if not token.isalnum():
        raise UnsafeValueError(f"staging token must be alphanumeric: {token!r}")
    return f"{STAGING_BASE}{token}/{quote(graph_iri, safe='')}"


def sparql_iri(iri: str) -> str:
    """``<iri>`` for an IRI minted by this module; anything else raises :class:`~mlrelease.errors.UnsafeValueError`.

    This is the one place where an IRI is written into SPARQL text without a serialiser: the
    alphabet of minted IRIs has no character that could end the IRI or start an escape.
    """
    if not _SAFE_IRI.match(iri):
        raise UnsafeValueError(f"not a graph IRI minted by mlrelease: {iri!r}")
    return f"<{iri}>"
