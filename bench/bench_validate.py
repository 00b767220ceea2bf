"""Benchmark: validation time and peak memory for generated releases, in one graph and record by record.

Not a test. Generates the releases with bench/_generate.py (the same generator as bench_convert.py;
YAML files in the work directory), then, for each number of releases (--n), each profile set
(--profiles) and each mode (--modes), runs one fresh child process that loads the first n manifests,
warms up (one validation of one record, which parses the shapes, the vocabulary and the licence
catalogue), then times either

- ``graph``: ``mlrelease.validate(records, profiles)``: all n releases in one data graph, one call;
- ``records``: ``mlrelease.validate(record, profiles)`` for each record in turn.

A configuration still running after --timeout seconds (default 900) is stopped, by SIGALRM inside
the child, and reported as stopped with how far it got; record by record, the figure for all n is
then extrapolated from the records done (and marked so). Peak memory is ``ru_maxrss`` of the child
(``os.wait4``; see _harness.py), which includes the loaded records.

    .venv/bin/python bench/bench_validate.py                                  # --n 1000 10000, core and all
    .venv/bin/python bench/bench_validate.py --n 1000 --profiles core --modes graph
    .venv/bin/python bench/bench_validate.py --n 10000 --profiles all --modes records --timeout 3600
"""

from __future__ import annotations

import argparse
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

MODES = ("graph", "records")


# --- the child (imports mlrelease) -------------------------------------------------------------------------


class _Stopped(BaseException):
    """Raised by SIGALRM; a BaseException so that no ``except Exception`` in a library swallows it."""


def _alarm(_signum, _frame):
    raise _Stopped


def child_validate(listing: str, profiles: str, mode: str, timeout: str) -> dict:
    import mlrelease

    chosen = profiles.split(",")
    start = time.perf_counter()
    records = [mlrelease.load(p) for p in read_listing(listing)]
    load_s = time.perf_counter() - start
    triples = sum(len(r.graph) for r in records)
    start = time.perf_counter()
    mlrelease.validate(records[0], profiles=chosen)
    warm_s = time.perf_counter() - start
    baseline = self_rss_kib()

    done, counts, failing, stopped = 0, {"Violation": 0, "Warning": 0, "Info": 0}, set(), False
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, float(timeout))
    start = time.perf_counter()
    try:
        if mode == "graph":
            report = mlrelease.validate(records, profiles=chosen)
            done = len(records)
            counts = report.counts()
            failing = {f.release for f in report.findings if f.severity == "Violation"}
        else:
            for record in records:
                report = mlrelease.validate(record, profiles=chosen)
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


CHILDREN = {"generate": child_generate, "validate": child_validate}


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
    parser.add_argument("--modes", choices=MODES, nargs="+", default=list(MODES),
                        help="graph: all releases in one call; records: one call per record (default: both)")
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
        manifests, how = ensure_manifests(__file__, work, max(args.n), args.seed)
        print(f"{len(manifests)} manifests {how} in {work / 'manifests'}", file=sys.stderr)
        for n in args.n:
            listing = write_listing(work / f"first-{n}.txt", manifests[:n])
            for profiles in args.profiles:
                for mode in args.modes:
                    print(f"validating {n} releases, profiles {profiles}, {mode} ...", file=sys.stderr, flush=True)
                    # The child stops itself at the timeout; the kill is for a child that cannot.
                    result, run = run_child(__file__, "validate", listing, profiles, mode, str(args.timeout),
                                            kill_after=args.timeout + 600 + n * 0.2)
                    rows.append((n, profiles, mode, result, run))
                    print(f"  {describe(n, result, run)}", file=sys.stderr, flush=True)
    except Failed as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.out is None:
            shutil.rmtree(work, ignore_errors=True)

    print(f"validation: generated releases (seed {args.seed}), timeout {args.timeout:.0f} s per configuration; "
          f"Python {sys.version.split()[0]}")
    print(f"{'n':>6} {'profiles':<12} {'mode':<8} {'wall s':>9} {'ms/release':>10} {'releases/s':>10} "
          f"{'peak RSS MiB':>12}  {'findings V/W/I':<18} {'failing':>7}  note")
    for n, profiles, mode, result, run in rows:
        print(table_row(n, profiles, mode, result, run))
    print("wall s: the validation call(s) only; loading the records and a warm-up validation of one record "
          "(shapes, vocabulary and licence catalogue parsed) are excluded and shown in the note")
    print("peak RSS: ru_maxrss of the child process (os.wait4), with the loaded records; failing: releases with a "
          "Violation")
    return 0


def describe(n: int, result: dict, run) -> str:
    if run.killed:
        return f"killed after {run.wall:.0f} s (peak RSS {run.max_rss_kib / 1024:.0f} MiB)"
    state = f"stopped after {result['done']} of {n}" if result["stopped"] else "done"
    return f"{state}: {result['seconds']:.1f} s, peak RSS {run.max_rss_kib / 1024:.0f} MiB, findings {result['counts']}"


def table_row(n: int, profiles: str, mode: str, result: dict, run) -> str:
    rss = f"{run.max_rss_kib / 1024:>12.0f}"
    if run.killed:
        return f"{n:>6} {profiles:<12} {mode:<8} {'> ' + format(run.wall, '.0f'):>9} {'':>10} {'':>10} {rss}  " \
               f"{'':<18} {'':>7}  killed (did not stop at the timeout)"
    note = f"load {result['load_s']:.0f} s, warm-up {result['warm_s']:.1f} s, {result['triples']} triples"
    counts = "/".join(str(result["counts"][s]) for s in ("Violation", "Warning", "Info"))
    if result["stopped"]:
        done = result["done"]
        if mode == "records" and done:
            per = result["seconds"] / done
            return (f"{n:>6} {profiles:<12} {mode:<8} {'~' + format(per * n, '.0f'):>9} {per * 1000:>10.0f} "
                    f"{1 / per:>10.2f} {rss}  {counts:<18} {result['failing']:>7}  STOPPED at "
                    f"{result['seconds']:.0f} s after {done} of {n} records: total extrapolated; findings for those "
                    f"{done}; {note}")
        return (f"{n:>6} {profiles:<12} {mode:<8} {'> ' + format(result['seconds'], '.0f'):>9} {'':>10} {'':>10} "
                f"{rss}  {'':<18} {'':>7}  STOPPED at the timeout, unfinished; {note}")
    per = result["seconds"] / n
    return (f"{n:>6} {profiles:<12} {mode:<8} {result['seconds']:>9.1f} {per * 1000:>10.1f} {1 / per:>10.2f} {rss}  "
            f"{counts:<18} {result['failing']:>7}  {note}")


if __name__ == "__main__":
    sys.exit(main())
