"""Millions of releases into Virtuoso: dump the embedded store to N-Quads and bulk-load it.

    .venv/bin/python bench/bench_virtuoso_load.py --n 10000 100000 --base 1000

1. ``--base`` generated releases (bench/_generate.py) are harvested into an embedded store and
   dumped with ``oxigraph dump`` (N-Quads keep the named graphs).
2. For ``--n`` releases the dump's release graphs and catalogue entries are written ``n / base``
   times, each copy under its own release and graph IRIs (host ``cK.github.com`` and so on);
   the vocabulary and licence graphs once. Generating a million manifests one by one would take
   hours and measure the generator, not the load.
3. A fresh Virtuoso (Debian ``virtuoso-opensource``) loads the files with ``ld_dir`` and
   ``rdf_loader_run()`` through ``isql-vt``, then ``checkpoint``. The load time, quads per second,
   the quads counted back over SPARQL and Virtuoso's peak memory (VmHWM) are printed as JSON.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "kg"))

REFERENCE = ("<https://w3id.org/mlrelease/graph/vocabulary> .", "<https://w3id.org/mlrelease/graph/licenses> .")
#: Where bench/_generate.py's release IRIs live; copy K moves them to host ``cK.<host>``.
RELEASE_PREFIXES = ("https://github.com/", "https://huggingface.co/", "https://models.example.org/",
                    "https://zenodo.org/", "https://w3id.org/mlrelease/id/")
#: A release graph's IRI holds its release IRI percent-encoded (store/graphs.py).
ENCODED_HTTPS = "https%3A%2F%2F"


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


def write_copies(dump: Path, copies: int, into: Path) -> int:
    """Write ``copies`` renamed copies of the dump's release data (and the reference graphs once)."""
    into.mkdir(parents=True)
    lines = dump.read_text(encoding="utf-8").splitlines()
    reference = [line for line in lines if line.endswith(REFERENCE)]
    releases = [line for line in lines if not line.endswith(REFERENCE)]
    (into / "reference.nq").write_text("\n".join(reference) + "\n", encoding="utf-8")
    quads = len(reference)
    for k in range(copies):
        text = "\n".join(releases) + "\n"
        if k:  # blank-node labels need no renaming: ld_dir scopes them to their file
            text = text.replace(ENCODED_HTTPS, f"{ENCODED_HTTPS}c{k}.")
            for prefix in RELEASE_PREFIXES:
                text = text.replace(f"<{prefix}", f"<https://c{k}.{prefix.removeprefix('https://')}")
        (into / f"releases-{k:05d}.nq").write_text(text, encoding="utf-8")
        quads += len(releases)
    return quads


def load(location: Path, files: Path, buffers: int) -> dict:
    from virtuoso_support import VirtuosoServer

    from mlrelease.store import RemoteStore

    server = VirtuosoServer(location, load_dir=files, buffers=buffers).start()
    try:
        start = time.perf_counter()
        server.isql(f"ld_dir('{files}', '*.nq', 'https://w3id.org/mlrelease/graph/unnamed');\n"
                    "rdf_loader_run();\ncheckpoint;\n")
        seconds = time.perf_counter() - start
        errors = server.isql("SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;")
        with RemoteStore(server.url, server="virtuoso", timeout=600) as store:
            counted = store.query('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } '
                                  'FILTER(STRSTARTS(STR(?g), "https://w3id.org/mlrelease/graph/")) }').values()
            start = time.perf_counter()
            releases = store.query("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { GRAPH "
                                   "<https://w3id.org/mlrelease/graph/catalogue> "
                                   "{ ?g <http://xmlns.com/foaf/0.1/primaryTopic> ?r } }").values()
            count_s = time.perf_counter() - start
        status = Path(f"/proc/{server.process.pid}/status").read_text() if server.process else ""
        hwm = re.search(r"VmHWM:\s+(\d+) kB", status)
        return {"load_s": round(seconds, 1), "quads_loaded": int(counted[0][0] or 0),
                "releases_catalogued": int(releases[0][0] or 0), "count_releases_query_s": round(count_s, 2),
                "virtuoso_peak_rss_mib": int(hwm.group(1)) // 1024 if hwm else None,
                "load_errors": errors.strip().splitlines()[-3:]}
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--base", type=int, default=1000)
    parser.add_argument("--buffers", type=int, default=170000, help="Virtuoso NumberOfBuffers (8 KiB pages)")
    parser.add_argument("--work", type=Path, default=None, help="keep the generated data here (a cache)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-virtuoso-"))
    work.mkdir(parents=True, exist_ok=True)
    dump, figures = base_dump(work, args.base)
    out: dict = {"base": args.base, **figures, "runs": []}
    for n in args.n:
        files = work / f"load-{n}"
        shutil.rmtree(files, ignore_errors=True)
        start = time.perf_counter()
        quads = write_copies(dump, max(1, n // args.base), files)
        written = time.perf_counter() - start
        location = work / f"virtuoso-{n}"
        shutil.rmtree(location, ignore_errors=True)
        result = load(location, files, args.buffers)
        result.update({"releases": n, "quads": quads, "write_files_s": round(written, 1),
                       "quads_per_s": round(quads / result["load_s"]) if result["load_s"] else None})
        out["runs"].append(result)
        print(json.dumps(result), file=sys.stderr, flush=True)
        shutil.rmtree(location, ignore_errors=True)
        shutil.rmtree(files, ignore_errors=True)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
