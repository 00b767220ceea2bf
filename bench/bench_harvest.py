"""Benchmark: harvest throughput and query times on generated releases (embedded store).

Not a test. Generates N JSON-LD release documents on disk (one release each, about 60 triples,
naming the mlrelease context by URL so it resolves to the bundled copy; --inline-context writes
the whole context into each document, as ``mlrelease convert --to jsonld`` does), harvests them into
an on-disk embedded store, harvests them again (nothing changes), and times every query of the pack.

    .venv/bin/python bench/bench_harvest.py --releases 10000
    .venv/bin/python bench/bench_harvest.py --releases 100000 --workers 2
    .venv/bin/python bench/bench_harvest.py --releases 10000 --workers 2 --memory --compare --no-queries
    .venv/bin/python bench/bench_harvest.py --releases 100000 --workers 2 --journal --no-queries --reharvest

Validation is left out (--validate turns it on). --compare harvests the same documents twice, each
into a fresh store, first with --no-validate and then with the default validation (core), and prints
the ratio (issue 10: at most 1.5). Peak memory is this process's ru_maxrss and its workers'.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from mlrelease import query
from mlrelease.harvest import DEFAULT_VALIDATOR, HarvestOptions, harvest
from mlrelease.store import EmbeddedStore

TIERS = ["fully-open", "downloadable", "gated-automatic", "gated-manual", "api", "hosted", "staged", "fully-closed"]
LICENSES = [["Apache-2.0"], ["MIT"], ["CC-BY-4.0"], ["Apache-2.0", "CC-BY-4.0"]]
ROLES = ["software", "methodology", "data-curation", "investigation", "supervision"]


def manifest(i: int) -> dict:
    """The i-th generated release: varied institution, year, tier, licence, artifacts and roles."""
    institution = i % 97
    year = 2019 + i % 8
    stages = i % 5 == 0
    doc: dict = {
        "@context": "https://w3id.org/mlrelease/context.jsonld",
        "type": "Release",
        "identifier": f"inst{institution}/model-{i}",
        "version": f"1.{i % 13}",
        "name": f"Model {i}",
        "datePublished": f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "description": f"Generated release number {i} for the harvest benchmark.",
        "publisher": {"id": f"https://ror.org/0bench{institution:03d}", "type": "Organization",
                      "name": f"Institute {institution}"},
        "license": LICENSES[i % len(LICENSES)],
        "accessTier": TIERS[i % len(TIERS)],
        "claims": ["open-weights"] if i % 3 else ["open-source"],
        "artifacts": [
            {"artifactType": "model-parameters-final", "status": "withheld" if i % 7 == 0 else "released",
             **({"withheldReason": "Dual-use concerns."} if i % 7 == 0 else {})},
            {"artifactType": "training-code", "status": "released", "license": ["MIT"]},
            {"artifactType": "model-card", "status": "released"},
            {"artifactType": "datasets", "status": "withheld", "withheldReason": "Personal data."},
        ],
        "contributions": [{"agent": f"https://orcid.org/0000-0002-{i % 10000:04d}-00{i % 90 + 10:02d}",
                           "role": [ROLES[i % len(ROLES)], ROLES[(i + 1) % len(ROLES)]], "degree": "lead"}],
        "riskAssessments": [{"riskLevel": ["low", "medium", "high", "serious"][i % 4],
                             "resultingAccessTier": TIERS[i % len(TIERS)], "date": f"{year}-01-01"}],
    }
    if stages:
        doc["stages"] = [{"stageNumber": 1, "datePublished": f"{year}-01-01"},
                         {"stageNumber": 2, "plannedDate": f"{year + 1}-01-01"}]
    if i % 11 == 0:
        doc["lineage"] = [{"baseModel": f"https://example.org/models/base-{i % 50}", "relation": "fine-tune"}]
    return doc


def generate(folder: Path, n: int, inline_context: bool) -> None:
    context = None
    if inline_context:
        from mlrelease.vocabulary import context as bundled

        context = bundled()["@context"]
    for i in range(n):
        doc = manifest(i)
        if context is not None:
            doc["@context"] = context
        sub = folder / f"{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"r{i:07d}.jsonld").write_text(json.dumps(doc), encoding="utf-8")


def timed_queries(store: EmbeddedStore, repeat: int = 3) -> dict[str, tuple[float, int]]:
    out = {}
    for q in query.queries():
        if q.name.startswith("federated-"):
            continue
        times, rows = [], 0
        for _ in range(repeat):
            start = time.perf_counter()
            rows = len(query.run(store, q).rows)
            times.append(time.perf_counter() - start)
        out[q.name] = (statistics.median(times), rows)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--inline-context", action="store_true")
    parser.add_argument("--validate", action="store_true")
    parser.add_argument("--memory", action="store_true", help="an in-memory store instead of one on disk")
    parser.add_argument("--journal", action="store_true", help="keep a journal, as mlrelease harvest --store does")
    parser.add_argument("--dir", type=Path, help="work directory (default: a temporary one)")
    parser.add_argument("--compare", action="store_true",
                        help="harvest without and then with validation, each into a fresh store; print the ratio")
    parser.add_argument("--no-queries", action="store_true", help="skip the re-harvest and the query timings")
    parser.add_argument("--reharvest", action="store_true",
                        help="with --no-queries: still harvest the same documents again (nothing changes)")
    args = parser.parse_args(argv)

    work = args.dir or Path(tempfile.mkdtemp(prefix="mlrelease-bench-"))
    docs = work / "docs"
    start = time.perf_counter()
    if not docs.is_dir():
        generate(docs, args.releases, args.inline_context)
    print(f"generated {args.releases} documents in {time.perf_counter() - start:.1f} s ({docs})", file=sys.stderr)

    if args.compare:
        return compare(docs, args, work)
    store = EmbeddedStore() if args.memory else EmbeddedStore(work / "store")
    journal = work / f"journal-{time.time_ns()}.jsonl" if args.journal else None
    options = HarvestOptions(validator=DEFAULT_VALIDATOR if args.validate else None, reference=True,
                             workers=args.workers, batch_size=args.batch_size,
                             journal=str(journal) if journal else None)
    cpu = cpu_seconds()
    first = harvest([str(docs)], store, options)
    if args.no_queries:
        print(f"harvest ({'validation: core' if args.validate else 'no validation'}, "
              f"journal: {'on' if journal else 'off'}, workers: {args.workers}): {first.elapsed:.1f} s "
              f"({args.releases / first.elapsed:.0f} releases/s, CPU {cpu_seconds() - cpu:.1f} s), "
              f"{first.counts['new']} new, {len(first.failures)} unreadable; peak RSS {peak_mib()} MiB", flush=True)
        if args.reharvest:
            cpu = cpu_seconds()
            second = harvest([str(docs)], store, options)
            print(f"re-harvest (nothing changes): {second.elapsed:.1f} s (CPU {cpu_seconds() - cpu:.1f} s), "
                  f"{second.counts['unchanged']} unchanged, {second.skipped_documents} documents skipped by the "
                  f"journal; peak RSS {peak_mib()} MiB")
        return 0
    second = harvest([str(docs)], store, options)
    triples = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0].value
    queries = timed_queries(store)

    print(f"releases: {args.releases}, workers: {args.workers}, store: {'memory' if args.memory else 'disk'}, "
          f"context: {'inline' if args.inline_context else 'by URL'}, validation: {'on' if args.validate else 'off'}, "
          f"journal: {'on' if journal else 'off'}")
    print(f"harvest: {first.elapsed:.1f} s ({args.releases / first.elapsed:.0f} releases/s), "
          f"{first.counts['new']} new, {len(first.failures)} unreadable; store holds {triples} triples")
    print(f"re-harvest (nothing changes): {second.elapsed:.1f} s, {second.counts['unchanged']} unchanged, "
          f"{second.skipped_documents} documents skipped by the journal")
    for name, (seconds, rows) in queries.items():
        print(f"query {name}: {seconds * 1000:.0f} ms ({rows} rows)")
    if first.failures:
        print(f"first failure: {first.failures[0]}", file=sys.stderr)
    return 0


def cpu_seconds() -> float:
    """User and system CPU time of this process and its finished workers: on a busy machine
    (other processes competing for the cores) it is steadier than wall time."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_mib() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) // 1024


def compare(docs: Path, args: argparse.Namespace, work: Path) -> int:
    """The same documents harvested without and with validation, each into a fresh store."""
    elapsed = {}
    for validate in (False, True):
        store = EmbeddedStore() if args.memory else EmbeddedStore(work / f"store-{validate}")
        options = HarvestOptions(validator=DEFAULT_VALIDATOR if validate else None, reference=True,
                                 workers=args.workers, batch_size=args.batch_size)
        cpu = cpu_seconds()
        summary = harvest([str(docs)], store, options)
        cpu = cpu_seconds() - cpu
        elapsed[validate] = summary.elapsed
        print(f"releases: {args.releases}, workers: {args.workers}, store: {'memory' if args.memory else 'disk'}, "
              f"validation: {'core' if validate else 'off'}: {summary.elapsed:.1f} s "
              f"({args.releases / summary.elapsed:.0f} releases/s, CPU {cpu:.1f} s), {summary.counts['new']} new, "
              f"{summary.counts['invalid']} rejected, {len(summary.failures)} unreadable; peak RSS {peak_mib()} MiB",
              flush=True)
        store.close()
    print(f"with validation / without: {elapsed[True] / elapsed[False]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
