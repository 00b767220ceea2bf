"""The local web application of ``mlrelease serve``: read-only pages over a knowledge graph.

| path | what |
|---|---|
| ``/`` | the releases, filterable by tier, licence family, openness class, publisher and year |
| ``/releases/SLUG/`` | a release's page, as ``mlrelease publish`` writes it, and its record files |
| ``/dashboard`` | SVG charts: openness classes, OSAID, tiers and licence families per institution, years |
| ``/queries``, ``/queries/NAME`` | every query of the pack as a form; ``format=csv`` or ``json`` downloads the answer |
| ``/sparql`` | a read-only SPARQL endpoint (SELECT and ASK) with a time limit and a row limit |
| ``/validation`` | the validation report of every release (core, recommended, consistency) |

The releases are read from the store when the application starts (a snapshot); queries and the
SPARQL endpoint ask the store itself. Nothing is fetched from the network: pages carry their CSS
and script inline. A query past the time limit is answered with 503; the store may still finish it
in the background (an embedded store cannot cancel a query), so the limit protects the page, not
the machine.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ..errors import InputError, MlreleaseError, StoreError
from ..exports.schema_org import dumps as schema_org_text
from ..formats import writer
from ..publish.pages import environment, render_index, render_release
from ..query import get as get_query
from ..query import queries as pack_queries
from ..query import render as render_result
from ..query import run as run_query
from ..query.format import short
from ..store import QueryResult, Store
from ..store.sparql_text import tokens
from ..validation.report import render as render_report
from .charts import chart, svg
from .data import Snapshot

NAV: tuple[tuple[str, str], ...] = (("Releases", "/"), ("Dashboard", "/dashboard"), ("Queries", "/queries"),
                                    ("SPARQL", "/sparql"), ("Validation", "/validation"))
#: The files of a release's folder and their media types (as ``publish`` writes them).
RECORD_FILES: dict[str, tuple[str, str]] = {
    "record.jsonld": ("jsonld", "application/ld+json"), "record.ttl": ("turtle", "text/turtle; charset=utf-8"),
    "manifest.yaml": ("yaml", "application/yaml"), "schema.jsonld": ("schema-org", "application/ld+json"),
}
SPARQL_JSON = "application/sparql-results+json"
EXAMPLE_QUERY = """PREFIX mlr: <https://w3id.org/mlrelease/vocab#>
PREFIX schema: <http://schema.org/>
SELECT ?release ?name ?tier WHERE {
  ?release a mlr:Release ; schema:name ?name .
  OPTIONAL { ?release mlr:accessTier ?tier }
} ORDER BY ?name"""


def _page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(template).render(root="/", nav=NAV, **context)
    return HTMLResponse(html, status_code=status)


class _QueryTimeout(StoreError):
    """A query that took longer than the application's limit (answered with 503)."""


def _status(exc: MlreleaseError) -> int:
    if isinstance(exc, _QueryTimeout):
        return 503
    return 502 if isinstance(exc, StoreError) else 400


