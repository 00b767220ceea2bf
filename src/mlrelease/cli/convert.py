"""``mlrelease convert``: read a release record in any supported format, write it in another."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError
from ..formats import output_formats
from ..io import dump, load_graph
from ..record import ReleaseRecord
from ._options import (
    emit,
    identifier_option,
    input_files,
    input_format_option,
    limit_options,
    output_option,
    read_records,
)


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@input_format_option
@identifier_option
@click.option("--to", "to_format", type=click.Choice(output_formats()), required=True, help="Output format.")
@limit_options
@output_option
def convert(input_path: Path, from_format: str | None, identifier: str | None, to_format: str,
            output: Path | None) -> None:
    """Convert INPUT (manifest, JSON-LD, Turtle, HF model card, MOF manifest) to another format."""
    (path,) = input_files([input_path])
    records = read_records(path, from_format, identifier)
    for rec in records:
        for warning in rec.warnings:
            click.echo(f"warning: {warning}", err=True)
    if len(records) == 1:
        text = dump(records[0], to_format)
    elif to_format in ("turtle", "ntriples"):
        graph, _, _, _ = load_graph(path=path, format=from_format, identifier=identifier)
        text = dump(ReleaseRecord(graph, records[0].iri), to_format)
    else:
        raise InputError(f"the input holds {len(records)} releases; a {to_format} manifest holds one",
                         location=str(path), hint="convert to turtle or ntriples, or split the input")
    emit(text, output)
