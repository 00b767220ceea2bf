"""Turning harvest sources (files, folders, URLs, OAI-PMH endpoints) into a stream of documents.

| source | read as |
|---|---|
| a file | one document, in the format its name or content says |
| a folder | every file below it in a format mlrelease reads, in path order (see :func:`folder_files`) |
| ``http://`` or ``https://`` URL | one record, by content negotiation or ``describedby`` signposting |
| ``oai+http://`` or ``oai+https://`` URL | every record of the OAI-PMH endpoint at the URL after ``oai+`` |
| ``-`` | one document read from standard input (named ``<stdin>``), format from its content |
"""

from __future__ import annotations

import hashlib
import sys
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
               oai_token: Callable[[str], str | None] = lambda key: None) -> Iterator[Item]:
    """Every document of every source, in order; failures are items too, never exceptions.

    ``oai_token(key)`` gives the journalled resumption token of an OAI-PMH source, if any.
    """
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
            elif source == "-":
                yield read_stdin(options)
            else:
                path = Path(source)
                if path.is_dir():
                    for file in folder_files(path, follow_symlinks=options.follow_symlinks):
                        yield read_file(file, options)
                elif path.exists():
                    yield read_file(path, options)
                else:
                    yield SourceFailure(source, "no such file or folder")
    finally:
        if client is not None:
            client.close()
