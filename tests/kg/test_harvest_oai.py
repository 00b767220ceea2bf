"""Harvesting an OAI-PMH endpoint (served on 127.0.0.1): pages, resumption tokens, resuming."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest
from kg_support import Route

import mlrelease
from mlrelease.harvest import FetchOptions, HarvestOptions, harvest
from mlrelease.store import EmbeddedStore

OAI_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
            "<responseDate>2026-01-01T00:00:00Z</responseDate>")


def jsonld(identifier: str) -> str:
    return mlrelease.dump(mlrelease.load(f"identifier: org/{identifier}\nversion: '1.0'\n", format="yaml"), "jsonld")


def rdfxml(iri: str) -> str:
    return (f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="http://schema.org/">'
            f'<rdf:Description rdf:about="{iri}"><rdf:type rdf:resource="https://w3id.org/mlrelease/vocab#Release"/>'
            f"<s:name>From RDF/XML</s:name></rdf:Description></rdf:RDF>")


def record(identifier: str, metadata: str | None) -> str:
    if metadata is None:
        return f'<record><header status="deleted"><identifier>{identifier}</identifier></header></record>'
    return f"<record><header><identifier>{identifier}</identifier></header><metadata>{metadata}</metadata></record>"


def page(records: list[str], token: str | None) -> bytes:
    resumption = f"<resumptionToken>{token}</resumptionToken>" if token else "<resumptionToken/>"
    return (OAI_HEAD + "<ListRecords>" + "".join(records) + resumption + "</ListRecords></OAI-PMH>").encode()


def xml(body: bytes, status: int = 200) -> Route:
    return Route(body, status=status, headers={"Content-Type": "text/xml"})


@pytest.fixture
def endpoint(local_http):
    local_http.routes["/oai?verb=ListMetadataFormats"] = xml((
        OAI_HEAD + "<ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix></metadataFormat>"
        "<metadataFormat><metadataPrefix>mlrelease</metadataPrefix></metadataFormat></ListMetadataFormats></OAI-PMH>"
    ).encode())
    local_http.routes["/oai?verb=ListRecords&metadataPrefix=mlrelease"] = xml(page([
        record("oai:x:1", f"<mlr:record xmlns:mlr='https://w3id.org/mlrelease/vocab#'>{escape(jsonld('one'))}</mlr:record>"),
        record("oai:x:gone", None),
    ], "page2"))
    local_http.routes["/oai?verb=ListRecords&resumptionToken=page2"] = xml(page([
        record("oai:x:2", f"<mlr:record xmlns:mlr='https://w3id.org/mlrelease/vocab#'>{escape(jsonld('two'))}</mlr:record>"),
        record("oai:x:3", rdfxml("https://example.org/three")),
    ], None))
    return local_http


def options(**kw) -> HarvestOptions:
    return HarvestOptions(validator=None, reference=False, **kw)


def test_all_pages_are_harvested(endpoint):
    summary = harvest([f"oai+{endpoint.url}/oai"], EmbeddedStore(), options())
    assert summary.written == ["https://w3id.org/mlrelease/id/org%2Fone/1.0",
                               "https://w3id.org/mlrelease/id/org%2Ftwo/1.0", "https://example.org/three"]
    assert summary.outcomes[0].source == (f"{endpoint.url}/oai?verb=GetRecord&identifier=oai%3Ax%3A1"
                                          "&metadataPrefix=mlrelease")
    assert summary.failures == []


def test_an_interrupted_listing_resumes_from_its_token(endpoint, tmp_path):
    journal = str(tmp_path / "journal.jsonl")
    store = EmbeddedStore()
    second = endpoint.routes.pop("/oai?verb=ListRecords&resumptionToken=page2")
    endpoint.routes["/oai?verb=ListRecords&resumptionToken=page2"] = xml(b"overloaded", status=503)
    first = harvest([f"oai+{endpoint.url}/oai"], store, options(journal=journal, fetch=FetchOptions(retries=0)))
    assert first.written == ["https://w3id.org/mlrelease/id/org%2Fone/1.0"]
    assert "HTTP 503" in first.failures[0][1]
    endpoint.routes["/oai?verb=ListRecords&resumptionToken=page2"] = second
    endpoint.requests.clear()
    rest = harvest([f"oai+{endpoint.url}/oai"], store, options(journal=journal))
    listed = [path for _, path, _ in endpoint.requests if "ListRecords" in path]
    assert listed == ["/oai?verb=ListRecords&resumptionToken=page2"]
    assert rest.written == ["https://w3id.org/mlrelease/id/org%2Ftwo/1.0", "https://example.org/three"]


def test_expired_token_starts_the_listing_again(endpoint, tmp_path):
    journal = tmp_path / "journal.jsonl"
    journal.write_text(f'{{"kind": "oai", "key": "oai:{endpoint.url}/oai", "token": "stale"}}\n')
    endpoint.routes["/oai?verb=ListRecords&resumptionToken=stale"] = xml(
        (OAI_HEAD + '<error code="badResumptionToken">expired</error></OAI-PMH>').encode())
    summary = harvest([f"oai+{endpoint.url}/oai"], EmbeddedStore(), options(journal=str(journal)))
    assert len(summary.written) == 3


def test_doctype_is_refused(local_http):
    local_http.routes["/oai?verb=ListRecords&metadataPrefix=mlrelease"] = xml(
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"/>')
    summary = harvest([f"oai+{local_http.url}/oai"], EmbeddedStore(),
                      options(fetch=__import__("mlrelease.harvest", fromlist=["FetchOptions"]).FetchOptions(
                          metadata_prefix="mlrelease")))
    assert "DOCTYPE or entity declarations, which are refused" in summary.failures[0][1]


def test_no_format_mlrelease_reads(local_http):
    local_http.routes["/oai?verb=ListMetadataFormats"] = xml((
        OAI_HEAD + "<ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix></metadataFormat>"
        "</ListMetadataFormats></OAI-PMH>").encode())
    summary = harvest([f"oai+{local_http.url}/oai"], EmbeddedStore(), options())
    assert "none of the metadata formats offered (oai_dc) is one mlrelease reads" in summary.failures[0][1]


CERIF_PRODUCT = ('<Product xmlns="https://www.openaire.eu/cerif-profile/1.2/" id="Products/ml-1">'
                 '<Name xml:lang="en">CRIS model</Name><VersionInfo>1.0</VersionInfo><DOI>10.5555/cris.1</DOI>'
                 '</Product>')
DATACITE_RESOURCE = ('<oai_datacite xmlns="http://schema.datacite.org/oai/oai-1.1/"><payload>'
                     '<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">'
                     '10.5555/cris.2</identifier><titles><title>DataCite model</title></titles></resource>'
                     '</payload></oai_datacite>')


def test_cris_endpoints_are_harvested(local_http):
    """An OAI-PMH endpoint of a CRIS: CERIF Products and DataCite resources are releases."""
    local_http.routes["/oai?verb=ListMetadataFormats"] = xml((
        OAI_HEAD + "<ListMetadataFormats><metadataFormat><metadataPrefix>oai_cerif_openaire</metadataPrefix>"
        "</metadataFormat></ListMetadataFormats></OAI-PMH>").encode())
    local_http.routes["/oai?verb=ListRecords&metadataPrefix=oai_cerif_openaire"] = xml(page([
        record("oai:cris:Products/ml-1", CERIF_PRODUCT), record("oai:cris:dc-2", DATACITE_RESOURCE)], None))
    summary = harvest([f"oai+{local_http.url}/oai"], EmbeddedStore(), options())
    assert summary.failures == []
    assert summary.written == ["https://doi.org/10.5555/cris.1", "https://doi.org/10.5555/cris.2"]
