"""The ``harvest`` command: the knowledge-graph operator's way in (``query`` is the way out).

It opens a store as ``query`` does (:func:`._options.store_options`): ``--store PATH`` (embedded,
on disk), ``--endpoint URL`` (a SPARQL 1.1 server's base URL; ``--query-url``, ``--update-url`` and
``--gsp-url`` give its URLs one by one), or nothing (an in-memory store, gone when the command
ends). Credentials come from the environment, never the command line: ``--user`` with
``MLRELEASE_STORE_PASSWORD``, or ``MLRELEASE_STORE_TOKEN`` for a bearer token.

Exit codes: 0 done; 1 some records were rejected or some sources could not be read (the summary
lists them); 2 usage error, or the store failed (the message says what was and was not written).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import click

from ..errors import InputError, NotPassed, StoreError
from ..harvest import DEFAULT_VALIDATOR, FetchOptions, HarvestOptions, Silent
from ..harvest import harvest as run_harvest
from ..query import get, render
from ..query import run as run_query
from ..query.syntax import check_syntax
from ..validation.engine import ENGINES
from ..validation.profiles import PROFILES
from ._options import (
    current_limits,
    identifier_option,
    limit_options,
    open_store_from,
    profile_option,
    store_options,
    table_width,
    wide_option,
)
from ._progress import HarvestProgress


def default_journal(store_path: Path | None, endpoint: str | None) -> str | None:
    """Beside an on-disk store; in the user's cache for an endpoint; none for an in-memory store."""
    if store_path is not None:
        return str(store_path.resolve()) + ".harvest-journal.jsonl"
    if endpoint is not None:
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mlrelease"
        return str(cache / f"harvest-{hashlib.sha256(endpoint.encode()).hexdigest()[:16]}.jsonl")
    return None


def read_trust_list(path: Path | None) -> tuple[str, ...]:
    """The sources a trust list names, one a line; blank lines and ``#`` comments are skipped."""
    if path is None:
        return ()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@store_options
@profile_option(PROFILES, "Validation profile a record must pass to be stored (repeatable).", default=("core",))
@click.option("--no-validate", is_flag=True, help="Store records without validating them.")
@click.option("--keep-invalid", is_flag=True, help="Store records that fail validation too (marked so).")
@click.option("--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
              help="Validation engine: compiled (shapes compiled to SPARQL) or pyshacl (the reference).")
@click.option("--journal", type=click.Path(dir_okay=False),
              help="The resume journal (default: beside --store, or in the user cache for --endpoint).")
@identifier_option
@click.option("--metadata-prefix", help="The OAI-PMH metadata prefix to harvest (default: one mlrelease reads).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes that parse and validate documents.")
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Releases written per store write.")
@click.option("--query", "-q", "then_ask", multiple=True, metavar="NAME",
              help="After harvesting, answer this query of the pack (repeatable).")
@click.option("--strict", is_flag=True,
              help="Refuse a record that says more than it may about things other than its own release "
                   "(default: drop the excess with a warning).")
@click.option("--allow-replace", "allow_replace", multiple=True, metavar="SOURCE",
              help="Let SOURCE replace releases another source published (exact source, or a prefix ending "
                   "in /; repeatable).")
@click.option("--trust-list", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A file of sources allowed to replace releases, one a line (# starts a comment).")
@click.option("--follow-symlinks", is_flag=True,
              help="Follow symbolic links that lead out of a harvested folder (off by default).")
@limit_options
@click.option("--quiet", is_flag=True, help="No progress and no summary on stderr.")
@wide_option
def harvest(sources: tuple[str, ...], store_path: Path | None, endpoint: str | None, server: str | None,
            query_url: str | None, update_url: str | None, gsp_url: str | None, user: str | None, timeout: float,
            profiles: tuple[str, ...], no_validate: bool, keep_invalid: bool, engine: str, journal: str | None,
            identifier: str | None, metadata_prefix: str | None, workers: int, batch_size: int,
            then_ask: tuple[str, ...], strict: bool, allow_replace: tuple[str, ...], trust_list: Path | None,
            follow_symlinks: bool, quiet: bool, wide: bool) -> None:
    """Harvest release records from SOURCES into a store.

    SOURCES are files, folders (every file mlrelease reads), http(s) URLs of records or landing
    pages (content negotiation, Link rel="describedby"), and OAI-PMH endpoints written
    oai+https://host/oai. Each release goes into its own named graph, replaced whole; records that
    fail the validation profiles are reported and kept out; a second run changes only what changed.
    A record speaks only for its own release, and a release belongs to the source that first
    published it (see docs/knowledge-graph.md, "Trust").
    """
    asked = [get(name) for name in then_ask]  # fail on a misspelt or broken query before harvesting
    for query in asked:
        check_syntax(query.text, str(query.path or query.name), current_limits())
    try:
        store = open_store_from(store_path=store_path, endpoint=endpoint, server=server, query_url=query_url,
                                update_url=update_url, gsp_url=gsp_url, user=user, timeout=timeout)
    except StoreError as exc:
        raise StoreError(f"{exc.message}; nothing was harvested or written", endpoint=exc.endpoint,
                         hint=exc.hint) from None
    options = HarvestOptions(
        profiles=tuple(profiles), keep_invalid=keep_invalid, validator=None if no_validate else DEFAULT_VALIDATOR,
        batch_size=batch_size, workers=workers, journal=journal or default_journal(store_path, endpoint), engine=engine,
        fetch=FetchOptions(timeout=timeout, metadata_prefix=metadata_prefix, identifier=identifier,
                           follow_symlinks=follow_symlinks, limits=current_limits()),
        strict=strict, allow_replace=tuple(allow_replace) + read_trust_list(trust_list),
    )
    if store_path is None and endpoint is None and query_url is None and not quiet:
        click.echo("harvest: into an in-memory store, gone when this command ends (use --store PATH to keep it)",
                   err=True)
    try:
        display = None if quiet else HarvestProgress(sys.stderr)
        summary = run_harvest(list(sources), store, options, progress=display or Silent(),
                              on_progress=display.on_progress if display is not None else None)
        for query in asked:
            click.echo(f"# {query.title}")
            width = table_width(wide)
            click.echo(render(run_query(store, query), "table", width=width))
    finally:
        store.close()
    if summary.failures and not summary.outcomes and not summary.skipped_documents:
        # Nothing could be read: an unreadable input (exit 2), as for every other command.
        raise InputError(f"no source could be read ({len(summary.failures)} unreadable; see above)",
                         hint="fix or remove the unreadable sources listed above")
    if not summary.ok:
        raise NotPassed()


__all__ = ["harvest"]
