"""Millions of releases into Virtuoso: dump the embedded store to N-Quads and bulk-load it.

    nice -n 10 .venv/bin/python bench/bench_virtuoso_load.py --n 100000 --loaders 1 2 --work /tmp/vl
    .venv/bin/python bench/bench_virtuoso_load.py --n 1000000 --loaders 1 \\
        --buffers 1000000 --work /tmp/vl --queries --max-seconds 1800

1. ``--base`` generated releases (bench/_generate.py) are harvested into an embedded store and
   dumped with ``oxigraph dump`` (N-Quads keep the named graphs); cached in ``--work``.
2. For ``--n`` releases the dump's release graphs and catalogue entries are written ``n / base``
   times, one file per copy, each copy under its own release and graph IRIs (host
   ``cK.github.com`` and so on); the vocabulary and licence graphs once. Generating a million
   manifests one by one would take hours and measure the generator, not the load. A copy is one
   ``bytes.join`` of the dump's pieces around a precompiled per-copy prefix, so writing costs
   about what the disk costs.
3. A fresh Virtuoso (Debian ``virtuoso-opensource``) loads them in batches of ``--batch`` copies:
   the batch's files are written, registered with ``ld_dir``, loaded by ``--loaders`` concurrent
   ``rdf_loader_run()`` sessions through ``isql-vt`` and deleted, so the disk holds one batch at a
   time. The run stops early, with the figures so far, when less than ``--min-free-gib`` would be
   left on the disk or the next batch would end after ``--max-seconds``.
   After the last batch, one ``checkpoint``. The load time counts ``ld_dir``, the loaders and the
   checkpoint, not the writing of the files.
4. Printed as JSON (and one line per batch on stderr, for progress): quads written, quads counted
   back (over SQL, as a SPARQL endpoint would cut a long count short), load seconds, quads per
   second, Virtuoso's peak memory (VmHWM), the database's size on disk, the load average, the time
   of ``count(DISTINCT release)`` over the SPARQL endpoint and, with ``--queries``, of some queries
   of the pack run by ``mlrelease query --endpoint``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from virtuoso_support import VirtuosoServer

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "kg"))

#: The vocabulary and licence graphs, written once: their quads and their catalogue entries.
REFERENCE_GRAPHS = (b"<https://w3id.org/mlrelease/graph/vocabulary", b"<https://w3id.org/mlrelease/graph/licenses")
#: Where bench/_generate.py's release IRIs live; copy K moves them to host ``cK.<host>``.
RELEASE_PREFIXES = (b"https://github.com/", b"https://huggingface.co/", b"https://models.example.org/",
                    b"https://zenodo.org/", b"https://w3id.org/mlrelease/id/")
#: A release graph's IRI holds its release IRI percent-encoded (store/graphs.py).
ENCODED_HTTPS = b"https%3A%2F%2F"
#: Marks where a copy's host prefix goes; N-Quads never hold a NUL byte.
MARK = b"\x00"
MLR_GRAPHS = "https://w3id.org/mlrelease/graph/"
GIB = 1 << 30
FAILED_FILES = "SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;"
#: Every quad Virtuoso holds: after the load less before it (its own system graphs) is what the load wrote.
#: Fast, unlike a SPARQL count that filters the graph IRIs (86 s at 16.7 M quads).
COUNT_QUADS = "SELECT COUNT(*) FROM DB.DBA.RDF_QUAD;"
#: Queries of the pack timed with --queries: an aggregate over every release and a paged listing.
PACK_QUERIES = (("access-tiers-by-institution", ()), ("gated-releases", ("--limit", "100")),
                ("harvest-catalogue", ("--limit", "100", "--offset", "9900")))


def base_dump(work: Path, base: int) -> tuple[Path, dict]:
    """Harvest ``base`` generated releases into an embedded store and dump it; cached in ``work``."""
    dump = work / f"base-{base}.nq"
    figures: dict = {}
    if dump.exists():
        return dump, figures
    from _generate import write_manifests

    manifests = work / f"manifests-{base}"
    if not manifests.exists():
        write_manifests(manifests, base)
    kg = work / f"kg-{base}"
    start = time.perf_counter()
    subprocess.run([str(ROOT / ".venv" / "bin" / "mlrelease"), "harvest", str(manifests),  # noqa: S603 - our CLI
                    "--store", str(kg), "--no-validate", "--quiet", "--journal", str(work / f"journal-{base}.jsonl")],
                   check=True)
    figures["harvest_s"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    subprocess.run([str(ROOT / ".venv" / "bin" / "oxigraph"), "dump",  # noqa: S603 - the oxigraph CLI
                    "--location", str(kg), "--file", str(dump)], check=True)
    figures["dump_s"] = round(time.perf_counter() - start, 1)
    return dump, figures


class Copies:
    """The dump split once into reference lines and the pieces of the release lines around the marks."""

    def __init__(self, dump: Path) -> None:
        lines = dump.read_bytes().splitlines(keepends=True)
        reference = [line for line in lines if self.is_reference(line)]
        releases = [line for line in lines if not self.is_reference(line)]
        self.reference = b"".join(reference)
        self.reference_quads = len(reference)
        self.quads_per_copy = len(releases)
        block = b"".join(releases).replace(ENCODED_HTTPS, ENCODED_HTTPS + MARK)
        for prefix in RELEASE_PREFIXES:
            block = block.replace(b"<" + prefix, b"<https://" + MARK + prefix.removeprefix(b"https://"))
        self.pieces = block.split(MARK)
        #: The size of the largest copy (the longest host prefix), for the disk check.
        self.bytes_per_copy = len(block) + len(self.pieces) * len(b"c%d." % 10**7)

    @staticmethod
    def is_reference(line: bytes) -> bool:
        """A quad of a reference graph, or of its catalogue entry (whose subject is that graph)."""
        return line.startswith(REFERENCE_GRAPHS) or line.rstrip().rsplit(b" ", 2)[-2].startswith(REFERENCE_GRAPHS)

    def copy(self, k: int) -> bytes:
        """Copy ``k``: copy 0 is the dump's own release data, copy K > 0 sits under hosts ``cK.``.

        Blank-node labels need no renaming: ``ld_dir`` scopes them to their file, one file per copy.
        """
        return (b"c%d." % k if k else b"").join(self.pieces)

    def write(self, k: int, into: Path, compress: bool) -> Path:
        path = into / (f"releases-{k:07d}.nq" + (".gz" if compress else ""))
        data = self.copy(k)
        if compress:
            with gzip.open(path, "wb", compresslevel=1) as out:
                out.write(data)
        else:
            path.write_bytes(data)
        return path


def disk_bytes(path: Path) -> int:
    """Bytes allocated on disk for the files under ``path`` (as ``du`` counts them)."""
    return sum(f.stat().st_blocks * 512 for f in path.rglob("*") if f.is_file())


def memory_kib(pid: int) -> dict[str, int]:
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    return {key: int(value) for key, value in re.findall(r"(VmRSS|VmHWM):\s+(\d+) kB", status)}


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])


def isql_number(out: str) -> int:
    """The single number an ``isql-vt`` SELECT printed."""
    found = re.findall(r"^\s*(\d+)\s*$", out, flags=re.MULTILINE)
    if not found:
        raise RuntimeError(f"no number in the isql-vt output: {out[-1000:]}")
    return int(found[0])


def run_loaders(server: VirtuosoServer, loaders: int) -> None:
    """``loaders`` concurrent ``rdf_loader_run()`` sessions; re-raise the first failure."""
    failures: list[BaseException] = []

    def one() -> None:
        try:
            server.isql("rdf_loader_run();\n", timeout=24 * 3600)
        except BaseException as error:  # re-raised below, in the main thread
            failures.append(error)

    threads = [threading.Thread(target=one) for _ in range(loaders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def time_pack_queries(url: str) -> dict[str, dict]:
    figures: dict[str, dict] = {}
    for name, extra in PACK_QUERIES:
        start = time.perf_counter()
        run = subprocess.run([str(ROOT / ".venv" / "bin" / "mlrelease"), "query", name,  # noqa: S603 - our CLI
                              "--endpoint", url, "--server", "virtuoso", "--timeout", "1800", "--format", "csv",
                              *extra], capture_output=True, text=True, check=False)
        seconds = round(time.perf_counter() - start, 2)
        if run.returncode != 0:
            raise RuntimeError(f"mlrelease query {name} failed ({run.returncode}): {run.stderr[-2000:]}")
        figures[name] = {"args": " ".join(extra), "s": seconds, "rows": max(0, len(run.stdout.splitlines()) - 1)}
    return figures


def load(n: int, copies: Copies, work: Path, args: argparse.Namespace, loaders: int) -> dict:
    from virtuoso_support import VirtuosoServer

    from mlrelease.store import RemoteStore

    count = max(1, n // args.base)
    files = work / f"load-{n}"
    location = work / f"virtuoso-{n}"
    shutil.rmtree(files, ignore_errors=True)
    shutil.rmtree(location, ignore_errors=True)
    files.mkdir(parents=True)
    pattern = "*.nq.gz" if args.compress else "*.nq"
    (files / ("reference.nq" + (".gz" if args.compress else ""))).write_bytes(
        gzip.compress(copies.reference, compresslevel=1) if args.compress else copies.reference)
    quads = copies.reference_quads
    server = VirtuosoServer(location, load_dir=files, buffers=args.buffers, query_timeout=3600).start()
    out: dict = {"releases": n, "loaders": loaders, "buffers": args.buffers, "compress": args.compress}
    system_quads = isql_number(server.isql(COUNT_QUADS))
    load_s = write_s = batch_s = 0.0
    batches = 0
    started = time.perf_counter()
    try:
        for first in range(0, count, args.batch):
            batch = range(first, min(count, first + args.batch))
            free = shutil.disk_usage(work).free
            need = len(batch) * copies.bytes_per_copy
            if free - need < args.min_free_gib * GIB:
                out["stopped"] = (f"after {first * args.base} releases: {free / GIB:.1f} GiB free, the next batch "
                                  f"needs about {need / GIB:.1f} GiB and --min-free-gib is {args.min_free_gib}")
                break
            elapsed = time.perf_counter() - started
            if args.max_seconds and elapsed + 1.2 * batch_s > args.max_seconds:
                out["stopped"] = (f"after {first * args.base} releases: {elapsed:.0f} s elapsed, the last batch took "
                                  f"{batch_s:.0f} s and --max-seconds is {args.max_seconds:g}")
                break
            batch_start = time.perf_counter()
            start = time.perf_counter()
            for k in batch:
                copies.write(k, files, args.compress)
            write_s += time.perf_counter() - start
            start = time.perf_counter()
            server.isql(f"ld_dir('{files}', '{pattern}', '{MLR_GRAPHS}unnamed');\n")
            run_loaders(server, loaders)
            load_s += time.perf_counter() - start
            errors = isql_number(server.isql("SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;"))
            if errors:
                failed = server.isql(FAILED_FILES)[-2000:]
                raise RuntimeError(f"{errors} files failed to load: {failed}")
            for path in files.glob("releases-*"):
                path.unlink()
            quads += len(batch) * copies.quads_per_copy
            batches += 1
            batch_s = time.perf_counter() - batch_start
            assert server.process is not None
            progress = {"releases_loaded": (batch.stop) * args.base, "quads": quads, "load_s": round(load_s, 1),
                        "quads_per_s": round(quads / load_s), "write_s": round(write_s, 1),
                        "elapsed_s": round(time.perf_counter() - started, 1),
                        "rss_mib": memory_kib(server.process.pid).get("VmRSS", 0) // 1024,
                        "db_gib": round(disk_bytes(location) / GIB, 2),
                        "free_gib": round(shutil.disk_usage(work).free / GIB, 1), "loadavg": loadavg()}
            print(json.dumps(progress), file=sys.stderr, flush=True)
        start = time.perf_counter()
        server.isql("checkpoint;\n")
        checkpoint_s = time.perf_counter() - start
        load_s += checkpoint_s
        loaded = batches * args.batch * args.base if "stopped" in out else n
        start = time.perf_counter()
        counted = isql_number(server.isql(COUNT_QUADS)) - system_quads
        count_quads_s = time.perf_counter() - start
        with RemoteStore(server.url, server="virtuoso", timeout=3600) as store:
            start = time.perf_counter()
            releases = store.query("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { GRAPH "
                                   f"<{MLR_GRAPHS}catalogue> "
                                   "{ ?g <http://xmlns.com/foaf/0.1/primaryTopic> ?r } }").values()
            count_s = time.perf_counter() - start
        queries = time_pack_queries(server.url) if args.queries else {}
        assert server.process is not None
        out.update({"releases_loaded": loaded, "quads_written": quads, "quads_counted": counted,
                    "count_quads_sql_s": round(count_quads_s, 1), "load_s": round(load_s, 1),
                    "checkpoint_s": round(checkpoint_s, 1), "quads_per_s": round(quads / load_s),
                    "write_files_s": round(write_s, 1),
                    "releases_catalogued": int(releases[0][0] or 0), "count_releases_query_s": round(count_s, 2),
                    "virtuoso_peak_rss_mib": memory_kib(server.process.pid).get("VmHWM", 0) // 1024,
                    "database_gib": round(disk_bytes(location) / GIB, 2), "loadavg_end": loadavg(),
                    "pack_queries": queries})
        return out
    finally:
        server.stop()
        if not args.keep:
            shutil.rmtree(location, ignore_errors=True)
        shutil.rmtree(files, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--base", type=int, default=1000)
    parser.add_argument("--buffers", type=int, default=170000, help="Virtuoso NumberOfBuffers (8 KiB pages)")
    parser.add_argument("--loaders", type=int, nargs="+", default=[1],
                        help="concurrent rdf_loader_run() sessions (one run per value); two loaders deadlocked "
                             "on 2026-12-05 at the fourth batch of a million (bench/README.md)")
    parser.add_argument("--batch", type=int, default=100, help="copies (files) written and loaded at a time")
    parser.add_argument("--compress", action="store_true", help="write .nq.gz (gzip level 1) instead of .nq")
    parser.add_argument("--min-free-gib", type=float, default=20.0, help="stop before the disk gets fuller")
    parser.add_argument("--max-seconds", type=float, default=None,
                        help="start no batch that would end after this many seconds (it stops with the figures so far)")
    parser.add_argument("--queries", action="store_true", help="also time some queries of the pack")
    parser.add_argument("--keep", action="store_true", help="keep the Virtuoso database (in --work)")
    parser.add_argument("--work", type=Path, default=None, help="keep the generated data here (a cache)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-virtuoso-"))
    work.mkdir(parents=True, exist_ok=True)
    dump, figures = base_dump(work, args.base)
    start = time.perf_counter()
    copies = Copies(dump)
    out: dict = {"base": args.base, **figures, "split_s": round(time.perf_counter() - start, 2),
                 "quads_per_copy": copies.quads_per_copy, "bytes_per_copy": copies.bytes_per_copy,
                 "cpus": os.cpu_count(), "runs": []}
    for n in args.n:
        for loaders in args.loaders:
            result = load(n, copies, work, args, loaders)
            out["runs"].append(result)
            print(json.dumps(result), file=sys.stderr, flush=True)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
