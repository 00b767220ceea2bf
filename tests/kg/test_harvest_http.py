"""Harvesting records from URLs (served on 127.0.0.1): content negotiation and signposting."""

from __future__ import annotations

import pytest
from kg_support import Route

import mlrelease
from mlrelease.codecs.limits import Limits
from mlrelease.harvest import FetchOptions, HarvestOptions, harvest
from mlrelease.store import EmbeddedStore

TINY = "https://w3id.org/mlrelease/id/org%2Ftiny/1.0"
JSONLD = mlrelease.dump(mlrelease.load("identifier: org/tiny\nversion: '1.0'\n", format="yaml"), "jsonld").encode()


def run(*urls: str, timeout: float = 5.0, limits: Limits | None = None):
    fetch = FetchOptions(timeout=timeout, limits=limits or Limits())
    store = EmbeddedStore()
    return harvest(list(urls), store, HarvestOptions(validator=None, reference=False, fetch=fetch)), store


def test_content_negotiation_asks_for_jsonld_first(local_http):
    local_http.routes["/models/tiny"] = Route(JSONLD, headers={"Content-Type": "application/ld+json"})
    summary, _ = run(local_http.url + "/models/tiny")
    assert summary.written == [TINY]
    assert local_http.requests[0][2]["Accept"].startswith("application/ld+json, ")
    assert summary.outcomes[0].source == local_http.url + "/models/tiny"


def test_link_header_signposting_from_a_landing_page(local_http):
    local_http.routes["/models/tiny"] = Route(b"<html><body>Tiny</body></html>", headers={
        "Content-Type": "text/html; charset=utf-8",
        "Link": '<https://example.org/cite>; rel="cite-as", </meta/tiny.jsonld>; rel="describedby"; '
                'type="application/ld+json"'})
    local_http.routes["/meta/tiny.jsonld"] = Route(JSONLD, headers={"Content-Type": "application/ld+json"})
    summary, _ = run(local_http.url + "/models/tiny")
    assert summary.written == [TINY]
    assert summary.outcomes[0].source == local_http.url + "/meta/tiny.jsonld"


def test_html_link_element_signposting(local_http):
    page = b'<html><head><link rel="describedby" type="application/ld+json" href="/r.jsonld"></head></html>'
    local_http.routes["/landing"] = Route(page, headers={"Content-Type": "text/html"})
    local_http.routes["/r.jsonld"] = Route(JSONLD, headers={"Content-Type": "application/ld+json"})
    assert run(local_http.url + "/landing")[0].written == [TINY]


def test_redirects_are_followed(local_http):
    local_http.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    local_http.routes["/new"] = Route(JSONLD, headers={"Content-Type": "application/ld+json"})
    assert run(local_http.url + "/old")[0].written == [TINY]


@pytest.mark.parametrize(("route", "message"), [
    (None, "HTTP 404 Not Found"),
    (Route(b"<html></html>", headers={"Content-Type": "text/html"}), "answered text/html and names no release record"),
    (Route(b"x" * 2000, headers={"Content-Type": "application/ld+json"}), "larger than the limit of 1000 bytes"),
])
def test_unusable_urls_are_reported(local_http, route, message):
    if route is not None:
        local_http.routes["/r"] = route
    summary, _ = run(local_http.url + "/r", limits=Limits(max_bytes=1000))
    [(source, text)] = summary.failures
    assert source == local_http.url + "/r"
    assert message in text


def test_slow_url_times_out_and_the_rest_is_harvested(local_http):
    local_http.routes["/slow"] = Route(JSONLD, headers={"Content-Type": "application/ld+json"}, delay=2)
    local_http.routes["/fast"] = Route(JSONLD, headers={"Content-Type": "application/ld+json"})
    summary, _ = run(local_http.url + "/slow", local_http.url + "/fast", timeout=0.5)
    assert summary.written == [TINY]
    assert "no complete answer within 0.5 s" in summary.failures[0][1]


def test_remote_contexts_in_harvested_jsonld_are_refused(local_http):
    doc = b'{"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "https://e.org/r", "@type": "Release"}'
    local_http.routes["/r"] = Route(doc, headers={"Content-Type": "application/ld+json"})
    summary, _ = run(local_http.url + "/r")
    assert "remote JSON-LD context" in summary.failures[0][1]
    assert [r for r in local_http.requests if r[1] == "/ctx.jsonld"] == []
