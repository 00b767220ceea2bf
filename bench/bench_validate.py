"""Benchmark: validation time and peak memory for generated releases, per engine, in one graph, record by record
or from N-Triples.

Not a test. Generates the releases with bench/_generate.py (the same generator as bench_convert.py;
YAML files in the work directory), then, for each number of releases (--n), each profile set
(--profiles) and each mode (--modes), runs one fresh child process that loads the first n manifests,
warms up (one validation of one record, which parses the shapes, the vocabulary and the licence
catalogue), then times either

- ``graph``: ``mlrelease.validate(records, profiles)``: all n releases in one data graph, one call;
- ``records``: ``mlrelease.validate(record, profiles)`` for each record in turn;
- ``ntriples`` (compiled engine only): ``validation.bulk.validate_ntriples(text, profiles)`` on the
  releases as one N-Triples text, read from disk before timing (no rdflib at all). The text is written
  once per work directory by a child that converts the first ``--distinct`` manifests (default 10,000)
  and, for more releases than that, appends relabelled copies (in copy K every release IRI, and every
  IRI of its parts, ``<release>#...``, gets the suffix ``-copyK``, so every release and its parts are
  distinct nodes; licences, publishers and models are shared, as in a real harvest). That child also
  times the two ways from an rdflib graph into pyoxigraph (``serialize(format="nt")`` + ``Store.load``,
  and ``pyoxigraph.Quad`` objects + ``extend``).

- ``chunks`` (compiled engine only): ``validation.bulk.validate_chunks(files, profiles, workers=2)`` on
  the same releases written as files of ``--chunk`` whole releases each (default 2,000), each validated
  in its own store by one of the worker processes (``MLRELEASE_BENCH_WORKERS``, default 2); peak memory
  is then the sampled sum over the child and its workers.

Each configuration runs with each engine of ``--engines`` (``compiled``, ``pyshacl``).

A configuration still running after --timeout seconds (default 900) is stopped, by SIGALRM inside
the child, and reported as stopped with how far it got; record by record, the figure for all n is
then extrapolated from the records done (and marked so). Peak memory is ``ru_maxrss`` of the child
(``os.wait4``; see _harness.py), which includes the loaded records.

    .venv/bin/python bench/bench_validate.py                                  # --n 1000 10000, core and all
    .venv/bin/python bench/bench_validate.py --n 1000 --profiles core --modes graph
    .venv/bin/python bench/bench_validate.py --n 10000 --profiles all --modes records --timeout 3600
    .venv/bin/python bench/bench_validate.py --n 100000 --profiles all --modes ntriples --engines compiled
    .venv/bin/python bench/bench_validate.py --n 10000 100000 --profiles all --modes chunks --engines compiled
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from _harness import (
    CHILD,
    Failed,
    child_generate,
    child_main,
    ensure_manifests,
    read_listing,
    run_child,
    self_rss_kib,
    write_listing,
)

MODES = ("graph", "records", "ntriples", "chunks")
ENGINES = ("compiled", "pyshacl")


# --- the child (imports mlrelease) -------------------------------------------------------------------------


class _Stopped(BaseException):
    """Raised by SIGALRM; a BaseException so that no ``except Exception`` in a library swallows it."""


def _alarm(_signum, _frame):
    raise _Stopped


def child_validate(listing: str, profiles: str, mode: str, timeout: str, engine: str = "pyshacl") -> dict:
    import mlrelease

    chosen = profiles.split(",")
    if mode == "ntriples":
        return _validate_ntriples(listing, chosen, timeout)
    if mode == "chunks":
        return _validate_chunks(listing, chosen, timeout)
    start = time.perf_counter()
    records = [mlrelease.load(p) for p in read_listing(listing)]
    load_s = time.perf_counter() - start
    triples = sum(len(r.graph) for r in records)
    start = time.perf_counter()
    mlrelease.validate(records[0], profiles=chosen, engine=engine)
    warm_s = time.perf_counter() - start
    baseline = self_rss_kib()

    done, counts, failing, stopped = 0, {"Violation": 0, "Warning": 0, "Info": 0}, set(), False
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, float(timeout))
    start = time.perf_counter()
    try:
        if mode == "graph":
            report = mlrelease.validate(records, profiles=chosen, engine=engine)
            done = len(records)
            counts = report.counts()
            failing = {f.release for f in report.findings if f.severity == "Violation"}
        else:
            for record in records:
                report = mlrelease.validate(record, profiles=chosen, engine=engine)
                done += 1
                for severity, k in report.counts().items():
                    counts[severity] += k
                if not report.conforms:
                    failing.add(str(record.iri))
    except _Stopped:
        stopped = True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    seconds = time.perf_counter() - start
    return {"n": len(records), "done": done, "stopped": stopped, "seconds": seconds, "load_s": load_s,
            "warm_s": warm_s, "triples": triples, "counts": counts, "failing": len(failing),
            "baseline_rss_kib": baseline}


def _validate_ntriples(path: str, chosen: list[str], timeout: str) -> dict:
    from mlrelease.validation.bulk import validate_ntriples

    start = time.perf_counter()
    data = Path(path).read_bytes()
    load_s = time.perf_counter() - start
    triples = data.count(b"\n")
    start = time.perf_counter()
    validate_ntriples(data[:data.index(b"\n") + 1], chosen)  # shapes compiled, reference loaded
    warm_s = time.perf_counter() - start
    baseline = self_rss_kib()
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, float(timeout))
    stopped, counts, failing, n = False, {"Violation": 0, "Warning": 0, "Info": 0}, set(), 0
    start = time.perf_counter()
    try:
        report = validate_ntriples(data, chosen)
        counts = report.counts()
        failing = {f.release for f in report.findings if f.severity == "Violation"}
        n = len(report.releases)
    except _Stopped:
        stopped = True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    seconds = time.perf_counter() - start
    return {"n": n, "done": 0 if stopped else n, "stopped": stopped, "seconds": seconds, "load_s": load_s,
            "warm_s": warm_s, "triples": triples, "counts": counts, "failing": len(failing),
            "baseline_rss_kib": baseline}


class _TreeRss:
    """The peak of the summed memory of this process and its children (the validation workers), sampled.

    ``peak_kib`` sums RSS, which counts the pages a forked worker still shares with its parent once
    per process; ``peak_pss_kib`` sums PSS (``/proc/PID/smaps_rollup``), which splits each shared
    page between the processes that share it: the memory the tree really holds.
    """

    def __init__(self) -> None:
        import threading

        self.peak_kib = 0
        self.peak_pss_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _field_kib(path: str, field: str) -> int:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(field):
                    return int(line.split()[1])
        except OSError:
            return 0
        return 0

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.1):
            pids = [str(me)]
            for task in Path(f"/proc/{me}/task").iterdir():
                try:
                    pids += (task / "children").read_text().split()
                except OSError:
                    continue
            self.peak_kib = max(self.peak_kib, sum(self._field_kib(f"/proc/{p}/status", "VmRSS:") for p in pids))
            self.peak_pss_kib = max(self.peak_pss_kib,
                                    sum(self._field_kib(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_kib


def _validate_chunks(directory: str, chosen: list[str], timeout: str) -> dict:
    """Chunk files of whole releases, validated by ``validation.bulk.validate_chunks`` in worker processes."""
    from mlrelease.validation.bulk import validate_chunks

    paths = sorted(Path(directory).glob("*.nt"))
    triples = 0
    for path in paths:
        with open(path, "rb") as f:
            triples += sum(chunk.count(b"\n") for chunk in iter(lambda f=f: f.read(1 << 24), b""))
    start = time.perf_counter()
    validate_chunks([paths[0].read_bytes()[:paths[0].read_bytes().index(b"\n") + 1]], chosen, workers=1)
    warm_s = time.perf_counter() - start
    baseline = self_rss_kib()
    workers = int(os.environ.get("MLRELEASE_BENCH_WORKERS", "2"))
    tree = _TreeRss()
    start = time.perf_counter()
    report = validate_chunks(paths, chosen, workers=workers, lenient=True)
    seconds = time.perf_counter() - start
    peak = tree.stop()
    counts = report.counts()
    failing = {f.release for f in report.findings if f.severity == "Violation"}
    return {"n": len(report.releases), "done": len(report.releases), "stopped": False, "seconds": seconds,
            "load_s": 0.0, "warm_s": warm_s, "triples": triples, "counts": counts, "failing": len(failing),
            "baseline_rss_kib": baseline, "tree_peak_rss_kib": peak, "tree_peak_pss_kib": tree.peak_pss_kib,
            "parent_peak_rss_kib": self_rss_kib(), "chunks": len(paths), "workers": workers}


def _to_ntriples(path: str) -> bytes:
    import mlrelease

    return mlrelease.load(Path(path)).graph.serialize(format="nt", encoding="utf-8")


def child_ntriples(listing: str, out: str, n: str, workers: str, chunk: str = "0") -> dict:
    """Child: write the first releases of ``listing`` as one N-Triples file, with relabelled copies up to n
    (or, with ``chunk`` > 0, as a directory of files of ``chunk`` whole releases each)."""
    import multiprocessing

    import pyoxigraph as ox
    from rdflib import Graph

    from mlrelease.validation.compiled import to_ox

    paths = [str(p) for p in read_listing(listing)]
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(int(workers)) as pool:
        parts = pool.map(_to_ntriples, paths, chunksize=64)
    convert_s = time.perf_counter() - start
    base = b"".join(parts)
    # The two ways from rdflib into pyoxigraph, timed on a graph of the distinct releases.
    graph = Graph().parse(data=base, format="nt")
    start = time.perf_counter()
    text = graph.serialize(format="nt", encoding="utf-8")
    ox.Store().load(text, ox.RdfFormat.N_TRIPLES)
    via_nt = time.perf_counter() - start
    start = time.perf_counter()
    ox.Store().extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)  # type: ignore[arg-type]
    via_quads = time.perf_counter() - start
    copies = -(-int(n) // len(paths))
    release_type = b"> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/mlrelease/vocab#Release> ."
    releases = {line[1:line.index(release_type)] for line in base.splitlines() if release_type in line}
    iri = re.compile(rb"<([^>#]*)(#[^>]*)?>")
    if int(chunk) > 0:
        size = int(chunk)
        Path(out).mkdir(parents=True, exist_ok=True)
        number = 0
        for k in range(copies):
            suffix = b"-copy%d" % k

            def relabel_copy(m: re.Match, suffix: bytes = suffix) -> bytes:
                if m.group(1) not in releases:
                    return m.group(0)
                return b"<" + m.group(1) + suffix + (m.group(2) or b"") + b">"

            for first in range(0, len(parts), size):
                group = b"".join(parts[first:first + size])
                (Path(out) / f"{number:05d}.nt").write_bytes(group if k == 0 else iri.sub(relabel_copy, group))
                number += 1
        return {"convert_s": convert_s, "distinct": len(paths), "copies": copies, "triples": len(graph),
                "chunks": number, "rdflib_to_ox_via_ntriples_s": via_nt, "rdflib_to_ox_via_quads_s": via_quads}
    with open(out, "wb") as f:
        f.write(base)
        for k in range(1, copies):
            suffix = b"-copy%d" % k

            def relabel(m: re.Match, suffix: bytes = suffix) -> bytes:
                if m.group(1) not in releases:
                    return m.group(0)
                return b"<" + m.group(1) + suffix + (m.group(2) or b"") + b">"

            f.write(iri.sub(relabel, base))
    return {"convert_s": convert_s, "distinct": len(paths), "copies": copies, "triples": len(graph),
            "rdflib_to_ox_via_ntriples_s": via_nt, "rdflib_to_ox_via_quads_s": via_quads}


CHILDREN = {"generate": child_generate, "validate": child_validate, "ntriples": child_ntriples}


# --- the parent (standard library only) -------------------------------------------------------------------


def profile_set(text: str) -> str:
    names = [p.strip() for p in text.split(",") if p.strip()]
    known = {"core", "recommended", "consistency", "cris", "all"}
    unknown = [p for p in names if p not in known]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown profile(s) {unknown}; use {sorted(known)} or a comma list")
    return ",".join(names)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [CHILD]:
        return child_main(argv[1:], CHILDREN)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10_000],
                        help="numbers of releases (default: 1000 10000)")
    parser.add_argument("--profiles", type=profile_set, nargs="+", default=["core", "all"],
                        help="profile sets, each a profile, 'all' or a comma list (default: core all)")
    parser.add_argument("--modes", choices=MODES, nargs="+", default=["graph", "records"],
                        help="graph: all releases in one call; records: one call per record; ntriples: one "
                             "N-Triples text, compiled engine only (default: graph records)")
    parser.add_argument("--engines", choices=ENGINES, nargs="+", default=list(ENGINES),
                        help="engines to measure (default: both)")
    parser.add_argument("--distinct", type=int, default=10_000,
                        help="ntriples mode: distinct generated releases; more are relabelled copies (default 10000)")
    parser.add_argument("--workers", type=int, default=2,
                        help="processes converting manifests to N-Triples, and validating chunks (chunks mode)")
    parser.add_argument("--chunk", type=int, default=2000,
                        help="chunks mode: releases per chunk file, each validated in its own store (default 2000)")
    parser.add_argument("--timeout", type=float, default=900.0,
                        help="seconds after which a configuration is stopped (default 900)")
    parser.add_argument("--out", type=Path,
                        help="work directory, kept afterwards: manifests/ (default: a temporary directory, removed "
                             "at the end); manifests already there for the same number and --seed are reused")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    args = parser.parse_args(argv)

    work = args.out or Path(tempfile.mkdtemp(prefix="mlrelease-bench-validate-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        needed = max([n for n in args.n if "graph" in args.modes or "records" in args.modes] +
                     ([min(max(args.n), args.distinct)] if {"ntriples", "chunks"} & set(args.modes) else []))
        manifests, how = ensure_manifests(__file__, work, needed, args.seed)
        print(f"{len(manifests)} manifests {how} in {work / 'manifests'}", file=sys.stderr)
        for n in args.n:
            listing = write_listing(work / f"first-{n}.txt", manifests[:n])
            for profiles in args.profiles:
                for mode in args.modes:
                    for engine in args.engines:
                        if mode in ("ntriples", "chunks") and engine != "compiled":
                            continue
                        source = listing
                        if mode == "ntriples":
                            source = str(ensure_ntriples(work, manifests, n, args))
                        if mode == "chunks":
                            source = str(ensure_chunks(work, manifests, n, args))
                        print(f"validating {n} releases, profiles {profiles}, {mode}, {engine} ...", file=sys.stderr,
                              flush=True)
                        # The child stops itself at the timeout; the kill is for a child that cannot.
                        result, run = run_child(__file__, "validate", source, profiles, mode, str(args.timeout),
                                                engine, kill_after=args.timeout + 600 + n * 0.2)
                        rows.append((n, profiles, f"{mode} {engine}", result, run))
                        print(f"  {describe(n, result, run)}", file=sys.stderr, flush=True)
    except Failed as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.out is None:
            shutil.rmtree(work, ignore_errors=True)

    print(f"validation: generated releases (seed {args.seed}), timeout {args.timeout:.0f} s per configuration; "
          f"Python {sys.version.split()[0]}")
    print(f"{'n':>6} {'profiles':<12} {'mode':<17} {'wall s':>9} {'ms/release':>10} {'releases/s':>10} "
          f"{'peak RSS MiB':>12}  {'findings V/W/I':<18} {'failing':>7}  note")
    for n, profiles, mode, result, run in rows:
        print(table_row(n, profiles, mode, result, run))
    print("wall s: the validation call(s) only; loading the records and a warm-up validation of one record "
          "(shapes, vocabulary and licence catalogue parsed) are excluded and shown in the note")
    print("peak RSS: ru_maxrss of the child process (os.wait4), with the loaded records; failing: releases with a "
          "Violation")
    return 0


def ensure_ntriples(work: Path, manifests: list[Path], n: int, args: argparse.Namespace) -> Path:
    """The N-Triples file of ``n`` releases (written once per work directory by a child)."""
    distinct = min(n, args.distinct)
    out = work / f"releases-{n}-of-{distinct}.nt"
    if not out.is_file():
        listing = write_listing(work / f"distinct-{distinct}.txt", manifests[:distinct])
        print(f"writing {out.name} ...", file=sys.stderr, flush=True)
        result, _run = run_child(__file__, "ntriples", listing, str(out), str(n), str(args.workers))
        print(f"  {json.dumps(result)}", file=sys.stderr, flush=True)
    return out


def ensure_chunks(work: Path, manifests: list[Path], n: int, args: argparse.Namespace) -> Path:
    """A directory of N-Triples files of ``args.chunk`` whole releases each, ``n`` releases in all."""
    distinct = min(n, args.distinct)
    out = work / f"chunks-{n}-of-{distinct}-by-{args.chunk}"
    if not (out / "done").is_file():
        listing = write_listing(work / f"distinct-{distinct}.txt", manifests[:distinct])
        print(f"writing {out.name}/ ...", file=sys.stderr, flush=True)
        result, _run = run_child(__file__, "ntriples", listing, str(out), str(n), str(args.workers), str(args.chunk))
        (out / "done").write_text(json.dumps(result))
        print(f"  {json.dumps(result)}", file=sys.stderr, flush=True)
    return out


def describe(n: int, result: dict, run) -> str:
    if run.killed:
        return f"killed after {run.wall:.0f} s (peak RSS {run.max_rss_kib / 1024:.0f} MiB)"
    state = f"stopped after {result['done']} of {n}" if result["stopped"] else "done"
    return f"{state}: {result['seconds']:.1f} s, peak RSS {run.max_rss_kib / 1024:.0f} MiB, findings {result['counts']}"


def table_row(n: int, profiles: str, mode: str, result: dict, run) -> str:
    # chunks mode: the summed RSS of the child and its workers, sampled (wait4's ru_maxrss is one process's)
    rss = f"{max(run.max_rss_kib, result.get('tree_peak_rss_kib', 0)) / 1024:>12.0f}"
    if run.killed:
        return f"{n:>6} {profiles:<12} {mode:<17} {'> ' + format(run.wall, '.0f'):>9} {'':>10} {'':>10} {rss}  " \
               f"{'':<18} {'':>7}  killed (did not stop at the timeout)"
    note = f"load {result['load_s']:.0f} s, warm-up {result['warm_s']:.1f} s, {result['triples']} triples"
    if "chunks" in result:
        note += (f", {result['chunks']} chunk files, {result['workers']} workers, peak RSS summed over them "
                 f"(PSS summed: {result['tree_peak_pss_kib'] / 1024:.0f} MiB; the parent alone: "
                 f"{result['parent_peak_rss_kib'] / 1024:.0f} MiB)")
    counts = "/".join(str(result["counts"][s]) for s in ("Violation", "Warning", "Info"))
    if result["stopped"]:
        done = result["done"]
        if mode.startswith("records") and done:
            per = result["seconds"] / done
            return (f"{n:>6} {profiles:<12} {mode:<17} {'~' + format(per * n, '.0f'):>9} {per * 1000:>10.0f} "
                    f"{1 / per:>10.2f} {rss}  {counts:<18} {result['failing']:>7}  STOPPED at "
                    f"{result['seconds']:.0f} s after {done} of {n} records: total extrapolated; findings for those "
                    f"{done}; {note}")
        return (f"{n:>6} {profiles:<12} {mode:<17} {'> ' + format(result['seconds'], '.0f'):>9} {'':>10} {'':>10} "
                f"{rss}  {'':<18} {'':>7}  STOPPED at the timeout, unfinished; {note}")
    per = result["seconds"] / n
    return (f"{n:>6} {profiles:<12} {mode:<17} {result['seconds']:>9.1f} {per * 1000:>10.1f} {1 / per:>10.2f} {rss}  "
            f"{counts:<18} {result['failing']:>7}  {note}")


if __name__ == "__main__":
    sys.exit(main())
