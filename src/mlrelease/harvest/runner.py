"""Running a harvest: read documents, keep out invalid records, write changed graphs in batches."""

from __future__ import annotations

import concurrent.futures as cf
import functools
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import StoreError
from ..store import GraphWrite, Store
from ..store.graphs import release_of_graph, sparql_iri
from .documents import Checkpoint, Document, FetchOptions, SourceFailure
from .evaluation import EvaluationKey, checked_alike, rules_version
from .journal import DocumentEntry, Journal
from .ownership import IriOwners, settle
from .prepare import Prepared, Validator, default_validator, init_worker, prepare_batch
from .progress import Progress, Silent
from .provenance import catalogue_entry, catalogue_subjects, now
from .reference import update_reference
from .sources import iter_items
from .summary import REEVALUATED, HarvestSummary, ReleaseOutcome


class _Default:
    """The type of :data:`DEFAULT_VALIDATOR`."""

    def __repr__(self) -> str:
        return "DEFAULT_VALIDATOR"


#: The default of ``HarvestOptions.validator``: :func:`mlrelease.validate`.
DEFAULT_VALIDATOR = _Default()


@dataclass
class HarvestOptions:
    """How a harvest runs.

    ``validator`` defaults to :func:`mlrelease.validate` (None: no validation). Records that fail
    ``profiles`` are kept out unless ``keep_invalid``. ``batch_size`` releases are written per store
    write; ``workers`` > 1 parses and validates in that many processes.
    """

    profiles: tuple[str, ...] = ("core",)
    keep_invalid: bool = False
    validator: Validator | _Default | None = DEFAULT_VALIDATOR
    batch_size: int = 200
    workers: int = 1
    fetch: FetchOptions = field(default_factory=FetchOptions)
    journal: str | None = None
    reference: bool = True
    #: The harvest time recorded in provenance (an ``xsd:dateTime``); tests fix it.
    clock: Callable[[], str] = now
    #: Refuse records that say more than they may (harvest/ownership.py) instead of dropping the excess.
    strict: bool = False
    #: Sources (exact, or a prefix ending in ``/``) allowed to replace a release another source published.
    allow_replace: tuple[str, ...] = ()
    #: The validation engine of the default validator ("compiled" or "pyshacl"; None: the default).
    engine: str | None = None


#: ``on_progress(done, total)``: called after each document (read, skipped as unchanged, or unreadable)
#: with the number done so far and the number the sources hold (None when an OAI-PMH source makes it
#: unknown). A stable interface for progress displays; it must not raise.
ProgressCallback = Callable[[int, int | None], None]


def _prepare_chunk(fn: Callable[..., list[Prepared]], chunk: list[Document]) -> list[Prepared]:
    return fn(chunk)


def _ordered(fn: Callable[..., list[Prepared]], items: Iterable, workers: int, stored: frozenset[str],
             chunk_size: int = 256, releases: frozenset[str] = frozenset()) -> Iterator:
    """Apply ``fn`` to the documents among ``items`` (in ``workers`` processes), keeping order.

    Documents go to ``fn`` in chunks (and to the workers, so the cost of handing work over is spread):
    the records of a chunk are validated in one call. Each call runs every compiled query once, so
    bigger chunks spread that cost: 2,000 documents took 8.3 s more with validation in chunks of 32,
    5.9 s more in chunks of 256 (bench/README.md).
    """
    if workers <= 1:
        chunk: list[Document] = []
        for item in items:
            if isinstance(item, Document):
                chunk.append(item)
                if len(chunk) < chunk_size:
                    continue
            if chunk:
                yield from fn(chunk, stored=stored, releases=releases)
                chunk = []
            if not isinstance(item, Document):
                yield item
        if chunk:
            yield from fn(chunk, stored=stored, releases=releases)
        return
    window = workers * 4
    task = functools.partial(_prepare_chunk, fn)
    with cf.ProcessPoolExecutor(max_workers=workers, initializer=init_worker, initargs=(stored, releases)) as pool:
        pending: deque = deque()
        chunk = []

        def drain(limit: int) -> Iterator:
            while len(pending) > limit:
                head = pending.popleft()
                if isinstance(head, cf.Future):
                    yield from head.result()
                else:
                    yield head

        for item in items:
            if isinstance(item, Document):
                chunk.append(item)
                if len(chunk) < chunk_size:
                    continue
            if chunk:
                pending.append(pool.submit(task, chunk))
                chunk = []
            if not isinstance(item, Document):
                pending.append(item)
            yield from drain(window)
        if chunk:
            pending.append(pool.submit(task, chunk))
        yield from drain(0)


