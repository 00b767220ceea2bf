"""What reading a document found beyond its triples, for callers that must judge the document.

A harvest reads untrusted documents and must know what a plain read merges away: the named graphs
an input held (TriG ``GRAPH`` blocks, N-Quads graph names, JSON-LD graph objects) and, for a
manifest, which release it is about (a release nested inside is a reference). Readers note these
in the log of :func:`recording` while one is open; otherwise they note nothing.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class ReadLog:
    """The named graphs merged (in order of first sight) and the releases manifests were about."""

    named_graphs: list[str] = field(default_factory=list)
    manifest_releases: list[str] = field(default_factory=list)


_LOG: contextvars.ContextVar[ReadLog | None] = contextvars.ContextVar("read_log", default=None)


@contextlib.contextmanager
def recording() -> Iterator[ReadLog]:
    """Within the block, readers note in the yielded log what they merged or were about."""
    log = ReadLog()
    token = _LOG.set(log)
    try:
        yield log
    finally:
        _LOG.reset(token)


def current() -> ReadLog | None:
    """The open log, or None when nobody is recording."""
    return _LOG.get()
