"""``mlrelease publish``: a static catalogue of release records (landing pages, index, DCAT, sitemap)."""

from __future__ import annotations

from pathlib import Path

import click

from ..publish import publish as run_publish
from ..publish.pages import SITE_TITLE
from ._options import identifier_option, input_files, input_format_option, inputs_argument, read_records


@click.command()
@inputs_argument()
@click.option("-o", "--output", "site", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The site's folder (created; files whose content is unchanged are not rewritten).")
@click.option("--base-url", required=True, metavar="URL",
              help="The URL the site will be served at (the catalogue, sitemap and cite-as links use it).")
@click.option("--title", default=SITE_TITLE, show_default=True, help="The catalogue's title.")
@input_format_option
@identifier_option
def publish(inputs: tuple[Path | str, ...], site: Path, base_url: str, title: str, from_format: str | None,
            identifier: str | None) -> None:
    """Publish the releases of INPUT as a static catalogue in a folder any web server can host.

    INPUT may be files, folders, - (standard input) or hf://NAMESPACE/NAME[@REVISION].

    One landing page per release (schema.org JSON-LD, FAIR Signposting, openness assessment and
    validation summary, links to JSON-LD, Turtle and manifest), an index filterable by tier, licence
    family, openness class, publisher and year, a DCAT catalogue and a sitemap. Re-publishing
    rewrites only what changed. Exit codes: 0 published, 2 unreadable input or usage error.
    """
    records = [r for path in input_files(inputs) for r in read_records(path, from_format, identifier)]
    summary = run_publish(records, site, base_url=base_url, title=title)
    click.echo(f"published {len(summary.releases)} releases to {site}: {len(summary.written)} files written, "
               f"{len(summary.unchanged)} unchanged, {len(summary.removed)} removed", err=True)
