"""The ``query`` command: answer a query of the pack, or a query file, on a store.

It imports neither the harvest nor the validation engines, so that asking a store starts fast.
Everything the user gives is checked before the store is opened: the query's SPARQL (an error
names the query file, line and column), its parameters and the codes they take.
Exit codes: 0 answered; 2 usage error, unknown query, parameter or code, or the store failed.
"""

from __future__ import annotations

import io
from pathlib import Path

import click

from ..errors import UsageError
from ..query import FORMATS, bind, get, queries, stream, write
from ..query.syntax import check_syntax
from ._options import (
    KEY_VALUE,
    current_limits,
    emit,
    existing_store_options,
    format_option,
    limit_options,
    open_store_from,
    output_option,
    pairs,
    table_width,
    wide_option,
)


@click.command()
@click.argument("name", required=False, metavar="NAME|FILE.rq")
@click.option("--list", "list_queries", is_flag=True, help="List the queries of the pack with their descriptions.")
@click.option("--param", "params", multiple=True, type=KEY_VALUE, metavar="NAME=VALUE",
              help="A query parameter (repeatable); codes are checked against the vocabulary.")
@existing_store_options
@limit_options
@format_option(FORMATS, "table", "table for people; csv or json (SPARQL 1.1 results formats) for programs, "
                                 "written row by row.")
@output_option
@wide_option
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many rows.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows first (to page).")
def query(name: str | None, list_queries: bool, params: tuple[tuple[str, str], ...], store_path: Path | None,
          endpoint: str | None, server: str | None, query_url: str | None, update_url: str | None,
          gsp_url: str | None, user: str | None, timeout: float, fmt: str, output: Path | None,
          wide: bool, limit: int | None, offset: int) -> None:
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
    check_syntax(definition.text, str(definition.path or definition.name), current_limits())
    values = pairs(params)
    bind(definition, values)  # parameters and codes checked before the store is opened
    store = open_store_from(store_path=store_path, endpoint=endpoint, server=server, query_url=query_url,
                            update_url=update_url, gsp_url=gsp_url, user=user, timeout=timeout, read_only=True,
                            in_memory=False)
    width = table_width(wide or output is not None)
    buffer = io.StringIO() if output is not None else None  # a file is written whole, atomically
    try:
        write(stream(store, definition, values, limit=limit, offset=offset), fmt,
              buffer if buffer is not None else _Echo(), width=width)
    finally:
        store.close()
    if buffer is not None:
        emit(buffer.getvalue(), output)


class _Echo:
    """A text stream that writes through ``click.echo`` (as every command's output goes)."""

    def write(self, text: str) -> int:
        click.echo(text, nl=False)
        return len(text)


__all__ = ["query"]
