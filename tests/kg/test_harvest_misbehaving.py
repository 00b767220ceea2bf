"""Remote sources that misbehave (issue 16, item 4): every harvest from HTTP or OAI-PMH stays bounded.

A real HTTP server on 127.0.0.1 (a thread) misbehaves on purpose: it trickles one byte at a time,
truncates, loops its resumption token, sends too much, answers with the wrong content type,
redirects to ``file://``, fails with 503 and ``Retry-After``. Each failure is reported for its
source, the harvest goes on with the next source, and nothing of a failed response is written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import http.server
import time
from collections.abc import Callable, Iterator
from xml.sax.saxutils import escape

import pytest
from loopback_server import LoopbackServer

import mlrelease
from mlrelease.codecs.limits import DEFAULT_LIMITS
from mlrelease.harvest import FetchOptions, HarvestOptions, harvest
from mlrelease.harvest.fetch import retry_after
from mlrelease.store import EmbeddedStore

Handler = Callable[[http.server.BaseHTTPRequestHandler], None]
OAI_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
            "<responseDate>2026-01-01T00:00:00Z</responseDate>")


def record_jsonld(name: str) -> bytes:
    return mlrelease.dump(mlrelease.load(f"identifier: org/{name}\nversion: '1.0'\n", format="yaml"), "jsonld").encode()


def answer(body: bytes, status: int = 200, content_type: str = "application/ld+json",
           headers: dict[str, str] | None = None) -> Handler:
    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
    return handle


def trickle(body: bytes, every: float) -> Handler:
    """One byte every ``every`` seconds: each read succeeds, the response never ends in time."""
    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/ld+json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        for byte in body:
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
            time.sleep(every)
    return handle


def truncated(body: bytes) -> Handler:
    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/ld+json")
        h.send_header("Content-Length", str(len(body) * 2))
        h.end_headers()
        h.wfile.write(body)
        h.close_connection = True
    return handle


def endless(chunk: bytes) -> Handler:
    """No Content-Length, and more bytes than any limit."""
    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/ld+json")
        h.end_headers()
        h.close_connection = True
        for _ in range(10_000):
            h.wfile.write(chunk)
    return handle


def redirect(location: str) -> Handler:
    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(302)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()
    return handle


def in_turn(*handlers: Handler) -> Handler:
    """The first handler for the first request, and so on; the last one answers every later request."""
    queue = list(handlers)

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        (queue.pop(0) if len(queue) > 1 else queue[0])(h)
    return handle


class Misbehaving(LoopbackServer):
    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: list[tuple[float, str]] = []
        outer = self

        class RequestHandler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.hits.append((time.monotonic(), self.path))
                route = outer.routes.get(self.path)
                if route is None:
                    answer(b"not here", 404, "text/plain")(self)
                    return
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    route(self)

            def log_message(self, *args: object) -> None:
                return

        super().__init__(RequestHandler)



@pytest.fixture
def server() -> Iterator[Misbehaving]:
    s = Misbehaving()
    yield s
    s.close()


def run(sources: list[str], **fetch: object) -> tuple[object, EmbeddedStore]:
    store = EmbeddedStore()
    summary = harvest(sources, store, HarvestOptions(validator=None, reference=False,
                                                     fetch=FetchOptions(**fetch)))  # type: ignore[arg-type]
    return summary, store


def failure(summary: object, source: str) -> str:
    messages = [m for s, m in summary.failures if s == source]  # type: ignore[attr-defined]
    assert len(messages) == 1, summary.failures  # type: ignore[attr-defined]
    return messages[0]


GOOD = "/good.jsonld"
GOOD_IRI = "https://w3id.org/mlrelease/id/org%2Fgood/1.0"


@pytest.fixture
def good(server: Misbehaving) -> str:
    server.routes[GOOD] = answer(record_jsonld("good"))
    return server.url + GOOD


# -- HTTP -------------------------------------------------------------------------------------


def test_a_slow_server_cannot_hold_the_harvest(server, good):
    server.routes["/slow"] = trickle(record_jsonld("slow"), every=0.2)  # each read succeeds within 0.2 s
    started = time.monotonic()
    summary, _ = run([server.url + "/slow", good], timeout=1.0)
    assert time.monotonic() - started < 4  # the deadline is per response, not per read
    assert "no complete answer within 1 s" in failure(summary, server.url + "/slow")
    assert summary.written == [GOOD_IRI]  # reported for its source; the next source is harvested


def test_a_truncated_response_is_refused_and_nothing_is_written(server, good):
    body = record_jsonld("cut")
    server.routes["/cut"] = truncated(body)
    summary, store = run([server.url + "/cut", good], timeout=5.0)
    assert "cannot fetch" in failure(summary, server.url + "/cut")
    assert summary.written == [GOOD_IRI]
    assert not any("cut" in g for g in store.named_graphs())


def test_an_oversized_response_is_cut_off_at_the_limit(server, good):
    limits = dataclasses.replace(DEFAULT_LIMITS, max_bytes=100_000)
    server.routes["/big"] = endless(b" " * 65536)
    server.routes["/declared"] = answer(b" " * 200_000)
    summary, _ = run([server.url + "/big", server.url + "/declared", good], timeout=10.0, limits=limits)
    assert "larger than the limit of 100000 bytes" in failure(summary, server.url + "/big")
    assert "larger than the limit of 100000 bytes" in failure(summary, server.url + "/declared")
    assert summary.written == [GOOD_IRI]


def test_a_redirect_to_file_is_refused(server, good):
    server.routes["/to-file"] = redirect("file:///etc/passwd")
    summary, _ = run([server.url + "/to-file", good])
    message = failure(summary, server.url + "/to-file")
    assert "only http and https URLs are harvested, not file:///etc/passwd" in message
    assert "root:" not in message
    assert summary.written == [GOOD_IRI]


def test_redirect_loops_stop_at_the_limit(server, good):
    server.routes["/a"] = redirect("/b")
    server.routes["/b"] = redirect("/a")
    summary, _ = run([server.url + "/a", good], max_redirects=4)
    assert "more than 4 redirects" in failure(summary, server.url + "/a")
    assert len([p for _, p in server.hits if p in ("/a", "/b")]) == 5


def test_5xx_is_retried_with_backoff_honouring_retry_after(server):
    server.routes["/flaky"] = in_turn(answer(b"busy", 503, "text/plain", {"Retry-After": "1"}),
                                      answer(b"oops", 502, "text/plain"),
                                      answer(record_jsonld("flaky")))
    summary, _ = run([server.url + "/flaky"], backoff=0.1)
    assert summary.written == ["https://w3id.org/mlrelease/id/org%2Fflaky/1.0"]
    times = [t for t, p in server.hits if p == "/flaky"]
    assert len(times) == 3
    assert times[1] - times[0] >= 0.95  # Retry-After: 1
    assert 0.09 <= times[2] - times[1] < 0.9  # backoff 0.1 s (doubled from the second retry on)


def test_5xx_that_persists_fails_the_source_after_the_retries(server, good):
    server.routes["/down"] = answer(b"down", 500, "text/plain")
    summary, _ = run([server.url + "/down", good], retries=2, backoff=0.05)
    assert "HTTP 500 Internal Server Error, still after 2 retries" in failure(summary, server.url + "/down")
    assert len([p for _, p in server.hits if p == "/down"]) == 3
    assert summary.written == [GOOD_IRI]


def test_a_retry_after_beyond_the_cap_fails_at_once(server):
    server.routes["/later"] = answer(b"", 503, "text/plain", {"Retry-After": "3600"})
    started = time.monotonic()
    summary, _ = run([server.url + "/later"], max_retry_after=5)
    assert time.monotonic() - started < 2
    assert "asks to retry after 3600 s" in failure(summary, server.url + "/later")


def test_retry_after_as_a_date():
    assert retry_after("Fri, 04 Dec 2026 00:00:10 GMT", now=1_796_342_400.0) == 10.0
    assert retry_after("-1") is None


# -- OAI-PMH ------------------------------------------------------------------------------------


def oai_page(names: list[str], token: str | None) -> bytes:
    records = "".join(
        f"<record><header><identifier>oai:x:{n}</identifier></header><metadata>"
        f"<mlr:record xmlns:mlr='https://w3id.org/mlrelease/vocab#'>{escape(record_jsonld(n).decode())}</mlr:record>"
        f"</metadata></record>" for n in names)
    resumption = f"<resumptionToken>{token}</resumptionToken>" if token else "<resumptionToken/>"
    return (OAI_HEAD + "<ListRecords>" + records + resumption + "</ListRecords></OAI-PMH>").encode()


def oai(server: Misbehaving, pages: dict[str | None, bytes], content_type: str = "text/xml") -> str:
    server.routes["/oai?verb=ListMetadataFormats"] = answer((
        OAI_HEAD + "<ListMetadataFormats><metadataFormat><metadataPrefix>mlrelease</metadataPrefix>"
        "</metadataFormat></ListMetadataFormats></OAI-PMH>").encode(), content_type="text/xml")
    for token, body in pages.items():
        path = "/oai?verb=ListRecords&" + (f"resumptionToken={token}" if token else "metadataPrefix=mlrelease")
        server.routes[path] = answer(body, content_type=content_type)
    return f"oai+{server.url}/oai"


def test_an_oai_token_seen_twice_is_a_loop(server, good):
    source = oai(server, {None: oai_page(["one"], "t1"), "t1": oai_page(["two"], "t2"), "t2": oai_page([], "t1")})
    started = time.monotonic()
    summary, _ = run([source, good])
    assert time.monotonic() - started < 5
    assert "repeats the resumption token 't1': the listing loops" in failure(summary, source)
    assert len(server.hits) <= 5
    assert summary.written == ["https://w3id.org/mlrelease/id/org%2Fone/1.0",
                               "https://w3id.org/mlrelease/id/org%2Ftwo/1.0", GOOD_IRI]


def test_an_oai_listing_without_progress_stops(server):
    pages: dict[str | None, bytes] = {None: oai_page([], "e1")}
    pages.update({f"e{i}": oai_page([], f"e{i + 1}") for i in range(1, 50)})
    source = oai(server, pages)
    summary, _ = run([source], max_empty_pages=3)
    assert "3 pages in a row without a record" in failure(summary, source)
    assert len([p for _, p in server.hits if "ListRecords" in p]) == 3


def test_an_oai_answer_that_is_not_xml_is_refused(server):
    source = oai(server, {None: oai_page(["one"], None)}, content_type="text/html")
    summary, _ = run([source])
    assert "answered text/html, not XML" in failure(summary, source)
    assert summary.written == []
