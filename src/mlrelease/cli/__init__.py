"""The ``mlrelease`` command line: parses arguments, calls the API, maps errors to exit codes.

Exit codes (docs/cli.md): 0 success; 1 the input was read but does not pass (validation
violations, stale files); 2 usage error or unreadable input; 3 internal error (a bug: please
report it).
"""

from __future__ import annotations

import sys
import traceback

import click

from .._version import VOCAB_VERSION, __version__
from ..errors import MlreleaseError
from .assess import assess
from .convert import convert
from .init import init
from .store_commands import harvest, query
from .validate import validate
from .vocab import vocab

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", "-V", prog_name="mlrelease",
    message=f"%(prog)s %(version)s (vocabulary {VOCAB_VERSION})",
)
def cli() -> None:
    """Record, check and harvest responsible releases of machine-learning models."""


cli.add_command(vocab)
cli.add_command(convert)
cli.add_command(init)
cli.add_command(validate)
cli.add_command(harvest)
cli.add_command(query)
cli.add_command(assess)


def _register_optional() -> None:
    try:
        from .licenses import licenses
    except ImportError:  # pragma: no cover - the licence commands are optional while they are built
        return
    cli.add_command(licenses)


_register_optional()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (never raises for user errors)."""
    try:
        # With standalone_mode=False click returns the code of an Exit instead of raising it.
        result = cli.main(args=argv, prog_name="mlrelease", standalone_mode=False)
        if isinstance(result, int):
            return result
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE
    except click.Abort:
        click.echo("aborted", err=True)
        return EXIT_USAGE
    except MlreleaseError as exc:
        click.echo(f"mlrelease: error: {exc}", err=True)
        return EXIT_USAGE
    except Exception:  # a bug, not the user's fault: show it and say so
        traceback.print_exc()
        click.echo("mlrelease: internal error (a bug in mlrelease): please report it with the command", err=True)
        return EXIT_INTERNAL
    return EXIT_OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
