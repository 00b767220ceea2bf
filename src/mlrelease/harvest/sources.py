"""Turning harvest sources (files, folders, URLs, OAI-PMH endpoints) into a stream of documents.

| source | read as |
|---|---|
| a file | one document, in the format its name or content says |
| a folder | every file below it in a format mlrelease reads, in path order (see :func:`folder_files`) |
| ``http://`` or ``https://`` URL | one record, by content negotiation or ``describedby`` signposting |
| ``oai+http://`` or ``oai+https://`` URL | every record of the OAI-PMH endpoint at the URL after ``oai+`` |
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError, MlreleaseError
from ..files import folder_files, read_bytes
from .documents import Checkpoint, Document, FetchOptions, SourceFailure
from .fetch import fetch_record, new_client
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
            elif source.startswith(("http://", "https://")):
                client = client or new_client(options)
                try:
                    yield fetch_record(client, source, options)
                except MlreleaseError as exc:
                    yield SourceFailure(source, str(exc))
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
