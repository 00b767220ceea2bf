"""Benchmark: every query of the pack on a large embedded (pyoxigraph, on-disk) store.

Not a test. Builds the store once and reuses it (a cache in ``--store``):

1. ``--base`` releases (``bench_harvest.manifest``, JSON-LD) are harvested with the default
   validation (``core``) and two workers into an on-disk embedded store, which is dumped to N-Quads.
2. For ``--releases N`` the dump's release graphs and catalogue entries are written ``N / base``
   times, each copy under its own release, graph and source IRIs (``…/id/cK-…``) and blank-node labels,
   the vocabulary and licence graphs once, and bulk-loaded (``Store.bulk_load``) into
   ``DIR/store-N`` (one work directory serves several sizes: 10,000 is the dump loaded once).
   Harvesting 100,000 manifests one by one would measure the harvest, not the queries.

Then each query of the pack (the federated ones left out: they need servers) is run in a fresh
child process, as ``mlrelease query NAME --store DIR`` runs it (``query.stream``, rows read as they
come), ``--repeat`` times, the best time kept: time to the first row, to the first page
(``--limit``, default 1,000: ``mlrelease query NAME --limit 1000``) and, with ``--all``, to all rows
(counted), with the child's peak RSS.

    nice -n 10 .venv/bin/python bench/bench_queries.py --releases 100000 --store /tmp/q100k
    nice -n 10 .venv/bin/python bench/bench_queries.py --releases 10000 --store /tmp/q10k
    .venv/bin/python bench/bench_queries.py --releases 100000 --store /tmp/q100k --only osaid-conformance
    git show <commit>:queries/... > old/...; bench_queries.py ... --queries old/   # an older pack, same store
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

REFERENCE = ("<https://w3id.org/mlrelease/graph/vocabulary> .", "<https://w3id.org/mlrelease/graph/licenses> .")
#: What names a release (its IRI, its graph's, which holds it percent-encoded, and its source file):
#: copy K prefixes the release's local name with ``cK-``. Publishers, agents and base models stay.
RENAMED = (("/mlrelease/id/", "/mlrelease/id/c{k}-"), ("mlrelease%2Fid%2F", "mlrelease%2Fid%2Fc{k}-"),
           ("/r0", "/c{k}-r0"))
BLANK = re.compile(r"(?<![\w\"])_:")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_base(work: Path, base: int) -> Path:
    """Harvest ``base`` generated releases into an on-disk store and dump it to N-Quads (cached)."""
    dump = work / f"base-{base}.nq"
    if dump.exists():
        return dump
    from bench_harvest import generate

    from mlrelease.harvest import DEFAULT_VALIDATOR, HarvestOptions, harvest
    from mlrelease.store import EmbeddedStore

    docs = work / f"docs-{base}"
    if not docs.is_dir():
        generate(docs, base, inline_context=False)
    location = work / f"base-{base}"
    shutil.rmtree(location, ignore_errors=True)
    store = EmbeddedStore(location)
    start = time.perf_counter()
    summary = harvest([str(docs)], store, HarvestOptions(validator=DEFAULT_VALIDATOR, reference=True, workers=2))
    log(f"harvested {summary.counts['new']} of {base} releases in {summary.elapsed:.1f} s "
        f"({len(summary.failures)} unreadable, {summary.counts['invalid']} rejected)")
    if summary.counts["new"] != base:
        raise SystemExit(f"harvest stored {summary.counts['new']} of {base} releases")
    store._store.dump(str(dump) + ".part", format=__import__("pyoxigraph").RdfFormat.N_QUADS)
    store.close()
    os.replace(str(dump) + ".part", dump)
    log(f"dumped to {dump} in {time.perf_counter() - start:.1f} s")
    return dump


def build(work: Path, releases: int, base: int) -> Path:
    """``DIR/store-N``: ``releases`` releases, built from ``base`` harvested ones if it is not there."""
    location = work / f"store-{releases}"
    done = work / f"store-{releases}.done"
    if done.exists():
        return location
    import pyoxigraph as ox

    work.mkdir(parents=True, exist_ok=True)
    dump = build_base(work, min(base, releases))
    copies = max(1, releases // base)
    lines = dump.read_text(encoding="utf-8").splitlines()
    reference = "\n".join(line for line in lines if line.endswith(REFERENCE)) + "\n"
    release_text = "\n".join(line for line in lines if not line.endswith(REFERENCE)) + "\n"
    shutil.rmtree(location, ignore_errors=True)
    store = ox.Store(str(location))
    start = time.perf_counter()
    store.bulk_load(reference, format=ox.RdfFormat.N_QUADS)
    for k in range(copies):
        text = release_text
        if k:
            for old, new in RENAMED:
                text = text.replace(old, new.format(k=k))
            text = BLANK.sub(f"_:c{k}x", text)
        store.bulk_load(text, format=ox.RdfFormat.N_QUADS)
        log(f"copy {k + 1}/{copies} loaded ({time.perf_counter() - start:.0f} s)")
    store.optimize()
    store.flush()
    del store
    done.write_text(json.dumps({"releases": releases, "base": base}), encoding="utf-8")
    log(f"built {location} in {time.perf_counter() - start:.1f} s")
    return location


def child(location: str, path: str, limit: int, whole: bool) -> None:
    """One query in this process, as ``mlrelease query`` runs it: figures as JSON on stdout."""
    from mlrelease import query
    from mlrelease.store import EmbeddedStore

    store = EmbeddedStore(location, read_only=True)
    definition = query.get(path)
    figures: dict[str, float | int | None] = {}
    start = time.perf_counter()
    stream = query.stream(store, definition, limit=limit)
    rows = 0
    for _row in stream.rows:
        if rows == 0:
            figures["first_row_s"] = time.perf_counter() - start
        rows += 1
    figures["page_s"] = time.perf_counter() - start
    figures["page_rows"] = rows
    if whole:
        start = time.perf_counter()
        figures["rows"] = sum(1 for _row in query.stream(store, definition).rows)
        figures["all_s"] = time.perf_counter() - start
    figures["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps(figures))


def names(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.rq") if not p.stem.startswith("federated-"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--base", type=int, default=10_000, help="releases harvested for real (the rest are copies)")
    parser.add_argument("--store", type=Path, help="work directory (the store is cached in it); required")
    parser.add_argument("--limit", type=int, default=1000, help="the page size for the time to the first page")
    parser.add_argument("--repeat", type=int, default=2, help="runs per query (the best is kept)")
    parser.add_argument("--only", nargs="+", help="these queries only")
    parser.add_argument("--queries", type=Path, default=ROOT / "queries",
                        help="the folder of .rq files (default: the pack's; another to compare versions)")
    parser.add_argument("--all", action="store_true",
                        help="time all rows too (slow: a listing query's whole answer at 100,000 is seconds)")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", nargs=3, metavar=("STORE", "QUERY", "LIMIT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]), args.all)
        return 0
    if args.store is None:
        parser.error("--store DIR is required")
    if args.build_only:
        build(args.store, args.releases, args.base)
        return 0
    location = args.store / f"store-{args.releases}"
    if not (args.store / f"store-{args.releases}.done").exists():
        # In a child, so that this process stays small: a child's ru_maxrss starts at its parent's.
        subprocess.run([sys.executable, __file__, "--build-only", "--store", str(args.store),  # noqa: S603
                        "--releases", str(args.releases), "--base", str(args.base)], check=True)
    with open("/proc/loadavg", encoding="ascii") as f:
        log(f"load average before: {f.read().strip()}")
    print(f"| query ({args.releases:,} releases) | first row s | first page ({args.limit}) s | all rows s "
          "| rows | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in args.only or names(args.queries):
        best: dict | None = None
        for _ in range(args.repeat):
            cmd = [sys.executable, __file__, "--child", str(location), str(args.queries / f"{name}.rq"),
                   str(args.limit), *(["--all"] if args.all else [])]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout  # noqa: S603 - this script
            figures = json.loads(out)
            if best is None or figures["page_s"] < best["page_s"]:
                best = figures
        assert best is not None
        whole = f"{best['all_s']:.3f} | {best['rows']:,}" if args.all else "– | –"
        print(f"| {name} | {best.get('first_row_s', 0):.3f} | {best['page_s']:.3f} | {whole} "
              f"| {best['peak_rss_mib']:,} |", flush=True)
    with open("/proc/loadavg", encoding="ascii") as f:
        log(f"load average after: {f.read().strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
