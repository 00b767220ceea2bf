"""Kills and faults: no SIGKILL of the server or the client leaves a partial graph or a release without provenance.

CI size (1,000 releases); the full trial (10,000 releases, 5 server kills, 2 client kills) is
bench/bench_faults.py, with its figures in docs/reliability.md. Helpers in fault_support.py.
"""

from __future__ import annotations

import subprocess
import time

import pytest
from fault_support import (
    clean_harvest,
    differing_graphs,
    embedded_trial,
    harvest_command,
    server_trial,
    write_records,
)

from mlrelease.store import EmbeddedStore, RemoteStore

RELEASES = 1000


def assert_all_consistent(trial) -> None:
    for check in trial.checks:
        assert check.consistent, check
        assert check.honest, check


def test_server_and_client_killed_at_random_points(tmp_path):
    from kg_support import OxigraphServer

    trial = server_trial(tmp_path, RELEASES, ["server", "client", "server"], seed=16, batch_size=100)
    assert_all_consistent(trial)
    assert trial.server_kills >= 2 and trial.client_kills >= 1, trial.checks
    last = trial.checks[-1]
    assert last.exit_code == 0 and last.releases == RELEASES and last.staging == 0, last
    for check in trial.checks[:-1]:
        if check.event == "server":
            assert check.exit_code == 2 and "releases were written in this run" in check.message, check
            assert "were not" not in check.message or check.said_not_written, check

    server = OxigraphServer(tmp_path / "db", start_timeout=180).start()
    try:
        with RemoteStore(server.url, timeout=30) as store:
            assert differing_graphs(store, clean_harvest(tmp_path, 100)) == []
    finally:
        server.stop()


def test_embedded_store_client_killed_mid_write(tmp_path):
    trial = embedded_trial(tmp_path, RELEASES, 2, seed=5, batch_size=100)
    assert_all_consistent(trial)
    assert trial.client_kills >= 1, trial.checks
    last = trial.checks[-1]
    assert last.exit_code == 0 and last.releases == RELEASES and last.staging == 0, last
    with EmbeddedStore(tmp_path / "kg", read_only=True) as store:
        assert differing_graphs(store, clean_harvest(tmp_path)) == []


def test_second_harvest_into_one_store_refuses_clearly(tmp_path):
    records = tmp_path / "records"
    write_records(records, RELEASES)
    store = ["--store", str(tmp_path / "kg")]
    first = subprocess.Popen(harvest_command(records, store, tmp_path / "a.jsonl", 50),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while not (tmp_path / "kg").exists():  # the first harvest holds the store
            assert first.poll() is None, first.communicate()
            time.sleep(0.05)
        time.sleep(0.5)
        started = time.monotonic()
        second = subprocess.run(harvest_command(records, store, tmp_path / "b.jsonl", 50),
                                capture_output=True, text=True, timeout=60, check=False)
        if first.poll() is not None:
            pytest.skip("the first harvest ended before the second started (a very fast machine)")
        assert second.returncode == 2, second.stderr
        assert time.monotonic() - started < 10
        assert "another mlrelease process" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        first.communicate(timeout=300)
    assert first.returncode == 0
    with EmbeddedStore(tmp_path / "kg", read_only=True) as kg:
        assert differing_graphs(kg, clean_harvest(tmp_path)) == []


def test_commit_failure_leaves_no_release_without_provenance(oxigraph, tmp_path):
    """PUTs succeed, the one commit update fails: nothing is in place, and the message says so honestly."""
    from kg_support import HARVEST_TIME

    from mlrelease.errors import StoreError
    from mlrelease.harvest import HarvestOptions, harvest

    records = tmp_path / "records"
    write_records(records, 30)
    server = oxigraph("db")
    opts = HarvestOptions(validator=None, reference=False, batch_size=10, clock=lambda: HARVEST_TIME)
    broken = RemoteStore(server.url, server="oxigraph", update_url=f"{server.url}/no-update-here", timeout=10)
    with pytest.raises(StoreError) as info:
        harvest([str(records)], broken, opts)
    assert "10 were being committed when the store failed" in info.value.message
    assert "were not" not in info.value.message  # the batch was being committed, not left unwritten
    assert len(info.value.unconfirmed) == 10 and not info.value.written
    with RemoteStore(server.url, timeout=10) as store:
        graphs = store.named_graphs()
        assert not [g for g in graphs if "/graph/release/" in g]  # staged only: no release stands alone
        assert [g for g in graphs if "/graph/staging/" in g]
        done = harvest([str(records)], store, opts)
        assert done.counts["new"] == 30
        assert not [g for g in store.named_graphs() if "/graph/staging/" in g]


def test_release_graph_without_catalogue_entry_is_reconciled(tmp_path):
    """A release graph an older writer left without provenance is dropped at the start of a harvest."""
    from mlrelease.harvest import HarvestOptions, harvest
    from mlrelease.store import GraphWrite, release_graph

    store = EmbeddedStore()
    orphan = release_graph("https://example.org/orphan")
    store.write(GraphWrite(graphs={orphan: '<https://example.org/orphan> <http://schema.org/name> "O" .\n'}))
    records = tmp_path / "records"
    write_records(records, 2)
    summary = harvest([str(records)], store, HarvestOptions(validator=None, reference=False))
    assert orphan not in store.named_graphs()
    assert any("dropped 1 release graph(s) without a catalogue entry" in w for w in summary.warnings)
    assert summary.counts["new"] == 2
