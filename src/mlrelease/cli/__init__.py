"""The ``mlrelease`` command line: parses arguments, calls the API, maps errors to exit codes.

Every command ends the same way (docs/cli.md): it returns (exit 0) or raises. A typed
:class:`~mlrelease.errors.MlreleaseError` ends it with that error's ``exit_code`` (1 the input was
read but does not pass, 2 a usage error or unreadable input, 3 a broken installation); click's own
usage errors exit 2; anything else is a bug in mlrelease (exit 3, with the traceback). Errors are
printed in one format: ``mlrelease: error: WHERE: WHAT`` and, on the next line, ``hint: HOW``.
"""

from __future__ import annotations

import sys
import traceback

import click

from .._version import VOCAB_VERSION, __version__
from ..errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, MlreleaseError
from ._errors import Group, error_text, report_error
from .assess import assess
from .convert import convert
from .init import init
from .licenses import licenses
from .store_commands import harvest, query
from .validate import validate
from .vocab import vocab


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", "-V", prog_name="mlrelease",
    message=f"%(prog)s %(version)s (vocabulary {VOCAB_VERSION})",
)
def cli() -> None:
    """Record, check and harvest responsible releases of machine-learning models."""


for _command in (vocab, convert, init, validate, harvest, query, assess, licenses):
    cli.add_command(_command)


def _usage_hint(exc: click.ClickException) -> str:
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "mlrelease"
    return f"run '{command} --help' for the arguments and options"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (never raises)."""
    try:
        # With standalone_mode=False click raises its own errors, and returns the code of its
        # Exit (--help, --version) instead of exiting; commands themselves return nothing.
        code = cli.main(args=argv, prog_name="mlrelease", standalone_mode=False)
        if isinstance(code, int):
            return code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        click.echo(error_text(exc.format_message(), hint=_usage_hint(exc)), err=True)
        return EXIT_USAGE
    except click.Abort:
        click.echo(error_text("aborted"), err=True)
        return EXIT_USAGE
    except MlreleaseError as exc:  # raised outside a command (while parsing arguments)
        report_error(exc)
        return exc.exit_code
    except Exception:  # a bug, not the user's fault: show it and say so
        traceback.print_exc()
        click.echo(error_text("internal error (a bug in mlrelease)",
                              hint="please report it with the command you ran"), err=True)
        return EXIT_INTERNAL
    return EXIT_OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
