"""Trust boundaries in a shared graph: what a harvested record may say, and about what.

A store holds many institutions' records side by side, and the query pack reads them together.
So a record speaks only for its own release. These are the rules (docs/knowledge-graph.md, "Trust"):

1. **Its own things.** A record for the release ``R`` may state triples whose subject is ``R``,
   a node under it (``R#…``: the IRIs mlrelease mints for nested nodes, ``R#artifact/…``,
   ``R#contributions/1``, …), or a blank node reachable from them.
2. **Things it links to.** It may also describe an IRI it links to (through rule-1 nodes or other
   rule-2 nodes), such as its publisher's name or an artifact with an IRI of its own, unless that
   IRI is *protected*. Such descriptions stay in the record's own graph; the query pack reads
   them from there, so they never change what another record says.
3. **Protected IRIs**, never a subject in a record: the vocabulary and the licence catalogue (any
   IRI under ``https://w3id.org/mlrelease/`` that is not ``R`` or under it, every subject of the
   bundled vocabulary and licence catalogue, the SPDX licence list and the namespaces of the
   vocabularies mlrelease uses: schema.org, Dublin Core, PROV, SKOS, ODRL, …), every other
   release of the document, every release the store already holds, and the nodes under them.
   They may appear as objects (a record names its licence) but not as subjects.
4. **Everything else** (subjects not reachable from ``R``, or protected) is dropped with a warning;
   with ``strict`` the record is refused instead.
5. **Several releases in one document.** An RDF document (Turtle, JSON-LD, TriG, …) may describe
   several releases: each is a record of its own holding what is reachable from it without
   passing through another (:func:`mlrelease.record.split_releases`), and each then follows rules
   1–4 and the ownership of its IRI (a release IRI belongs to the source that first published
   it; see :mod:`mlrelease.harvest.runner`). A *manifest* (YAML, JSON, a model card, a MOF
   manifest) describes exactly one release: a release nested inside it (``model: {id: …, type:
   Release}``) is a reference, not a record; its description is dropped with a warning (refused
   with ``strict``). Which release a manifest is about is what the manifest reader noted
   (:mod:`mlrelease.codecs.readlog`), never guessed from the triples.
6. **Named graphs** in an input (TriG ``GRAPH`` blocks, N-Quads graph names, JSON-LD graph
   objects) are folded into the document and reported; the triples then follow rules 1–5, and are
   never written as named graphs of their own. With ``strict`` such a document is refused.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox
from rdflib import RDF, XSD, BNode, Graph, URIRef
from rdflib.term import Node

from .. import package_data
from ..codecs.readlog import ReadLog
from ..iris import PREFIXES
from ..openness.graph import SOFTWARE_BASE
from ..record import ReleaseRecord
from ..store import CATALOGUE_GRAPH, Store
from ..store.graphs import release_graph, release_of_graph, sparql_iri
from ..terms import DCTERMS, FOAF, PROV
from .canonical import canonical_ntriples, checksum
from .provenance import source_iri

#: IRIs under these are the vocabulary's, the licence catalogue's or the store's own: never a
#: subject in a record, except a release's own IRIs under the mlrelease base (derived ones).
MLRELEASE_BASE = "https://w3id.org/mlrelease/"
PROTECTED_NAMESPACES: tuple[str, ...] = (
    MLRELEASE_BASE,
    "https://spdx.org/licenses/", "http://spdx.org/licenses/",
    "https://schema.org/",
    *sorted(set(PREFIXES.values())),
)
#: How many dropped subjects a warning names before it says "and N more".
MAX_NAMED = 3


@functools.cache
def reference_subjects() -> frozenset[str]:
    """The subjects of the bundled vocabulary and licence catalogue (what only mlrelease may describe)."""
    found: set[str] = set()
    for name in ("data/vocab.ttl", "data/licenses.ttl"):
        found.update(str(s) for s in package_data.graph(name).subjects() if isinstance(s, URIRef))
    return frozenset(found)


def owns(release: str, iri: str) -> bool:
    """Whether ``iri`` is the release ``release`` or a node under it (``release#…``)."""
    return iri == release or iri.startswith(release + "#")


def protection(iri: str, release: str, others: Container[str]) -> str | None:
    """Why ``iri`` may not be a subject of the record of ``release`` (None: it may).

    ``others`` are the other releases (of the document and of the store).
    """
    if owns(release, iri):
        return None
    base = iri.partition("#")[0]
    if iri in others or base in others:
        return "another release"
    if iri in reference_subjects():
        return "the vocabulary or licence catalogue"
    if iri.startswith(PROTECTED_NAMESPACES):
        return "a vocabulary, licence or store namespace"
    return None


def _graph_of(triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


@dataclass
class Claim:
    """What a record may keep: ``graph`` (its own statements) and what was dropped, and why."""

    release: str
    graph: Graph
    dropped: list[tuple[Node, Node, Node]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: The IRIs of things the record describes that are not its own (rule 2).
    described: set[str] = field(default_factory=set)


def claim(graph: Graph, release: URIRef | str, *, others: Container[str] = frozenset()) -> Claim:
    """Split ``graph`` into what the record of ``release`` may say and what it may not (rules 1–4)."""
    release = str(release)
    root = URIRef(release)
    # One pass over the graph indexes it by subject (one rdflib lookup per node costs more).
    index: dict[Node, list[tuple[Node, Node]]] = {}
    size = 0
    for s, p, o in graph:
        index.setdefault(s, []).append((p, o))
        size += 1
    kept: set[tuple[Node, Node, Node]] = set()
    seen: set[Node] = {root}
    todo: list[Node] = [root]
    while todo:
        node = todo.pop()
        for p, o in index.get(node, ()):
            kept.add((node, p, o))
            if o in seen:
                continue
            seen.add(o)
            if isinstance(o, BNode) or (isinstance(o, URIRef) and protection(str(o), release, others) is None):
                todo.append(o)
    described = {str(s) for s, _p, _o in kept if isinstance(s, URIRef) and not owns(release, str(s))}
    if len(kept) == size:  # the usual case: the record says nothing it may not
        return Claim(release, graph, described=described)
    out = Claim(release, _graph_of(kept), described=described)
    why: dict[str, list[str]] = {}
    for triple in graph:
        if triple in kept:
            continue
        out.dropped.append(triple)
        s = triple[0]
        if isinstance(s, URIRef):
            reason = protection(str(s), release, others) or "not linked from the release"
            label = f"<{s}>"
        else:
            reason, label = "not linked from the release", "a blank node"
        names = why.setdefault(reason, [])
        if label not in names:
            names.append(label)
    for reason, names in sorted(why.items()):
        names.sort()
        shown = ", ".join(names[:MAX_NAMED]) + (f" and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else "")
        out.warnings.append(f"{release}: statements about {shown} dropped ({reason}; "
                            "a record speaks only for its own release)")
    return out


def nested_releases(log: ReadLog, releases: Sequence[str]) -> tuple[list[str], str | None]:
    """Rule 5 for a document's ``releases``, given what reading it noted in ``log``.

    Returns the releases that are only nested references in a manifest (to leave out) and, when a
    manifest's release is not among the records, why the document is refused.
    """
    if not log.manifest_releases:
        return [], None
    tops = set(log.manifest_releases)
    if not tops & set(releases):
        return [], "the manifest's own release is not typed Release, yet it nests a release"
    return [r for r in releases if r not in tops], None


def describe_named_graphs(source: str, names: Iterable[str]) -> str:
    """The report of named graphs found in ``source`` (rule 6)."""
    names = list(names)
    shown = ", ".join(f"<{n}>" if not n.startswith("_:") else "a blank-node graph" for n in names[:MAX_NAMED])
    more = f" and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else ""
    return (f"{source}: the document holds named graphs ({shown}{more}); a harvest writes each release's "
            "record into the release's own graph, so they were folded into the document and only what "
            "its releases may say about themselves was kept")


@dataclass
class Ruling:
    """The rules applied to one document's records: each record's claim or why it is refused."""

    claims: list[tuple[ReleaseRecord, Claim]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def rule(records: Sequence[ReleaseRecord], log: ReadLog, source: str, *,
         stored_releases: Container[str] = frozenset(), strict: bool = False) -> Ruling:
    """Apply rules 1–6 to the ``records`` read from ``source`` (``log``: what reading it noted).

    ``stored_releases`` are the releases the store holds (protected for every other record).
    Without ``strict``, what a record may not say is dropped and reported in ``warnings``; with it,
    such a record is refused (``refused``: release and reason), and a document with named graphs
    or nested releases is refused whole (``error``).
    """
    out = Ruling()
    if log.named_graphs:
        report = describe_named_graphs(source, log.named_graphs)
        if strict:
            out.error = report.replace("so they were folded into the document and only what its releases may "
                                       "say about themselves was kept", "and --strict refuses such a document")
            return out
        out.warnings.append(report)
    pairs = [(str(r.iri), r.graph) for r in records]
    nested, refusal = nested_releases(log, [r for r, _g in pairs])
    if refusal is not None:
        out.error = f"{source}: {refusal}"
        return out
    if nested:
        if strict:
            out.error = (f"{source}: the manifest nests the release(s) {', '.join(f'<{n}>' for n in nested)}; "
                         "a manifest speaks for one release, and --strict refuses one that describes others")
            return out
        out.warnings.append(f"{source}: nested release(s) {', '.join(f'<{n}>' for n in nested)} are references, "
                            "not records: their description in this manifest was dropped")
    in_document = {r for r, _g in pairs}
    for record in records:
        release = str(record.iri)
        if release in nested:
            continue
        others = _Others(in_document - {release}, stored_releases, release)
        found = claim(record.graph, release, others=others)
        if found.dropped and strict:
            out.refused.append((release, "; ".join(found.warnings) + " (refused: --strict)"))
            continue
        out.warnings.extend(found.warnings)
        out.claims.append((record, found))
    return out


class _Others:
    """The releases other than ``own``: those of the document and those of the store."""

    def __init__(self, document: set[str], stored: Container[str], own: str) -> None:
        self.document = document
        self.stored = stored
        self.own = own

    def __contains__(self, iri: object) -> bool:
        return iri != self.own and (iri in self.document or iri in self.stored)


def _trusted(source: str, iri: str, allowed: Sequence[str]) -> bool:
    """Whether ``source`` (whose IRI is ``iri``) is in ``allowed``, exactly or under a prefix ending in ``/``."""
    for item in allowed:
        if item in (source, iri):
            return True
        if item.endswith("/") and (source.startswith(item) or iri.startswith(item)):
            return True
    return False


class IriOwners:
    """Who owns each release IRI: the source that first published it (the harvest catalogue).

    A record from another source that claims an owned IRI is a conflict and is not stored, unless
    its source is in ``allow_replace`` (a source as given to the harvest, its IRI, or a prefix of
    either ending in ``/``, such as a folder or a site), in which case ownership moves to it.
    """

    def __init__(self, allow_replace: Sequence[str] = ()) -> None:
        self.allow_replace = tuple(allow_replace)
        self.sources: dict[str, str] = {}

    def load(self, store: Store) -> None:
        """Read the owners of the store's release graphs from its catalogue."""
        result = store.query(
            f"SELECT ?g ?source WHERE {{ GRAPH {sparql_iri(CATALOGUE_GRAPH)} "
            f"{{ ?g <{FOAF.primaryTopic}> ?release ; <{DCTERMS.source}> ?source }} }}")
        for graph, source in result.values():
            if graph and source and release_of_graph(graph) is not None:
                self.sources[graph] = source

    def releases(self) -> frozenset[str]:
        """The releases the store holds (protected from every other record)."""
        return frozenset(r for r in (release_of_graph(g) for g in self.sources) if r is not None)

    def conflict(self, graph: str, source: str) -> str | None:
        """Why a record of ``graph`` from ``source`` may not be stored (None: it may)."""
        owner = self.sources.get(graph)
        iri = source_iri(source).value
        if owner is None or owner == iri or _trusted(source, iri, self.allow_replace):
            return None
        release = release_of_graph(graph)
        return (f"{release} was first published by {owner}; {source} also claims it and was not stored "
                f"(an operator who trusts the move runs the harvest with --allow-replace {source})")

    def claim(self, graph: str, source: str) -> str | None:
        """Record that ``source`` now owns ``graph``; return the previous owner if it was another source."""
        iri = source_iri(source).value
        previous = self.sources.get(graph)
        self.sources[graph] = iri
        return previous if previous is not None and previous != iri else None

    @staticmethod
    def conflict_node(graph: str, source: str) -> str:
        """The catalogue IRI of the conflict between ``graph``'s owner and ``source``."""
        return f"{graph}#conflict-{hashlib.sha256(source_iri(source).value.encode()).hexdigest()[:16]}"

    def conflict_entry(self, graph: str, release: str, source: str, time: str) -> str:
        """The catalogue triples (N-Triples) recording a refused claim on ``release`` by ``source``."""
        node = ox.NamedNode(self.conflict_node(graph, source))
        triples = [
            (node, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(PROV.Entity))),
            (node, ox.NamedNode(str(DCTERMS.subject)), ox.NamedNode(release)),
            (node, ox.NamedNode(str(DCTERMS.source)), source_iri(source)),
            (node, ox.NamedNode(str(PROV.generatedAtTime)), ox.Literal(time, datatype=ox.NamedNode(str(XSD.dateTime)))),
        ]
        return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


class Settled(Protocol):
    """What :func:`settle` reads and rewrites of a prepared record."""

    release: str
    ntriples: str
    digest: str
    dropped: int
    described: tuple[str, ...]


def settle(record: Settled, owners: IriOwners) -> list[str]:
    """Rule 3 for releases stored after the record was prepared (earlier in the same harvest).

    Drops what ``record`` says about them, updating its text, checksum and count of dropped
    triples; returns the warnings (none, and nothing changed, in the usual case).
    """
    others = {d.partition("#")[0] for d in record.described}
    others = {o for o in others if o != record.release and release_graph(o) in owners.sources}
    if not others:
        return []
    # What the harvest itself added (its computed openness assessment under the release's graph IRI,
    # and the mlrelease software agent; see harvest/assessment.py) is mlrelease's, not the record's.
    ours = (f"<{release_graph(record.release)}#", f"<{SOFTWARE_BASE}")
    lines = record.ntriples.splitlines(keepends=True)
    computed = "".join(line for line in lines if line.startswith(ours))
    graph = Graph().parse(data="".join(line for line in lines if not line.startswith(ours)), format="nt")
    found = claim(graph, record.release, others=frozenset(others))
    found.graph.parse(data=computed, format="nt")
    record.ntriples = canonical_ntriples(found.graph)
    record.digest = checksum(record.ntriples)
    record.dropped += len(found.dropped)
    record.described = tuple(sorted(found.described))
    return found.warnings
