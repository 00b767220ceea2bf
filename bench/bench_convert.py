"""Benchmark: converting generated release manifests (YAML) to JSON-LD, through the API and the CLI.

Not a test. Generates N distinct release manifests with bench/_generate.py (shaped like
examples/*.yaml), writes them as YAML files, checks that a sample passes the ``core`` profile
(through the API, in one graph, and through ``mlrelease validate --profile core``), then measures:

- API: ``mlrelease.load(path)`` + ``mlrelease.dump(record, "jsonld")`` + writing the file, for all N,
  in a fresh child process: wall time, files/s, the three parts, peak RSS;
- CLI: ``mlrelease convert FILE --to jsonld -o OUT``, one process per file, on a sample spread over
  the set (wall time per file, largest peak RSS), beside the start-up of ``mlrelease --version``;
- determinism: a sample converted twice in one process, again in a second process with another
  PYTHONHASHSEED, and the CLI sample, must give byte-identical JSON-LD; the script exits 1 otherwise.

Peak memory is ``ru_maxrss`` (KiB on Linux) of each measured child process, as ``os.wait4`` returns
it. Linux carries ru_maxrss across fork and exec, so the parent imports neither mlrelease nor the
generator (all work happens in children) and stays far smaller than any child it measures.

    .venv/bin/python bench/bench_convert.py --n 10000
    .venv/bin/python bench/bench_convert.py --n 1000 --cli-sample 0 --out /tmp/convert-bench
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
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
    mlrelease_command,
    read_listing,
    run_child,
    run_measured,
    self_rss_kib,
    spread,
    write_listing,
)

# --- child processes (these import mlrelease) -------------------------------------------------------------


def child_check_core(listing: str) -> dict:
    """Validate the listed manifests against core through the API, all in one graph."""
    import mlrelease

    report = mlrelease.validate([mlrelease.load(p) for p in read_listing(listing)], profiles=["core"])
    violations = [f"{f.source}: {f.message}" for f in report.findings if f.severity == "Violation"]
    return {"conforms": report.conforms, "violations": violations[:10], "counts": report.counts()}


def child_api(listing: str, dest: str, check: str) -> dict:
    """Convert every listed manifest to JSON-LD in ``dest`` (timed), then the first ``check`` again."""
    import mlrelease

    manifests, out = read_listing(listing), Path(dest)
    start = time.perf_counter()
    warm = mlrelease.dump(mlrelease.load(manifests[0]), "jsonld")
    warm_up = time.perf_counter() - start
    baseline = self_rss_kib()
    out.mkdir(parents=True, exist_ok=True)
    load_s = dump_s = write_s = 0.0
    out_bytes = 0
    start = time.perf_counter()
    for path in manifests:
        t0 = time.perf_counter()
        record = mlrelease.load(path)
        t1 = time.perf_counter()
        text = mlrelease.dump(record, "jsonld")
        t2 = time.perf_counter()
        (out / f"{path.stem}.jsonld").write_text(text, encoding="utf-8")
        t3 = time.perf_counter()
        load_s += t1 - t0
        dump_s += t2 - t1
        write_s += t3 - t2
        out_bytes += len(text.encode("utf-8"))
    wall = time.perf_counter() - start
    # Determinism within one process: a fresh load and dump of the same input gives the same bytes.
    mismatches = [str(p) for p in manifests[:int(check)]
                  if mlrelease.dump(mlrelease.load(p), "jsonld") != (out / f"{p.stem}.jsonld").read_text("utf-8")]
    if warm != (out / f"{manifests[0].stem}.jsonld").read_text(encoding="utf-8"):
        mismatches.append(f"{manifests[0]} (warm-up conversion)")
    return {"files": len(manifests), "warm_up_s": warm_up, "wall_s": wall, "load_s": load_s, "dump_s": dump_s,
            "write_s": write_s, "out_bytes": out_bytes, "baseline_rss_kib": baseline, "mismatches": mismatches}


def child_recheck(listing: str, dest: str) -> dict:
    """Convert the listed manifests again and compare with the JSON-LD already in ``dest``."""
    import mlrelease

    mismatches = []
    for path in read_listing(listing):
        again = mlrelease.dump(mlrelease.load(path), "jsonld")
        before = (Path(dest) / f"{path.stem}.jsonld").read_text(encoding="utf-8")
        if again != before:
            mismatches.append({"file": str(path), "difference": first_difference(before, again)})
    return {"mismatches": mismatches}


CHILDREN = {"generate": child_generate, "check-core": child_check_core, "api": child_api, "recheck": child_recheck}


# --- the parent (standard library only) -------------------------------------------------------------------


def first_difference(a: str, b: str) -> str:
    for n, (x, y) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False), 1):
        if x != y:
            return f"line {n}: {x.strip()[:100]!r} != {y.strip()[:100]!r}"
    return f"lengths {len(a)} != {len(b)}"


def benchmark(args: argparse.Namespace, work: Path) -> list[str]:
    manifests, how = ensure_manifests(__file__, work, args.n, args.seed)
    in_bytes = sum(p.stat().st_size for p in manifests)
    n = len(manifests)
    print(f"{n} manifests {how}, {in_bytes / n / 1024:.1f} KiB each on average, in {work / 'manifests'}",
          file=sys.stderr)
    notes = []

    if args.validate_sample:
        sample = spread(manifests, args.validate_sample)
        result, _run = run_child(__file__, "check-core", write_listing(work / "core-sample.txt", sample))
        if not result["conforms"]:
            raise Failed(f"generated manifests do not pass core: {result['counts']}, e.g. {result['violations']}")
        cli = sample[:25]
        run = run_measured([*mlrelease_command(), "validate", "--profile", "core", *map(str, cli)])
        if run.code != 0:
            raise Failed(f"mlrelease validate --profile core exited {run.code} on {len(cli)} files:\n"
                         f"{run.stdout[-2000:]}{run.stderr}")
        notes.append(f"core: {len(sample)} manifests spread over the set conform (API, one graph); "
                     f"mlrelease validate --profile core exits 0 on {len(cli)} of them")

    # API: every file, in a fresh child process.
    api_dest = work / "jsonld-api"
    shutil.rmtree(api_dest, ignore_errors=True)
    api, api_run = run_child(__file__, "api", write_listing(work / "manifests.txt", manifests), str(api_dest),
                             str(args.check_sample), hash_seed="1")
    if api["mismatches"]:
        raise Failed(f"converting the same input twice in one process gave different JSON-LD: {api['mismatches'][:5]}")

    # Determinism across processes (another hash seed).
    check = spread(manifests, args.check_sample)
    recheck, _run = run_child(__file__, "recheck", write_listing(work / "check.txt", check), str(api_dest),
                              hash_seed="2")
    if recheck["mismatches"]:
        first = recheck["mismatches"][0]
        raise Failed(f"{len(recheck['mismatches'])} of {len(check)} files convert differently in another process "
                     f"(PYTHONHASHSEED 1 vs 2), e.g. {first['file']}: {first['difference']}")

    # CLI: one process per file, on a sample.
    cli_rows, startup = [], []
    if args.cli_sample:
        cmd = mlrelease_command()
        for _ in range(5):
            run = run_measured([*cmd, "--version"])
            if run.code != 0:
                raise Failed(f"mlrelease --version exited {run.code}: {run.stderr}")
            startup.append((run.wall, run.max_rss_kib))
        cli_dest = work / "jsonld-cli"
        shutil.rmtree(cli_dest, ignore_errors=True)
        cli_dest.mkdir(parents=True)
        mismatches = []
        for path in spread(manifests, args.cli_sample):
            target = cli_dest / f"{path.stem}.jsonld"
            run = run_measured([*cmd, "convert", str(path), "--to", "jsonld", "-o", str(target)])
            if run.code != 0:
                raise Failed(f"mlrelease convert {path} exited {run.code}: {run.stderr[-2000:]}")
            cli_rows.append((run.wall, run.max_rss_kib))
            api_text = (api_dest / target.name).read_text(encoding="utf-8")
            cli_text = target.read_text(encoding="utf-8")
            if cli_text != api_text:
                mismatches.append(f"{path}: {first_difference(api_text, cli_text)}")
        if mismatches:
            raise Failed(f"{len(mismatches)} files convert differently through the CLI than through the API, "
                         f"e.g. {mismatches[0]}")

    mib = 1024.0
    lines = [
        f"convert YAML -> JSON-LD: {n} generated manifests (seed {args.seed}), {in_bytes / n / 1024:.1f} KiB in, "
        f"{api['out_bytes'] / n / 1024:.1f} KiB out per file; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs",
        f"{'measure':<46} {'wall s':>8} {'files/s':>8} {'ms/file':>8} {'peak RSS MiB':>13}",
        f"{'API load+dump+write, every file':<46} {api['wall_s']:>8.1f} {n / api['wall_s']:>8.1f} "
        f"{api['wall_s'] / n * 1000:>8.1f} {api_run.max_rss_kib / mib:>13.0f}",
    ]
    for part in ("load", "dump", "write"):
        seconds = api[f"{part}_s"]
        lines.append(f"{'  of which ' + part:<46} {seconds:>8.1f} {'':>8} {seconds / n * 1000:>8.1f}")
    lines.append(f"{'API first file (imports excluded), RSS after':<46} {api['warm_up_s']:>8.2f} {'':>8} {'':>8} "
                 f"{api['baseline_rss_kib'] / mib:>13.0f}")
    if cli_rows:
        walls = [w for w, _ in cli_rows]
        lines.append(f"{f'CLI mlrelease convert, {len(walls)} files':<46} {sum(walls):>8.1f} "
                     f"{len(walls) / sum(walls):>8.2f} {statistics.mean(walls) * 1000:>8.0f} "
                     f"{max(r for _, r in cli_rows) / mib:>13.0f}")
        lines.append(f"{'  per file: median, max (ms)':<46} {'':>8} {'':>8} {statistics.median(walls) * 1000:>8.0f} "
                     f"{max(walls) * 1000:>8.0f}")
        lines.append(f"{'CLI mlrelease --version (start-up), median of 5':<46} {'':>8} {'':>8} "
                     f"{statistics.median(w for w, _ in startup) * 1000:>8.0f} "
                     f"{max(r for _, r in startup) / mib:>13.0f}")
    lines += notes
    lines.append(f"determinism: {min(args.check_sample, n)} files converted twice in one process, {len(check)} "
                 f"again in another process (other PYTHONHASHSEED), {len(cli_rows)} through the CLI: "
                 "byte-identical JSON-LD")
    lines.append("peak RSS: ru_maxrss of the measuring child process (os.wait4); for the CLI, the largest over its "
                 "processes")
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [CHILD]:
        return child_main(argv[1:], CHILDREN)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of generated manifests (default 10000)")
    parser.add_argument("--out", type=Path,
                        help="work directory, kept afterwards: manifests/, jsonld-api/, jsonld-cli/ (default: a "
                             "temporary directory, removed at the end); manifests already there for the same --n "
                             "and --seed are reused")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--cli-sample", type=int, default=100, help="files converted by the CLI (default 100; 0: skip)")
    parser.add_argument("--check-sample", type=int, default=200,
                        help="files converted again to check determinism (default 200)")
    parser.add_argument("--validate-sample", type=int, default=200,
                        help="files checked against the core profile (default 200; 0: skip)")
    args = parser.parse_args(argv)

    work = args.out or Path(tempfile.mkdtemp(prefix="mlrelease-bench-convert-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        lines = benchmark(args, work)
    except Failed as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.out is None:
            shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
