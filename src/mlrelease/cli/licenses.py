"""``mlrelease licenses``: show, list and compare catalogue licences; judge them under the OSAID.

Exit codes (docs/cli.md): 0 success; 1 ``osaid`` answers "may not be called open source"; 2 the
identifier does not resolve to a catalogue licence (the reason and suggestions go to stderr).
"""

from __future__ import annotations

import json
from typing import Any

import click

from ..errors import NotPassed, UnknownTermError
from ..licenses import CONTENT_TYPES, FAMILIES, License, Resolution, assess_osaid, catalog, compare, resolve
from ..licenses.render import comparison, describe, listing
from ._errors import Group

_FORMAT = click.Choice(["text", "json"])


def _json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _resolve(text: str) -> License:
    """The catalogue licence ``text`` names; :class:`UnknownTermError` with the reason otherwise."""
    resolution: Resolution = resolve(text)
    if resolution.license is None:
        hint = "`mlrelease licenses list` shows every catalogue identifier"
        if resolution.suggestions and resolution.status.value == "not-a-license":
            hint = f"related catalogue licences: {', '.join(s.id for s in resolution.suggestions)}; {hint}"
        raise UnknownTermError(resolution.message, hint=hint)
    return resolution.license


@click.group(cls=Group)
def licenses() -> None:
    """Look up the licence catalogue: identity, family, flags and terms of each licence."""


@licenses.command()
@click.argument("identifier")
@click.option("--format", "-f", "fmt", type=_FORMAT, default="text", show_default=True, help="Output format.")
def show(identifier: str, fmt: str) -> None:
    """Show the licence IDENTIFIER (any id, name or spelling): identity, family, flags, use restrictions."""
    lic = _resolve(identifier)
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
def compare_(a: str, b: str, fmt: str) -> None:
    """Compare licence A with licence B: family, flags, use restrictions, constraints, naming."""
    result = compare(_resolve(a), _resolve(b))
    if fmt == "json":
        _json(result.as_dict())
    else:
        click.echo(comparison(result), nl=False)


@licenses.command()
@click.argument("identifier")
@click.option("--content-type", type=click.Choice(CONTENT_TYPES), default="model-parameters", show_default=True,
              help="The kind of content the licence is applied to.")
@click.option("--format", "-f", "fmt", type=_FORMAT, default="text", show_default=True, help="Output format.")
def osaid(identifier: str, content_type: str, fmt: str) -> None:
    """May licence IDENTIFIER be called open source (OSAID 1.0), or open weights? Exit 1 if not open source."""
    result = assess_osaid(_resolve(identifier), content_type)
    if fmt == "json":
        _json(result.as_dict())
    else:
        click.echo(result.summary(), nl=False)
    if not result.open_source:
        raise NotPassed()