def create_app(store: Store, *, timeout: float = 10.0, limit: int = 1000, title: str = "Model releases") -> Starlette:
    """The application over ``store``: read-only; queries end after ``timeout`` s, at most ``limit`` rows."""
    snapshot = Snapshot(store)

    async def ask(call: Callable[[], QueryResult]) -> QueryResult:
        try:
            return await asyncio.wait_for(run_in_threadpool(call), timeout)
        except TimeoutError:
            raise _QueryTimeout(f"the query took longer than {timeout:g} s", endpoint=store.name,
                             hint="narrow the query, or add LIMIT") from None

    def rows(result: QueryResult) -> list[list[str]]:
        return [[short(t) for t in row] for row in result.rows[:limit]]

    def capped(result: QueryResult) -> QueryResult:
        return QueryResult(columns=result.columns, rows=result.rows[:limit], boolean=result.boolean)

    async def index(request: Request) -> Response:
        return HTMLResponse(render_index(snapshot.releases, root="/", catalogue=False, nav=NAV, title=title))

    async def release_page(request: Request) -> Response:
        release = snapshot.by_slug.get(request.path_params["slug"])
        if release is None:
            return _page("serve-error.html.j2", 404, title="Not found", error="no such release")
        return HTMLResponse(render_release(release, root="/", nav=NAV))

    async def release_file(request: Request) -> Response:
        release = snapshot.by_slug.get(request.path_params["slug"])
        name = request.path_params["name"]
        if release is None or name not in RECORD_FILES:
            return _page("serve-error.html.j2", 404, title="Not found", error="no such file")
        fmt, media = RECORD_FILES[name]
        text = schema_org_text(release.record) if fmt == "schema-org" else writer(fmt)(release.record)
        return Response(text, media_type=media)

    async def dashboard(request: Request) -> Response:
        rs = snapshot.releases
        tiers = sorted({r.tier for r in rs})
        charts = [
            chart("openness-classes", "Openness classes (MOF)", ((r.openness_class, "releases") for r in rs)),
            chart("osaid", "OSAID 1.0 conformance",
                  (("conformant" if r.osaid else "not conformant", "releases") for r in rs)),
            chart("tiers-by-institution", "Access tiers per institution", ((r.publisher, r.tier) for r in rs),
                  series=tiers),
            chart("families-by-institution", "Licence families per institution",
                  ((r.publisher, f) for r in rs for f in r.families)),
            chart("releases-per-year", "Releases per year, by access tier", ((r.year, r.tier) for r in rs),
                  series=tiers),
        ]
        return _page("serve-dashboard.html.j2", title="Dashboard", releases=rs,
                     institutions=len({r.publisher for r in rs}), charts=[(c, svg(c)) for c in charts])

    async def query_list(request: Request) -> Response:
        return _page("serve-queries.html.j2", title="Queries", queries=pack_queries())

    async def query_page(request: Request) -> Response:
        try:
            q = get_query(request.path_params["name"])
        except MlreleaseError as exc:
            return _page("serve-error.html.j2", 404, title="Not found", error=str(exc))
        values = {k: v for k, v in request.query_params.items() if k not in ("run", "format") and v}
        fmt = request.query_params.get("format")
        ready = all(p.name in values for p in q.params if p.required)
        context: dict[str, Any] = {"title": q.title, "q": q, "values": values, "result": None, "error": None,
                                   "limit": limit}
        if ready:  # every required parameter given (queries with none run when opened)
            try:
                result = await ask(lambda: run_query(store, q, values))
            except MlreleaseError as exc:
                if fmt:
                    return Response(str(exc) + "\n", status_code=_status(exc), media_type="text/plain")
                return _page("serve-query.html.j2", _status(exc), **{**context, "error": str(exc)})
            if fmt in ("csv", "json"):
                media = "text/csv; charset=utf-8" if fmt == "csv" else SPARQL_JSON
                return Response(render_result(capped(result), fmt), media_type=media, headers={
                    "Content-Disposition": f'attachment; filename="{q.name}.{fmt}"'})
            context.update(result=result, rows=rows(result), truncated=len(result.rows) > limit,
                           csv_url=f"/queries/{q.name}?{urlencode({**values, 'format': 'csv'})}",
                           json_url=f"/queries/{q.name}?{urlencode({**values, 'format': 'json'})}")
        return _page("serve-query.html.j2", **context)

    async def sparql(request: Request) -> Response:
        params: dict[str, str] = dict(request.query_params)
        if request.method == "POST":
            if request.headers.get("content-type", "").startswith("application/sparql-query"):
                params["query"] = (await request.body()).decode("utf-8")
            else:
                params.update({k: v for k, v in (await request.form()).items() if isinstance(v, str)})
        text = params.get("query", "")
        accept = request.headers.get("accept", "")
        fmt = params.get("format") or ("json" if SPARQL_JSON in accept or "application/json" in accept else
                                       "csv" if "text/csv" in accept else None)
        context: dict[str, Any] = {"title": "SPARQL", "text": text or EXAMPLE_QUERY, "result": None, "error": None,
                                   "timeout": f"{timeout:g}", "limit": limit}
        if not text:
            return _page("serve-sparql.html.j2", **context)
        try:
            result = await ask(lambda: _select_or_ask(store, text))
        except MlreleaseError as exc:
            if fmt:
                return Response(str(exc) + "\n", status_code=_status(exc), media_type="text/plain")
            return _page("serve-sparql.html.j2", _status(exc), **{**context, "error": str(exc)})
        if fmt in ("json", "csv"):
            return Response(render_result(capped(result), fmt),
                            media_type=SPARQL_JSON if fmt == "json" else "text/csv; charset=utf-8")
        context.update(result=result, rows=rows(result), truncated=len(result.rows) > limit)
        return _page("serve-sparql.html.j2", **context)

    async def validation(request: Request) -> Response:
        return HTMLResponse(render_report(snapshot.report, "html"))

    async def favicon(request: Request) -> Response:
        return Response(status_code=204)  # pages that state no icon (the validation report) ask for one

    routes = [
        Route("/", index), Route("/favicon.ico", favicon), Route("/index.html", index),
        Route("/releases/{slug}/", release_page), Route("/releases/{slug}/index.html", release_page),
        Route("/releases/{slug}/{name}", release_file),
        Route("/dashboard", dashboard), Route("/queries", query_list), Route("/queries/{name}", query_page),
        Route("/sparql", sparql, methods=["GET", "POST"]), Route("/validation", validation),
    ]
    app = Starlette(routes=routes)
    app.state.snapshot = snapshot
    return app


def _select_or_ask(store: Store, text: str) -> QueryResult:
    refuse_service(text)
    try:
        return store.query(text)
    except TypeError as exc:  # a CONSTRUCT or DESCRIBE: the endpoint answers SELECT and ASK only
        raise InputError(f"only SELECT and ASK queries are answered here ({exc})",
                         hint="rewrite the query as a SELECT") from None


def refuse_service(text: str) -> None:
    """Refuse any ``SERVICE``: the endpoint never makes the server send a request elsewhere."""
    if any(tok.kind == "word" and tok.value.upper() == "SERVICE" for tok in tokens(text)):
        raise InputError("SERVICE is not answered here: this endpoint never sends requests to other servers",
                         hint="run federated queries with 'mlrelease query NAME --param endpoint=URL,URL'")
