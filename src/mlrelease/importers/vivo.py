"""VIVO RDF (the VIVO-ISF ontology: Turtle, N3 or RDF/XML) to release manifests.

A VIVO export is RDF about people, organisations, grants and their research outputs. Every
research output becomes one release manifest: software (``obo:ERO_0000071``), datasets
(``vivo:Dataset``) and documents (the ``bibo:`` classes, less venues such as ``bibo:Journal``);
an output that is not software warns ``not-a-model``. The RDF is parsed by mlrelease's RDF reader
(:func:`mlrelease.codecs.rdf.parse_rdf`: no DTD, size limits); RDF has no lines, so locations are
``file:<subject IRI>``.

==========================================================  ====================================================
VIVO                                                        manifest
==========================================================  ====================================================
the output's IRI                                            ``id``; ``identifier``: the IRI (a DOI is ``pid``)
``bibo:doi``, ``bibo:handle``                               ``pid``
``rdfs:label``                                              ``name``
``bibo:abstract``, else ``vivo:description``                ``description``
``vivo:freetextKeyword``; ``vivo:hasSubjectArea`` labels    ``keywords``
``vivo:dateTimeValue`` / ``vivo:dateTime``                  ``datePublished`` (the date part)
``obo:ARG_2000028`` / ``vcard:hasURL`` / ``vcard:url``      ``url``
``vivo:publisher``                                          ``publisher`` (its ROR, when it states one)
``vivo:relatedBy`` ``vivo:Authorship``/``vivo:Editorship``  ``contributions``, in ``vivo:rank`` order (the
``vivo:relates`` a person or organisation                   person's ``vivo:orcidId``, or a ROR, as ``id``)
``vivo:informationResourceSupportedBy`` a ``vivo:Grant``    ``funding`` (``vivo:sponsorAwardId``,
                                                            ``rdfs:label``, the ``vivo:assignedBy``
                                                            organisation as funder)
``dcterms:license``                                         ``license`` (catalogue id, else ``dcterms:rights``)
==========================================================  ====================================================

Other statements about an output (pages, volume, ISBN, venue) are listed as dropped, by property.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..codecs.rdf import parse_rdf
from ..iris import BIBO_NS, OBO_NS, VCARD_NS, VIVO_NS
from . import URL
from .cris import WARNING_KINDS, CrisImportResult, ManifestBuilder, result
from .report import ImportReport, Location


class _Terms:
    """The terms of one namespace as attributes (``VIVO.Authorship``), from :mod:`mlrelease.iris`."""

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, local: str) -> URIRef:
        return URIRef(f"{self._base}{local}")

    def __str__(self) -> str:
        return self._base


VIVO = _Terms(VIVO_NS)
BIBO = _Terms(BIBO_NS)
OBO = _Terms(OBO_NS)
VCARD = _Terms(VCARD_NS)
SOFTWARE = (OBO.ERO_0000071, VIVO.Software)
DATASET = (VIVO.Dataset,)
#: bibo classes that are venues, events or statuses, not outputs.
NOT_OUTPUTS = {BIBO.Journal, BIBO.Periodical, BIBO.Series, BIBO.Magazine, BIBO.Newspaper, BIBO.Collection,
               BIBO.Conference, BIBO.Event, BIBO.Workshop, BIBO.Hearing, BIBO.Interview, BIBO.Performance,
               BIBO.DocumentStatus, BIBO.ThesisDegree}
MAPPED = {RDF.type, RDFS.label, BIBO.doi, BIBO.handle, BIBO.abstract, VIVO.description, VIVO.freetextKeyword,
          VIVO.hasSubjectArea, VIVO.dateTimeValue, OBO.ARG_2000028, VIVO.publisher, VIVO.relatedBy,
          VIVO.informationResourceSupportedBy, DCTERMS.license}
HINTS = {
    "version": "a version of the output (VIVO has no version property: add it to the record by hand)",
    "publisher": "vivo:publisher (an organisation with a ROR)",
    "accessTier": "an access right (VIVO has none: add it to the record by hand)",
    "license": "dcterms:license",
    "identifier": "bibo:doi",
}


def is_vivo(text: str) -> bool:
    """Whether RDF ``text`` uses the VIVO core ontology and is not an mlrelease record."""
    return VIVO_NS in text and "https://w3id.org/mlrelease/vocab" not in text


def outputs(graph: Graph) -> list[URIRef]:
    """The research outputs of ``graph``: software, datasets and bibo documents (not venues), in IRI order."""
    found: set[URIRef] = set()
    for subject, kind in graph.subject_objects(RDF.type):
        if not isinstance(subject, URIRef) or not isinstance(kind, URIRef):
            continue
        if kind in SOFTWARE or kind in DATASET or (str(kind).startswith(str(BIBO)) and kind not in NOT_OUTPUTS):
            found.add(subject)
    return sorted(found, key=str)


def vivo_to_manifests(text: str, *, source: str = "<vivo>", limits: Limits = DEFAULT_LIMITS) -> CrisImportResult:
    """Import every research output of a VIVO RDF document."""
    head = text.lstrip("\ufeff \t\r\n")[:200]
    rdf_format = "rdfxml" if head.startswith(("<?xml", "<rdf:RDF")) else "turtle"
    graph = parse_rdf(text, rdf_format, source=source, limits=limits)
    report = ImportReport(source, text.splitlines(), kinds=WARNING_KINDS)
    found = outputs(graph)
    if not found:
        raise report.error("no research output (software, dataset or document) in this VIVO data", Location(source),
                           hint="mlrelease imports research outputs; people, organisations and grants are read where "
                                "outputs link them")
    builders = [(_Output(graph, output, report).run(), f"{source}:<{output}>") for output in found]
    report.hints.update(HINTS)
    return result(report, builders, "vivo")


class _Output:
    def __init__(self, graph: Graph, output: URIRef, report: ImportReport) -> None:
        self.g = graph
        self.o = output
        self.report = report
        self.b = ManifestBuilder(report)
        self.here = Location(f"{report.source}:<{output}>")

    def text(self, subject: URIRef, prop: URIRef) -> str:
        value = self.g.value(subject, prop)
        return str(value).strip() if isinstance(value, Literal) else ""

    def run(self) -> ManifestBuilder:
        g, o, b = self.g, self.o, self.b
        b.manifest["id"] = str(o)
        kinds = {k for k in g.objects(o, RDF.type) if isinstance(k, URIRef)}
        if not kinds & set(SOFTWARE):
            shown = ", ".join(sorted(str(k).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for k in kinds))
            self.report.warn("not-a-model", self.here,
                             f"{shown}: not software; imported as a release record so that its metadata can be checked")
        if doi := self.text(o, BIBO.doi):
            b.doi(doi, self.here)
            b.manifest["id"] = str(o)
        if handle := self.text(o, BIBO.handle):
            b.pid(handle if URL.match(handle) else f"https://hdl.handle.net/{handle}")
        b.text("name", self.text(o, RDFS.label))
        b.text("description", self.text(o, BIBO.abstract) or self.text(o, VIVO.description))
        for keyword in sorted(str(k) for k in g.objects(o, VIVO.freetextKeyword)):
            b.keyword(keyword)
        for area in sorted(g.objects(o, VIVO.hasSubjectArea), key=str):
            if isinstance(area, URIRef) and (label := self.text(area, RDFS.label)):
                b.keyword(label)
        self.date()
        self.url()
        self.publisher()
        self.contributions()
        self.grants()
        for lic in sorted(g.objects(o, DCTERMS.license), key=str):
            b.license(self.here, str(lic))
        for prop in sorted({p for p in g.predicates(o) if p not in MAPPED}, key=str):
            self.report.drop(f"<{o}> {prop}", self.here)
        if "identifier" not in b.manifest:
            b.manifest["identifier"] = str(o)
        return b

    def date(self) -> None:
        node = self.g.value(self.o, VIVO.dateTimeValue)
        value = self.g.value(node, VIVO.dateTime) if isinstance(node, URIRef) else None
        if value is not None and not self.b.date("datePublished", str(value), self.here):
            self.report.drop(f"<{self.o}> vivo:dateTimeValue", self.here)

    def url(self) -> None:
        for card in self.g.objects(self.o, OBO.ARG_2000028):
            for link in self.g.objects(card, VCARD.hasURL):
                value = self.g.value(link, VCARD.url)
                if value is not None and URL.match(str(value)):
                    self.b.manifest.setdefault("url", str(value))

    def agent(self, node: URIRef) -> dict[str, object] | str | None:
        ids = [str(i) for i in self.g.objects(node, VIVO.orcidId)]
        ids += [str(v) for p, v in self.g.predicate_objects(node) if "ror" in str(p).lower()]
        organisation = any("Organization" in str(k) or k in (VIVO.University, VIVO.Company, VIVO.College)
                           for k in self.g.objects(node, RDF.type))
        return self.b.agent(self.text(node, RDFS.label), ids, "Organization" if organisation else "Person")

    def publisher(self) -> None:
        node = self.g.value(self.o, VIVO.publisher)
        if isinstance(node, URIRef) and (agent := self.agent(node)) is not None:
            self.b.manifest["publisher"] = agent

    def contributions(self) -> None:
        ranked: list[tuple[int, str, URIRef]] = []
        for relation in self.g.objects(self.o, VIVO.relatedBy):
            kinds = set(self.g.objects(relation, RDF.type))
            if not kinds & {VIVO.Authorship, VIVO.Editorship}:
                continue
            rank = self.g.value(relation, VIVO.rank)
            for agent in self.g.objects(relation, VIVO.relates):
                if agent != self.o and isinstance(agent, URIRef):
                    ranked.append((int(rank) if isinstance(rank, Literal) and str(rank).isdigit() else 9999,
                                   str(agent), agent))
        for _, _, agent in sorted(ranked):
            node = self.agent(agent)
            if node is not None:
                self.b.contributor(node)

    def grants(self) -> None:
        for grant in sorted(self.g.objects(self.o, VIVO.informationResourceSupportedBy), key=str):
            if not isinstance(grant, URIRef):
                continue
            funder = self.g.value(grant, VIVO.assignedBy)
            ids = [str(v) for p, v in self.g.predicate_objects(funder) if "ror" in str(p).lower()] \
                if isinstance(funder, URIRef) else []
            entry = self.b.funding(self.here, funder_name=self.text(funder, RDFS.label) if isinstance(funder, URIRef)
                                   else None, funder_ids=ids, number=self.text(grant, VIVO.sponsorAwardId) or None,
                                   title=self.text(grant, RDFS.label) or None, uri=str(grant))
            if entry:
                self.b.related("funding", entry)


__all__ = ["is_vivo", "outputs", "vivo_to_manifests"]
