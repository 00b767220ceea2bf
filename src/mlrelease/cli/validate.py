"""``mlrelease validate``: check release records against profiles; exit 0, 1 or 2."""

from __future__ import annotations

from pathlib import Path

import click

from .. import convert as api
from ..errors import InputError
from ..validation import ENGINES, PROFILES
from ..validation import validate as run_validation
from ..validation.report import REPORT_FORMATS, render


class ValidationFailed(click.exceptions.Exit):
    """Exit code 1: the input was read and has violations."""


@click.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--profile", "-p", "profiles", multiple=True, type=click.Choice([*PROFILES, "all"]),
              help="Profile to check (repeatable; default: core).")
@click.option("--from", "from_format", type=click.Choice(api.INPUT_FORMATS),
              help="Input format (default: detected per file).")
@click.option("--format", "-f", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report here (atomically) instead of standard output.")
@click.option("--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
              help="Validation engine: compiled (shapes compiled to SPARQL) or pyshacl (the reference).")
def validate(inputs: tuple[Path, ...], profiles: tuple[str, ...], from_format: str | None, fmt: str,
             output: Path | None, engine: str) -> None:
    """Validate INPUT files (manifests, JSON-LD, Turtle, HF cards, MOF manifests, whole graphs).

    Exit codes: 0 no violations (warnings allowed), 1 violations, 2 unreadable input or usage error.
    """
    records = []
    for path in inputs:
        if not path.exists():
            raise InputError("no such file", location=str(path), hint="check the path")
        found = api.load_all(path, from_format)
        if not found:
            raise InputError("the input describes no release (no mlr:Release)", location=str(path),
                             hint="a release record needs a node of type mlr:Release")
        records.extend(found)
    report = run_validation(records, profiles=profiles or ("core",), engine=engine)
    text = render(report, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        api.write_atomically(text, output)
        click.echo(f"wrote {output}", err=True)
    if not report.conforms:
        raise ValidationFailed(1)
