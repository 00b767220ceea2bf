"""Fault injection for harvests: SIGKILL the server or the client at seeded random points, then re-run.

Used by tests/kg/test_faults.py at CI size and by bench/bench_faults.py at full size (10,000
releases, 5 server kills, 2 client kills; figures in docs/reliability.md). The harvest runs as the
``mlrelease harvest`` command in its own process, so the client can be killed as a user's would be.

A kill lands when the store has grown past a random target (seeded), so it falls in the middle of
the writes rather than before or after them. After every kill the store is checked: no partial
release graph, no release graph without its catalogue entry, no catalogue entry without its graph,
and what the interrupted run said it had and had not written agrees with what the store holds.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg_support import OxigraphServer

from mlrelease.errors import StoreError
from mlrelease.store import CATALOGUE_GRAPH, EmbeddedStore, RemoteStore, Store

RELEASE_BASE = "https://w3id.org/mlrelease/graph/release/"
STAGING_BASE = "https://w3id.org/mlrelease/graph/staging/"
PROPERTIES = 40
#: Catalogue triples that hold the harvest time, which differs from run to run.
TIMES = ("http://www.w3.org/ns/prov#generatedAtTime", "http://www.w3.org/ns/prov#endedAtTime")


def write_records(folder: Path, n: int) -> None:
    """``n`` releases, one N-Triples file each: a type and 40 properties."""
    folder.mkdir(parents=True, exist_ok=True)
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    for i in range(n):
        iri = f"https://example.org/k/{i}"
        lines = [f"<{iri}> {rdf_type} <https://w3id.org/mlrelease/vocab#Release> ."]
        lines += [f'<{iri}> <https://example.org/p/{j}> "value {j} of release {i}" .' for j in range(PROPERTIES)]
        (folder / f"r{i:05d}.nt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def harvest_command(records: Path, target: list[str], journal: Path, batch_size: int) -> list[str]:
    return [sys.executable, "-m", "mlrelease", "harvest", str(records), *target, "--no-validate", "--quiet",
            "--journal", str(journal), "--batch-size", str(batch_size)]


@dataclass
class Check:
    """The state of the store after one run (killed or not)."""

    event: str
    exit_code: int
    releases: int
    partial: int
    without_catalogue: int
    catalogue_without_graph: int
    staging: int
    message: str = ""
    said_written: int | None = None
    said_not_written: int | None = None
    said_unconfirmed: int | None = None
    grew_by: int = 0

    @property
    def consistent(self) -> bool:
        return not (self.partial or self.without_catalogue or self.catalogue_without_graph)

    @property
    def honest(self) -> bool:
        """What the interrupted run said it wrote is what the store gained (all or none of a committing batch)."""
        if self.said_written is None:
            return True
        return self.grew_by in (self.said_written, self.said_written + (self.said_unconfirmed or 0))


@dataclass
class Trial:
    checks: list[Check] = field(default_factory=list)
    server_kills: int = 0
    client_kills: int = 0
    runs: int = 0
    seconds: float = 0.0


def state(store: Store, size: int) -> dict[str, int]:
    """Counts that show a store is consistent: partial graphs, graphs without catalogue entry, and so on."""
    graphs = {g: int(n) for g, n in store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").values() if g and n}
    releases = {g for g in graphs if g.startswith(RELEASE_BASE)}
    catalogued = {g for (g,) in store.query(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH <{CATALOGUE_GRAPH}> {{ ?g <http://spdx.org/rdf/terms#checksum> ?c }} }}"
    ).values() if g and g.startswith(RELEASE_BASE)}
    return {"releases": len(releases), "partial": sum(1 for g in releases if graphs[g] != size),
            "without_catalogue": len(releases - catalogued), "catalogue_without_graph": len(catalogued - releases),
            "staging": sum(1 for g in graphs if g.startswith(STAGING_BASE))}


def said(message: str) -> tuple[int | None, int | None, int | None]:
    """(written, not written, unconfirmed) as an interrupted harvest's error message states them."""
    written = re.search(r"(\d+) releases were written in this run", message)
    missing = re.search(r"(\d+) in the batch being written were not", message)
    unconfirmed = re.search(r"(\d+) were being committed when the store failed", message)
    if written is None:
        return None, None, None
    return (int(written.group(1)), int(missing.group(1)) if missing else 0,
            int(unconfirmed.group(1)) if unconfirmed else 0)


def release_graph_size(work: Path) -> int:
    """The triples of one release graph as harvest writes it (the record and its openness assessment)."""
    one = work / "one"
    write_records(one, 1)
    store = EmbeddedStore()
    from mlrelease.harvest import HarvestOptions, harvest

    harvest([str(one)], store, HarvestOptions(validator=None, reference=False))
    (size,) = [int(n) for g, n in store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").values()
        if g and g.startswith(RELEASE_BASE)]
    return size


