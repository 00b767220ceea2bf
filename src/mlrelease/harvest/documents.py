"""What a harvest reads: documents (one file, one HTTP response, one OAI-PMH record) and checkpoints."""

from __future__ import annotations

from dataclasses import dataclass

from ..codecs.limits import DEFAULT_LIMITS, Limits


@dataclass(frozen=True)
class Document:
    """One document to harvest.

    ``source`` is what provenance records (a file path or URL); ``name`` is a file name whose suffix
    tells the format, ``format`` the format when the transport said it (a media type).
    """

    source: str
    text: str
    digest: str
    name: str | None = None
    format: str | None = None


@dataclass(frozen=True)
class Checkpoint:
    """A point in a source's stream up to which everything has been read (an OAI-PMH page).

    The harvest writes everything read so far, then journals ``token`` so that a resumed run
    starts after it.
    """

    key: str
    token: str | None


@dataclass(frozen=True)
class SourceFailure:
    """A source, or part of one, that could not be read; the harvest reports it and goes on."""

    source: str
    message: str


@dataclass(frozen=True)
class FetchOptions:
    """How sources are read: HTTP timeout in seconds, size limits, OAI metadata prefix.

    ``identifier`` is the repository id (``namespace/name``) of what is harvested, for sources that
    may not state it (a Hugging Face card); see :func:`mlrelease.load`.
    """

    timeout: float = 30.0
    limits: Limits = DEFAULT_LIMITS
    metadata_prefix: str | None = None
    max_redirects: int = 5
    identifier: str | None = None
    #: Follow symbolic links out of a harvested folder (off: a folder cannot lead to other files).
    follow_symlinks: bool = False
