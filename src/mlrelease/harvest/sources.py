"""Turning harvest sources (files, folders, URLs, OAI-PMH endpoints) into a stream of documents.

| source | read as |
|---|---|
| a file | one document, in the format its name or content says |
| a folder | every file below it in a format mlrelease reads, in path order (see :func:`folder_files`) |
| ``http://`` or ``https://`` URL | one record, by content negotiation or ``describedby`` signposting |
| ``oai+http://`` or ``oai+https://`` URL | every record of the OAI-PMH endpoint at the URL after ``oai+`` |
| ``hf://NAMESPACE/NAME[@REVISION]`` | the model's card and file list on the Hugging Face Hub, imported |
| ``-`` | one document read from standard input (named ``<stdin>``), format from its content |

A URL that leads to a DCAT catalogue (a site of ``mlrelease publish``) gives every release the
catalogue lists (harvest/catalogue.py).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError, MlreleaseError
from ..files import folder_files, read_bytes
from .catalogue import fetch_site
from .documents import Checkpoint, Document, FetchOptions, SourceFailure
from .fetch import new_client
from .oai import list_records

Item = Document | Checkpoint | SourceFailure


def read_file(path: Path, options: FetchOptions) -> Document | SourceFailure:
    """One file as a document, or why it cannot be read."""
    try:
        data = read_bytes(path, options.limits)  # regular files only, capped while reading
    except InputError as exc:
        return SourceFailure(str(path), exc.message)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return SourceFailure(str(path), f"the file is not UTF-8 text (byte {exc.start})")
    return Document(source=str(path), text=text, digest=hashlib.sha256(data).hexdigest(), name=path.name)


def hub_card(ref: str, options: FetchOptions) -> Document | SourceFailure:
    """A model on the Hugging Face Hub (``hf://NAMESPACE/NAME[@REVISION]``) as a manifest document.

    The card and file list are fetched and imported (:mod:`mlrelease.importers.hub`); the document
    is the resulting manifest as JSON, with what was inferred under ``inferred``.
    """
    from ..importers.hub import fetch_hub_card, hub_card_to_manifest

    try:
        card = fetch_hub_card(ref, limits=options.limits, timeout=options.timeout)
        manifest = hub_card_to_manifest(card, limits=options.limits).manifest
    except MlreleaseError as exc:
        return SourceFailure(ref, str(exc))
    text = json.dumps(manifest, ensure_ascii=False, indent=1)
    return Document(source=ref, text=text, digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    name="manifest.json", format="json")


def read_stdin(options: FetchOptions) -> Document | SourceFailure:
    """Standard input as one document (capped at the size limit), or why it cannot be read."""
    data = sys.stdin.buffer.read(options.limits.max_bytes + 1)
    if len(data) > options.limits.max_bytes:
        return SourceFailure("<stdin>", f"larger than the limit of {options.limits.max_bytes} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return SourceFailure("<stdin>", f"not UTF-8 text (byte {exc.start})")
    return Document(source="<stdin>", text=text, digest=hashlib.sha256(data).hexdigest(), name="stdin")


def iter_items(sources: list[str], options: FetchOptions,
               oai_token: Callable[[str], str | None] = lambda key: None,
               on_total: Callable[[int | None], None] | None = None) -> Iterator[Item]:
    """Every document of every source, in order; failures are items too, never exceptions.

    ``oai_token(key)`` gives the journalled resumption token of an OAI-PMH source, if any.
    ``on_total(n)`` is called once, before the first item, with the number of documents and failures
    the sources will give (every folder is listed first), or None when an OAI-PMH source makes it unknown.
    """
    folders = {source: folder_files(Path(source), follow_symlinks=options.follow_symlinks) for source in sources
               if not source.startswith(("oai+http://", "oai+https://", "http://", "https://"))
               and Path(source).is_dir()}
    if on_total is not None:
        unknown = any(source.startswith(("oai+http://", "oai+https://")) for source in sources)
        on_total(None if unknown else sum(len(folders[s]) if s in folders else 1 for s in sources))
    client = None
    try:
        for source in sources:
            if source.startswith(("oai+http://", "oai+https://")):
                base = source[len("oai+"):]
                client = client or new_client(options)
                try:
                    yield from list_records(client, base, options, oai_token(f"oai:{base}"))
                except MlreleaseError as exc:
                    yield SourceFailure(source, str(exc))
            elif source.startswith("hf://"):
                yield hub_card(source, options)
            elif source.startswith(("http://", "https://")):
                client = client or new_client(options)
                try:
                    yield from fetch_site(client, source, options)
                except MlreleaseError as exc:
                    yield SourceFailure(source, str(exc))
            elif source == "-":
                yield read_stdin(options)
            else:
                path = Path(source)
                if source in folders:
                    for file in folders[source]:
                        yield read_file(file, options)
                elif path.exists():
                    yield read_file(path, options)
                else:
                    yield SourceFailure(source, "no such file or folder")
    finally:
        if client is not None:
            client.close()
