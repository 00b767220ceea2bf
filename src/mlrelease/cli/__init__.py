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

#: The commands, imported only when one runs (so that ``--version`` and ``--help`` start fast):
#: name -> (module of mlrelease.cli, attribute, the short help ``mlrelease --help`` lists).
#: ``tests/test_cli_startup.py`` checks that each short help is the command's own.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "assess": ("assess", "assess",
               "Assess openness: MOF class and progress, OSAID conformance, for INPUT files or folders."),
    "convert": ("convert", "convert",
                "Convert INPUT (manifest, JSON-LD, Turtle, HF model card, MOF manifest, CRIS export) to another "
                "format."),
    "fix": ("fix", "fix",
            "Fix licence spellings, code case and key typos in YAML manifests, keeping comments and order."),
    "harvest": ("harvest", "harvest", "Harvest release records from SOURCES into a store."),
    "init": ("init", "init", "Write a starter release manifest: answer a few questions, or give a model card."),
    "licenses": ("licenses", "licenses",
                 "Look up the licence catalogue: identity, family, flags and terms of each licence."),
    "publish": ("publish", "publish",
                "Publish the releases of INPUT as a static catalogue in a folder any web server can host."),
    "query": ("query", "query", "Answer a query of the pack (by NAME) or a query file, on a store."),
    "serve": ("serve", "serve",
              "Serve a store's releases, charts, queries and a read-only SPARQL endpoint on http://HOST:PORT/."),
    "validate": ("validate", "validate",
                 "Validate INPUT files (manifests, JSON-LD, Turtle, HF cards, MOF manifests, CRIS exports, "
                 "whole graphs)."),
    "vocab": ("vocab", "vocab",
              "Print the mlrelease vocabulary (ontology and concept schemes), its context, or its reference."),
}


class LazyGroup(Group):
    """The root group: lists the commands from :data:`COMMANDS` and imports one only to run it."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        from importlib import import_module

        command = getattr(import_module(f"{__name__}.{entry[0]}"), entry[1])
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        with formatter.section("Commands"):
            formatter.write_dl([(name, _shorten(COMMANDS[name][2], limit)) for name in names])


def _shorten(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with "..." when cut (as click does)."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 3, 1)].rsplit(" ", 1)[0].rstrip(",;:") + "..."


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", "-V", prog_name="mlrelease",
    message=f"%(prog)s %(version)s (vocabulary {VOCAB_VERSION})",
)
def cli() -> None:
    """Record, check and harvest responsible releases of machine-learning models."""


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
