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

    #: Seconds for one whole response (connect, redirects, every byte of the body): a deadline, so
    #: a server that trickles one byte a second cannot hold a harvest.
    timeout: float = 30.0
    limits: Limits = DEFAULT_LIMITS
    metadata_prefix: str | None = None
    max_redirects: int = 5
    #: How often a 5xx (or 429) answer is retried, and the first backoff in seconds (doubled each time).
    retries: int = 2
    backoff: float = 1.0
    #: The longest ``Retry-After`` honoured, in seconds; a server asking for more fails the source.
    max_retry_after: float = 60.0
    #: OAI-PMH: pages in a row without a record (but with a new token) before the listing counts as stuck.
    max_empty_pages: int = 3
    identifier: str | None = None
    #: Follow symbolic links out of a harvested folder (off: a folder cannot lead to other files).
    follow_symlinks: bool = False
