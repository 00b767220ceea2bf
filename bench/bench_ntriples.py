"""Benchmark: release manifests to canonical N-Triples, the fast path against the graph path and the
libyaml floor, at 1,000 / 10,000 / 100,000 manifests (issue 11). Not a test.

For each ``--n`` (generated YAML manifests, ``bench/_generate.py``, about 3.4 KiB each; above
``--distinct`` the same files are read again in turn: 100,000 is 10,000 distinct files read ten
times), in one run:

* ``floor``: ``yaml.load(text, CSafeLoader)``: libyaml parsing plus PyYAML's constructor, no
  locations and no checks: what reading the YAML costs at the least with PyYAML;
* ``yaml``: mlrelease's one-pass YAML loader with locations and limits (``codecs.yaml_safe``);
* ``fast``: ``mlrelease.io.load_ntriples`` on each file, in this process;
* ``graph``: ``load_graph`` then ``canonical_ntriples`` (the reference path; only up to ``--graph-max``);
* ``many-1`` / ``many-2``: ``mlrelease.io.load_ntriples_many(paths, workers=W)``, the bulk API,
  with the text of every manifest written to one N-Triples file (W worker processes).

    nice -n 10 .venv/bin/python bench/bench_ntriples.py --n 1000 10000 100000
    nice -n 10 .venv/bin/python bench/bench_ntriples.py --n 100000 --paths floor many-2

Each row gives wall seconds, ms per manifest (wall), CPU seconds of this process and its children,
and peak RSS (the largest of this process and any child: ``ru_maxrss``). Every path reads its files
from disk (the page cache, after the first).
"""

from __future__ import annotations

import argparse
import itertools
import os
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
from mlrelease.io import load_graph, load_ntriples, load_ntriples_many

PATHS = ("floor", "yaml", "fast", "graph", "many-1", "many-2")


def _fast(path: Path) -> str:
    return load_ntriples(path=path, format="yaml")


def _graph(path: Path) -> str:
    return canonical_ntriples(load_graph(path=path, format="yaml")[0])


def _floor(path: Path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _yaml(path: Path) -> object:
    return load_yaml(path.read_text(encoding="utf-8"), source=str(path))


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(paths: list[Path], how: str, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of converting ``paths`` one way."""
    start, cpu = time.perf_counter(), _cpu()
    if how.startswith("many-"):
        with out.open("w", encoding="utf-8") as f:
            for text in load_ntriples_many(paths, "yaml", workers=int(how.split("-")[1])):
                f.write(text)
    else:
        fn = {"floor": _floor, "yaml": _yaml, "fast": _fast, "graph": _graph}[how]
        for path in paths:
            fn(path)
    return time.perf_counter() - start, _cpu() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--distinct", type=int, default=10_000)
    parser.add_argument("--paths", nargs="+", choices=PATHS, default=list(PATHS))
    parser.add_argument("--graph-max", type=int, default=1000, help="skip the graph path above this many")
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
    print(f"# load average {os.getloadavg()[0]:.2f}; {distinct:,} distinct files in {folder}")
    print(f"{'manifests':>9}  {'path':<7} {'wall s':>7} {'ms/manifest':>11} {'CPU s':>7} {'peak RSS MiB':>12}")
    for n in args.n:
        paths = list(itertools.islice(itertools.cycle(files), n))
        for how in args.paths:
            if how == "graph" and n > args.graph_max:
                continue
            seconds, cpu = measure(paths, how, work / "out.nt")
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
            print(f"{n:>9,}  {how:<7} {seconds:>7.1f} {seconds * 1000 / n:>11.3f} {cpu:>7.1f} "
                  f"{max(own, children):>12,}", flush=True)
    print(f"# load average at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
