"""``mlrelease convert``: read a release record in any supported format, write it in another."""

from __future__ import annotations

from pathlib import Path

import click
from rdflib import Graph

from ..errors import InputError
from ..formats import output_formats
from ..io import dump, export
from ..record import ReleaseRecord
from ._options import (
    emit,
    identifier_option,
    input_files,
    input_format_option,
    inputs_argument,
    limit_options,
    output_option,
    read_records,
)


@click.command()
@inputs_argument(many=False)
@input_format_option
@identifier_option
@click.option("--to", "to_format", type=click.Choice(output_formats()), required=True, help="Output format.")
@limit_options
@output_option
def convert(input_path: Path | str, from_format: str | None, identifier: str | None, to_format: str,
            output: Path | None) -> None:
    """Convert INPUT (manifest, JSON-LD, Turtle, HF model card, MOF manifest, CRIS export) to another format.

    The exports (datacite-xml, datacite-json, cerif-xml, mldcat-ap, spdx3, ro-crate, hf-card,
    schema-org) warn on stderr of every field they lose or approximate (docs/cris.md).

    INPUT may be a model on the Hugging Face Hub, hf://NAMESPACE/NAME[@REVISION]: its card and file
    list are fetched (HF_ENDPOINT and HF_TOKEN are honoured).

    INPUT may be a file, - (standard input) or a folder (its releases together: turtle or ntriples).
    """
    paths = input_files([input_path])
    if not paths:
        raise InputError("the folder holds no file mlrelease reads", location=str(input_path),
                         hint="give a file, or a folder of manifests, cards or RDF files")
    records = [rec for path in paths for rec in read_records(path, from_format, identifier)]
    for rec in records:
        for warning in rec.warnings:
            click.echo(f"warning: {warning}", err=True)
    if len(records) == 1:
        exported = export(records[0], to_format)
        for warning in exported.warnings:
            click.echo(f"warning: {warning}", err=True)
        text = exported.text
    elif to_format in ("turtle", "ntriples"):
        graph = Graph()
        for rec in records:
            graph += rec.graph
        text = dump(ReleaseRecord(graph, records[0].iri), to_format)
    else:
        raise InputError(f"the input holds {len(records)} releases; a {to_format} manifest holds one",
                         location=str(input_path), hint="convert to turtle or ntriples, or split the input")
    emit(text, output)
