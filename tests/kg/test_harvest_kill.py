"""A server killed in the middle of a harvest leaves no partial release graph; the next run completes it.

Runs against a real ``oxigraph serve`` process on disk, SIGKILLed from another thread while the
harvest is writing (so the kill lands during requests, not between them).
"""

from __future__ import annotations

import io
import threading

import pytest
from kg_support import HARVEST_TIME, OxigraphServer

from mlrelease.errors import StoreError
from mlrelease.harvest import HarvestOptions, Progress, harvest
from mlrelease.store import EmbeddedStore, RemoteStore, release_graph

RELEASES = 300
STATED = 41  # the type and 40 properties per release, plus the openness assessment harvest computes


def graph_size(records) -> int:
    """The triples of one release graph: what the record states and its computed openness assessment."""
    one = EmbeddedStore()
    harvest([str(records / "r0000.nt")], one, HarvestOptions(validator=None, reference=False))
    (size,) = release_graph_sizes(one).values()
    assert size > STATED
    return size


def write_records(folder):
    folder.mkdir()
    for i in range(RELEASES):
        iri = f"https://example.org/k/{i}"
        rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        lines = [f"<{iri}> {rdf_type} <https://w3id.org/mlrelease/vocab#Release> ."]
        lines += [f'<{iri}> <https://example.org/p/{j}> "value {j} of release {i}" .' for j in range(40)]
        (folder / f"r{i:04d}.nt").write_text("\n".join(lines) + "\n")


class KillAfter(Progress):
    """Kills the server ``delay`` seconds after the first document, from a timer thread."""

    def __init__(self, server: OxigraphServer, delay: float) -> None:
        super().__init__(stream=io.StringIO(), interval=0)
        self.timer = threading.Timer(delay, server.kill)

    def update(self, summary, *, force=False):
        if not self.timer.is_alive() and not self.timer.finished.is_set():
            self.timer.start()


def release_graph_sizes(store) -> dict[str, int]:
    rows = store.query("""SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }
        FILTER STRSTARTS(STR(?g), "https://w3id.org/mlrelease/graph/release/") } GROUP BY ?g""").values()
    return {g: int(n) for g, n in rows}


def opts(journal) -> HarvestOptions:
    return HarvestOptions(validator=None, reference=False, batch_size=10, journal=str(journal),
                          clock=lambda: HARVEST_TIME)


@pytest.mark.parametrize("delay", [0.05, 0.25])
def test_kill_mid_harvest_then_resume(tmp_path, delay):
    records = tmp_path / "records"
    write_records(records)
    triples = graph_size(records)
    server = OxigraphServer(tmp_path / "db").start()
    try:
        store = RemoteStore(server.url, timeout=5)
        with pytest.raises(StoreError) as info:
            harvest([str(records)], store, opts(tmp_path / "journal.jsonl"), progress=KillAfter(server, delay))
        message = str(info.value)
        assert message.startswith(f"{server.url}/")
        assert "releases were written in this run and are complete" in message
        assert "run the same command again when the store is back" in message
        written = set(info.value.written)
        assert (info.value.not_written or info.value.unconfirmed) and not written & set(info.value.not_written)

        restarted = OxigraphServer(tmp_path / "db").start()  # same data, a new port
        server = restarted
        store = RemoteStore(server.url, timeout=60)  # a restarted server recovers slowly on a busy machine
        sizes = release_graph_sizes(store)
        assert all(n == triples for n in sizes.values()), "a release graph is partial"
        assert {release_graph(r) for r in written} <= set(sizes)
        assert len(sizes) < RELEASES

        rest = harvest([str(records)], store, opts(tmp_path / "journal.jsonl"))
        assert rest.ok
        assert rest.counts["new"] + rest.counts["unchanged"] + rest.counts["replaced"] == RELEASES
        assert rest.counts["new"] >= RELEASES - len(sizes)
        sizes = release_graph_sizes(store)
        assert len(sizes) == RELEASES and set(sizes.values()) == {triples}

        clean = EmbeddedStore()
        harvest([str(records)], clean, opts(tmp_path / "clean-journal.jsonl"))
        everything = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o"
        assert store.query(everything).values() == clean.query(everything).values()
    finally:
        server.stop()
