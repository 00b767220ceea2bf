"""The bundled vocabulary: the ontology's terms and the SKOS concept schemes, read from RDF.

The same reader serves the build (which reads ``ontology/``) and the runtime (which reads the
bundled ``mlrelease/data/vocab.ttl``), so that generated files and the API never disagree.

>>> vocab = load()
>>> vocab.concept("access-tier", "gated-manual").label
'Gated, manual approval'
>>> vocab.term_by_key("accessTier").iri
'https://w3id.org/mlrelease/vocab#accessTier'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from . import package_data
from .errors import UnknownTermError, VocabularyError
from .hints import suggest
from .iris import MLR_NS, PREFIXES, SCHEME_BASE
from .terms import MLR, SCHEMA

MAPPING_PROPERTIES = (
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
)
ALIGNMENT_PROPERTIES = (
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    OWL.equivalentClass,
    OWL.equivalentProperty,
    *MAPPING_PROPERTIES,
)


@dataclass(frozen=True)
class Term:
    """A class, property or individual the ontology declares (its own or a reused one)."""

    iri: str
    kind: str  # "class", "object-property", "datatype-property", "annotation-property", "individual"
    label: str
    definition: str
    defined_by: str | None
    key: str | None = None
    value_scheme: str | None = None
    container: str | None = None
    domains: tuple[str, ...] = ()
    ranges: tuple[str, ...] = ()
    alignments: tuple[tuple[str, str], ...] = ()
    deprecated: bool = False

    @property
    def is_own(self) -> bool:
        """Whether the term is in the mlrelease namespace (rather than reused)."""
        return self.iri.startswith(MLR_NS)


@dataclass(frozen=True)
class Concept:
    """A SKOS concept of one of the mlrelease schemes."""

    iri: str
    scheme: str
    notation: str
    label: str
    definition: str
    broader: tuple[str, ...] = ()
    mappings: tuple[tuple[str, str], ...] = ()
    alt_labels: tuple[str, ...] = ()
    top: bool = False


@dataclass(frozen=True)
class Scheme:
    """A SKOS concept scheme and its concepts, in notation order."""

    iri: str
    slug: str
    label: str
    definition: str
    concepts: tuple[Concept, ...] = field(default_factory=tuple)

    def by_notation(self) -> dict[str, Concept]:
        """Return the scheme's concepts keyed by notation."""
        return {c.notation: c for c in self.concepts}


def _en(graph: Graph, subject: URIRef, prop: URIRef) -> str:
    values = [o for o in graph.objects(subject, prop) if isinstance(o, Literal)]
    for value in sorted(values, key=str):
        if value.language in ("en", None):
            return str(value)
    return ""


def _iris(graph: Graph, subject: URIRef, prop: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in graph.objects(subject, prop) if isinstance(o, URIRef)))


_KINDS = (
    (OWL.Class, "class"),
    (OWL.ObjectProperty, "object-property"),
    (OWL.DatatypeProperty, "datatype-property"),
    (OWL.AnnotationProperty, "annotation-property"),
    (OWL.NamedIndividual, "individual"),
)


