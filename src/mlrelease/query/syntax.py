"""Checking a query's SPARQL before any store is opened, so that a syntax error names the query file.

``mlrelease query bad.rq`` so says ``mlrelease: error: bad.rq:4:1: the query is not valid SPARQL: ...``
rather than blaming the store it was to run on.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..errors import InputError
from ..store.sparql_text import check_query, fixed_service

_AT = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)


def check_syntax(text: str, where: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Parse ``text`` (a query) against an empty store; a syntax error names ``where``, line and column.

    The query is first checked against the size and nesting limits (a deep query crashes the
    engine natively) and refused if it names a fixed ``SERVICE`` endpoint: pyoxigraph starts
    evaluating while it parses, and would contact that endpoint.

    :raises InputError: the query is too large or deep, names a fixed endpoint, or is not valid SPARQL.
    """
    check_query(text, limits, name=where)
    if fixed_service(text):
        raise InputError("SERVICE with a fixed endpoint is refused", location=where,
                         hint="write SERVICE ?name and declare 'param name (services): ...', "
                              "then pass --param name=URL,URL")
    try:
        ox.Store().query(text)
    except SyntaxError as exc:
        message = str(exc)
        m = _AT.match(message)
        location = f"{where}:{m.group(1)}:{m.group(2)}" if m else where
        detail = (m.group(3) if m else message).splitlines()[0]
        if len(detail) > 160:
            detail = detail[:157].rsplit(",", 1)[0] + ", ..."
        raise InputError(f"the query is not valid SPARQL: {detail}", location=location,
                         hint="fix the query at that line (SPARQL 1.1 syntax)") from None
    except (RuntimeError, OSError):
        # Parsed, but an empty store cannot run it (a SERVICE, say): the syntax is fine.
        return


__all__ = ["check_syntax"]
