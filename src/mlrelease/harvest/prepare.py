"""Reading one document into release records ready to store: parse, canonicalise, checksum, validate.

This is the part of a harvest that handles untrusted text; it runs in worker processes when a
harvest uses several. A document that cannot be read, for whatever reason, becomes an error in the
summary and the harvest goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..errors import MlreleaseError
from ..formats import detect_format
from ..io import load_all
from ..store.graphs import release_graph
from .canonical import canonical_ntriples, checksum
from .documents import Document

#: ``validator(record, profiles=...)`` returns a report with ``conforms`` and ``findings``.
Validator = Callable[..., Any]
MAX_MESSAGES = 5


@dataclass
class PreparedRecord:
    """One release record, canonicalised and checked.

    ``conforms`` is None when the record was not validated; ``passed`` lists the profiles it passed.
    """

    release: str
    graph: str
    ntriples: str
    digest: str
    conforms: bool | None = None
    passed: tuple[str, ...] = ()
    messages: list[str] = field(default_factory=list)


@dataclass
class Prepared:
    """A document read: its records, or the error that stopped it."""

    source: str
    digest: str
    records: list[PreparedRecord] = field(default_factory=list)
    error: str | None = None


def default_validator() -> Validator:
    """``mlrelease.validate``, the validator a harvest uses unless told not to validate."""
    from ..validation import validate

    return validate


def _outcome(report: Any, profiles: Sequence[str]) -> tuple[bool, tuple[str, ...], list[str]]:
    conforms = bool(report.conforms)
    violations = [f for f in getattr(report, "findings", []) if "Violation" in str(getattr(f, "severity", "Violation"))]
    failed = {getattr(f, "profile", None) for f in violations}
    if conforms:
        passed = tuple(profiles)
    elif None in failed:
        passed = ()
    else:
        passed = tuple(p for p in profiles if p not in failed)
    messages = sorted({str(getattr(f, "message", f)) for f in violations})[:MAX_MESSAGES]
    return conforms, passed, messages


#: Checksums the store already holds, set once per worker process (see :func:`init_worker`).
_STORED: frozenset[str] = frozenset()


def init_worker(stored: frozenset[str]) -> None:
    """Give a worker process the checksums the store holds, so it skips validating those records."""
    global _STORED  # one value per worker process, set by the pool initializer
    _STORED = stored


def prepare(document: Document, *, validator: Validator | None = None, profiles: Sequence[str] = ("core",),
            limits: Limits = DEFAULT_LIMITS, stored: Container[str] | None = None,
            identifier: str | None = None) -> Prepared:
    """Parse ``document`` and return its release records; errors are returned, never raised.

    ``identifier`` is passed to the reader (see :func:`mlrelease.load`); a local file's path names
    the document, so that a card at ``org/model/README.md`` gets its repository id from it.

    Records whose checksum is in ``stored`` (the store already holds them) are not validated again.
    """
    stored = _STORED if stored is None else stored
    out = Prepared(source=document.source, digest=document.digest)
    text = document.text if "\n" in document.text else document.text + "\n"
    try:
        fmt = document.format or detect_format(text, document.name)
        if fmt == "json" and document.format == "json":
            fmt = detect_format(text, "x.json")
        label = document.source if "://" not in document.source else document.name
        records = load_all(text, fmt, limits=limits, identifier=identifier, source=label)
    except MlreleaseError as exc:
        out.error = str(exc).replace("<string>", document.source)
        return out
    except RecursionError:
        out.error = f"{document.source}: the document is nested too deeply"
        return out
    except Exception as exc:  # a bug in a reader must not stop a harvest of thousands of documents
        out.error = (f"{document.source}: internal error while reading it ({type(exc).__name__}: {exc}); "
                     "this is a bug in mlrelease, please report it with the document")
        return out
    if not records:
        out.error = f"{document.source}: the document holds no release (nothing typed Release with an IRI)"
        return out
    for record in records:
        release = str(record.iri)
        nt = canonical_ntriples(record.graph)
        prepared = PreparedRecord(release=release, graph=release_graph(release), ntriples=nt, digest=checksum(nt))
        if validator is not None and profiles and prepared.digest not in stored:
            record.source = document.source
            try:
                report = validator(record, profiles=tuple(profiles))
            except MlreleaseError as exc:
                prepared.conforms, prepared.messages = False, [str(exc)]
            else:
                prepared.conforms, prepared.passed, prepared.messages = _outcome(report, profiles)
        out.records.append(prepared)
    return out
