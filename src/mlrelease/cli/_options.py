"""What every command shares: option definitions, the KEY=VALUE type, reading inputs, writing output.

Commands take their options from here (as ro-crate-py's ``OPTION_*`` constants), so that the
same option has the same name, short flag, help and behaviour everywhere.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from ..codecs.limits import DEFAULT_LIMITS, LIMIT_FIELDS, Limits, option_name
from ..errors import InputError, UsageError
from ..files import folder_files, write_atomically
from ..formats import input_formats
from ..record import ReleaseRecord
from ..store import SERVERS, Credentials, Store, open_store

F = TypeVar("F", bound=Callable[..., Any])


class KeyValue(click.ParamType):
    """``NAME=VALUE``, converted to a ``(name, value)`` pair (the name stripped, the value kept as typed)."""

    name = "NAME=VALUE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, str]:
        if isinstance(value, tuple):
            return value
        key, sep, rest = str(value).partition("=")
        if not sep or not key.strip():
            option = param.opts[0] if param is not None and param.opts else "the option"
            raise UsageError(f"{option} takes NAME=VALUE, got {value!r}", hint=f"for example {option} role=software")
        return key.strip(), rest


KEY_VALUE = KeyValue()


def pairs(values: Sequence[tuple[str, str]]) -> dict[str, str]:
    """The ``(name, value)`` pairs of a repeated KEY=VALUE option as a dict (a later value wins)."""
    return dict(values)


def profile_option(profiles: Sequence[str], help: str, default: tuple[str, ...] | None = None) -> Callable[[F], F]:
    """``-p/--profile``: a validation profile (repeatable; ``all`` for every one). Only validate and harvest have it."""
    return click.option("--profile", "-p", "profiles", multiple=True, type=click.Choice([*profiles, "all"]),
                        default=default, show_default=default is not None, help=help)


def input_format_option(fn: F) -> F:
    """``--from FORMAT``: the input format, detected per file when not given."""
    return click.option("--from", "from_format", type=click.Choice(input_formats()),
                        help="Input format (default: detected per file from its name and content).")(fn)


def format_option(choices: Sequence[str], default: str, help: str = "Output format.") -> Callable[[F], F]:
    """``-f/--format``: the format of what the command prints or writes."""
    return click.option("--format", "-f", "fmt", type=click.Choice(list(choices)), default=default,
                        show_default=True, help=help)


def wide_option(fn: F) -> F:
    """``--wide``: show table cells whole (by default long cells are cut to fit the terminal, with an ellipsis)."""
    return click.option("--wide", is_flag=True,
                        help="Show table cells whole (default: cut to fit the terminal, with an ellipsis).")(fn)


def table_width(wide: bool) -> int | None:
    """The width tables are cut to: the terminal's when standard output is one (and not ``--wide``), else none."""
    if wide or not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size((120, 24)).columns


