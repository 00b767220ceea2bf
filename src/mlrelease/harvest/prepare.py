"""Reading one document into release records ready to store: parse, canonicalise, checksum, validate.

This is the part of a harvest that handles untrusted text; it runs in worker processes when a
harvest uses several. A document that cannot be read, for whatever reason, becomes an error in the
summary and the harvest goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..codecs.readlog import recording
from ..errors import MlreleaseError
from ..formats import detect_format
from ..io import load_all
from ..store.graphs import release_graph
from .assessment import computed_assessment, uses_harvest_iri
from .canonical import canonical_lines, check_canonical, checksum, fast_ntriples_line, has_blank_node
from .documents import Document
from .isolation import BudgetExceeded, run_budgeted
from .ownership import rule

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
    #: Triples the ownership rules dropped, and the things not its own it describes (harvest/ownership.py).
    dropped: int = 0
    described: tuple[str, ...] = ()


@dataclass
class Prepared:
    """A document read: its records, or the error that stopped it."""

    source: str
    digest: str
    records: list[PreparedRecord] = field(default_factory=list)
    error: str | None = None
    #: What the ownership rules dropped or folded; releases they refused (``--strict``), with why.
    warnings: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


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


#: Checksums the store already holds, and its releases, set once per worker process (see :func:`init_worker`).
_STORED: frozenset[str] = frozenset()
_RELEASES: frozenset[str] = frozenset()


def init_worker(stored: frozenset[str], releases: frozenset[str] = frozenset()) -> None:
    """Give a worker process the checksums the store holds, so it skips validating those records,
    and the releases it holds, which no other record may speak about."""
    global _STORED, _RELEASES  # one value per worker process, set by the pool initializer
    _STORED, _RELEASES = stored, releases


def prepare(document: Document, *, validator: Validator | None = None, profiles: Sequence[str] = ("core",),
            limits: Limits = DEFAULT_LIMITS, stored: Container[str] | None = None,
            releases: Container[str] | None = None, strict: bool = False, engine: str | None = None,
            identifier: str | None = None) -> Prepared:
    """Parse ``document`` and return its release records; errors are returned, never raised.

    ``identifier`` is passed to the reader (see :func:`mlrelease.load`); a local file's path names
    the document, so that a card at ``org/model/README.md`` gets its repository id from it.

    Records whose checksum is in ``stored`` (the store already holds them) are not validated again.
    Each record keeps only what it may say about its own release (:mod:`.ownership`; ``releases``
    are the store's releases); with ``strict`` a record that says more is refused.
    """
    return prepare_batch([document], validator=validator, profiles=profiles, limits=limits, stored=stored,
                         releases=releases, strict=strict, engine=engine, identifier=identifier)[0]


def prepare_batch(documents: Sequence[Document], *, validator: Validator | None = None,
                  profiles: Sequence[str] = ("core",), limits: Limits = DEFAULT_LIMITS,
                  stored: Container[str] | None = None, releases: Container[str] | None = None,
                  strict: bool = False, engine: str | None = None, identifier: str | None = None) -> list[Prepared]:
    """:func:`prepare` for several documents, validating their records in one call of the validator.

    With :func:`mlrelease.validate` as the validator (the default), the records of all ``documents``
    are validated together, with ``engine``, and each record gets the findings about it; any other
    validator is called record by record, as before. The outcome per record is the same either way.
    """
    stored = _STORED if stored is None else stored
    releases = _RELEASES if releases is None else releases
    if any(_expensive(d, limits) for d in documents):
        # Expensive documents are read (and validated) alone, each in a child process with a budget.
        args = {"validator": validator, "profiles": profiles, "limits": limits, "stored": stored, "releases": releases,
                "strict": strict, "engine": engine, "identifier": identifier}
        cheap = [d for d in documents if not _expensive(d, limits)]
        done = iter(prepare_batch(cheap, **args) if cheap else [])  # type: ignore[arg-type]
        return [_prepare_isolated(d, args) if _expensive(d, limits) else next(done) for d in documents]
    read = [_read(document, limits, releases, strict, identifier) for document in documents]
    todo = [(prepared, record, text) for out, records, texts in read
            for prepared, record, text in zip(out.records, records, texts, strict=True)
            if validator is not None and profiles and prepared.digest not in stored]
    for out, records, _texts in read:
        for record in records:
            record.source = out.source
    if todo and validator is not None:
        if _batches(validator) and len(todo) > 1:
            _validate_together(todo, validator, profiles, engine)
        else:
            for prepared, record, _text in todo:
                _validate_one(prepared, record, validator, profiles, engine)
    return [out for out, _records, _texts in read]


def _expensive(document: Document, limits: Limits) -> bool:
    return len(document.text) > limits.max_inline_bytes


def _prepare_isolated(document: Document, args: dict[str, Any]) -> Prepared:
    """:func:`prepare` in a child process with the time and memory budget of ``args["limits"]``.

    A crash, a native abort or an overrun becomes this document's error; the harvest goes on.
    """
    limits: Limits = args["limits"]
    try:
        return run_budgeted(_prepare_one, document, args, seconds=limits.max_seconds, memory=limits.max_memory)
    except BudgetExceeded as exc:
        return Prepared(source=document.source, digest=document.digest,
                        error=f"{document.source}: not read within the budget for one document: {exc}\n  hint: "
                              f"the budget is {limits.max_seconds:g} s and {limits.max_memory} bytes; if you trust "
                              "the document, raise it with --max-seconds and --max-memory")


def _prepare_one(document: Document, args: dict[str, Any]) -> Prepared:
    return prepare_batch([document], **{**args, "limits": replace(args["limits"], max_inline_bytes=2**62)})[0]


def _batches(validator: Validator) -> bool:
    """Whether ``validator`` is :func:`mlrelease.validate`, which validates a list of records in one call."""
    from ..validation import validate

    return validator is validate


def _validate_one(prepared: PreparedRecord, record: Any, validator: Validator, profiles: Sequence[str],
                  engine: str | None) -> None:
    try:
        report = validator(record, profiles=tuple(profiles), **({"engine": engine} if _batches(validator) else {}))
    except MlreleaseError as exc:
        prepared.conforms, prepared.messages = False, [str(exc)]
    else:
        prepared.conforms, prepared.passed, prepared.messages = _outcome(report, profiles)


@dataclass
class _Part:
    """The findings of one record in a report about several (what :func:`_outcome` reads)."""

    findings: list[Any]

    @property
    def conforms(self) -> bool:
        return not any(f.severity == "Violation" for f in self.findings)


def _together(todo: list[tuple[PreparedRecord, Any, str]], validator: Validator, profiles: Sequence[str],
              engine: str | None) -> Any:
    """One report about all records of ``todo``.

    With the compiled engine the records' N-Triples text (written anyway for the store) goes
    straight to pyoxigraph (:func:`mlrelease.validation.bulk.validate_ntriples`): no rdflib graph of
    the batch is built and no term is converted one by one. Findings, messages and hints are those
    of :func:`mlrelease.validate` on the same records (tests/kg/test_harvest_batch_validation.py).
    """
    if engine in (None, "compiled"):
        from ..validation.bulk import validate_ntriples

        return validate_ntriples("".join(text for _p, _r, text in todo), tuple(profiles),
                                 hints={str(r.iri): r.source_hints for _p, r, _t in todo if r.source_hints},
                                 sources={str(r.iri): r.source for _p, r, _t in todo})
    return validator([record for _p, record, _t in todo], profiles=tuple(profiles), engine=engine)


def _validate_together(todo: list[tuple[PreparedRecord, Any, str]], validator: Validator, profiles: Sequence[str],
                       engine: str | None) -> None:
    report = None
    if len({prepared.release for prepared, _r, _t in todo}) == len(todo):  # one release in two documents: one by one
        try:
            report = _together(todo, validator, profiles, engine)
        except MlreleaseError:
            report = None  # one record's error would be every record's: validate them one by one instead
    releases = {prepared.release for prepared, _r, _t in todo}
    if report is None or any(f.release not in releases for f in report.findings):
        # A finding that belongs to no record (or a record of another batch) cannot be attributed:
        # one by one, each record gets exactly the findings it gets alone.
        for prepared, record, _text in todo:
            _validate_one(prepared, record, validator, profiles, engine)
        return
    by_release: dict[str, list[Any]] = {r: [] for r in releases}
    for f in report.findings:
        by_release[f.release].append(f)
    for prepared, _record, _text in todo:
        prepared.conforms, prepared.passed, prepared.messages = _outcome(_Part(by_release[prepared.release]),
                                                                         profiles)


def _read(document: Document, limits: Limits, releases: Container[str], strict: bool,
          identifier: str | None) -> tuple[Prepared, list[Any], list[str]]:
    """Parse ``document`` into prepared records (not validated), the records themselves and, for
    each, the N-Triples of its graph (what validating the record reads).

    The per-document boundary: reading, the ownership rules, canonicalising and checksumming all
    happen inside it, so whatever the document holds, it ends as an error for this document.
    """
    out = Prepared(source=document.source, digest=document.digest)
    try:
        return _read_unguarded(document, out, limits, releases, strict, identifier)
    except MlreleaseError as exc:
        message = str(exc)
        out.error = message if exc.location else f"{document.source}: {message}"
    except (RecursionError, MemoryError) as exc:
        if isinstance(exc, RecursionError):
            out.error = f"{document.source}: the document is too deeply nested to read within the limits"
        else:
            out.error = (f"{document.source}: reading the document needs more memory than its budget\n  hint: if "
                         "you trust the document, raise the budget with --max-memory (API: Limits(max_memory=N))")
    except Exception as exc:  # a bug in a reader must not stop a harvest of thousands of documents
        out.error = (f"{document.source}: internal error while reading it ({type(exc).__name__}: {exc}); "
                     "this is a bug in mlrelease, please report it with the document")
    out.records, out.warnings, out.refused = [], [], []
    return out, [], []


def _read_unguarded(document: Document, out: Prepared, limits: Limits, releases: Container[str], strict: bool,
                    identifier: str | None) -> tuple[Prepared, list[Any], list[str]]:
    text = document.text if "\n" in document.text else document.text + "\n"
    fmt = document.format or detect_format(text, document.name)
    if fmt == "json" and document.format == "json":
        fmt = detect_format(text, "x.json")
    with recording() as log:
        records = load_all(text, fmt, source=document.source, limits=limits, identifier=identifier)
    if not records:
        out.error = f"{document.source}: the document holds no release (nothing typed Release with an IRI)"
        return out, [], []
    ruling = rule(records, log, document.source, stored_releases=releases, strict=strict)
    out.warnings, out.refused, out.error = ruling.warnings, ruling.refused, ruling.error
    if ruling.error is not None:
        return out, [], []
    kept = []
    texts = []
    for record, owned in ruling.claims:
        release = str(record.iri)
        record.graph = owned.graph
        graph = release_graph(release)
        # Each triple is written as N-Triples once: all of them are what validation reads; the store
        # gets the record's own (not those using the harvest's <graph>#... IRIs) and its computed openness.
        computed = computed_assessment(record, graph)
        lines: list[str] = []
        kept_lines: set[str] = set()
        triples = list(record.graph)
        prefix = graph + "#"
        for triple in triples:
            line = fast_ntriples_line(triple)
            lines.append(line)
            if prefix not in line or not uses_harvest_iri(triple, graph):  # the IRI <graph#…> is in its line
                kept_lines.add(line)
        kept_lines.update(fast_ntriples_line(triple) for triple in computed)
        triples += computed
        if has_blank_node(triples):  # without blank nodes there is nothing to refuse
            check_canonical(triples, limits)  # refused before an unbounded canonicalisation
        nt = canonical_lines(kept_lines)
        out.records.append(PreparedRecord(release=release, graph=graph, ntriples=nt, digest=checksum(nt),
                                          dropped=len(owned.dropped), described=tuple(sorted(owned.described))))
        kept.append(record)
        texts.append("".join(lines))
    return out, kept, texts
