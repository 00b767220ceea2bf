"""``mlrelease validate``: check release records against profiles; exit 0, 1 or 2 (the worst outcome)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import NotPassed, NotRead
from ..validation import ENGINES, PROFILES
from ..validation.batch import validate_files
from ..validation.report import REPORT_FORMATS, render
from ._options import (
    current_limits,
    emit,
    format_option,
    identifier_option,
    input_files,
    input_format_option,
    inputs_argument,
    limit_options,
    output_option,
    profile_option,
)
from ._progress import progress_reporter


@click.command()
@inputs_argument()
@profile_option(PROFILES, "Profile to check (repeatable; default: core).")
@input_format_option
@identifier_option
@format_option(REPORT_FORMATS, "text", "Report format.")
@output_option
@limit_options
@click.option("--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
              help="Validation engine: compiled (shapes compiled to SPARQL) or pyshacl (the reference).")
@click.option("--schema", "schemas", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="With -p cris: a folder or XSD file holding a CRIS export's own schema (repeatable); "
                   "mlrelease ships none.")
def validate(inputs: tuple[Path | str, ...], profiles: tuple[str, ...], from_format: str | None, identifier: str | None,
             fmt: str, output: Path | None, engine: str, schemas: tuple[Path, ...]) -> None:
    """Validate INPUT files (manifests, JSON-LD, Turtle, HF cards, MOF manifests, CRIS exports, whole graphs).

    With -p cris, a CRIS export (CERIF-XML, DataCite XML or JSON) is first checked against its own
    schema (--schema), then its releases against the profiles.

    INPUT may be files, folders (every file mlrelease reads below them), - (standard input) or
    hf://NAMESPACE/NAME[@REVISION] (a model on the Hugging Face Hub).
    Every input is read: one that cannot be read is a finding of the report (kind unreadable),
    not the end of the run. Exit codes (the worst outcome): 0 no violations (warnings allowed),
    1 violations, 2 some input unreadable, or a usage error.
    """
    files = input_files(inputs, strict=False)
    with progress_reporter("validate", len(files), unit="files") as progress:
        report = validate_files(files, profiles or ("core",), engine=engine, from_format=from_format,
                                identifier=identifier, progress=progress, schemas=schemas,
                                limits=current_limits())
    emit(render(report, fmt), output)
    if report.exit_code == NotRead.exit_code:
        raise NotRead(f"{len(report.unreadable)} of {report.files} input(s) could not be read (see the report)")
    if report.exit_code:
        raise NotPassed()
