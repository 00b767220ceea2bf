"""The ``query`` command: answer a query of the pack, or a query file, on a store.

It imports neither the harvest nor the validation engines, so that asking a store starts fast.
Exit codes: 0 answered; 2 usage error, unknown query or parameter, or the store failed.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import UsageError
from ..query import FORMATS, get, queries, stream, write
from ._options import KEY_VALUE, open_store_from, pairs, store_options


@click.command()
@click.argument("name", required=False, metavar="NAME|FILE.rq")
@click.option("--list", "list_queries", is_flag=True, help="List the queries of the pack with their descriptions.")
@click.option("--param", "-p", "params", multiple=True, type=KEY_VALUE, metavar="NAME=VALUE",
              help="A query parameter (repeatable).")
@store_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table for people; csv or json (SPARQL 1.1 results formats) for programs, written row by row.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many rows.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows first (to page).")
def query(name: str | None, list_queries: bool, params: tuple[tuple[str, str], ...], store_path: Path | None,
          endpoint: str | None, server: str | None, query_url: str | None, update_url: str | None,
          gsp_url: str | None, user: str | None, timeout: float, fmt: str, limit: int | None, offset: int) -> None:
    """Answer a query of the pack (by NAME) or a query file, on a store.

    CSV and JSON rows are written as the store finds them; --limit and --offset page through a long answer.
    """
    if list_queries:
        for q in queries():
            click.echo(f"{q.name}\n  {q.title}\n  {q.description}")
            for p in q.params:
                click.echo(f"  --param {p.signature()}: {p.description}")
        return
    if not name:
        raise UsageError("which query? Give a query name or a .rq file",
                         hint="mlrelease query --list shows the queries of the pack")
    definition = get(name)
    values = pairs(params)
    store = open_store_from(store_path=store_path, endpoint=endpoint, server=server, query_url=query_url,
                            update_url=update_url, gsp_url=gsp_url, user=user, timeout=timeout, read_only=True,
                            in_memory=False)
    try:
        write(stream(store, definition, values, limit=limit, offset=offset), fmt, _Echo())
    finally:
        store.close()


class _Echo:
    """A text stream that writes through ``click.echo`` (as every command's output goes)."""

    def write(self, text: str) -> int:
        click.echo(text, nl=False)
        return len(text)




__all__ = ["query"]
