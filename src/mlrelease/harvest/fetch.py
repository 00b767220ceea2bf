"""Fetching a release record over HTTP: content negotiation and ``Link: rel="describedby"`` signposting.

A URL may answer with the record itself (JSON-LD preferred, any format mlrelease reads accepted)
or with a landing page that points at the record with a ``describedby`` link, in a ``Link``
header or an HTML ``<link>`` element (FAIR Signposting). No credentials are ever sent; redirects
are followed up to a limit, to http(s) URLs only; bodies are capped at the size limit.
"""

from __future__ import annotations

import hashlib
import re
import time
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import InputError
from ..store.http import USER_AGENT
from .documents import Document, FetchOptions

ACCEPT = ("application/ld+json, application/json;q=0.9, text/turtle;q=0.8, application/n-triples;q=0.7, "
          "application/n-quads;q=0.7, application/trig;q=0.7, application/yaml;q=0.6, "
          "text/html;q=0.2, */*;q=0.1")
#: Media types and the input format they mean.
MEDIA_FORMATS = {
    "application/ld+json": "jsonld", "application/json": "json", "text/turtle": "turtle",
    "application/x-turtle": "turtle", "application/n-triples": "ntriples", "application/n-quads": "nquads",
    "application/trig": "trig", "application/rdf+xml": "rdfxml", "application/yaml": "yaml",
    "application/x-yaml": "yaml", "text/yaml": "yaml", "text/markdown": "hf-card",
}
_LINK = re.compile(r'<([^>]*)>((?:\s*;\s*[A-Za-z0-9*-]+\s*=\s*(?:"[^"]*"|[^;,]*))*)')
_PARAM = re.compile(r';\s*([A-Za-z0-9*-]+)\s*=\s*(?:"([^"]*)"|([^;,]*))')


def parse_links(header: str) -> list[tuple[str, dict[str, str]]]:
    """The (target, params) pairs of an HTTP ``Link`` header.

    >>> parse_links('<https://e.org/r.jsonld>; rel="describedby"; type="application/ld+json"')
    [('https://e.org/r.jsonld', {'rel': 'describedby', 'type': 'application/ld+json'})]
    """
    out = []
    for m in _LINK.finditer(header):
        params = {p.group(1).lower(): (p.group(2) if p.group(2) is not None else p.group(3).strip())
                  for p in _PARAM.finditer(m.group(2))}
        out.append((m.group(1), params))
    return out


class _HeadLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "link":
            a = {k.lower(): (v or "") for k, v in attrs}
            if "href" in a:
                self.links.append((a["href"], {"rel": a.get("rel", ""), "type": a.get("type", "")}))


def _describedby(links: list[tuple[str, dict[str, str]]], base: str) -> str | None:
    candidates = [(href, p.get("type", "")) for href, p in links if "describedby" in p.get("rel", "").split()]
    if not candidates:
        return None
    rank = {"application/ld+json": 0, "application/json": 1}
    candidates.sort(key=lambda c: rank.get(c[1].split(";")[0].strip(), 2 if c[1] in MEDIA_FORMATS else 3))
    return urljoin(base, candidates[0][0])


