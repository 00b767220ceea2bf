"""Loading a model card from the Hugging Face Hub by repository id: ``hf://NAMESPACE/NAME[@REVISION]``.

:func:`fetch_hub_card` asks the Hub, through ``huggingface_hub``, for the repository's metadata
with its file list (``model_info(..., files_metadata=True)``: each file's size, and the sha256 of
files kept in Git LFS) and for its ``README.md`` at the same commit. :func:`hub_card_to_manifest`
imports the card as :func:`~mlrelease.importers.huggingface.card_to_manifest` does with the
repository id and revision, then adds what the Hub states beyond the card:

* the **weights**: one ``model-parameters-final`` artifact per weights file of the repository
  (``.safetensors``, ``.bin``, ``.gguf``, ``.pt``/``.pth``, ``.ckpt``, ``.h5``, ``.msgpack``,
  ``.onnx``, ``.tflite``), with ``downloadURL`` at the commit read, ``byteSize`` and, for LFS files,
  the ``sha256`` checksum. That a file is the final weights is inferred from its suffix (recorded
  under ``inferred``); a repository without such a file gets no weights artifact, and validation
  names what to add;
* the **access tier** when the repository is gated (``gated: auto|manual`` in the Hub's answer):
  ``gated-automatic`` or ``gated-manual``, a stated fact of the Hub, replacing the card-based
  inference;
* the **version**: the revision given after ``@``, else the commit the Hub resolved.

The Hub is reached at ``HF_ENDPOINT`` (default ``https://huggingface.co``) with the token in
``HF_TOKEN``, if any; both are read when the card is fetched, not when the module is imported.
``huggingface_hub`` is imported only here, on first use.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..errors import InputError
from . import ImportResult
from .huggingface import HUB, card_to_manifest

#: The scheme of a Hub reference.
SCHEME = "hf://"
#: A Hub repository id with an optional revision (branch, tag or commit) after ``@``.
_REF = re.compile(r"^(?P<ns>[A-Za-z0-9][\w.-]{0,95})/(?P<name>[\w.-]{1,96})(?:@(?P<rev>[^\s@]{1,255}))?$")
#: Suffixes of files that hold a model's parameters.
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf", ".pt", ".pth", ".ckpt", ".h5", ".msgpack", ".onnx", ".tflite")
_DEFAULT_ENDPOINT = "https://huggingface.co"


@dataclass(frozen=True)
class HubFile:
    """One file of a Hub repository: its path, size in bytes and, for LFS files, its sha256."""

    path: str
    size: int | None
    sha256: str | None


@dataclass(frozen=True)
class HubCard:
    """What the Hub says of a repository at one revision: the card's text and the file list."""

    repo_id: str
    revision: str | None  # as requested after @, if any
    sha: str | None  # the commit the Hub resolved
    text: str
    files: tuple[HubFile, ...] = ()
    gated: str | None = None  # "auto", "manual" or None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        """The card's name in messages: ``hf://ns/name@rev/README.md``."""
        return f"{SCHEME}{self.repo_id}@{self.revision or self.sha or 'main'}/README.md"


def is_hub_ref(text: object) -> bool:
    """Whether ``text`` is a string starting with ``hf://``."""
    return isinstance(text, str) and text.startswith(SCHEME)


def parse_hub_ref(ref: str) -> tuple[str, str | None]:
    """``(repo_id, revision or None)`` of ``hf://NAMESPACE/NAME[@REVISION]``.

    >>> parse_hub_ref("hf://bigscience/bloom@main")
    ('bigscience/bloom', 'main')

    :raises InputError: not a Hub model reference.
    """
    match = _REF.match(ref[len(SCHEME):] if ref.startswith(SCHEME) else "")
    if match is None:
        raise InputError("not a Hugging Face Hub model reference", location=ref,
                         hint="write hf://NAMESPACE/NAME or hf://NAMESPACE/NAME@REVISION (a branch, tag or commit)")
    return f"{match['ns']}/{match['name']}", match["rev"]


