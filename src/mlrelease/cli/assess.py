"""``mlrelease assess``: Model Openness Framework class and OSAID conformance of release records."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import MlreleaseError, NotPassed, NotRead, VocabularyError
from ..openness import ASSESS_FORMATS, render
from ..openness import assess as run_assessment
from ._errors import report_error
from ._options import (
    emit,
    format_option,
    identifier_option,
    input_files,
    input_format_option,
    inputs_argument,
    limit_options,
    output_option,
    read_records,
)
from ._progress import progress_reporter


@click.command()
@inputs_argument()
@input_format_option
@identifier_option
@format_option(ASSESS_FORMATS, "text", "Report format.")
@limit_options
@output_option
def assess(inputs: tuple[Path, ...], from_format: str | None, identifier: str | None, fmt: str,
           output: Path | None) -> None:
    """Assess openness: MOF class and progress, OSAID conformance, for INPUT files or folders.

    Reads anything `convert` reads; INPUT may be files, folders or - (standard input).
    JSON output is one object for one release, a list for several.
    Every input is read, and each one that cannot be read is reported (not only the first); then
    no report is written, so that a report always covers every input. Exit codes: 0 assessed,
    2 some input unreadable (each is named) or a usage error.
    """
    files = input_files(inputs, strict=False)
    records = []
    unreadable = 0
    with progress_reporter("assess", len(files), unit="files") as progress:
        for n, path in enumerate(files, 1):
            try:
                records.extend(read_records(path, from_format, identifier))
            except (VocabularyError, NotPassed):
                raise
            except MlreleaseError as exc:
                report_error(exc)
                unreadable += 1
            if progress is not None:
                progress(n, len(files))
    if unreadable:
        raise NotRead(f"{unreadable} of {len(files)} input(s) could not be read; no report written")
    emit(render(run_assessment(records), fmt), output)
