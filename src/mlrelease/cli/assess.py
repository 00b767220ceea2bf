"""``mlrelease assess``: Model Openness Framework class and OSAID conformance of release records."""

from __future__ import annotations

import sys
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
    limit_options,
    output_option,
    read_records,
)


@click.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True, type=click.Path(path_type=Path))
@input_format_option
@identifier_option
@format_option(ASSESS_FORMATS, "text", "Report format.")
@limit_options
@output_option
def assess(inputs: tuple[Path, ...], from_format: str | None, identifier: str | None, fmt: str,
           output: Path | None) -> None:
    """Assess openness: MOF class and progress, OSAID conformance, for INPUT files or folders.

    Reads anything `convert` reads. JSON output is one object for one release, a list for several.
    Exit codes: 0 assessed, 2 unreadable input or usage error (nothing is written then).
    """
    files = input_files(inputs)
    show_progress = len(files) > 20 and sys.stderr.isatty()
    records = []
    for n, path in enumerate(files, 1):
        records.extend(read_records(path, from_format, identifier))
        if show_progress and (n % 25 == 0 or n == len(files)):
            click.echo(f"\rread {n}/{len(files)} files", err=True, nl=n == len(files))
    emit(render(run_assessment(records), fmt), output)
