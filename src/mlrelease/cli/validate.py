"""``mlrelease validate``: check release records against profiles; exit 0, 1 or 2."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import NotPassed
from ..validation import ENGINES, PROFILES
from ..validation import validate as run_validation
from ..validation.report import REPORT_FORMATS, render
from ._options import (
    emit,
    format_option,
    identifier_option,
    input_files,
    input_format_option,
    limit_options,
    output_option,
    read_records,
)


@click.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--profile", "-p", "profiles", multiple=True, type=click.Choice([*PROFILES, "all"]),
              help="Profile to check (repeatable; default: core).")
@input_format_option
@identifier_option
@format_option(REPORT_FORMATS, "text", "Report format.")
@output_option
@limit_options
@click.option("--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
              help="Validation engine: compiled (shapes compiled to SPARQL) or pyshacl (the reference).")
def validate(inputs: tuple[Path, ...], profiles: tuple[str, ...], from_format: str | None, identifier: str | None,
             fmt: str, output: Path | None, engine: str) -> None:
    """Validate INPUT files (manifests, JSON-LD, Turtle, HF cards, MOF manifests, whole graphs).

    Exit codes: 0 no violations (warnings allowed), 1 violations, 2 unreadable input or usage error.
    """
    records = [rec for path in input_files(inputs) for rec in read_records(path, from_format, identifier)]
    report = run_validation(records, profiles=profiles or ("core",), engine=engine)
    emit(render(report, fmt), output)
    if not report.conforms:
        raise NotPassed()