def _media(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


#: Statuses worth retrying: the server is overloaded or briefly down.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delay-seconds or an HTTP date); None if absent or bad.

    >>> retry_after("3"), retry_after("soon"), retry_after(None)
    (3.0, None, None)
    """
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def get(client: httpx.Client, url: str, options: FetchOptions, *, accept: str = ACCEPT) -> tuple[httpx.Response, bytes]:
    """GET ``url``, retrying 5xx and 429 answers with backoff (honouring ``Retry-After``).

    :raises InputError: on a transport error, a response not complete within ``options.timeout``
        seconds, an HTTP error, a body over the size limit, too many redirects or a redirect out of
        http(s) (``file:``, ``ftp:``, ...).
    """
    for attempt in range(options.retries + 1):
        response, body = _get_once(client, url, options, accept)
        if response.status_code not in RETRY_STATUSES:
            return response, body
        status = f"HTTP {response.status_code} {response.reason_phrase}"
        if attempt == options.retries:
            raise InputError(f"{status}, still after {options.retries} retries", location=url,
                             hint="the server is failing; try again later")
        wait = retry_after(response.headers.get("retry-after"))
        if wait is None:
            wait = options.backoff * (2 ** attempt)
        elif wait > options.max_retry_after:
            raise InputError(f"{status}; the server asks to retry after {wait:g} s, more than the "
                             f"{options.max_retry_after:g} s mlrelease waits", location=url, hint="try again later")
        time.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


def _get_once(client: httpx.Client, url: str, options: FetchOptions, accept: str) -> tuple[httpx.Response, bytes]:
    """One GET with its redirects, complete within ``options.timeout`` seconds; 5xx/429 are returned, not raised."""
    deadline = time.monotonic() + options.timeout
    first = url
    for _ in range(options.max_redirects + 1):
        if urlsplit(url).scheme not in ("http", "https"):
            where = "" if url == first else f" (a redirect from {first})"
            raise InputError(f"only http and https URLs are harvested, not {url}{where}", location=first,
                             hint="a redirect may only lead to another http(s) URL")
        try:
            with client.stream("GET", url, headers={"Accept": accept}, timeout=_timeout(deadline, options)) as response:
                if response.is_redirect and "location" in response.headers:
                    url = urljoin(url, response.headers["location"])
                    continue
                if response.status_code in RETRY_STATUSES:
                    return response, b""
                if response.status_code >= 400:
                    raise InputError(f"HTTP {response.status_code} {response.reason_phrase}", location=url,
                                     hint="check the URL; the server refused or does not have it")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > options.limits.max_bytes:
                    raise _too_large(url, options)
                body = bytearray()
                for chunk in response.iter_bytes():  # decoded chunk by chunk: capped after decoding
                    body += chunk
                    if len(body) > options.limits.max_bytes:
                        raise _too_large(url, options)
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("deadline")
                return response, bytes(body)
        except httpx.TimeoutException:
            raise InputError(f"no complete answer within {options.timeout:g} s", location=url,
                             hint="the server is slow; raise --timeout or try later") from None
        except httpx.TransportError as exc:
            raise InputError(f"cannot fetch: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
                             location=url, hint="is the server up and the URL right? (a truncated answer ends so too)",
                             ) from None
    raise InputError(f"more than {options.max_redirects} redirects", location=first,
                     hint="the server redirects in a loop or too often")


def _timeout(deadline: float, options: FetchOptions) -> httpx.Timeout:
    left = max(0.001, deadline - time.monotonic())
    return httpx.Timeout(left, connect=min(left, 10.0))


def _too_large(url: str, options: FetchOptions) -> InputError:
    return InputError(f"the response is larger than the limit of {options.limits.max_bytes} bytes", location=url,
                      hint="raise the limit if you trust the source")


def new_client(options: FetchOptions) -> httpx.Client:
    """An httpx client for harvesting: no credentials, no environment proxies, explicit timeouts."""
    return httpx.Client(timeout=httpx.Timeout(options.timeout, connect=min(options.timeout, 10.0)),
                        follow_redirects=False, headers={"User-Agent": USER_AGENT}, trust_env=False)


def fetch_record(client: httpx.Client, url: str, options: FetchOptions) -> Document:
    """The release record at ``url``, following one ``describedby`` link from a landing page."""
    response, body = get(client, url, options)
    final = str(response.url)
    media = _media(response)
    if media not in MEDIA_FORMATS:
        links = parse_links(", ".join(response.headers.get_list("link")))
        if media in ("text/html", "application/xhtml+xml"):
            parser = _HeadLinks()
            parser.feed(body[:1_000_000].decode("utf-8", "replace"))
            links += parser.links
        target = _describedby(links, final)
        if target is None:
            raise InputError(f"the URL answered {media or 'no content type'} and names no release record",
                             location=url, hint='publish JSON-LD there, or link it with Link: <...>; rel="describedby"')
        response, body = get(client, target, options)
        final = str(response.url)
        media = _media(response)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"the record is not UTF-8 (byte {exc.start})", location=final) from None
    return Document(source=final, text=text, digest=hashlib.sha256(body).hexdigest(),
                    name=urlsplit(final).path.rsplit("/", 1)[-1] or None, format=MEDIA_FORMATS.get(media))
