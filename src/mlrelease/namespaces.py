"""IRIs of the vocabularies mlrelease defines and reuses (see docs/decisions/0001)."""

from __future__ import annotations

from typing import Final

VOCAB_IRI: Final = "https://w3id.org/mlrelease/vocab"
MLR: Final = "https://w3id.org/mlrelease/vocab#"
SCHEME_BASE: Final = "https://w3id.org/mlrelease/scheme/"
LICENSE_BASE: Final = "https://w3id.org/mlrelease/license/"
SPDX_LICENSE_BASE: Final = "https://spdx.org/licenses/"
SHAPES: Final = "https://w3id.org/mlrelease/shapes#"

#: Prefixes written into the generated context, Turtle output and the reference docs.
PREFIXES: Final[dict[str, str]] = {
    "mlr": MLR,
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


def scheme_iri(slug: str) -> str:
    """Return the IRI of the concept scheme ``slug`` (for example ``access-tier``)."""
    return SCHEME_BASE + slug


def concept_iri(slug: str, notation: str) -> str:
    """Return the IRI of the concept ``notation`` in the scheme ``slug``."""
    return f"{SCHEME_BASE}{slug}/{notation}"
