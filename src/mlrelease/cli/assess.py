"""``mlrelease assess``: Model Openness Framework class and OSAID conformance of release records."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import convert as api
from ..errors import InputError
from ..harvest.sources import folder_files
from ..openness import ASSESS_FORMATS, render
from ..openness import assess as run_assessment


def _files(path: Path) -> list[Path]:
    if path.is_dir():  # the files a harvest of the folder reads (a README without front matter is not a card)
        return folder_files(path)
    if not path.exists():
        raise InputError("no such file or folder", location=str(path), hint="check the path")
    return [path]


@click.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--from", "from_format", type=click.Choice(api.INPUT_FORMATS),
              help="Input format (default: detected per file).")
@click.option("--format", "-f", "fmt", type=click.Choice(ASSESS_FORMATS), default="text", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report here (atomically) instead of standard output.")
def assess(inputs: tuple[Path, ...], from_format: str | None, fmt: str, output: Path | None) -> None:
    """Assess openness: MOF class and progress, OSAID conformance, for INPUT files or folders.

    Reads anything `convert` reads. JSON output is one object for one release, a list for several.
    Exit codes: 0 assessed, 2 unreadable input or usage error (nothing is written then).
    """
    files = [f for path in inputs for f in _files(path)]
    show_progress = len(files) > 20 and sys.stderr.isatty()
    records = []
    for n, path in enumerate(files, 1):
        found = api.load_all(path, from_format)
        if not found:
            raise InputError("the input describes no release (no mlr:Release)", location=str(path),
                             hint="a release record needs a node of type mlr:Release")
        records.extend(found)
        if show_progress and (n % 25 == 0 or n == len(files)):
            click.echo(f"\rread {n}/{len(files)} files", err=True, nl=n == len(files))
    text = render(run_assessment(records), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        api.write_atomically(text, output)
        click.echo(f"wrote {output}", err=True)
