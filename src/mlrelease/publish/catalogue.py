"""The DCAT catalogue and the sitemap of a published site.

The catalogue (``catalog.jsonld``, ``catalog.ttl``) lists every release as a ``dcat:Dataset`` with
its landing page and its record's distributions, and a ``dcat:CatalogRecord`` per release with
the date it last changed (``dcterms:modified``); ``sitemap.xml`` gives the landing pages with the
same dates (``lastmod``), for crawlers and incremental harvesters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from ..codecs.rdf import graph_to_turtle, jsonld_to_graph
from ..iris import PREFIXES

MEDIA = "https://www.iana.org/assignments/media-types/"
CONTEXT: dict[str, Any] = {
    **{prefix: PREFIXES[prefix] for prefix in ("dcat", "dcterms", "foaf", "xsd")},
    "dataset": {"@id": "dcat:dataset", "@type": "@id"},
    "record": {"@id": "dcat:record", "@type": "@id"},
    "landingPage": {"@id": "dcat:landingPage", "@type": "@id"},
    "distribution": {"@id": "dcat:distribution", "@type": "@id"},
    "downloadURL": {"@id": "dcat:downloadURL", "@type": "@id"},
    "mediaType": {"@id": "dcat:mediaType", "@type": "@id"},
    "primaryTopic": {"@id": "foaf:primaryTopic", "@type": "@id"},
    "publisher": {"@id": "dcterms:publisher", "@type": "@id"},
    "title": "dcterms:title",
    "modified": {"@id": "dcterms:modified", "@type": "xsd:date"},
    "issued": {"@id": "dcterms:issued", "@type": "xsd:date"},
}


@dataclass(frozen=True)
class Entry:
    """One release of the catalogue: IRI, title, folder, publisher, date published, last change."""

    release: str
    title: str
    slug: str
    publisher: str | None
    issued: str | None
    modified: str


def _page(base_url: str, slug: str) -> str:
    return f"{base_url}releases/{slug}/"


def catalogue_jsonld(entries: Sequence[Entry], base_url: str, title: str) -> dict[str, Any]:
    """The DCAT catalogue as a JSON-LD document with its context inline."""
    datasets = []
    records = []
    for e in sorted(entries, key=lambda e: e.release):
        page = _page(base_url, e.slug)
        ds: dict[str, Any] = {
            "@id": e.release, "@type": "dcat:Dataset", "title": e.title, "landingPage": page,
            "distribution": [
                {"@id": page + "record.jsonld", "@type": "dcat:Distribution", "downloadURL": page + "record.jsonld",
                 "mediaType": MEDIA + "application/ld+json"},
                {"@id": page + "record.ttl", "@type": "dcat:Distribution", "downloadURL": page + "record.ttl",
                 "mediaType": MEDIA + "text/turtle"},
            ]}
        if e.publisher:
            ds["publisher"] = e.publisher
        if e.issued:
            ds["issued"] = e.issued
        datasets.append(ds)
        records.append({"@id": page + "#record", "@type": "dcat:CatalogRecord", "primaryTopic": e.release,
                        "modified": e.modified})
    modified = max((e.modified for e in entries), default=None)
    doc: dict[str, Any] = {"@context": CONTEXT, "@id": base_url + "catalog", "@type": "dcat:Catalog",
                           "title": title, "landingPage": base_url, "dataset": datasets, "record": records}
    if modified:
        doc["modified"] = modified
    return doc


def catalogue_turtle(doc: dict[str, Any]) -> str:
    """The same catalogue as Turtle."""
    return graph_to_turtle(jsonld_to_graph(doc, source="catalog.jsonld"))


def sitemap(entries: Sequence[Entry], base_url: str) -> str:
    """A sitemap (sitemaps.org 0.9) of the index and every landing page, with ``lastmod``."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    modified = max((e.modified for e in entries), default=None)
    urls = [(base_url, modified), *sorted((_page(base_url, e.slug), e.modified) for e in entries)]
    for loc, lastmod in urls:
        lines.append(f"  <url><loc>{escape(loc)}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
                     + "</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