class Vocabulary:
    """The terms and concept schemes of one vocabulary graph."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.terms: dict[str, Term] = {}
        self.schemes: dict[str, Scheme] = {}
        self._read_terms()
        self._read_schemes()

    def _read_terms(self) -> None:
        g = self.graph
        for rdf_type, kind in _KINDS:
            for s in sorted(set(g.subjects(RDF.type, rdf_type)), key=str):
                if not isinstance(s, URIRef) or str(s) in self.terms:
                    continue
                if (s, RDF.type, OWL.Ontology) in g:
                    continue
                key = g.value(s, MLR.manifestKey)
                scheme = g.value(s, MLR.valueScheme)
                container = g.value(s, MLR.manifestContainer)
                defined_by = g.value(s, RDFS.isDefinedBy)
                self.terms[str(s)] = Term(
                    iri=str(s),
                    kind=kind,
                    label=_en(g, s, RDFS.label),
                    definition=_en(g, s, SKOS.definition),
                    defined_by=str(defined_by) if defined_by is not None else None,
                    key=str(key) if key is not None else None,
                    value_scheme=str(scheme) if scheme is not None else None,
                    container=str(container) if container is not None else None,
                    domains=_iris(g, s, RDFS.domain) + _iris(g, s, SCHEMA.domainIncludes),
                    ranges=_iris(g, s, RDFS.range),
                    alignments=tuple(
                        (str(p), target) for p in ALIGNMENT_PROPERTIES for target in _iris(g, s, p)
                    ),
                    deprecated=bool(g.value(s, OWL.deprecated)),
                )

    def _read_schemes(self) -> None:
        g = self.graph
        for s in sorted(set(g.subjects(RDF.type, SKOS.ConceptScheme)), key=str):
            if not isinstance(s, URIRef) or not str(s).startswith(SCHEME_BASE):
                continue
            slug = str(s)[len(SCHEME_BASE) :]
            concepts = []
            for c in set(g.subjects(SKOS.inScheme, s)):
                if not isinstance(c, URIRef):
                    continue
                notation = g.value(c, SKOS.notation)
                concepts.append(
                    Concept(
                        iri=str(c),
                        scheme=str(s),
                        notation=str(notation) if notation is not None else "",
                        label=_en(g, c, SKOS.prefLabel),
                        definition=_en(g, c, SKOS.definition),
                        broader=_iris(g, c, SKOS.broader),
                        mappings=tuple(
                            (str(p), target) for p in MAPPING_PROPERTIES for target in _iris(g, c, p)
                        ),
                        alt_labels=tuple(sorted(str(a) for a in g.objects(c, SKOS.altLabel))),
                        top=(c, SKOS.topConceptOf, s) in g or (s, SKOS.hasTopConcept, c) in g,
                    )
                )
            concepts.sort(key=lambda c: c.notation)
            self.schemes[slug] = Scheme(
                iri=str(s),
                slug=slug,
                label=_en(g, s, SKOS.prefLabel),
                definition=_en(g, s, SKOS.definition),
                concepts=tuple(concepts),
            )

    # -- look-ups ---------------------------------------------------------------------------

    @property
    def version(self) -> str:
        """The ``owl:versionInfo`` of the ontology."""
        for onto in self.graph.subjects(RDF.type, OWL.Ontology):
            info = self.graph.value(onto, OWL.versionInfo)
            if info is not None:
                return str(info)
        raise VocabularyError("the vocabulary has no owl:versionInfo", hint="rebuild the package data")

    def term_by_key(self, key: str) -> Term:
        """Return the term a manifest key stands for; raise :class:`UnknownTermError` with hints."""
        for term in self.terms.values():
            if term.key == key:
                return term
        keys = sorted(t.key for t in self.terms.values() if t.key)
        raise UnknownTermError(f"unknown manifest key {key!r}", hint=suggest(key, keys))

    def scheme(self, slug: str) -> Scheme:
        """Return the concept scheme ``slug``; raise :class:`UnknownTermError` if there is none."""
        try:
            return self.schemes[slug]
        except KeyError:
            raise UnknownTermError(
                f"unknown concept scheme {slug!r}", hint=suggest(slug, sorted(self.schemes))
            ) from None

    def concept(self, slug: str, notation: str) -> Concept:
        """Return the concept ``notation`` of scheme ``slug``; unknown codes get the closest ones."""
        scheme = self.scheme(slug)
        found = scheme.by_notation().get(notation)
        if found is None:
            raise UnknownTermError(
                f"{notation!r} is not a code of the {slug} scheme",
                hint=suggest(notation, [c.notation for c in scheme.concepts]),
            )
        return found


@functools.cache
def load() -> Vocabulary:
    """Return the bundled vocabulary (ontology and concept schemes), parsed once per process."""
    return Vocabulary(package_data.graph("data/vocab.ttl"))


@functools.cache
def _context_text() -> str:
    return package_data.read_text("data/context.jsonld")


def context() -> dict:
    """Return the bundled JSON-LD context (a fresh copy each call), as manifests imply it."""
    import json

    return json.loads(_context_text())


def manifest_schema_text() -> str:
    """Return the bundled JSON Schema of release manifests (for editors), as JSON text."""
    return package_data.read_text("data/manifest.schema.json")


VOCAB_FORMATS = ("turtle", "jsonld", "ntriples")


def serialize(format: str = "turtle") -> str:
    """Return the whole bundled vocabulary (ontology and schemes) in ``format``.

    :raises UnknownTermError: if ``format`` is not one of :data:`VOCAB_FORMATS`.
    """
    if format == "turtle":
        return package_data.read_text("data/vocab.ttl")
    if format == "ntriples":
        lines = load().graph.serialize(format="nt").splitlines()
        return "\n".join(sorted(line for line in lines if line.strip())) + "\n"
    if format == "jsonld":
        return load().graph.serialize(format="json-ld", context=dict(PREFIXES), indent=2)
    raise UnknownTermError(f"unknown vocabulary format {format!r}", hint=suggest(format, list(VOCAB_FORMATS)))
