"""Checking a query's SPARQL before any store is opened, so that a syntax error names the query file.

``mlrelease query bad.rq`` so says ``mlrelease: error: bad.rq:4:1: the query is not valid SPARQL: ...``
rather than blaming the store it was to run on.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from ..errors import InputError

_AT = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)


def check_syntax(text: str, where: str) -> None:
    """Parse ``text`` (a query) against an empty store; a syntax error names ``where``, line and column.

    :raises InputError: the query is not valid SPARQL.
    """
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