def output_option(fn: F) -> F:
    """``-o/--output FILE``: write there (atomically: never a partial file) instead of standard output."""
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                        help="Write here (atomically: never a partial file) instead of standard output.")(fn)


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` atomically and say so on standard error."""
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomically(text, output)
    click.echo(f"wrote {output}", err=True)


#: The path that stands for standard input, wherever a command reads inputs.
STDIN = Path("-")


HUB_PREFIX = "hf://"


class InputPath(click.Path):
    """A file, folder or ``-`` as a :class:`~pathlib.Path`; a Hub reference ``hf://NAMESPACE/NAME`` kept as text.

    (A ``Path`` would fold the reference's ``//``.)
    """

    def __init__(self) -> None:
        super().__init__(path_type=Path, allow_dash=True)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value.startswith(HUB_PREFIX):
            return value
        return super().convert(value, param, ctx)


def inputs_argument(*, many: bool = True) -> Callable[[F], F]:
    """The INPUT argument(s): files, folders (the files mlrelease reads below them), ``-`` (standard
    input) or a model on the Hugging Face Hub (``hf://NAMESPACE/NAME[@REVISION]``)."""
    if many:
        return click.argument("inputs", metavar="INPUT...", nargs=-1, required=True, type=InputPath())
    return click.argument("input_path", metavar="INPUT", type=InputPath())


def input_files(paths: Sequence[Path | str], *, strict: bool = True) -> list[Path | str]:
    """The files ``paths`` name: files as they are, folders as the files mlrelease reads below them,
    ``-`` as itself (standard input, read once), Hub references (``hf://...``) as they are.

    :raises InputError: (``strict`` only) a path that does not exist; otherwise it is kept, for
        the caller to report as unreadable with the others.
    """
    out: list[Path | str] = []
    for path in paths:
        if isinstance(path, str):  # a Hub reference (see InputPath)
            out.append(path)
        elif path == STDIN:
            if STDIN in out:
                raise UsageError("'-' (standard input) is given twice", hint="give it once")
            out.append(path)
        elif path.is_dir():
            out.extend(folder_files(path))
        elif path.exists() or not strict:
            out.append(path)
        else:
            raise InputError("no such file or folder", location=str(path), hint="check the path")
    return out


def identifier_option(fn: F) -> F:
    """``--identifier NAMESPACE/NAME``: the repository id of the input, for formats that may not state it."""
    return click.option("--identifier", metavar="NAMESPACE/NAME",
                        help="The repository id the input describes (a Hugging Face card's Hub id); gives the "
                             "release its identifier, url and publisher. Formats that state their own ignore it. "
                             "Default: from a card's path <namespace>/<name>/README.md.")(fn)


def read_records(path: Path | str, from_format: str | None, identifier: str | None = None) -> list[ReleaseRecord]:
    """Every release of the file ``path`` (``identifier``: see :func:`identifier_option`).

    :raises InputError: the file cannot be read or describes no release.
    """
    if isinstance(path, str) and path.startswith(HUB_PREFIX):
        from ..io import load_all  # the Hub gives the repository id: ``identifier`` may override it

        found = load_all(path=path, format=from_format, identifier=identifier, limits=current_limits())
        if not found:
            raise InputError("the model card describes no release", location=path,
                             hint="check the reference, hf://NAMESPACE/NAME[@REVISION]")
        return found
    from ..validation.batch import read_input  # not at start-up: query needs no validation

    return read_input(Path(path), from_format, identifier, current_limits())[1]


_LIMITS_KEY = "mlrelease.limits"


def _set_limit(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    if value is not None and param.name is not None:
        ctx.meta.setdefault(_LIMITS_KEY, {})[param.name] = value


def limit_options(fn: F) -> F:
    """``--max-bytes N``, ``--max-depth N``, ...: one option per field of :class:`~mlrelease.Limits`.

    The options are not passed to the command; :func:`current_limits` collects them, so that
    every reader, the harvest and the store get the same limits (docs/security.md lists them).
    """
    for name in reversed(LIMIT_FIELDS):
        default = getattr(DEFAULT_LIMITS, name)
        kind: click.ParamType = click.FloatRange(min=0.1) if isinstance(default, float) else click.IntRange(min=1)
        fn = click.option(option_name(name), name, type=kind, default=None, expose_value=False, callback=_set_limit,
                          metavar="N", help=f"Limit {name} (default {default}); see docs/security.md.")(fn)
    return fn


def current_limits() -> Limits:
    """The limits of the running command: the defaults, with what its ``--max-*`` options raised."""
    ctx = click.get_current_context(silent=True)
    given = ctx.meta.get(_LIMITS_KEY, {}) if ctx is not None else {}
    return dataclasses.replace(DEFAULT_LIMITS, **given) if given else DEFAULT_LIMITS


def store_options(fn: F) -> F:
    """The options that choose a store to write (``harvest``): ``--store`` is created if missing."""
    return _store_options(fn, "The embedded store: a directory (created if missing).")


def existing_store_options(fn: F) -> F:
    """The options that choose a store to read (``query``): ``--store`` must exist."""
    return _store_options(fn, "The embedded store: a directory that a harvest wrote (it must exist).")


def _store_options(fn: F, store_help: str) -> F:
    """The options that choose a store, shared by ``harvest`` and ``query``; see :func:`open_store_from`."""
    options = [
        click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path), help=store_help),
        click.option("--endpoint", metavar="URL",
                     help="A SPARQL 1.1 server's base URL, e.g. http://127.0.0.1:7878 for Oxigraph."),
        click.option("--server", type=click.Choice(SERVERS),
                     help="The server kind at --endpoint (found by asking the server when not given)."),
        click.option("--query-url", metavar="URL", help="The server's SPARQL query URL."),
        click.option("--update-url", metavar="URL", help="The server's SPARQL update URL."),
        click.option("--gsp-url", metavar="URL", help="The server's Graph Store Protocol URL."),
        click.option("--user", metavar="NAME",
                     help="User name for the server; the password is read from MLRELEASE_STORE_PASSWORD."),
        click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
                     help="Seconds to wait for a server to connect or answer."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def open_store_from(*, store_path: Path | None, endpoint: str | None, server: str | None, query_url: str | None,
                    update_url: str | None, gsp_url: str | None, user: str | None, timeout: float,
                    read_only: bool = False, in_memory: bool = True) -> Store:
    """The store the :func:`store_options` name; credentials come from the environment, never the command line."""
    credentials = Credentials(user=user, password=os.environ.get("MLRELEASE_STORE_PASSWORD"),
                              token=os.environ.get("MLRELEASE_STORE_TOKEN"))
    store = open_store(store_path, endpoint, server=server, query_url=query_url, update_url=update_url,
                       gsp_url=gsp_url, timeout=timeout, credentials=credentials, read_only=read_only,
                       in_memory=in_memory)
    store.limits = current_limits()
    return store
