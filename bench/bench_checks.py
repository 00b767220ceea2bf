"""Benchmark: the time of each compiled validation query (one per shape constraint) on N-Triples data.

Not a test. Loads the N-Triples file into the compiled engine's store (beside the reference graph),
materialises the focus sets the checks share, runs every compiled query of the chosen profiles once,
and prints the costliest (CPU seconds, which a busy machine inflates less than wall seconds) with their
row counts, then the totals. Use it to find a shape whose query grows
faster than the data (see docs/validation.md, "Validating many records at once"). The N-Triples files
are those ``bench_validate.py --modes ntriples --out DIR`` writes.

    .venv/bin/python bench/bench_checks.py /tmp/benchwork/releases-10000-of-10000.nt --profiles all
"""

from __future__ import annotations

import argparse
import sys
import time

import pyoxigraph as ox

from mlrelease.validation.compiled import REFERENCE_GRAPH, _solutions, compiled, reference_store
from mlrelease.validation.compiler import DATA, FOCUS, FOCUS_SET
from mlrelease.validation.profiles import check_profiles, combined_shapes, reference_graph


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ntriples", help="an N-Triples file of releases")
    parser.add_argument("--profiles", nargs="+", default=["all"])
    parser.add_argument("--top", type=int, default=15, help="how many of the slowest queries to print")
    args = parser.parse_args(argv)
    checks = compiled(combined_shapes(check_profiles(args.profiles)))
    store = reference_store(reference_graph())
    graph = ox.NamedNode("urn:x-mlrelease:bench:data")
    focus = ox.NamedNode("urn:x-mlrelease:bench:focus")
    start = time.perf_counter()
    store.load(path=args.ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    print(f"load: {time.perf_counter() - start:.2f} s", flush=True)
    start, cpu = time.perf_counter(), time.process_time()
    for number, query in enumerate(checks.direct_focus):
        store.update(f"INSERT {{ GRAPH <{focus.value}> {{ ?this <{FOCUS_SET}> <{FOCUS_SET}:{number}> }} }} "
                     f"USING <{graph.value}> USING <{REFERENCE_GRAPH.value}> USING NAMED <{graph.value}> "
                     f"WHERE {{ {query.replace(DATA, graph.value)} }}")
    print(f"focus sets: {time.process_time() - cpu:.2f} s CPU, {time.perf_counter() - start:.2f} s wall, "
          f"{len(checks.direct_focus)} sets", flush=True)
    rows = []
    for check in checks.direct:
        query = check.query.replace(DATA, graph.value).replace(FOCUS, focus.value)
        start, cpu = time.perf_counter(), time.process_time()
        n = sum(1 for _ in _solutions(store.query(query, default_graph=[graph, REFERENCE_GRAPH])))
        rows.append((time.process_time() - cpu, time.perf_counter() - start, n, check.shape.rsplit("#", 1)[-1],
                     check.component))
    rows.sort(reverse=True)
    for cpu_s, seconds, n, shape, component in rows[:args.top]:
        print(f"{cpu_s:7.2f} s CPU {seconds:7.2f} s wall {n:>7} rows  {shape} ({component})")
    print(f"queries: {sum(r[0] for r in rows):.2f} s CPU, {sum(r[1] for r in rows):.2f} s wall, {len(rows)} checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
