"""Validating big inputs without rdflib: N-Triples (or N-Quads, Turtle) text straight into the compiled engine.

>>> from mlrelease.validation.bulk import validate_ntriples
>>> nt = ("<https://example.org/r> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
...       "<https://w3id.org/mlrelease/vocab#Release> .\\n")
>>> report = validate_ntriples(nt, profiles=["core"])
>>> report.conforms, report.releases
(False, ['https://example.org/r'])

Parsing into rdflib and serialising again costs more than validating (see ``bench/README.md``); this
path hands the text to pyoxigraph. Findings are those of :func:`mlrelease.validate` on the same data;
the release a finding belongs to is found in the store (see :meth:`.CompiledEngine.validate_text`).
"""

from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Iterable, Mapping, Sequence, Sized

import pyoxigraph as ox

from .compiled import CompiledEngine, compiled, reference_store
from .findings import Finding, ValidationReport
from .profiles import DEFAULT_PROFILES, check_profiles, combined_shapes, profile_of_shapes, reference_graph


def validate_ntriples(data: bytes | str, profiles: Sequence[str] = DEFAULT_PROFILES, *,
                      format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES,
                      hints: Mapping[str, Mapping[str, str]] | None = None,
                      sources: Mapping[str, str] | None = None) -> ValidationReport:
    """Validate RDF text (N-Triples by default; any triple format pyoxigraph reads) against ``profiles``.

    ``hints`` and ``sources`` are, per release IRI, what :func:`mlrelease.validate` takes from
    records (an importer's source hints, the document's name): findings about the release get them,
    so a harvest that validates its records' text reports exactly what ``validate`` reports.
    """
    from . import _with_hint

    chosen = check_profiles(list(profiles))
    engine = CompiledEngine()
    findings, releases = engine.validate_text(data, combined_shapes(chosen), reference_graph(), format)
    shape_profiles = profile_of_shapes(chosen)
    hints = hints or {}
    sources = sources or {}

    def hinted(message: str, shape: str, release: str | None) -> str:
        found = hints.get(release) if release is not None else None
        return _with_hint(message, shape, dict(found) if found is not None else None)

    return ValidationReport(
        findings=[dataclasses.replace(f, profile=shape_profiles.get(f.shape), source=sources.get(f.release or ""),
                                      message=hinted(f.message, f.shape, f.release)) for f in findings],
        profiles=chosen, releases=releases, engine=engine.name)



Chunk = bytes | str | os.PathLike[str]


def _chunk_bytes(chunk: Chunk) -> bytes:
    if isinstance(chunk, bytes):
        return chunk
    if isinstance(chunk, str):
        return chunk.encode("utf-8")
    with open(chunk, "rb") as handle:  # a path: read by the worker, so the parent never holds the text
        return handle.read()


def _validate_chunk(chunk: Chunk, chosen: tuple[str, ...], media_type: str,
                    lenient: bool) -> tuple[list[Finding], list[str]]:
    format = ox.RdfFormat.from_media_type(media_type)  # a format cannot be pickled; its media type can
    if format is None:
        raise ValueError(f"no RDF format has the media type {media_type!r}")
    engine = CompiledEngine()
    return engine.validate_text(_chunk_bytes(chunk), combined_shapes(chosen), reference_graph(), format,
                                lenient=lenient, profiles=profile_of_shapes(chosen))


def validate_chunks(chunks: Iterable[Chunk], profiles: Sequence[str] = DEFAULT_PROFILES, *,
                    workers: int | None = None, format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES,
                    lenient: bool = False,
                    on_progress: Callable[[int, int | None], None] | None = None) -> ValidationReport:
    """Validate many records, given as chunks of RDF text (or files of it), in ``workers`` processes.

    Each chunk must hold whole records (every triple of a release and of what it describes): chunks are
    validated apart, each loaded into the worker's store beside the reference graph and removed again,
    so memory grows with the chunk, not with the input, and the work spreads over the cores. The report
    is that of :func:`validate_ntriples` on each chunk, concatenated in the order of the chunks.
    ``lenient`` skips pyoxigraph's IRI and language-tag checks while loading: only for text mlrelease
    wrote itself (canonical N-Triples of harvested records). ``on_progress(done, total)`` is called
    after each chunk (``total`` is ``None`` for an iterator).
    """
    chosen = tuple(check_profiles(list(profiles)))
    total = len(chunks) if isinstance(chunks, Sized) else None
    workers = max(1, min(workers if workers is not None else (os.cpu_count() or 1), total or 1 << 30))
    # Compiled shapes and the reference store are made before the workers fork, so each inherits them.
    compiled(combined_shapes(chosen))
    reference_store(reference_graph())
    results: list[tuple[list[Finding], list[str]]] = []

    def collect(result: tuple[list[Finding], list[str]]) -> None:
        results.append(result)
        if on_progress is not None:
            on_progress(len(results), total)

    if workers == 1:
        for chunk in chunks:
            collect(_validate_chunk(chunk, chosen, format.media_type, lenient))
    else:
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            pending: collections.deque[concurrent.futures.Future[tuple[list[Finding], list[str]]]] = \
                collections.deque()
            for chunk in chunks:
                pending.append(pool.submit(_validate_chunk, chunk, chosen, format.media_type, lenient))
                while len(pending) >= 2 * workers:  # a bounded number of chunks in flight
                    collect(pending.popleft().result())
            while pending:
                collect(pending.popleft().result())
    return ValidationReport(findings=[f for found, _ in results for f in found], profiles=chosen,
                            releases=[r for _, releases in results for r in releases], engine=CompiledEngine.name)


__all__ = ["validate_chunks", "validate_ntriples"]
