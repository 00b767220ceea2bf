"""Reading release records from any registered format, and writing them back out.

The API follows pyoxigraph's: ``load(input=None, format=None, *, path=None)``. ``input`` is the
document itself (``str``, ``bytes`` or a binary or text file object) and ``path`` a file to read;
a ``str`` is always text, never guessed to be a path (a :class:`pathlib.Path` given as ``input``
is read as the path it is). ``format`` is detected from the file name and content when not given.

>>> import mlrelease
>>> rec = mlrelease.load("identifier: org/m\\nversion: 1.10\\nlicense: MIT\\n", format="yaml")
>>> print(mlrelease.dump(rec, "yaml"), end="")
type: Release
identifier: org/m
version: '1.10'
license:
- MIT
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from typing import IO

from rdflib import Graph

from . import files
from .codecs.limits import DEFAULT_LIMITS, Limits
from .errors import InputError, UsageError
from .exports import Exported
from .formats import (
    MANIFEST_READERS,
    ReadOptions,
    detect_format,
    exporter,
    input_formats,
    output_formats,
    reader,
    writer,
)
from .importers import ImportResult
from .record import ReleaseRecord, split_releases

#: Formats :func:`load` reads (see :mod:`mlrelease.formats`).
INPUT_FORMATS = input_formats()
#: Formats :func:`dump` writes.
OUTPUT_FORMATS = output_formats()

Input = str | bytes | IO[bytes] | IO[str] | os.PathLike[str]

# -- the API ----------------------------------------------------------------------------------


def _text_of(input: Input | None, path: str | os.PathLike[str] | None, limits: Limits) -> tuple[str, str | None]:
    """Return (text, file name or None) for exactly one of ``input`` and ``path``."""
    if (input is None) == (path is None):
        raise UsageError("give either input (the document) or path (a file to read), not both or neither")
    if path is None and isinstance(input, os.PathLike):
        path = input
    if path is not None:
        return files.read_text(path, limits), str(path)
    if isinstance(input, str):
        return input, None
    if isinstance(input, bytes):
        raw: bytes | str = input
    elif hasattr(input, "read"):
        raw = input.read(limits.max_bytes + 1)  # type: ignore[union-attr]
    else:
        raise UsageError(f"cannot read a {type(input).__name__}; give text, bytes, a file object or path=")
    if len(raw) > limits.max_bytes:
        raise InputError(f"the input is larger than the limit of {limits.max_bytes} bytes",
                         hint="raise the limit (Limits(max_bytes=...)) if you trust the input")
    if isinstance(raw, bytes):
        try:
            return raw.decode("utf-8"), None
        except UnicodeDecodeError as exc:
            raise InputError(f"the input is not UTF-8 text (byte {exc.start})", hint="save it as UTF-8") from None
    return raw, None


def load_graph(input: Input | None = None, format: str | None = None, *, path: str | os.PathLike[str] | None = None,
               limits: Limits = DEFAULT_LIMITS, identifier: str | None = None, revision: str | None = None,
               source: str | None = None) -> tuple[Graph, str, str, ImportResult | None]:
    """Read a document into one RDF graph; return (graph, format, source name, import result or None).

    ``identifier`` is the repository id (``namespace/name``) the document describes, for formats
    that may not state it (a Hugging Face card); ``revision`` the repository revision it was read
    at. Formats that state their own identity ignore both. ``source`` names a document given as
    ``input`` in messages and for importers that name a release after its file (and, for a card,
    may give its identifier: ``org/model/README.md``); it defaults to ``path``, else ``<string>``.

    A ``path`` of the form ``hf://NAMESPACE/NAME[@REVISION]`` is a model on the Hugging Face Hub:
    its card and file list are fetched (at ``HF_ENDPOINT``, with ``HF_TOKEN``; see
    :mod:`mlrelease.importers.hub`) and imported with the repository id and revision.

    :raises InputError: unreadable input, with file, line and field.
    :raises UnknownTermError: an unknown format, key, code or licence, with the closest valid ones.
    """
    if input is None and isinstance(path, str) and path.startswith("hf://"):
        return _load_hub(str(path), limits)
    text, name = _text_of(input, path, limits)
    label = source or name or "<string>"
    fmt = format or detect_format(text, name or source)
    graph, imported = reader(fmt)(text, label, ReadOptions(limits=limits, identifier=identifier, revision=revision))
    return graph, fmt, label, imported


def _load_hub(ref: str, limits: Limits) -> tuple[Graph, str, str, ImportResult | None]:
    """A model card fetched from the Hugging Face Hub (``hf://NAMESPACE/NAME[@REVISION]``)."""
    from .codecs.manifest_rdf import manifest_to_graph
    from .importers.hub import fetch_hub_card, hub_card_to_manifest

    card = fetch_hub_card(ref, limits=limits)
    imported = hub_card_to_manifest(card, limits=limits)
    return manifest_to_graph(imported.manifest, source=card.source)[0], "hf-card", card.source, imported


def load_ntriples(input: Input | None = None, format: str | None = None, *,
                  path: str | os.PathLike[str] | None = None, limits: Limits = DEFAULT_LIMITS,
                  identifier: str | None = None, revision: str | None = None, source: str | None = None) -> str:
    """The canonical N-Triples (sorted, blank nodes labelled canonically) of the graph :func:`load_graph` reads.

    For manifests (YAML, JSON manifests, Hugging Face cards, MOF manifests) the triples go from the
    manifest straight to text, without building an rdflib graph, which costs more than the rest of
    reading; the text is byte-identical to ``canonical_ntriples(load_graph(...)[0])``
    (tests/test_fast_ntriples.py). Other formats are read into a graph first. Arguments and errors
    as :func:`load_graph`.
    """
    text, name = _text_of(input, path, limits)
    return _text_to_ntriples(text, format, name, source, ReadOptions(limits=limits, identifier=identifier,
                                                                     revision=revision))


def _text_to_ntriples(text: str, format: str | None, name: str | None, source: str | None,
                      options: ReadOptions) -> str:
    from .codecs.manifest_rdf import UnwritableIRI, manifest_to_lines
    from .codecs.ntriples import canonical_lines, canonical_ntriples

    label = source or name or "<string>"
    fmt = format or detect_format(text, name or source)
    manifest_of = MANIFEST_READERS.get(fmt)
    found = manifest_of(text, label, options) if manifest_of is not None else None
    if found is not None:
        try:
            return canonical_lines(manifest_to_lines(found[0], source=label)[0])
        except UnwritableIRI:
            pass  # rdflib refuses to write one of its IRIs: the reference path below says how
    graph, _imported = reader(fmt)(text, label, options)
    return canonical_ntriples(graph)


def load_ntriples_many(paths: Iterable[str | os.PathLike[str]], format: str | None = None, *, workers: int = 1,
                       limits: Limits = DEFAULT_LIMITS, chunksize: int = 32) -> Iterator[str]:
    """:func:`load_ntriples` of each file of ``paths``, in order, read by ``workers`` processes.

    The bulk path from manifests to RDF: each worker reads, parses and checks whole files and sends
    back their canonical N-Triples (``chunksize`` files at a time), so two workers convert about twice
    as many files a second on two idle cores (bench/bench_ntriples.py). With ``workers=1`` everything
    runs in this process. A file that cannot be read stops the iteration with its error, located as
    :func:`load_ntriples` locates it (file, line, field).

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "m.yaml").write_text("identifier: org/m\\nversion: '1'\\n")
    >>> for line in next(load_ntriples_many([folder / "m.yaml"])).splitlines():
    ...     print(line.split(" ", 1)[1])
    <http://schema.org/identifier> "org/m" .
    <http://schema.org/version> "1" .
    <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/mlrelease/vocab#Release> .

    :raises UsageError: ``workers`` below 1.
    """
    if workers < 1:
        raise UsageError(f"workers must be 1 or more, not {workers}")
    convert = functools.partial(_file_to_ntriples, format=format, limits=limits)
    if workers == 1:
        yield from map(convert, paths)
        return
    import multiprocessing

    _warm_up()  # once, before the workers are forked, so that none of them reads the vocabulary again
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with context.Pool(workers) as pool:
        yield from pool.imap(convert, paths, chunksize=chunksize)


def _file_to_ntriples(path: str | os.PathLike[str], *, format: str | None, limits: Limits) -> str:
    text = files.read_text(path, limits)
    return _text_to_ntriples(text, format, str(path), None, ReadOptions(limits=limits))


def _warm_up() -> None:
    """Read what every manifest needs (vocabulary, context table, licence catalogue) into this process."""
    from .codecs.manifest_rdf import NTriplesReader

    NTriplesReader()


def load_all(input: Input | None = None, format: str | None = None, *, path: str | os.PathLike[str] | None = None,
             limits: Limits = DEFAULT_LIMITS, identifier: str | None = None, revision: str | None = None,
             source: str | None = None) -> list[ReleaseRecord]:
    """Read every release of a document; each record holds the triples reachable from its release.

    Arguments and errors as :func:`load_graph`.
    """
    graph, fmt, label, imported = load_graph(input, format, path=path, limits=limits, identifier=identifier,
                                             revision=revision, source=source)
    records = split_releases(graph, source=label, format=fmt)
    if imported is not None:
        locations: dict[str, str] = getattr(imported, "locations", {})
        by_release: dict[str, tuple[list[str], list[str]]] = getattr(imported, "by_release", {})
        for rec in records:
            # An export of many outputs: each record names the element it came from (file:line),
            # and carries its own warnings and dropped fields.
            rec.source = locations.get(str(rec.iri), rec.source)
            if str(rec.iri) in by_release:
                rec.warnings, rec.dropped = (list(x) for x in by_release[str(rec.iri)])
                rec.source_hints = dict(imported.hints)
                continue
            rec.warnings = list(imported.warnings)
            rec.dropped = list(imported.dropped)
            rec.source_hints = dict(imported.hints)
    return records


def load(input: Input | None = None, format: str | None = None, *, path: str | os.PathLike[str] | None = None,
         limits: Limits = DEFAULT_LIMITS, identifier: str | None = None, revision: str | None = None,
         source: str | None = None) -> ReleaseRecord:
    """Read one release record from ``input`` (the document) or ``path``, in any input format.

    Other arguments as :func:`load_graph`.

    :raises InputError: unreadable input (with file, line and field) or not exactly one release.
    :raises UnknownTermError: an unknown key, code, licence or format (with the closest valid ones).
    """
    records = load_all(input, format, path=path, limits=limits, identifier=identifier, revision=revision,
                       source=source)
    if len(records) != 1:
        label = records[0].source if records else (str(path or input) if path or isinstance(input, os.PathLike)
                                                   else "<input>")
        raise InputError(f"expected one release, found {len(records)}", location=label,
                         hint="use mlrelease.load_all() for a document of several releases")
    return records[0]


def dump(record: ReleaseRecord, format: str = "yaml", *, path: str | os.PathLike[str] | None = None) -> str:
    """Write ``record`` in one of :data:`OUTPUT_FORMATS`; the same record always gives the same text.

    ``jsonld`` is compact JSON-LD with the mlrelease context inline and every id and type
    explicit, so any JSON-LD processor reads the same graph offline; ``yaml`` and ``json`` are
    manifests (the context, derived ids and implied types left implicit). With ``path`` the text is
    also written there, atomically (never a partial file). Returns the text.

    :raises UnknownTermError: an unknown format, with the closest names.
    """
    text = writer(format)(record)
    if path is not None:
        files.write_atomically(text, path)
    return text


def export(record: ReleaseRecord, format: str, *, path: str | os.PathLike[str] | None = None) -> Exported:
    """Write ``record`` in output format ``format`` and say what the format could not carry.

    The same as :func:`dump`, but returns an :class:`~mlrelease.exports.Exported`: the text and
    one warning per record field the format loses or approximates (see docs/cris.md). Formats that
    carry the whole record (yaml, json, jsonld, turtle, ntriples) warn of nothing.

    :raises UnknownTermError: an unknown format, with the closest names.
    :raises InputError: the record lacks what the format requires (DataCite needs a publisher).
    """
    out = exporter(format)(record)
    if path is not None:
        files.write_atomically(out.text, path)
    return out


__all__ = ["INPUT_FORMATS", "OUTPUT_FORMATS", "Input", "detect_format", "dump", "export", "load", "load_all",
           "load_graph", "load_ntriples", "load_ntriples_many"]
