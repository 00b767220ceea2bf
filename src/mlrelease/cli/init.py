"""``mlrelease init``: write a starter release manifest from a few answers or a model card."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..codecs.yaml_safe import dump_yaml
from ..errors import InputError, MlreleaseError, UnknownTermError
from ..hints import suggest
from ..io import dump, load
from ..vocabulary import load as load_vocabulary
from ._errors import report_error
from ._options import KEY_VALUE, pairs

QUESTIONS: list[tuple[str, str, str | None]] = [
    # (manifest key, prompt, scheme slug for codes or None)
    ("name", "Model name", None),
    ("identifier", "Identifier (for example the repository id org/model)", None),
    ("version", "Version", None),
    ("datePublished", "Release date (YYYY-MM-DD)", None),
    ("publisher", "Publisher (an IRI: ROR https://ror.org/..., ORCID https://orcid.org/..., or the web site)", None),
    ("license", "Licence id (see `mlrelease licenses list`)", None),
    ("accessTier", "Access tier", "access-tier"),
    ("weights", "The final weights are", "artifact-status"),
]

#: The answers about the final weights, and what each asks next.
WEIGHTS = ("released", "withheld", "planned")
_WEIGHTS_NEXT = {"withheld": ("withheldReason", "Why are they withheld"),
                 "planned": ("plannedDate", "When will they be released (YYYY-MM-DD)")}
#: Keys that are not manifest keys but answers init turns into the weights artifact.
_WEIGHTS_KEYS = ("weights", "withheldReason", "plannedDate")


def _check(key: str, value: str, scheme: str | None) -> str:
    """``value`` if it is a valid answer for ``key``, else the error that says why (with suggestions).

    An answer is checked on its own, in a minimal manifest, so that a wrong licence is caught
    when it is typed, not after every other question; the error names the question, not a
    ``<string>`` line.
    """
    if key == "weights":
        if value not in WEIGHTS:
            raise UnknownTermError(f"{value!r} is not one of {', '.join(WEIGHTS)}",
                                   hint=suggest(value, list(WEIGHTS)), location="weights")
        return value
    if scheme:
        try:
            load_vocabulary().concept(scheme, value)
        except UnknownTermError as exc:
            exc.location = key
            raise
        return value
    probe: dict[str, Any] = {"identifier": "example/check", "version": "1"}
    if key in ("withheldReason", "plannedDate"):
        probe["artifacts"] = [{"artifactType": WEIGHTS_TYPE, "status": "withheld" if key == "withheldReason"
                               else "planned", key: value}]
    else:
        probe[key] = value
    try:
        load(_to_yaml(probe), "yaml", source=key)
    except MlreleaseError as exc:
        message = exc.message
        raise type(exc)(message, hint=exc.hint, location=key) from None
    return value


WEIGHTS_TYPE = "model-parameters-final"


def _weights_artifact(answers: dict[str, str]) -> list[dict[str, str]]:
    """The final-weights artifact the answers describe (none when the weights question was skipped)."""
    status = answers.pop("weights", None)
    reason, planned = answers.pop("withheldReason", None), answers.pop("plannedDate", None)
    if status is None:
        return []
    artifact = {"artifactType": WEIGHTS_TYPE, "status": status}
    if status == "withheld" and reason:
        artifact["withheldReason"] = reason
    if status == "planned" and planned:
        artifact["plannedDate"] = planned
    return [artifact]


def _ask(key: str, prompt: str, scheme: str | None) -> str | None:
    """Ask until the answer is valid (or empty: skipped); each wrong answer says why and asks again."""
    hint = ""
    if key == "weights":
        hint = f" ({', '.join(WEIGHTS)})"
    elif scheme:
        hint = " (" + ", ".join(c.notation for c in load_vocabulary().scheme(scheme).concepts) + ")"
    while True:
        answer = click.prompt(prompt + hint, default="", show_default=False).strip()
        if not answer:
            return None
        try:
            return _check(key, answer, scheme)
        except MlreleaseError as exc:
            report_error(exc)


@click.command()
@click.option("--card", metavar="README.md|hf://NAMESPACE/NAME[@REVISION]",
              help="Start from a Hugging Face model card (README.md, or a model on the Hub: hf://...) "
                   "instead of questions.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("release.yaml"),
              show_default=True, help="Where to write the manifest.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.option("--set", "values", multiple=True, type=KEY_VALUE, metavar="KEY=VALUE",
              help="Answer a question without being asked (repeatable), e.g. --set name=Example; the weights: "
                   "--set weights=released|withheld|planned, with --set withheldReason=... or "
                   "--set plannedDate=YYYY-MM-DD.")
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
    answers: dict[str, str] = {}
    interactive = _interactive()
    questions = list(QUESTIONS)
    while questions:
        key, prompt, scheme = questions.pop(0)
        if key in given:
            answer: str | None = _check(key, given.pop(key), scheme)
        elif interactive:
            answer = _ask(key, prompt, scheme)
        else:
            continue
        if answer is None:
            continue
        if key == "weights" and answer in _WEIGHTS_NEXT:
            next_key, next_prompt = _WEIGHTS_NEXT[answer]
            questions.insert(0, (next_key, next_prompt, None))
        if key in _WEIGHTS_KEYS:
            answers[key] = answer
        else:
            manifest[key] = answer
    for key in [k for k in given if k in _WEIGHTS_KEYS]:
        answers[key] = _check(key, given.pop(key), None)
    artifacts = _weights_artifact(answers)
    if artifacts:
        manifest["artifacts"] = artifacts
    manifest.update(given)  # anything else given with --set is passed through and checked below
    if "identifier" not in manifest and "id" not in manifest:
        raise InputError("a release needs an identifier",
                         hint="answer the identifier question or --set identifier=org/model")
    record = load(_to_yaml(manifest), "yaml", source=str(output))
    dump(record, "yaml", path=output)
    click.echo(f"wrote {output}; fill in artifacts, then run: mlrelease validate {output}", err=True)


def _interactive() -> bool:
    """Whether to ask: standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


def _to_yaml(manifest: dict[str, Any]) -> str:
    # Answers are text: written so that "1e5" or "1.10" read back as strings, never as numbers.
    return dump_yaml(manifest)
