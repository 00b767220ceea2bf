"""Text that is written where a licence belongs but names no licence: typed, never guessed.

Licence fields in the wild hold placeholders ("license"), statements about the licence
("unlicensed", "undisclosed", Hugging Face's ``other`` and ``unknown``), notes ("Component not
included"), dataset and model names, and links to papers. :func:`classify` says which; the resolver
then answers "not a licence" with a message that says what to do, instead of a guess.

>>> classify("Component not include.").kind
<NotALicenseKind.NOT_INCLUDED: 'not-included'>
>>> classify("other").kind.value
'other'
>>> classify("Apache 2.0") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from .spelling import is_url, spelling_key


class NotALicenseKind(StrEnum):
    """Why a text is not a licence."""

    EMPTY = "empty"
    NOT_INCLUDED = "not-included"
    UNLICENSED = "unlicensed"
    UNDISCLOSED = "undisclosed"
    STATED_UNKNOWN = "stated-unknown"
    OTHER = "other"
    PLACEHOLDER = "placeholder"
    SEE_ELSEWHERE = "see-elsewhere"
    DATASET_NAMES = "dataset-names"
    MODEL_NAME = "model-name"
    PAPER_LINK = "paper-link"
    SEVERAL_LICENSES = "several-licenses"


#: Texts that state no licence at all: neither a licence nor where its terms are ("Undisclosed", "unknown",
#: "not specified", the placeholder "license", an empty field). Importers record neither a licence nor
#: ``dcterms:rights`` for them, so the licence question stays open (decision 0006). The other kinds
#: (``other``, a paper link, dataset or model names, several licences, "see ...") point to terms that exist
#: but are not identified: their text is kept as ``dcterms:rights``.
UNSTATED: Final[frozenset[NotALicenseKind]] = frozenset({
    NotALicenseKind.EMPTY, NotALicenseKind.UNDISCLOSED, NotALicenseKind.STATED_UNKNOWN,
    NotALicenseKind.PLACEHOLDER})


@dataclass(frozen=True)
class NotALicense:
    """The verdict on a text that names no licence: its kind, a message, and licence ids it points to."""

    kind: NotALicenseKind
    message: str
    related: tuple[str, ...] = ()


_PHRASES: Final[dict[str, NotALicenseKind]] = {
    spelling_key(text): kind for kind, texts in {
        NotALicenseKind.UNLICENSED: ["unlicensed", "unlicenced", "no license", "none", "not licensed", "no licence"],
        NotALicenseKind.UNDISCLOSED: ["undisclosed", "not disclosed", "license not specified", "not specified",
                                      "unspecified", "n/a", "tbd", "license not stated", "not stated"],
        NotALicenseKind.STATED_UNKNOWN: ["unknown", "unknown license", "license unknown"],
        NotALicenseKind.OTHER: ["other", "other license", "custom", "custom license", "see license_name"],
        NotALicenseKind.PLACEHOLDER: ["license", "licenses", "license name", "license type"],
    }.items() for text in texts
}
_NOT_INCLUDED: Final = re.compile(r"^(?:component )*not includ|^component not provided")
_SEE_ELSEWHERE: Final = re.compile(r"^(?:see|refer to|as per)\b|\bspecified in\b|\bsee (?:the )?license file\b")
_PAPER: Final = re.compile(r"^https?://(?:www\.)?(?:arxiv\.org/(?:abs|pdf)/|doi\.org/10\.|aclanthology\.org/)", re.I)
#: Model names written where a licence belongs, with the catalogue licences of those models.
_MODELS: Final[dict[str, tuple[str, ...]]] = {
    "bloom": ("bigscience-bloom-rail-1.0",),
    "llama": ("llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4"),
    "falcon": ("Apache-2.0", "falcon-180b-tii-license"),
    "stable diffusion": ("creativeml-openrail-m", "openrail++"),
}
#: Datasets whose names appear in licence fields (Model Openness Tool manifests and model cards).
_DATASETS: Final[frozenset[str]] = frozenset(spelling_key(n) for n in [
    "pubmed", "mc4", "cc100", "wikipedia", "eleutherai/pile", "the pile", "pile", "togethercomputer/redpajama-data-1t",
    "redpajama", "starcoderdata", "the stack", "common crawl", "c4", "laion-5b", "openwebtext", "bookcorpus",
    "dolma", "refinedweb", "roots",
])

_MESSAGES: Final[dict[NotALicenseKind, str]] = {
    NotALicenseKind.EMPTY: "the text is empty: it names no licence",
    NotALicenseKind.NOT_INCLUDED: "{q} says the component is not included, so there is no licence to record: "
                                  "mark the artifact withheld (with a reason) or leave it out",
    NotALicenseKind.UNLICENSED: "{q} says the component carries no licence, which is not a licence: without one, "
                                "all rights are reserved; record no licence",
    NotALicenseKind.UNDISCLOSED: "{q} says the licence is not disclosed, which is not a licence: record no licence "
                                 "until the publisher states one",
    NotALicenseKind.STATED_UNKNOWN: "{q} says the licence is unknown (Hugging Face's `unknown`), which is not a "
                                    "licence: record no licence until it is known",
    NotALicenseKind.OTHER: "{q} is not a licence: it says the licence is another one, named elsewhere (on Hugging "
                           "Face, `license: other` names it in license_name and links its text in license_link); "
                           "resolve that name instead",
    NotALicenseKind.PLACEHOLDER: "{q} is a placeholder, not the name of a licence",
    NotALicenseKind.SEE_ELSEWHERE: "{q} refers to a licence stated elsewhere: resolve that licence instead",
    NotALicenseKind.DATASET_NAMES: "{q} names datasets, not a licence: record each dataset's own licence",
    NotALicenseKind.MODEL_NAME: "{q} names a model, not a licence (that model's licence: {related})",
    NotALicenseKind.PAPER_LINK: "{q} is a link to a paper, not to a licence",
    NotALicenseKind.SEVERAL_LICENSES: "{q} names several licences ({related}), not one: give each as its own "
                                      "licence, on the artifact it applies to",
}


def verdict(kind: NotALicenseKind, text: str, related: tuple[str, ...] = ()) -> NotALicense:
    """The :class:`NotALicense` of ``kind`` for ``text``, with its message."""
    message = _MESSAGES[kind].format(q=repr(text.strip()), related=", ".join(related) or "none in the catalogue")
    return NotALicense(kind, message, related)


def classify(text: str) -> NotALicense | None:
    """Say why ``text`` is not a licence, or return ``None`` when no rule applies."""
    stripped = text.strip()
    if not stripped:
        return verdict(NotALicenseKind.EMPTY, text)
    if is_url(stripped):
        return verdict(NotALicenseKind.PAPER_LINK, text) if _PAPER.match(stripped) else None
    key = spelling_key(stripped)
    if key in _PHRASES:
        return verdict(_PHRASES[key], text)
    if _NOT_INCLUDED.search(key):
        return verdict(NotALicenseKind.NOT_INCLUDED, text)
    if _SEE_ELSEWHERE.search(key):
        return verdict(NotALicenseKind.SEE_ELSEWHERE, text)
    if key in _MODELS:
        return verdict(NotALicenseKind.MODEL_NAME, text, _MODELS[key])
    parts = [spelling_key(p) for p in re.split(r"[,;]", stripped) if p.strip()]
    if parts and all(p in _DATASETS for p in parts):
        return verdict(NotALicenseKind.DATASET_NAMES, text)
    return None
