"""The query pack: SPARQL queries with headers, parameters bound through the store API.

>>> from mlrelease import query
>>> q = query.get("withheld-weights")
>>> q.title
'Releases that withhold their weights'
"""

from __future__ import annotations

from .format import FORMATS, render, write
from .header import PARAM_TYPES, Param, QueryDef
from .pack import get, queries, read
from .run import bind, run, stream

__all__ = ["FORMATS", "PARAM_TYPES", "Param", "QueryDef", "bind", "get", "queries", "read", "render",
           "run", "stream", "write"]
