"""``mlrelease init``: write a starter release manifest from a few answers or a model card."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..codecs.yaml_safe import dump_yaml
from ..errors import InputError, UnknownTermError
from ..io import dump, load
from ..vocabulary import load as load_vocabulary
from ._options import KEY_VALUE, pairs

QUESTIONS: list[tuple[str, str, str | None]] = [
    # (manifest key, prompt, scheme slug for codes or None)
    ("name", "Model name", None),
    ("identifier", "Identifier (for example the repository id org/model)", None),
    ("version", "Version", None),
    ("datePublished", "Release date (YYYY-MM-DD)", None),
    ("license", "Licence id (see `mlrelease licenses list`)", None),
    ("accessTier", "Access tier", "access-tier"),
]


def _check(key: str, value: str, scheme: str | None) -> str:
    if scheme:
        load_vocabulary().concept(scheme, value)
    return value


@click.command()
@click.option("--card", metavar="README.md|hf://NAMESPACE/NAME[@REVISION]",
              help="Start from a Hugging Face model card (README.md, or a model on the Hub: hf://...) "
                   "instead of questions.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("release.yaml"),
              show_default=True, help="Where to write the manifest.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.option("--set", "values", multiple=True, type=KEY_VALUE, metavar="KEY=VALUE",
              help="Answer a question without being asked (repeatable), e.g. --set name=Example.")
def init(card: str | None, output: Path, force: bool, values: tuple[tuple[str, str], ...]) -> None:
    """Write a starter release manifest: answer a few questions, or give a model card."""
    if output.exists() and not force:
        raise InputError("the file exists", location=str(output), hint="pass --force to overwrite it, or -o elsewhere")
    if card is not None:
        given = {key: value.strip() for key, value in pairs(values).items()}
        # --set identifier=org/model is the card's repository id: the importer infers what it implies
        identifier = given.pop("identifier", None)
        if card.startswith("hf://"):
            record = load(path=card)  # the Hub gives the repository id
        else:
            if not Path(card).is_file():
                raise InputError("no such file", location=card, hint="give the card's path, or hf://NAMESPACE/NAME")
            record = load(path=Path(card), format="hf-card", identifier=identifier)
        for warning in record.warnings:
            click.echo(f"warning: {warning}", err=True)
        if given:  # other answers override what the card says, and are checked like any manifest value
            from_card = record.to_manifest()
            schemes = {k: sch for k, _, sch in QUESTIONS}
            for key, value in given.items():
                from_card[key] = _check(key, value, schemes.get(key))
            kept = [note for note in from_card.get("inferred", []) if note.get("field") not in given]
            if kept:
                from_card["inferred"] = kept
            else:
                from_card.pop("inferred", None)  # a value given with --set is stated, not inferred
            record = load(_to_yaml(from_card), "yaml")
        dump(record, "yaml", path=output)
        click.echo(f"wrote {output} from {card}; review it, then run: mlrelease validate {output}", err=True)
        return
    given = {key: value.strip() for key, value in pairs(values).items()}
    manifest: dict[str, Any] = {"type": "Release"}
    interactive = sys.stdin is not None and sys.stdin.isatty()
    for key, prompt, scheme in QUESTIONS:
        if key in given:
            manifest[key] = _check(key, given.pop(key), scheme)
            continue
        if not interactive:
            continue
        hint = ""
        if scheme:
            hint = " (" + ", ".join(c.notation for c in load_vocabulary().scheme(scheme).concepts) + ")"
        while True:
            answer = click.prompt(prompt + hint, default="", show_default=False).strip()
            if not answer:
                break
            try:
                manifest[key] = _check(key, answer, scheme)
                break
            except UnknownTermError as exc:
                click.echo(str(exc), err=True)
    manifest.update(given)  # anything else given with --set is passed through and checked below
    if "identifier" not in manifest and "id" not in manifest:
        raise InputError("a release needs an identifier",
                         hint="answer the identifier question or --set identifier=org/model")
    record = load(_to_yaml(manifest), "yaml")
    dump(record, "yaml", path=output)
    click.echo(f"wrote {output}; fill in artifacts, then run: mlrelease validate {output}", err=True)


def _to_yaml(manifest: dict[str, Any]) -> str:
    # Answers are text: written so that "1e5" or "1.10" read back as strings, never as numbers.
    return dump_yaml(manifest)
