"""``mlrelease licenses``: show, list and compare catalogue licences; judge them under the OSAID.

Exit codes (docs/cli.md): 0 success; 1 ``osaid`` answers "may not be called open source"; 2 the
identifier does not resolve to a catalogue licence (the reason and suggestions go to stderr).
"""

from __future__ import annotations

import json
from typing import Any

import click

from ..licenses import CONTENT_TYPES, FAMILIES, License, Resolution, assess_osaid, catalog, compare, resolve
from ..licenses.render import comparison, describe, listing

_FORMAT = click.Choice(["text", "json"])


def _json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _resolve_or_exit(ctx: click.Context, text: str) -> License:
    resolution: Resolution = resolve(text)
    if resolution.license is None:
        click.echo(f"mlrelease: {resolution.message}", err=True)
        if resolution.suggestions and resolution.status.value == "not-a-license":
            click.echo(f"  related catalogue licences: {', '.join(s.id for s in resolution.suggestions)}", err=True)
        click.echo("  hint: `mlrelease licenses list` shows every catalogue identifier", err=True)
        ctx.exit(2)
    assert resolution.license is not None
    return resolution.license


@click.group()
def licenses() -> None:
    """Look up the licence catalogue: identity, family, flags and terms of each licence."""


@licenses.command()
@click.argument("identifier")
@click.option("--format", "-f", "fmt", type=_FORMAT, default="text", show_default=True, help="Output format.")
@click.pass_context
def show(ctx: click.Context, identifier: str, fmt: str) -> None:
    """Show the licence IDENTIFIER (any id, name or spelling): identity, family, flags, use restrictions."""
    lic = _resolve_or_exit(ctx, identifier)
    if fmt == "json":
        _json(lic.as_dict())
    else:
        click.echo(describe(lic), nl=False)


@licenses.command("list")
@click.option("--family", type=click.Choice(FAMILIES), help="Only the licences of this family.")
@click.option("--format", "-f", "fmt", type=_FORMAT, default="text", show_default=True, help="Output format.")
def list_(family: str | None, fmt: str) -> None:
    """List the catalogue's licences (identifier, family, name)."""
    entries = catalog().in_family(family) if family else list(catalog())
    if fmt == "json":
        _json([{"id": x.id, "name": x.name, "family": x.family, "iri": x.iri, "flags": x.flags.as_dict(),
                "suitableFor": list(x.content_types)} for x in entries])
    else:
        click.echo(listing(entries), nl=False)


@licenses.command("compare")
@click.argument("a")
@click.argument("b")
@click.option("--format", "-f", "fmt", type=_FORMAT, default="text", show_default=True, help="Output format.")
@click.pass_context
def compare_(ctx: click.Context, a: str, b: str, fmt: str) -> None:
    """Compare licence A with licence B: family, flags, use restrictions, constraints, naming."""
    result = compare(_resolve_or_exit(ctx, a), _resolve_or_exit(ctx, b))
    if fmt == "json":
        _json(result.as_dict())
    else:
        click.echo(comparison(result), nl=False)


@licenses.command()
@click.argument("identifier")
@click.option("--content-type", type=click.Choice(CONTENT_TYPES), default="model-parameters", show_default=True,
              help="The kind of content the licence is applied to.")
@click.option("--format", "-f", "fmt", type=_FORMAT, default="text", show_default=True, help="Output format.")
@click.pass_context
def osaid(ctx: click.Context, identifier: str, content_type: str, fmt: str) -> None:
    """May licence IDENTIFIER be called open source (OSAID 1.0), or open weights? Exit 1 if not open source."""
    result = assess_osaid(_resolve_or_exit(ctx, identifier), content_type)
    if fmt == "json":
        _json(result.as_dict())
    else:
        click.echo(result.summary(), nl=False)
    ctx.exit(0 if result.open_source else 1)
