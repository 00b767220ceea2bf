"""``mlrelease serve``: browse and query a knowledge graph in a web browser, read-only."""

from __future__ import annotations

from pathlib import Path

import click

from ._options import open_store_from, store_options


@click.command()
@store_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (the default serves this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="The port to listen on.")
@click.option("--query-timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a query of the pack or of the SPARQL endpoint may take.")
@click.option("--limit", type=click.IntRange(min=1), default=1000, show_default=True,
              help="The most rows a query answers with.")
def serve(store_path: Path | None, endpoint: str | None, server: str | None, query_url: str | None,
          update_url: str | None, gsp_url: str | None, user: str | None, timeout: float, host: str, port: int,
          query_timeout: float, limit: int) -> None:
    """Serve a store's releases, charts, queries and a read-only SPARQL endpoint on http://HOST:PORT/.

    Give --store PATH (an embedded store a harvest wrote) or --endpoint URL. The releases are read
    when the server starts; queries ask the store. Stop with Ctrl-C. Exit codes: 0 stopped, 2 usage
    error or the store cannot be opened.
    """
    import uvicorn

    from ..errors import UsageError
    from ..serve import create_app

    if store_path is None and endpoint is None:
        raise UsageError("serve needs a store", hint="give --store PATH (from 'mlrelease harvest --store PATH') "
                                                     "or --endpoint URL")
    store = open_store_from(store_path=store_path, endpoint=endpoint, server=server, query_url=query_url,
                            update_url=update_url, gsp_url=gsp_url, user=user, timeout=timeout, read_only=True,
                            in_memory=False)
    with store:
        app = create_app(store, timeout=query_timeout, limit=limit)
        click.echo(f"serving {len(app.state.snapshot.releases)} releases on http://{host}:{port}/ (Ctrl-C stops)",
                   err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning")
