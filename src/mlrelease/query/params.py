"""Turning ``--param name=value`` strings into RDF terms, checked against the parameter's type.

>>> from mlrelease.query.header import Param
>>> to_term(Param("tier", "concept", "", scheme="access-tier"), "gated-manual")
<NamedNode value=https://w3id.org/mlrelease/scheme/access-tier/gated-manual>
>>> to_term(Param("n", "integer", ""), "3")
<Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib import XSD

from ..errors import InputError, UnknownTermError
from ..hints import suggest
from ..iris import concept_iri
from ..store.http import check_url
from ..store.terms import check_iri
from .header import Param

_CODE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


def _bad(param: Param, value: str, why: str) -> InputError:
    return InputError(f"parameter {param.name}: {why} (got {value!r})",
                      hint=f"{param.signature()}: {param.description}")


def _check_code(param: Param, value: str) -> None:
    """Refuse a code the parameter's scheme does not define, with the closest codes (exit 2).

    Without this check an unknown code is a valid IRI that matches nothing: "(0 rows)", exit 0.
    """
    from ..vocabulary import load  # only when a concept parameter is given: query starts fast

    scheme = load().scheme(param.scheme or "")
    if value not in scheme.by_notation():
        raise UnknownTermError(f"parameter {param.name}: {value!r} is not a code of the {param.scheme} scheme",
                               hint=suggest(value, [c.notation for c in scheme.concepts]))


def to_term(param: Param, value: str) -> ox.NamedNode | ox.Literal:
    """The term ``value`` stands for, as ``param``'s type says.

    :raises InputError: when the value does not fit the type.
    """
    kind = param.type
    try:
        if kind == "iri":
            return ox.NamedNode(check_iri(value))
        if kind == "concept":
            if "://" in value:
                return ox.NamedNode(check_iri(value))
            if not _CODE.match(value):
                raise _bad(param, value, f"not a code of the {param.scheme} scheme")
            _check_code(param, value)
            return ox.NamedNode(concept_iri(param.scheme or "", value))
        if kind == "string":
            return ox.Literal(value)
        if kind == "integer":
            if not re.fullmatch(r"[+-]?\d{1,18}", value):
                raise _bad(param, value, "not an integer")
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD.integer))
        if kind == "decimal":
            return ox.Literal(str(Decimal(value)), datatype=ox.NamedNode(XSD.decimal))
        if kind == "date":
            return ox.Literal(_dt.date.fromisoformat(value).isoformat(), datatype=ox.NamedNode(XSD.date))
        if kind == "boolean":
            if value.lower() not in ("true", "false"):
                raise _bad(param, value, "not true or false")
            return ox.Literal(value.lower(), datatype=ox.NamedNode(XSD.boolean))
    except (ValueError, InvalidOperation) as exc:
        raise _bad(param, value, str(exc)) from None
    raise _bad(param, value, f"type {kind} takes no single value")


def to_services(param: Param, value: str) -> list[ox.NamedNode]:
    """The endpoint URLs of a ``services`` parameter (comma-separated http(s) URLs)."""
    urls = [u.strip() for u in value.split(",") if u.strip()]
    if not urls:
        raise _bad(param, value, "no endpoint URL")
    out = []
    for url in urls:
        try:
            check_url(url, what="service endpoint")
            out.append(ox.NamedNode(check_iri(url)))
        except (ValueError, InputError) as exc:
            raise _bad(param, url, str(exc)) from None
        except Exception as exc:  # StoreError from check_url
            raise _bad(param, url, getattr(exc, "message", str(exc))) from None
    return out