def kill_at(proc: subprocess.Popen, count: Callable[[], int], target: int, kill: Callable[[], None],
            timeout: float) -> bool:
    """Kill (with ``kill``) once ``count()`` reaches ``target``; False if the harvest ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            reached = count() >= target
        except StoreError:  # the store is busy or was just killed: ask again
            reached = False
        if reached:
            kill()
            return True
        time.sleep(0.02)
    raise TimeoutError(f"the store did not reach {target} releases within {timeout:g} s")


def catalogued(store: Store) -> int:
    """The number of catalogued release graphs."""
    (row,) = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{CATALOGUE_GRAPH}> "
                         "{ ?g <http://spdx.org/rdf/terms#checksum> ?c } "
                         f'FILTER(STRSTARTS(STR(?g), "{RELEASE_BASE}")) }}').values()
    return int(row[0] or 0)


def server_trial(work: Path, n: int, events: list[str], *, seed: int, batch_size: int = 50,
                 timeout: float = 600.0) -> Trial:
    """Harvest ``n`` releases into ``oxigraph serve``, killing the server or the client per ``events``.

    Each event is ``"server"`` or ``"client"``; after the events, one last run completes the harvest.
    """
    records = work / "records"
    write_records(records, n)
    size = release_graph_size(work)
    rnd = random.Random(seed)  # noqa: S311 - seeded kill points, not secrets
    trial = Trial()
    start = time.monotonic()
    server = OxigraphServer(work / "db", start_timeout=180).start()
    port = server.port
    journal = work / "journal.jsonl"
    target = ["--endpoint", server.url, "--server", "oxigraph", "--timeout", "20"]
    try:
        for index, event in enumerate([*events, "complete"]):
            with RemoteStore(server.url, timeout=20) as store:
                before = state(store, size)["releases"]
            proc = subprocess.Popen(harvest_command(records, target, journal, batch_size),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            trial.runs += 1
            killed = False
            if event in ("server", "client"):
                # Spread the kills over what is left, so that each one lands while work remains.
                goal = before + rnd.randint(1, max(1, (n - before) // (len(events) - index + 1)))
                with RemoteStore(server.url, timeout=20) as watch:
                    kill = server.kill if event == "server" else (lambda p=proc: os.kill(p.pid, signal.SIGKILL))
                    killed = kill_at(proc, lambda w=watch: catalogued(w), goal, kill, timeout)
            _, err = proc.communicate(timeout=timeout)
            if killed and event == "server":
                trial.server_kills += 1
                server = OxigraphServer(work / "db", port=port, start_timeout=180).start()
            elif killed:
                trial.client_kills += 1
            with RemoteStore(server.url, timeout=20) as store:
                counts = state(store, size)
            check = Check(event if killed else f"{event} (finished before the kill)", proc.returncode,
                          message=err.strip().splitlines()[0] if err.strip() else "", **counts)
            check.said_written, check.said_not_written, check.said_unconfirmed = said(err)
            check.grew_by = counts["releases"] - before
            trial.checks.append(check)
    finally:
        server.stop()
    trial.seconds = time.monotonic() - start
    return trial


def embedded_trial(work: Path, n: int, kills: int, *, seed: int, batch_size: int = 50,
                   timeout: float = 600.0) -> Trial:
    """Harvest ``n`` releases into ``--store``, SIGKILLing the client ``kills`` times mid-write."""
    records = work / "records"
    write_records(records, n)
    size = release_graph_size(work)
    rnd = random.Random(seed)  # noqa: S311 - seeded kill points, not secrets
    trial = Trial()
    start = time.monotonic()
    path = work / "kg"
    journal = work / "journal.jsonl"
    target = ["--store", str(path)]
    done = 0
    for event in ["client"] * kills + ["complete"]:
        proc = subprocess.Popen(harvest_command(records, target, journal, batch_size),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        trial.runs += 1
        killed = False
        if event == "client":
            # The embedded store is held by the harvest, so the kill point is a time, not a count.
            time.sleep(rnd.uniform(1.0, 1.0 + 0.004 * (n - done)))
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
                trial.client_kills += 1
        _, err = proc.communicate(timeout=timeout)
        with EmbeddedStore(path, read_only=True) as store:
            counts = state(store, size)
        done = counts["releases"]
        trial.checks.append(Check(event if killed else f"{event} (finished before the kill)", proc.returncode,
                                  message=err.strip().splitlines()[0] if err.strip() else "", **counts))
    trial.seconds = time.monotonic() - start
    return trial


def comparable(store: Store) -> dict[str, list[tuple[str, ...]]]:
    """Every mlrelease graph's triples, sorted, without the catalogue's harvest times, graph by graph.

    Blank nodes are written as ``_:`` (their labels differ between stores; the reference graphs hold some).
    """
    import pyoxigraph as ox

    out: dict[str, list[tuple[str, ...]]] = {}
    result = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                         'FILTER(STRSTARTS(STR(?g), "https://w3id.org/mlrelease/graph/")) }')
    for g, s, p, o in result.rows:
        if p is None or p.value in TIMES:
            continue
        triple = tuple("_:" if isinstance(t, ox.BlankNode) else str(t) for t in (s, p, o))
        out.setdefault(g.value if g is not None else "", []).append(triple)
    return {g: sorted(triples) for g, triples in out.items()}


def clean_harvest(work: Path, batch_size: int = 50) -> EmbeddedStore:
    """The same records harvested once, without faults, by the same command."""
    path = work / "clean"
    subprocess.run(harvest_command(work / "records", ["--store", str(path)], work / "clean.jsonl", batch_size),
                   check=True, capture_output=True, timeout=900)
    return EmbeddedStore(path, read_only=True)


def differing_graphs(store: Store, clean: Store) -> list[str]:
    ours, theirs = comparable(store), comparable(clean)
    return sorted(g for g in ours.keys() | theirs.keys() if ours.get(g) != theirs.get(g))