class _Harvest:
    def __init__(self, store: Store, options: HarvestOptions, progress: Progress,
                 on_progress: ProgressCallback | None = None) -> None:
        self.store = store
        self.options = options
        self.progress = progress
        self.on_progress = on_progress
        self.done = 0
        self.total: int | None = None
        self.validator = default_validator() if isinstance(options.validator, _Default) else options.validator
        self.profiles = tuple(options.profiles) if self.validator is not None else ()
        self.summary = HarvestSummary(store=store.name)
        self.journal = Journal(options.journal)
        #: What the verdicts depend on besides content; journal entries are keyed by it.
        self.key = EvaluationKey(validate=self.validator is not None, profiles=self.profiles,
                                 keep_invalid=options.keep_invalid, tool=rules_version())
        #: Sources evaluated again because the options changed since the journalled run, with why.
        self.reevaluated: dict[str, str] = {}
        self.known: dict[str, str] = {}
        self.existing: set[str] = set()
        self.seen: dict[str, str] = {}
        self.owners = IriOwners(options.allow_replace)
        self.batch = GraphWrite()
        self.batch_digests: dict[str, str] = {}
        self.batch_outcomes: list[ReleaseOutcome] = []
        self.batch_docs: list[DocumentEntry] = []

    def run(self, sources: list[str]) -> HarvestSummary:
        start = time.monotonic()
        try:
            self.store.drop_staging()
            self.known = self.store.graph_checksums()
            if self.options.reference:
                for graph in update_reference(self.store, self.known):
                    self.known.pop(graph, None)
            self.known.update(self.store.graph_checksums())
            self.existing = self.store.named_graphs()
            self._reconcile()
            self.owners.load(self.store)
            items = self._skip_journalled(iter_items(sources, self.options.fetch, self.journal.oai_token,
                                                     on_total=self._set_total))
            fn = functools.partial(prepare_batch, validator=self.validator, profiles=self.profiles,
                                   limits=self.options.fetch.limits, strict=self.options.strict,
                                   engine=self.options.engine, identifier=self.options.fetch.identifier)
            # Records are not validated again only when stored after a check against these profiles.
            stored = checked_alike(self.store, self.profiles)
            for item in _ordered(fn, items, self.options.workers, stored, releases=self.owners.releases()):
                if isinstance(item, Checkpoint):
                    self._flush()
                    self.journal.set_token(item.key, item.token)
                elif isinstance(item, SourceFailure):
                    self.summary.failures.append((item.source, item.message))
                    self._advance()
                else:
                    self._handle(item)
                    self._advance()
                self.progress.update(self.summary)
            self._flush()
        except StoreError as exc:
            self.summary.interrupted = str(exc).splitlines()[0]
            unconfirmed = exc.unconfirmed
            not_written = exc.not_written or (
                [] if unconfirmed else [release_of_graph(g) or g for g in self.batch.graphs])
            said = f"{exc.message}; {len(self.summary.written)} releases were written in this run and are complete"
            if not_written:
                said += f", {len(not_written)} in the batch being written were not"
            if unconfirmed:
                said += (f", {len(unconfirmed)} were being committed when the store failed (all of them are stored "
                         "with their catalogue entries, or none; the next run finds out)")
            raise StoreError(said, endpoint=exc.endpoint, hint="run the same command again when the store is back: "
                             "it writes only what is missing", written=self.summary.written,
                             not_written=not_written, unconfirmed=unconfirmed) from None
        finally:
            self.summary.elapsed = time.monotonic() - start
            self.journal.close()
            self.progress.finish(self.summary)
        return self.summary

    def _set_total(self, total: int | None) -> None:
        self.total = total
        if self.on_progress is not None:
            self.on_progress(0, total)

    def _advance(self) -> None:
        self.done += 1
        if self.on_progress is not None:
            self.on_progress(self.done, self.total)

    def _reconcile(self) -> None:
        """Drop release graphs that have no catalogue entry: writes an earlier run never committed.

        Writes put a release graph and its catalogue entry in place together (store/embedded.py,
        store/remote.py), so only a store written by an older mlrelease, or by hand, holds such a
        graph. A release is stored only with its provenance; harvesting its source again stores it.
        """
        orphans = sorted(g for g in self.existing if release_of_graph(g) is not None and g not in self.known)
        if not orphans:
            return
        for start in range(0, len(orphans), 500):
            self.store.update(" ;\n".join(f"DROP SILENT GRAPH {sparql_iri(g)}" for g in orphans[start:start + 500]))
        self.existing.difference_update(orphans)
        self.summary.warnings.append(
            f"dropped {len(orphans)} release graph(s) without a catalogue entry, left by a write that was never "
            f"committed (for example {release_of_graph(orphans[0])}); harvest their sources again to store them")

    def _skip_journalled(self, items: Iterable) -> Iterator:
        for item in items:
            if isinstance(item, Document):
                entry = self.journal.lookup(item.source, item.digest, self.key)
                if entry is not None and all(self.known.get(g) == d for g, d in entry.graphs.items()):
                    self.summary.documents += 1
                    self.summary.skipped_documents += 1
                    why = "same content and options as the journalled run"
                    for graph in entry.graphs:
                        release = release_of_graph(graph) or graph
                        self.seen[release] = item.source
                        self.summary.outcomes.append(ReleaseOutcome(release, item.source, "unchanged", reason=why))
                    for release, messages in entry.rejected.items():
                        self.summary.outcomes.append(ReleaseOutcome(release, item.source, "invalid", messages, why))
                    self._advance()
                    continue
                earlier = self.journal.earlier(item.source, item.digest)
                if earlier is not None and earlier.options != self.key:
                    self.reevaluated[item.source] = f"{REEVALUATED} ({self.key.changes_from(earlier.options)})"
            yield item

    def _handle(self, prepared: Prepared) -> None:
        self.summary.documents += 1
        if prepared.error is not None:
            self.summary.failures.append((prepared.source, prepared.error))
            return
        self.summary.warnings.extend(prepared.warnings)
        for release, refusal in prepared.refused:
            self.summary.outcomes.append(ReleaseOutcome(release, prepared.source, "refused", [refusal]))
        entry = DocumentEntry(prepared.source, prepared.digest, self.profiles, options=self.key)
        why = self.reevaluated.pop(prepared.source, "")
        settled = not prepared.refused  # a document with refused claims is read again next time
        for rec in prepared.records:
            conflict = self.owners.conflict(rec.graph, prepared.source)
            if conflict is not None:
                self.summary.outcomes.append(ReleaseOutcome(rec.release, prepared.source, "conflict", [conflict]))
                self.batch.catalogue_subjects += [self.owners.conflict_node(rec.graph, prepared.source)]
                self.batch.catalogue += self.owners.conflict_entry(rec.graph, rec.release, prepared.source,
                                                                   self.options.clock())
                settled = False
                continue
            notes = settle(rec, self.owners)  # releases stored earlier in this run
            if notes and self.options.strict:
                self.summary.outcomes.append(ReleaseOutcome(rec.release, prepared.source, "refused",
                                                            [*notes, "(refused: --strict)"]))
                settled = False
                continue
            self.summary.warnings.extend(notes)
            earlier = self.seen.get(rec.release)
            if earlier is not None and earlier != prepared.source:
                self.summary.warnings.append(f"{rec.release} is in {earlier} and in {prepared.source}; "
                                             f"the record from {prepared.source} is kept")
            self.seen[rec.release] = prepared.source
            if rec.conforms is False and not self.options.keep_invalid:
                self.summary.outcomes.append(ReleaseOutcome(rec.release, prepared.source, "invalid", rec.messages,
                                                            why or "failed validation"))
                entry.rejected[rec.release] = rec.messages
                continue
            entry.graphs[rec.graph] = rec.digest
            moved_from = self.owners.claim(rec.graph, prepared.source)
            if moved_from is not None:  # an allowed move: the new owner's earlier refused claim is settled
                self.summary.warnings.append(f"{rec.release} moved from {moved_from} to {prepared.source} "
                                             "(allowed by --allow-replace)")
                self.batch.catalogue_subjects.append(self.owners.conflict_node(rec.graph, prepared.source))
            if self.known.get(rec.graph) == rec.digest and rec.graph not in self.batch.graphs \
                    and not (why and rec.conforms is not None):  # validated again: its catalogue entry is re-written
                self.summary.outcomes.append(ReleaseOutcome(
                    rec.release, prepared.source, "unchanged",
                    reason=f"same content as stored; {why}, nothing to re-write" if why else "same content as stored"))
                continue
            if rec.graph in self.batch.graphs:
                self._flush()
            status = "kept-invalid" if rec.conforms is False else ("replaced" if rec.graph in self.known else "new")
            self.batch.graphs[rec.graph] = rec.ntriples
            self.batch_digests[rec.graph] = rec.digest
            if rec.graph in self.known:
                self.batch.catalogue_subjects += catalogue_subjects(rec.graph)
            if rec.graph not in self.existing:
                self.batch.fresh.add(rec.graph)
            self.batch.catalogue += catalogue_entry(
                rec.graph, release=rec.release, source=prepared.source, digest=rec.digest,
                time=self.options.clock(), profiles=self.profiles, passed=rec.passed)
            reason = why or ("content changed" if rec.graph in self.known else "not in the store")
            self.batch_outcomes.append(ReleaseOutcome(rec.release, prepared.source, status, rec.messages, reason))
        if settled:
            self.batch_docs.append(entry)
        if len(self.batch.graphs) >= self.options.batch_size:
            self._flush()

    def _flush(self) -> None:
        if self.batch.graphs or self.batch.catalogue:
            self.store.write(self.batch)
            self.known.update(self.batch_digests)
            self.existing.update(self.batch.graphs)
        self.summary.outcomes.extend(self.batch_outcomes)
        self.journal.add_documents(self.batch_docs)
        self.batch = GraphWrite()
        self.batch_digests = {}
        self.batch_outcomes = []
        self.batch_docs = []


def harvest(sources: list[str], store: Store, options: HarvestOptions | None = None, *,
            progress: Progress | None = None, on_progress: ProgressCallback | None = None) -> HarvestSummary:
    """Harvest ``sources`` (files, folders, URLs, ``oai+http(s)://`` endpoints) into ``store``.

    Each release goes into its own named graph, replaced whole, with its provenance in the
    catalogue graph; releases whose checksum the store already holds are left alone.
    ``on_progress(done, total)`` is called once with ``(0, total)`` and after each document (see
    :data:`ProgressCallback`).

    :raises StoreError: when the store fails; its message says what was and was not written, and
        running the same harvest again completes it.
    """
    return _Harvest(store, options or HarvestOptions(), progress or Silent(), on_progress).run(list(sources))
