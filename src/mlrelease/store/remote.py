"""A remote store: any SPARQL 1.1 Query, Update and Graph Store Protocol server, over HTTP.

Parameters are bound by writing each value, serialised by :func:`mlrelease.store.terms.sparql_term`
after strict checks, into a ``BIND`` at the start of the query's ``WHERE`` group (SPARQL 1.1
protocol has no binding API). Graphs are replaced with one Graph Store Protocol ``PUT`` each.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

import pyoxigraph as ox

from ..errors import InputError, StoreError
from .base import Bindable, GraphWrite, Store, catalogue_swap
from .endpoints import Endpoints, discover
from .graphs import CATALOGUE_GRAPH, release_of_graph, sparql_iri, staging_graph
from .http import Credentials, HttpClient
from .results import QueryResult
from .sparql_text import check_query, inject_binds
from .terms import sparql_term

_RESULTS_JSON = "application/sparql-results+json"


class RemoteStore(Store):
    """A SPARQL server at ``endpoint`` (its base URL), or at the URLs given one by one.

    ``server`` names the server kind (see :mod:`mlrelease.store.endpoints`) and skips asking the
    server who it is. ``timeout`` bounds connecting and each read, in seconds.

    :raises StoreError: when the server cannot be reached while finding its URLs.
    """

    def __init__(self, endpoint: str, *, server: str | None = None, query_url: str | None = None,
                 update_url: str | None = None, gsp_url: str | None = None, timeout: float = 30.0,
                 credentials: Credentials | None = None) -> None:
        self.name = endpoint
        self.http = HttpClient(timeout=timeout, credentials=credentials)
        try:
            self.endpoints: Endpoints = discover(endpoint, self.http, server=server, query_url=query_url,
                                                 update_url=update_url, gsp_url=gsp_url)
            if self.endpoints.server == "virtuoso":  # its -auth endpoints accept only HTTP Digest
                self.http.use_digest()
        except BaseException:
            self.http.close()
            raise

    def close(self) -> None:
        self.http.close()

    def query(self, sparql: str, bindings: Mapping[str, Bindable] | None = None) -> QueryResult:
        if bindings:
            try:
                serialized = {name: sparql_term(term) for name, term in bindings.items()}
            except ValueError as exc:
                raise InputError(f"cannot bind a parameter: {exc}") from None
            sparql = inject_binds(sparql, serialized)
        check_query(sparql, self.limits)
        response = self.http.request(
            "POST", self.endpoints.query_url, params=self.endpoints.query_params or None,
            data={"query": sparql}, headers={"Accept": _RESULTS_JSON},
        )
        try:
            answer = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as exc:
            raise StoreError(f"the answer is not SPARQL JSON results: {exc}",
                             endpoint=self.endpoints.query_url) from None
        return QueryResult.from_pyoxigraph(answer)

    def update(self, sparql: str) -> None:
        if not self.endpoints.update_url:
            raise StoreError("this store has no update URL", endpoint=self.name, hint="give --update-url")
        self.http.request("POST", self.endpoints.update_url, data={"update": sparql})

    def _put(self, graph: str, ntriples: str) -> None:
        gsp = self.endpoints.gsp_url
        if not gsp:
            raise StoreError("this store has no Graph Store Protocol URL", endpoint=self.name,
                             hint="give --gsp-url (mlrelease replaces each release graph with one PUT)")
        if ntriples.strip():
            self.http.request("PUT", gsp, params={"graph": graph}, content=ntriples.encode("utf-8"),
                              headers={"Content-Type": "application/n-triples"})
        else:
            try:
                self.http.request("DELETE", gsp, params={"graph": graph})
            except StoreError as exc:
                if "HTTP 404" not in exc.message:
                    raise

    def write(self, change: GraphWrite) -> None:
        """Write ``change`` so that every release graph and its catalogue entry arrive together.

        Each graph and the new catalogue entries are PUT into staging graphs first; one SPARQL
        update then moves them all into place and swaps the catalogue entries. A server applies
        one update request in one transaction, so a failure before it leaves only staging graphs
        (dropped by the next harvest) and a failure during it leaves all of the batch or none.
        """
        token = uuid.uuid4().hex
        commit: list[str] = []
        try:
            for graph, ntriples in change.graphs.items():
                if not ntriples.strip():
                    commit.append(f"DROP SILENT GRAPH {sparql_iri(graph)}")
                    continue
                staged = staging_graph(graph, token)
                self._put(staged, ntriples)
                commit.append(f"MOVE SILENT GRAPH {sparql_iri(staged)} TO GRAPH {sparql_iri(graph)}")
            staged_catalogue = None
            if change.catalogue.strip():
                staged_catalogue = staging_graph(CATALOGUE_GRAPH, token)
                self._put(staged_catalogue, change.catalogue)
        except StoreError as exc:
            missing = [release_of_graph(g) or g for g in change.graphs]
            raise StoreError(exc.message, endpoint=exc.endpoint, hint=exc.hint, not_written=missing) from None
        swap = catalogue_swap(change.catalogue_subjects, staged_catalogue)
        if swap:
            commit.append(swap)
        if not commit:
            return
        try:
            self.update(" ;\n".join(commit))
        except StoreError as exc:
            batch = [release_of_graph(g) or g for g in change.graphs]
            raise StoreError(exc.message, endpoint=exc.endpoint, hint=exc.hint, unconfirmed=batch) from None
