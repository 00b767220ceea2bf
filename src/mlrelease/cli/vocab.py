"""``mlrelease vocab``: print the vocabulary or its context, or write the HTML reference."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .. import vocabulary
from ..reference import write_reference


@click.command()
@click.option(
    "--format", "-f", "fmt", type=click.Choice(vocabulary.VOCAB_FORMATS), default="turtle", show_default=True,
    help="RDF format of the printed vocabulary.",
)
@click.option("--context", "show_context", is_flag=True, help="Print the JSON-LD context manifests use instead.")
@click.option("--schema", "show_schema", is_flag=True, help="Print the manifest JSON Schema (for editors) instead.")
@click.option(
    "--html", "html_dir", type=click.Path(file_okay=False, path_type=Path),
    help="Write the browsable HTML reference to DIR/index.html instead of printing.",
)
def vocab(fmt: str, show_context: bool, show_schema: bool, html_dir: Path | None) -> None:
    """Print the mlrelease vocabulary (ontology and concept schemes), its context, or its reference."""
    if html_dir is not None:
        page = write_reference(html_dir)
        click.echo(f"wrote {page}", err=True)
        return
    if show_schema:
        click.echo(vocabulary.manifest_schema_text(), nl=False)
        return
    if show_context:
        click.echo(json.dumps(vocabulary.context(), indent=2, ensure_ascii=False))
        return
    click.echo(vocabulary.serialize(fmt), nl=False)
