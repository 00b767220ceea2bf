"""IRIs of the vocabularies mlrelease defines and reuses (see docs/decisions/0001)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

VOCAB_IRI: Final = "https://w3id.org/mlrelease/vocab"
MLR_NS: Final = "https://w3id.org/mlrelease/vocab#"
SCHEME_BASE: Final = "https://w3id.org/mlrelease/scheme/"
LICENSE_BASE: Final = "https://w3id.org/mlrelease/license/"
SPDX_LICENSE_BASE: Final = "https://spdx.org/licenses/"
SHAPES_NS: Final = "https://w3id.org/mlrelease/shapes#"

#: Namespaces of the research-information formats the CRIS importers read (VIVO-ISF and the ontologies it uses).
VIVO_NS: Final = "http://vivoweb.org/ontology/core#"
BIBO_NS: Final = "http://purl.org/ontology/bibo/"
OBO_NS: Final = "http://purl.obolibrary.org/obo/"
VCARD_NS: Final = "http://www.w3.org/2006/vcard/ns#"

#: Prefixes written into the generated context, Turtle output and the reference docs.
PREFIXES: Final[dict[str, str]] = {
    "mlr": MLR_NS,
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "http://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vann": "http://purl.org/vocab/vann/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


#: Namespaces that only the exports (mlrelease.exports) write: generated into mlrelease.terms, but not
#: into the JSON-LD context, since manifests never use them.
EXPORT_PREFIXES: Final[dict[str, str]] = {
    "adms": "http://www.w3.org/ns/adms#",
    "frapo": "http://purl.org/cerif/frapo/",
    "mldcat": "http://data.europa.eu/it6/",
}


def namespace_of(prefix: str) -> str:
    """The namespace IRI of ``prefix``: one of :data:`PREFIXES`, else of :data:`EXPORT_PREFIXES`."""
    return PREFIXES[prefix] if prefix in PREFIXES else EXPORT_PREFIXES[prefix]


def scheme_iri(slug: str) -> str:
    """Return the IRI of the concept scheme ``slug`` (for example ``access-tier``)."""
    return SCHEME_BASE + slug


def concept_iri(slug: str, notation: str) -> str:
    """Return the IRI of the concept ``notation`` in the scheme ``slug``."""
    return f"{SCHEME_BASE}{slug}/{notation}"


#: Prefixes for display: those of :data:`PREFIXES` plus the shapes and Creative Commons namespaces.
#: Used by :func:`curie` only; the generated JSON-LD context holds :data:`PREFIXES` alone.
DISPLAY_PREFIXES: Final[dict[str, str]] = {
    **PREFIXES,
    "mlrsh": SHAPES_NS,
    "cc": "http://creativecommons.org/ns#",
}

_LONGEST_FIRST: Final = sorted(DISPLAY_PREFIXES.items(), key=lambda item: -len(item[1]))
#: A local name a CURIE can carry without escapes (Turtle's PN_LOCAL, without the rarely needed parts).
_LOCAL: Final = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")


def curie(iri: str, prefixes: Mapping[str, str] | None = None) -> str:
    """Write ``iri`` as ``prefix:local`` with the longest namespace that fits, or return it unchanged.

    A namespace fits when the rest of the IRI is a plain local name (letters, digits, ``_``, ``-``
    and inner dots): ``http://schema.org/name`` becomes ``schema:name``, while an IRI with a ``/``
    or ``#`` after the namespace, or the namespace IRI itself, stays whole. The one rule for every
    report, table, reference page and manifest in mlrelease.

    >>> curie("http://schema.org/name")
    'schema:name'
    >>> curie("https://w3id.org/mlrelease/shapes#ReleaseShape")
    'mlrsh:ReleaseShape'
    >>> curie("https://example.org/x")
    'https://example.org/x'
    """
    table = _LONGEST_FIRST if prefixes is None else sorted(prefixes.items(), key=lambda item: -len(item[1]))
    for prefix, namespace in table:
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            if _LOCAL.match(local):
                return f"{prefix}:{local}"
    return iri


#: IRI schemes refused anywhere in input: a link a browser would run as code.
SCRIPT_SCHEMES: Final = ("javascript:", "vbscript:")
#: IRI schemes refused as the IRI of a release: it must name something others can reach.
LOCAL_SCHEMES: Final = ("file:",)


def refused_scheme(iri: str, *, release: bool = False) -> str | None:
    """The refused scheme ``iri`` starts with (case-insensitive), or None.

    Script schemes are refused everywhere; ``file:`` only when ``iri`` names a release.

    >>> refused_scheme("JavaScript:alert(1)"), refused_scheme("file:///etc/passwd", release=True)
    ('javascript:', 'file:')
    >>> refused_scheme("file:///x"), refused_scheme("https://e.org/r", release=True)
    (None, None)
    """
    head = iri[:16].lstrip().lower()
    for scheme in SCRIPT_SCHEMES + (LOCAL_SCHEMES if release else ()):
        if head.startswith(scheme):
            return scheme
    return None
