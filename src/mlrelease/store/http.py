"""HTTP for the store and harvest layers: explicit timeouts, credentials kept to one origin.

Every request goes through :class:`HttpClient`. It never follows redirects when it carries
credentials (a redirect is reported instead), refuses to send credentials over plain http except
to the loopback interface, and turns every transport failure into a :class:`StoreError` that
names the URL and says what happened.
"""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Generator
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from .._version import __version__
from ..errors import StoreError

USER_AGENT = f"mlrelease/{__version__} (+https://w3id.org/mlrelease)"


@dataclass(frozen=True)
class Credentials:
    """HTTP credentials: basic (``user`` and ``password``) or a bearer ``token``. Never logged."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, password=***, token={'***' if self.token else None})"

    def auth(self, *, digest: bool = False) -> httpx.Auth | None:
        """The httpx auth for these credentials: bearer, or user and password.

        A user and password go as HTTP Basic unless the server answers with a Digest challenge
        (Virtuoso's ``-auth`` endpoints do), after which they go as HTTP Digest; ``digest=True``
        starts with Digest, so the password is never sent in the clear.
        """
        if self.token:
            return _Bearer(self.token)
        if self.user is not None:
            return _BasicOrDigest(self.user, self.password or "", digest=digest)
        return None


class _Bearer(httpx.Auth):
    def __init__(self, token: str) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request):
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request


class _BasicOrDigest(httpx.Auth):
    """HTTP Basic, switching for good to HTTP Digest once the server challenges with Digest.

    Virtuoso's ``-auth`` endpoints accept only Digest. The switch answers the challenge of the
    401 already received, so it costs no extra request; later requests go with Digest at once.
    """

    requires_request_body = True  # a Digest answer sends the body again

    def __init__(self, user: str, password: str, *, digest: bool) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self.use_digest = digest

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self.use_digest:
            yield from self._digest.auth_flow(request)
            return
        basic = next(self._basic.auth_flow(request))
        response = yield basic
        challenges = response.headers.get_list("www-authenticate") if response.status_code == 401 else []
        if not any(c.lower().startswith("digest ") for c in challenges):
            return
        self.use_digest = True
        request.headers.pop("Authorization", None)
        flow = self._digest.auth_flow(request)
        next(flow)  # the request as it is: the challenge is already in ``response``
        try:
            retry = flow.send(response)
        except StopIteration:
            return
        answer = yield retry
        with contextlib.suppress(StopIteration):
            flow.send(answer)


def is_loopback(url: str) -> bool:
    """Whether ``url``'s host is on the loopback interface (127.0.0.0/8, ::1, localhost)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str, *, what: str = "URL") -> str:
    """Return ``url`` if it is an absolute http(s) URL, else raise :class:`StoreError`."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"the {what} {url!r} is not an http(s) URL", endpoint=url,
                         hint="give an absolute URL such as http://127.0.0.1:7878")
    if parts.username or parts.password:
        raise StoreError(f"the {what} carries credentials in the URL", endpoint=_redact(url),
                         hint="pass --user with MLRELEASE_STORE_PASSWORD, or MLRELEASE_STORE_TOKEN")
    return url


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.username or parts.password:
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        return parts._replace(netloc=netloc).geturl()
    return url


class HttpClient:
    """An httpx client with ``timeout`` seconds to connect and to read, and optional credentials."""

    def __init__(self, *, timeout: float = 30.0, credentials: Credentials | None = None) -> None:
        self.timeout = timeout
        self.credentials = credentials or Credentials()
        self._auth = self.credentials.auth()
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            trust_env=False,
        )

    def use_digest(self) -> None:
        """Send user and password with HTTP Digest from the first request (servers known to want it)."""
        if isinstance(self._auth, _BasicOrDigest):
            self._auth.use_digest = True

    def close(self) -> None:
        self._client.close()

    def request(self, method: str, url: str, *, authenticated: bool = True, any_status: bool = False,
                **kwargs) -> httpx.Response:
        """Send one request; a redirect, a transport error or a 4xx/5xx status (unless ``any_status``) raises
        StoreError."""
        auth = self._auth if authenticated else None
        if auth is not None and urlsplit(url).scheme != "https" and not is_loopback(url):
            raise StoreError("refusing to send credentials over plain http", endpoint=url,
                             hint="use an https URL for a store that needs a password or token")
        try:
            response = self._client.request(method, url, auth=auth, **kwargs)
        except httpx.TimeoutException:
            raise StoreError(f"no answer within {self.timeout:g} s ({method})", endpoint=url,
                             hint="the server is slow or stuck; raise --timeout or try later") from None
        except httpx.ConnectError as exc:
            raise StoreError(f"cannot connect ({_reason(exc)})", endpoint=url,
                             hint="is the server running, and is the URL right?") from None
        except httpx.TransportError as exc:
            raise StoreError(f"the connection failed during {method} ({_reason(exc)})", endpoint=url,
                             hint="the server closed the connection or crashed; run the command again") from None
        if response.is_redirect:
            raise StoreError(
                f"the server redirects to {response.headers.get('location', '?')}", endpoint=url,
                hint="give the final URL: mlrelease does not follow store redirects, so credentials "
                     "never reach another server")
        if response.status_code >= 400 and not any_status:
            body = response.text[:300].strip().replace("\n", " ")
            raise StoreError(f"{method} failed with HTTP {response.status_code}: {body}", endpoint=url,
                             hint=_status_hint(response.status_code))
        return response


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


def _status_hint(status: int) -> str | None:
    if status in (401, 403):
        return "check the credentials (--user with MLRELEASE_STORE_PASSWORD, or MLRELEASE_STORE_TOKEN)"
    if status == 404:
        return "check the URL; with --endpoint give the server's base URL, or give --query-url/--update-url/--gsp-url"
    if status >= 500:
        return "the server failed; see its log"
    return None
