"""How a command ends: the one error format, and the group that maps typed errors to exit codes."""

from __future__ import annotations

from typing import Any

import click

from ..errors import MlreleaseError, NotPassed


def error_text(message: str, *, location: str | None = None, hint: str | None = None) -> str:
    """The one format of every error the command line prints: ``mlrelease: error: WHERE: WHAT`` + hint."""
    text = f"mlrelease: error: {location}: {message}" if location else f"mlrelease: error: {message}"
    if hint:
        text += f"\n  hint: {hint}"
    return text


def report_error(exc: MlreleaseError) -> None:
    """Print ``exc`` on standard error: a :class:`NotPassed` as its one-line summary (if any), else in
    the one error format."""
    if isinstance(exc, NotPassed):
        if exc.message:
            click.echo(f"mlrelease: {exc.message}", err=True)
        return
    click.echo(error_text(exc.message, location=exc.location, hint=exc.hint), err=True)


class Group(click.Group):
    """A command group whose commands end with the exit code of the typed error they raise.

    Every group of the command line uses it, so a command run from ``mlrelease`` or invoked alone
    (as tests do) reports errors the same way.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MlreleaseError as exc:
            report_error(exc)
            raise click.exceptions.Exit(exc.exit_code) from exc
