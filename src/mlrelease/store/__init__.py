"""Stores for release graphs: embedded (pyoxigraph) or any SPARQL 1.1 server, behind one interface.

>>> from mlrelease.store import open_store
>>> store = open_store()          # in memory; open_store(path="kg/") on disk; open_store(endpoint=URL)
>>> store.name
'memory'
"""

from __future__ import annotations

import os

from ..errors import StoreError, UsageError
from .base import GraphWrite, Store
from .embedded import EmbeddedStore
from .endpoints import SERVERS, Endpoints
from .graphs import CATALOGUE_GRAPH, LICENSES_GRAPH, VOCABULARY_GRAPH, release_graph, release_of_graph
from .http import Credentials
from .remote import RemoteStore
from .results import QueryResult, QueryStream


def open_store(path: str | os.PathLike[str] | None = None, endpoint: str | None = None, *,
               server: str | None = None, query_url: str | None = None, update_url: str | None = None,
               gsp_url: str | None = None, timeout: float = 30.0, credentials: Credentials | None = None,
               read_only: bool = False, in_memory: bool = True) -> Store:
    """Open the embedded store at ``path`` (in memory if None) or the server at ``endpoint``.

    A server can also be named by its query URL alone (``query_url``, a generic SPARQL server), or
    by its URLs one by one (``query_url``, ``update_url``, ``gsp_url``); ``server`` names its kind
    (:data:`SERVERS`). ``in_memory=False`` refuses to fall back to a new, empty in-memory store
    when neither a path nor a server is given (a query needs a store that holds something).

    :raises UsageError: both a path and a server, or no store where one is needed.
    :raises StoreError: the store cannot be opened or the server cannot be reached.
    """
    if path is not None and (endpoint is not None or query_url is not None):
        raise UsageError("give either a store path or an endpoint, not both",
                         hint="a path opens the embedded store, an endpoint a SPARQL server")
    if endpoint is None and query_url is not None:
        endpoint, server = query_url, server or "generic"
    if endpoint is not None:
        return RemoteStore(endpoint, server=server, query_url=query_url, update_url=update_url, gsp_url=gsp_url,
                           timeout=timeout, credentials=credentials)
    if path is None and not in_memory:
        raise UsageError("give the store to ask: --store PATH or --endpoint URL",
                         hint="in Python: open_store(path=...) or open_store(endpoint=...)")
    return EmbeddedStore(path, read_only=read_only)


__all__ = [
    "CATALOGUE_GRAPH", "LICENSES_GRAPH", "SERVERS", "VOCABULARY_GRAPH", "Credentials", "EmbeddedStore",
    "Endpoints", "GraphWrite", "QueryResult", "QueryStream", "RemoteStore", "Store", "StoreError", "open_store",
    "release_graph", "release_of_graph",
]
