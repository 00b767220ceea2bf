"""Harvesting a published catalogue: a site's DCAT catalogue, then each release's landing page.

``mlrelease harvest https://host/`` fetches the URL as :func:`~mlrelease.harvest.fetch.fetch_record`
does (content negotiation, ``describedby`` signposting). When what it finds is a DCAT catalogue
(a ``dcat:Catalog`` and no release, as the index page of ``mlrelease publish`` links it), every
dataset of the catalogue is harvested from its landing page (``dcat:landingPage``, followed by its
signposting), or else its first JSON-LD or Turtle distribution. Only pages on the catalogue's own
site (scheme, host and port) are followed: a catalogue speaks for its own site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
from rdflib import RDF, Graph
from rdflib.namespace import DCAT

from ..errors import MlreleaseError
from ..formats import ReadOptions, detect_format, reader
from ..terms import MLR
from .documents import Document, FetchOptions, SourceFailure
from .fetch import fetch_record

_CATALOG = DCAT.Catalog
_DATASET = DCAT.dataset
_LANDING = DCAT.landingPage
_DISTRIBUTION = DCAT.distribution
_DOWNLOAD = DCAT.downloadURL
#: A document that may be a catalogue names the class (``dcat:Catalog``, not ``dcat:CatalogRecord``).
_NAMES_CATALOG = re.compile(r"(dcat:|/ns/dcat#)Catalog(?![A-Za-z])")


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc.lower()


def catalogue_pages(doc: Document, options: FetchOptions) -> list[str] | None:
    """The URLs to harvest the datasets of the catalogue ``doc`` from; None when ``doc`` is no catalogue."""
    if not _NAMES_CATALOG.search(doc.text[:100_000]):
        return None  # cheap test first: release records are parsed once, by the harvest
    fmt = doc.format or detect_format(doc.text, doc.name)
    graph: Graph = reader(fmt)(doc.text, doc.source, ReadOptions(limits=options.limits))[0]
    catalogues = set(graph.subjects(RDF.type, _CATALOG))
    if not catalogues or any(True for _ in graph.subjects(RDF.type, MLR.Release)):
        return None
    urls = []
    for catalogue in sorted(catalogues, key=str):
        for dataset in sorted(graph.objects(catalogue, _DATASET), key=str):
            pages = sorted(str(p) for p in graph.objects(dataset, _LANDING)) or \
                sorted(str(u) for d in graph.objects(dataset, _DISTRIBUTION) for u in graph.objects(d, _DOWNLOAD))
            if pages:
                urls.append(pages[0])
    return urls


def fetch_site(client: httpx.Client, url: str, options: FetchOptions) -> Iterator[Document | SourceFailure]:
    """The record at ``url``; or, when ``url`` leads to a DCAT catalogue, the record of each of its datasets."""
    doc = fetch_record(client, url, options)
    pages = catalogue_pages(doc, options)
    if pages is None:
        yield doc
        return
    home = _origin(doc.source)
    for page in pages:
        if _origin(page) != home:
            yield SourceFailure(page, f"not followed: the catalogue {doc.source} lists a page of another site")
            continue
        try:
            yield fetch_record(client, page, options)
        except MlreleaseError as exc:
            yield SourceFailure(page, str(exc))
