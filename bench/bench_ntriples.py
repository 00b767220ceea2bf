"""Benchmark: release manifests to canonical N-Triples, the fast path against the graph path and the
libyaml floor (issue 11). Not a test.

For ``--n`` manifests (generated YAML, ``bench/_generate.py``; above ``--distinct`` the same files are
read again), in one run:

* ``libyaml floor``: ``yaml.load(text, CSafeLoader)``, parsing only (no locations, no checks);
* ``mlrelease YAML``: the one-pass loader with locations and limits (``codecs.yaml_safe``);
* ``fast path``: ``mlrelease.io.load_ntriples`` (manifest to triples to text, no rdflib graph);
* ``graph path``: ``load_graph`` then ``canonical_ntriples`` (what it replaces);
* ``fast path, W workers``: the fast path in W processes, writing one N-Triples file.

    .venv/bin/python bench/bench_ntriples.py --n 1000 10000 --workers 2
    .venv/bin/python bench/bench_ntriples.py --n 100000 --paths fast-workers --workers 2

Peak memory is this process's ``ru_maxrss`` (children: ``RUSAGE_CHILDREN``).
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _generate import write_manifests

from mlrelease.codecs.ntriples import canonical_ntriples
from mlrelease.codecs.yaml_safe import load_yaml
from mlrelease.io import load_graph, load_ntriples

PATHS = ("floor", "yaml", "fast", "graph", "fast-workers")


def _fast(path: Path) -> str:
    return load_ntriples(path.read_text(encoding="utf-8"), "yaml", source=str(path))


def _graph(path: Path) -> str:
    return canonical_ntriples(load_graph(path.read_text(encoding="utf-8"), "yaml", source=str(path))[0])


def _floor(path: Path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _yaml(path: Path) -> object:
    return load_yaml(path.read_text(encoding="utf-8"), source=str(path))


def measure(paths: list[Path], how: str, workers: int, out: Path) -> float:
    start = time.perf_counter()
    if how == "fast-workers":
        with multiprocessing.get_context("fork").Pool(workers) as pool, out.open("w", encoding="utf-8") as f:
            for text in pool.imap(_fast, paths, chunksize=256):
                f.write(text)
    else:
        fn = {"floor": _floor, "yaml": _yaml, "fast": _fast, "graph": _graph}[how]
        for path in paths:
            fn(path)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--distinct", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--paths", nargs="+", choices=PATHS, default=list(PATHS))
    parser.add_argument("--dir", type=Path, help="work directory (default: a temporary one)")
    args = parser.parse_args(argv)
    work = args.dir or Path(tempfile.mkdtemp(prefix="mlrelease-bench-nt-"))
    folder = work / "manifests"
    files = sorted(folder.rglob("*.yaml")) if folder.is_dir() else []
    distinct = min(max(args.n), args.distinct)
    if len(files) < distinct:
        files = write_manifests(folder, distinct)
    files = files[:distinct]
    _fast(files[0]), _graph(files[0])  # vocabulary, context and catalogue loaded before timing
    print(f"{'manifests':>9}  {'path':<13} {'wall s':>7} {'ms/manifest':>11} {'peak RSS MiB':>12}")
    for n in args.n:
        paths = list(itertools.islice(itertools.cycle(files), n))
        for how in args.paths:
            seconds = measure(paths, how, args.workers, work / f"out-{n}.nt")
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
            label = f"{how} ({args.workers})" if how == "fast-workers" else how
            print(f"{n:>9,}  {label:<13} {seconds:>7.1f} {seconds * 1000 / n:>11.2f} {max(own, children):>12,}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