def fetch_hub_card(ref: str, *, limits: Limits = DEFAULT_LIMITS, timeout: float = 30.0) -> HubCard:
    """Fetch the card and the file list of the model repository ``ref`` (``hf://ns/name[@rev]``).

    :raises InputError: a malformed reference, a repository, revision or card the Hub does not
        have, a gated or private repository without access, a card over the size limit, or a
        transport error; each naming the reference and what to do.
    """
    repo_id, revision = parse_hub_ref(ref)
    endpoint = (os.environ.get("HF_ENDPOINT") or _DEFAULT_ENDPOINT).rstrip("/")
    token = os.environ.get("HF_TOKEN") or None
    import httpx
    from huggingface_hub import HfApi, hf_hub_url
    from huggingface_hub.errors import (
        GatedRepoError,
        HfHubHTTPError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )
    from huggingface_hub.utils import build_hf_headers, get_session

    api = HfApi(endpoint=endpoint, token=token)
    try:
        info = api.model_info(repo_id, revision=revision, files_metadata=True, timeout=timeout)
        sha = getattr(info, "sha", None)
        url = hf_hub_url(repo_id, "README.md", revision=sha or revision, endpoint=endpoint)
        headers = build_hf_headers(token=token, library_name="mlrelease")
        with get_session().stream("GET", url, headers=headers, timeout=timeout, follow_redirects=True) as response:
            if response.status_code == 404:
                raise InputError("the repository has no README.md (no model card)", location=ref,
                                 hint="the card is the repository's README.md; add one on the Hub")
            response.raise_for_status()
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limits.max_bytes:
                    raise InputError(f"the card is larger than the limit of {limits.max_bytes} bytes", location=ref,
                                     hint="raise the limit (Limits(max_bytes=...)) if you trust the source")
    except GatedRepoError:
        raise InputError("the repository is gated and this token has no access", location=ref,
                         hint="request access on the Hub, then set HF_TOKEN") from None
    except RepositoryNotFoundError:
        raise InputError("the Hub has no such model repository (or it is private)", location=ref,
                         hint="check NAMESPACE/NAME; for a private repository set HF_TOKEN") from None
    except RevisionNotFoundError:
        raise InputError(f"the repository has no revision {revision!r}", location=ref,
                         hint="give a branch, tag or commit of the repository after @") from None
    except (HfHubHTTPError, httpx.HTTPStatusError) as exc:
        status = exc.response.status_code if exc.response is not None else "?"
        raise InputError(f"the Hub answered HTTP {status}", location=ref,
                         hint="try again later; HF_ENDPOINT chooses the Hub's address") from None
    except httpx.TransportError as exc:
        raise InputError(f"cannot reach the Hub at {endpoint}: {type(exc).__name__}", location=ref,
                         hint="check the network and HF_ENDPOINT") from None
    try:
        text = bytes(body).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"the card is not UTF-8 text (byte {exc.start})", location=ref) from None
    files = []
    for sibling in getattr(info, "siblings", None) or []:
        lfs = getattr(sibling, "lfs", None)
        files.append(HubFile(sibling.rfilename, getattr(sibling, "size", None),
                             getattr(lfs, "sha256", None) if lfs is not None else None))
    gated = getattr(info, "gated", None)
    return HubCard(repo_id, revision, sha, text, tuple(sorted(files, key=lambda f: f.path)),
                   gated if gated in ("auto", "manual") else None)


def hub_card_to_manifest(card: HubCard, *, limits: Limits = DEFAULT_LIMITS) -> ImportResult:
    """Import ``card`` as a release manifest, with what the Hub states beyond the card (module docs)."""
    revision = card.revision or card.sha
    result = card_to_manifest(card.text, source=card.source, identifier=card.repo_id, limits=limits,
                              revision=revision)
    manifest = result.manifest
    inferred: list[dict[str, str]] = list(manifest.get("inferred", []))
    if card.gated is not None and any(n["field"] == "accessTier" for n in inferred):
        manifest["accessTier"] = "gated-automatic" if card.gated == "auto" else "gated-manual"
        inferred = [n for n in inferred if n["field"] != "accessTier"]  # the Hub states it
    artifacts = manifest.get("artifacts", [])
    if any(a.get("artifactType") == "model-parameters-final" for a in artifacts) and \
            any(n["field"] == "artifacts.model-parameters-final" for n in inferred):
        weights = [f for f in card.files if f.path.lower().endswith(WEIGHT_SUFFIXES)]
        kept = [a for a in artifacts if a.get("artifactType") != "model-parameters-final"]
        inferred = [n for n in inferred if n["field"] != "artifacts.model-parameters-final"]
        at = quote(revision or "main", safe="")
        for f in weights:
            artifact: dict[str, Any] = {"artifactType": "model-parameters-final", "status": "released",
                                        "downloadURL": f"{HUB}{card.repo_id}/resolve/{at}/{quote(f.path)}"}
            if f.size is not None:
                artifact["byteSize"] = f.size
            if f.sha256:
                artifact["checksum"] = [{"algorithm": "sha256", "checksumValue": f.sha256}]
            kept.append(artifact)
        if weights:
            inferred.append({"field": "artifacts.model-parameters-final",
                             "from": "the repository's file list (" + ", ".join(f.path for f in weights) + ")",
                             "rule": "a file with a weights suffix (" + ", ".join(WEIGHT_SUFFIXES) + ") in a model "
                                     "repository holds the model's final parameters; size and sha256 as the Hub "
                                     "lists them"})
        else:
            result.hints["artifacts.model-parameters-final"] = (
                "a weights file to the repository, or an artifact `status: withheld` with a `withheldReason` "
                "(the Hub lists no file with a weights suffix)")
        manifest["artifacts"] = kept
    if inferred:
        manifest["inferred"] = inferred
    else:
        manifest.pop("inferred", None)
    _sync_warnings(result, inferred)
    return result


def _sync_warnings(result: ImportResult, inferred: list[dict[str, str]]) -> None:
    """One ``inferred`` warning per note: drop those of notes replaced above, add those of new notes."""
    pairs = [(w, k) for w, k in zip(result.warnings, result.warning_kinds, strict=True)
             if k != "inferred" or any(f": {n['field']} inferred from {n['from']}: " in w for n in inferred)]
    for note in inferred:
        if not any(f": {note['field']} inferred from {note['from']}: " in w for w, _ in pairs):
            pairs.append((f"{result.source}: {note['field']} inferred from {note['from']}: {note['rule']}", "inferred"))
    result.warnings = [w for w, _ in pairs]
    result.warning_kinds = [k for _, k in pairs]


__all__ = ["SCHEME", "WEIGHT_SUFFIXES", "HubCard", "HubFile", "fetch_hub_card", "hub_card_to_manifest",
           "is_hub_ref", "parse_hub_ref"]
