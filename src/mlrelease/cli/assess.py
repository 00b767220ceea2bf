"""``mlrelease assess``: Model Openness Framework class and OSAID conformance of release records."""

from __future__ import annotations

from pathlib import Path

import click

from ..openness import ASSESS_FORMATS, render
from ..openness import assess as run_assessment
from ._options import (
    emit,
    format_option,
    identifier_option,
    input_files,
    input_format_option,
    inputs_argument,
    output_option,
    read_records,
)
from ._progress import progress_reporter


@click.command()
@inputs_argument()
@input_format_option
@identifier_option
@format_option(ASSESS_FORMATS, "text", "Report format.")
@output_option
def assess(inputs: tuple[Path, ...], from_format: str | None, identifier: str | None, fmt: str,
           output: Path | None) -> None:
    """Assess openness: MOF class and progress, OSAID conformance, for INPUT files or folders.

    Reads anything `convert` reads; INPUT may be files, folders or - (standard input).
    JSON output is one object for one release, a list for several.
    Exit codes: 0 assessed, 2 unreadable input or usage error (nothing is written then).
    """
    files = input_files(inputs)
    records = []
    with progress_reporter("assess", len(files), unit="files") as progress:
        for n, path in enumerate(files, 1):
            records.extend(read_records(path, from_format, identifier))
            if progress is not None:
                progress(n, len(files))
    emit(render(run_assessment(records), fmt), output)
