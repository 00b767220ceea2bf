"""Finding a SPARQL server's query, update and Graph Store Protocol URLs from its base URL.

| server | recognised by | query | update | graph store |
|---|---|---|---|---|
| Oxigraph | ``Server: Oxigraph`` | ``/query`` | ``/update`` | ``/store`` |
| Apache Jena Fuseki | ``Server: Apache Jena Fuseki``; base = dataset URL | ``/query`` | ``/update`` | ``/data`` |
| GraphDB | path ``/repositories/<id>`` | base | ``/statements`` | ``/rdf-graphs/service`` |
| Virtuoso | ``Server: Virtuoso`` | ``/sparql`` | ``/sparql-auth`` | ``/sparql-graph-crud-auth`` |
| QLever | ``Server: QLever`` (or ``--server qlever``) | base | base | none |
| anything else | | base | base | none |

>>> e = known_layout("oxigraph", "http://127.0.0.1:7878/")
>>> e.query_url, e.update_url, e.gsp_url
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..errors import StoreError
from .http import HttpClient, check_url

SERVERS = ("oxigraph", "fuseki", "graphdb", "virtuoso", "qlever", "generic")


@dataclass(frozen=True)
class Endpoints:
    """The URLs of one SPARQL server; ``query_params`` go on every query request."""

    query_url: str
    update_url: str | None = None
    gsp_url: str | None = None
    server: str = "generic"
    query_params: dict[str, str] = field(default_factory=dict)


def known_layout(server: str, base: str) -> Endpoints:
    """The URLs of ``server`` (one of :data:`SERVERS`) at ``base``."""
    base = base.rstrip("/")
    if server == "oxigraph":
        # Oxigraph's server takes union-default-graph per request; the query pack relies on it.
        return Endpoints(f"{base}/query", f"{base}/update", f"{base}/store", server,
                         {"union-default-graph": ""})
    if server == "fuseki":
        return Endpoints(f"{base}/query", f"{base}/update", f"{base}/data", server)
    if server == "graphdb":
        return Endpoints(base, f"{base}/statements", f"{base}/rdf-graphs/service", server)
    if server == "virtuoso":
        root = base.removesuffix("/sparql")
        return Endpoints(f"{root}/sparql", f"{root}/sparql-auth", f"{root}/sparql-graph-crud-auth", server)
    if server in ("qlever", "generic"):
        return Endpoints(base, base, None, server)
    raise StoreError(f"unknown server kind {server!r}", hint=f"use one of {', '.join(SERVERS)}")


def discover(base: str, client: HttpClient, *, server: str | None = None, query_url: str | None = None,
             update_url: str | None = None, gsp_url: str | None = None) -> Endpoints:
    """The endpoints at ``base``: by ``server`` kind if given, else by asking the server who it is.

    URLs given one by one override what is found.

    :raises StoreError: when the server cannot be reached.
    """
    check_url(base, what="endpoint")
    if server is None:
        server = _guess_server(base, client)
    found = known_layout(server, base)
    return replace(
        found,
        query_url=check_url(query_url, what="query URL") if query_url else found.query_url,
        update_url=check_url(update_url, what="update URL") if update_url else found.update_url,
        gsp_url=check_url(gsp_url, what="graph store URL") if gsp_url else found.gsp_url,
    )


def _guess_server(base: str, client: HttpClient) -> str:
    if "/repositories/" in base:
        return "graphdb"
    # Any status will do: only the Server header is read (Virtuoso without its start page answers 404).
    response = client.request("GET", base, authenticated=False, any_status=True, headers={"Accept": "text/html"})
    who = response.headers.get("server", "").lower()
    for name in ("oxigraph", "fuseki", "virtuoso", "qlever"):
        if name in who:
            return name
    return "generic"
