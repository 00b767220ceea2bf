"""Stores for release graphs: embedded (pyoxigraph) or any SPARQL 1.1 server, behind one interface.

>>> from mlrelease.store import open_store
>>> store = open_store()          # in memory; open_store(path="kg/") on disk; open_store(endpoint=URL)
>>> store.name
'memory'
"""

from __future__ import annotations

import os

from ..errors import StoreError
from .base import GraphWrite, Store
from .embedded import EmbeddedStore
from .endpoints import SERVERS, Endpoints
from .graphs import CATALOGUE_GRAPH, LICENSES_GRAPH, VOCABULARY_GRAPH, release_graph, release_of_graph
from .http import Credentials
from .remote import RemoteStore
from .results import QueryResult


def open_store(path: str | os.PathLike[str] | None = None, endpoint: str | None = None, **remote) -> Store:
    """Open the embedded store at ``path`` (in memory if None) or the server at ``endpoint``.

    ``remote`` keywords go to :class:`RemoteStore` (``server``, ``query_url``, ``update_url``,
    ``gsp_url``, ``timeout``, ``credentials``).

    :raises StoreError: when both or a bad combination are given, or the store cannot be opened.
    """
    if path is not None and endpoint is not None:
        raise StoreError("give either a store path or an endpoint, not both")
    if endpoint is not None:
        return RemoteStore(endpoint, **remote)
    return EmbeddedStore(path)


__all__ = [
    "CATALOGUE_GRAPH", "LICENSES_GRAPH", "SERVERS", "VOCABULARY_GRAPH", "Credentials", "EmbeddedStore",
    "Endpoints", "GraphWrite", "QueryResult", "RemoteStore", "Store", "StoreError", "open_store",
    "release_graph", "release_of_graph",
]
