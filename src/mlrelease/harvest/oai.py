"""Harvesting an OAI-PMH 2.0 endpoint: ``ListRecords`` pages, followed by ``resumptionToken``.

Each record's ``<metadata>`` holds one release record: an ``rdf:RDF`` element (RDF/XML), a CERIF
entity of the OpenAIRE Guidelines for CRIS Managers (``oai_cerif_openaire``: its Products are
releases), a DataCite ``resource`` (``oai_datacite``, ``datacite``), or an element whose text is
the record in any format mlrelease reads (JSON-LD, Turtle, a YAML manifest).
Responses with a DOCTYPE or entity declarations are refused (OAI-PMH needs neither).
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import urlencode

import httpx

from ..errors import InputError
from .documents import Checkpoint, Document, FetchOptions, SourceFailure
from .fetch import get

OAI = "{http://www.openarchives.org/OAI/2.0/}"
RDF_NS = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
#: Metadata prefixes chosen, in this order, when none is given.
PREFERRED_PREFIXES = ("mlrelease", "mlr", "jsonld", "json-ld", "rdf", "turtle", "oai_cerif_openaire", "oai_datacite",
                      "datacite")
CERIF_NS = "{https://www.openaire.eu/cerif-profile/"
DATACITE_RESOURCE = "{http://datacite.org/schema/kernel-4}resource"
_ACCEPT = "text/xml, application/xml;q=0.9"


def _xml(client: httpx.Client, url: str, options: FetchOptions) -> ET.Element:
    """GET an OAI-PMH response and parse it; it must say it is XML (OAI-PMH 2.0, section 3.1.2.1)."""
    response, body = get(client, url, options, accept=_ACCEPT)
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in ("text/xml", "application/xml") and not media.endswith("+xml"):
        raise InputError(f"the OAI-PMH endpoint answered {media or 'no content type'}, not XML", location=url,
                         hint="is this the endpoint's base URL? OAI-PMH answers are text/xml")
    return _parse(body, url)


def _parse(body: bytes, url: str) -> ET.Element:
    if re.search(rb"<!(DOCTYPE|ENTITY)", body[:4096]) or b"<!ENTITY" in body:
        raise InputError("the OAI-PMH response has a DOCTYPE or entity declarations, which are refused", location=url)
    try:
        root = ET.fromstring(body)  # noqa: S314
    except ET.ParseError as exc:
        raise InputError(f"the OAI-PMH response is not well-formed XML: {exc}", location=url) from None
    if root.tag != OAI + "OAI-PMH":
        raise InputError("the response is not an OAI-PMH document", location=url,
                         hint="give the endpoint's base URL, e.g. oai+https://host/oai")
    return root


def _errors(root: ET.Element) -> list[tuple[str, str]]:
    return [(e.get("code", ""), (e.text or "").strip()) for e in root.findall(OAI + "error")]


def metadata_prefix(client: httpx.Client, base: str, options: FetchOptions) -> str:
    """The prefix to harvest: the one given, else the first of :data:`PREFERRED_PREFIXES` offered."""
    if options.metadata_prefix:
        return options.metadata_prefix
    url = f"{base}?{urlencode({'verb': 'ListMetadataFormats'})}"
    root = _xml(client, url, options)
    offered = [(f.findtext(OAI + "metadataPrefix") or "").strip() for f in root.iter(OAI + "metadataFormat")]
    for prefix in PREFERRED_PREFIXES:
        if prefix in offered:
            return prefix
    raise InputError(f"none of the metadata formats offered ({', '.join(offered) or 'none'}) is one mlrelease reads",
                     location=base, hint="choose one with --metadata-prefix")


def _record_document(record: ET.Element, base: str, prefix: str) -> Document | SourceFailure | None:
    header = record.find(OAI + "header")
    identifier = (header.findtext(OAI + "identifier") if header is not None else None) or "?"
    source = f"{base}?{urlencode({'verb': 'GetRecord', 'identifier': identifier, 'metadataPrefix': prefix})}"
    if header is not None and header.get("status") == "deleted":
        return None
    metadata = record.find(OAI + "metadata")
    payload = next(iter(metadata), None) if metadata is not None else None
    if payload is None:
        return SourceFailure(source, "the OAI-PMH record has no metadata")
    if payload.tag == RDF_NS + "RDF":
        text, fmt = ET.tostring(payload, encoding="unicode"), "rdfxml"
    elif payload.tag.startswith(CERIF_NS):
        text, fmt = ET.tostring(payload, encoding="unicode"), "cerif-xml"
    elif payload.tag == DATACITE_RESOURCE or payload.find(".//" + DATACITE_RESOURCE) is not None:
        resource = payload if payload.tag == DATACITE_RESOURCE else payload.find(".//" + DATACITE_RESOURCE)
        text, fmt = ET.tostring(resource, encoding="unicode"), "datacite-xml"  # type: ignore[arg-type]
    else:
        text, fmt = (payload.text or "").strip(), None
        if not text:
            return SourceFailure(source, f"the metadata element {payload.tag} holds no record")
    return Document(source=source, text=text, digest=hashlib.sha256(text.encode("utf-8")).hexdigest(), format=fmt)


def list_records(client: httpx.Client, base: str, options: FetchOptions,
                 resume_token: str | None = None) -> Iterator[Document | Checkpoint | SourceFailure]:
    """Every record of the endpoint at ``base`` (an http(s) URL), page by page.

    After each page comes a :class:`Checkpoint` with the next page's token (None after the last).
    A resumed harvest passes the journalled token as ``resume_token``; if the server no longer
    accepts it, the listing starts again from the beginning (harvesting is idempotent).
    """
    prefix = metadata_prefix(client, base, options)
    key = f"oai:{base}"
    token = resume_token
    seen: set[str] = set()  # every token followed: one seen twice is a loop
    empty = 0  # pages in a row without a record
    while True:
        query = {"verb": "ListRecords", "resumptionToken": token} if token else \
            {"verb": "ListRecords", "metadataPrefix": prefix}
        url = f"{base}?{urlencode(query)}"
        root = _xml(client, url, options)
        errors = _errors(root)
        if any(code == "noRecordsMatch" for code, _ in errors):
            yield Checkpoint(key, None)
            return
        if any(code == "badResumptionToken" for code, _ in errors) and token == resume_token and token:
            token = None  # the journalled token expired: start again
            continue
        if errors:
            code, text = errors[0]
            raise InputError(f"the OAI-PMH endpoint answered {code}: {text}", location=url)
        listing = root.find(OAI + "ListRecords")
        if listing is None:
            raise InputError("the OAI-PMH response has no ListRecords element", location=url)
        records = listing.findall(OAI + "record")
        for record in records:
            item = _record_document(record, base, prefix)
            if item is not None:
                yield item
        if token:
            seen.add(token)
        token_el = listing.find(OAI + "resumptionToken")
        token = (token_el.text or "").strip() if token_el is not None else ""
        yield Checkpoint(key, token or None)
        if not token:
            return
        if token in seen:
            raise InputError(f"the OAI-PMH endpoint repeats the resumption token {token[:80]!r}: the listing loops",
                             location=url, hint="the records read so far are stored; report the loop to the "
                             "endpoint's maintainers")
        empty = 0 if records else empty + 1
        if empty >= options.max_empty_pages:
            raise InputError(f"the OAI-PMH endpoint sent {empty} pages in a row without a record: the listing "
                             "makes no progress", location=url,
                             hint="the records read so far are stored; report it to the endpoint's maintainers")
