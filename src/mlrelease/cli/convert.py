"""``mlrelease convert``: read a release record in any supported format, write it in another."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError
from ..formats import FORMATS, output_formats
from ..io import dump, load_graph
from ..record import ReleaseRecord
from ._options import emit, identifier_option, input_files, input_format_option, output_option, read_records


@click.command()
@click.argument("input_path", metavar="INPUT")
@input_format_option
@identifier_option
@click.option("--to", "to_format", type=click.Choice(output_formats()), required=True, help="Output format.")
@output_option
def convert(input_path: str, from_format: str | None, identifier: str | None, to_format: str,
            output: Path | None) -> None:
    """Convert INPUT (manifest, JSON-LD, Turtle, HF model card, MOF manifest) to another format.

    INPUT may be a model on the Hugging Face Hub, hf://NAMESPACE/NAME[@REVISION]: its card and file
    list are fetched (HF_ENDPOINT and HF_TOKEN are honoured).
    """
    path: Path | str
    if input_path.startswith("hf://"):
        path = input_path
    else:
        (path,) = input_files([Path(input_path)])
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
    lost = FORMATS[to_format].lost
    for key in (k for rec in records for k in lost(rec)) if lost is not None else ():
        click.echo(f"warning: {path}: {key}: the {to_format} format does not carry it", err=True)
    emit(text, output)
