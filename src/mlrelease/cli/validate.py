"""``mlrelease validate``: check release records against profiles; exit 0, 1 or 2."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import NotPassed
from ..validation import ENGINES, PROFILES
from ..validation import validate as run_validation
from ..validation.findings import ValidationReport
from ..validation.report import REPORT_FORMATS, render
from ._options import (
    emit,
    format_option,
    identifier_option,
    input_files,
    input_format_option,
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
@click.option("--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
              help="Validation engine: compiled (shapes compiled to SPARQL) or pyshacl (the reference).")
@click.option("--schema", "schemas", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="With -p cris: a folder or XSD file holding a CRIS export's own schema (repeatable); "
                   "mlrelease ships none.")
def validate(inputs: tuple[Path, ...], profiles: tuple[str, ...], from_format: str | None, identifier: str | None,
             fmt: str, output: Path | None, engine: str, schemas: tuple[Path, ...]) -> None:
    """Validate INPUT files (manifests, JSON-LD, Turtle, HF cards, MOF manifests, CRIS exports, whole graphs).

    With -p cris, a CRIS export (CERIF-XML, DataCite XML or JSON) is first checked against its own
    schema (--schema), then its releases against the profiles.

    Exit codes: 0 no violations (warnings allowed), 1 violations, 2 unreadable input or usage error.
    """
    chosen = profiles or ("core",)
    paths = input_files(inputs)
    records = [rec for path in paths for rec in read_records(path, from_format, identifier)]
    report = run_validation(records, profiles=chosen, engine=engine)
    if "cris" in chosen or "all" in chosen:
        from ..validation.source_schema import check_file  # lxml and the schemas only when asked

        own = [f for path in paths for f in check_file(path, from_format, schemas)]
        report = ValidationReport(findings=[*own, *report.findings], profiles=report.profiles,
                                  releases=report.releases, engine=report.engine)
    emit(render(report, fmt), output)
    if not report.conforms:
        raise NotPassed()
