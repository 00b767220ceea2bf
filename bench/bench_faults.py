"""Kills and faults at full size: harvest into ``oxigraph serve`` with SIGKILLs of server and client.

    .venv/bin/python bench/bench_faults.py --n 10000 --server-kills 5 --client-kills 2 --seed 16

Kill points are seeded random store sizes (tests/kg/fault_support.py); after every kill the store
is checked (no partial graph, no release without its catalogue entry, what the run said matches
what the store holds), and at the end it is compared graph by graph with a clean harvest. Prints
one JSON object; docs/reliability.md keeps the figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import tempfile
from pathlib import Path

KG_TESTS = Path(__file__).resolve().parents[1] / "tests" / "kg"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--server-kills", type=int, default=5)
    parser.add_argument("--client-kills", type=int, default=2)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--embedded-kills", type=int, default=2)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(KG_TESTS))
    from fault_support import clean_harvest, differing_graphs, embedded_trial, server_trial
    from kg_support import OxigraphServer

    from mlrelease.store import EmbeddedStore, RemoteStore

    events = ["server"] * args.server_kills + ["client"] * args.client_kills
    random.Random(args.seed).shuffle(events)  # noqa: S311 - a seeded order, not a secret
    out: dict = {"n": args.n, "events": events, "seed": args.seed}
    with tempfile.TemporaryDirectory(prefix="bench-faults-") as tmp:
        work = Path(tmp) / "server"
        work.mkdir()
        trial = server_trial(work, args.n, events, seed=args.seed, batch_size=args.batch_size, timeout=3600)
        server = OxigraphServer(work / "db", start_timeout=180).start()
        try:
            with RemoteStore(server.url, timeout=60) as store:
                differing = differing_graphs(store, clean_harvest(work, args.batch_size))
        finally:
            server.stop()
        out["server"] = {**{k: v for k, v in dataclasses.asdict(trial).items() if k != "checks"},
                         "checks": [dataclasses.asdict(c) for c in trial.checks], "differing_graphs": len(differing)}
        work = Path(tmp) / "embedded"
        work.mkdir()
        trial = embedded_trial(work, args.n, args.embedded_kills, seed=args.seed, batch_size=args.batch_size,
                               timeout=3600)
        with EmbeddedStore(work / "kg", read_only=True) as kg:
            differing = differing_graphs(kg, clean_harvest(work, args.batch_size))
        out["embedded"] = {**{k: v for k, v in dataclasses.asdict(trial).items() if k != "checks"},
                           "checks": [dataclasses.asdict(c) for c in trial.checks], "differing_graphs": len(differing)}
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
