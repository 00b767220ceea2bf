"""``mlrelease convert``: read a release record in any supported format, write it in another."""

from __future__ import annotations

from pathlib import Path

import click

from .. import convert as api
from ..errors import InputError
from ..record import ReleaseRecord


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "from_format", type=click.Choice(api.INPUT_FORMATS),
              help="Input format (default: detected from the name and content).")
@click.option("--to", "to_format", type=click.Choice(api.OUTPUT_FORMATS), required=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here (atomically: never a partial file) instead of standard output.")
def convert(input_path: Path, from_format: str | None, to_format: str, output: Path | None) -> None:
    """Convert INPUT (manifest, JSON-LD, Turtle, HF model card, MOF manifest) to another format."""
    if not input_path.exists():
        raise InputError("no such file", location=str(input_path), hint="check the path")
    records = api.load_all(input_path, from_format)
    if not records:
        raise InputError("the input describes no release (no mlr:Release)", location=str(input_path),
                         hint="a release record needs a node of type mlr:Release")
    for rec in records:
        for warning in rec.warnings:
            click.echo(f"warning: {warning}", err=True)
    if len(records) == 1:
        text = api.dump(records[0], to_format)
    elif to_format in ("turtle", "ntriples"):
        graph, _, _, _ = api.load_graph(input_path, from_format)
        text = api.dump(ReleaseRecord(graph, records[0].iri), to_format)
    else:
        raise InputError(f"the input holds {len(records)} releases; a {to_format} manifest holds one",
                         location=str(input_path), hint="convert to turtle or ntriples, or split the input")
    if output is None:
        click.echo(text, nl=False)
    else:
        api.write_atomically(text, output)
        click.echo(f"wrote {output}", err=True)
