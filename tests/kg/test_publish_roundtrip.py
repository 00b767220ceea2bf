"""A published catalogue, served by ``python -m http.server`` on 127.0.0.1, harvested back (issue 14).

The harvest follows the site's signposting and DCAT catalogue; the release graphs it writes are the
same as those of a direct harvest of the records. Two sites stand for two institutions: harvested
into one store, the per-institution queries of the pack answer for both; harvested into one
Oxigraph server each, the federated queries of the pack answer across both.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from kg_support import free_port
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

import mlrelease
from mlrelease import query
from mlrelease.harvest import HarvestOptions, harvest
from mlrelease.publish import publish
from mlrelease.store import EmbeddedStore, RemoteStore
from mlrelease.store.graphs import RELEASE_GRAPH_BASE

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HARVEST_TIME = "2026-01-02T03:04:05Z"
#: Institution A publishes the releases of these publishers; institution B the others.
A_PUBLISHERS = {"https://ror.org/01zbnvs85", "https://ror.org/05wx9n238"}


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def records_of(files: list[Path]) -> list[mlrelease.ReleaseRecord]:
    return [r for f in files for r in mlrelease.load_all(path=f)]


def split_examples() -> tuple[list[Path], list[Path]]:
    a, b = [], []
    for f in example_files():
        (a if mlrelease.load(path=f).publisher in A_PUBLISHERS else b).append(f)
    return a, b


class Site:
    """A folder served by ``python -m http.server`` on 127.0.0.1 (a free port)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Site:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1", "--directory",
             str(self.folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url, timeout=1, trust_env=False)
                return self
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError(f"http.server did not answer at {self.url}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def serve_site(tmp_path: Path) -> Iterator:
    sites: list[Site] = []

    def make(name: str, files: list[Path]) -> Site:
        site = Site(tmp_path / name)
        publish(records_of(files), site.folder, base_url=site.url, clock=lambda: "2026-12-01")
        sites.append(site.start())
        return site

    yield make
    for site in sites:
        site.stop()


def options() -> HarvestOptions:
    return HarvestOptions(clock=lambda: HARVEST_TIME)


def release_graphs(store: EmbeddedStore) -> dict[str, Graph]:
    """Every release graph of the store (not the provenance, whose sources differ by design)."""
    dataset = Dataset()
    dataset.parse(data=store.dump(), format="nquads")
    return {str(g.identifier): Graph() + g for g in dataset.graphs()
            if str(g.identifier).startswith(RELEASE_GRAPH_BASE)}


def test_harvesting_a_published_site_gives_the_graph_of_a_direct_harvest(serve_site):
    site = serve_site("site", example_files())
    direct, via_site = EmbeddedStore(), EmbeddedStore()
    direct_summary = harvest([str(f) for f in example_files()], direct, options())
    site_summary = harvest([site.url], via_site, options())
    assert site_summary.failures == []
    assert sorted(site_summary.written) == sorted(direct_summary.written)
    assert len(site_summary.written) == len(example_files())
    got, expected = release_graphs(via_site), release_graphs(direct)
    assert sorted(got) == sorted(expected)
    for name, graph in expected.items():
        assert isomorphic(got[name], graph), name
    # Provenance names the published record each release came from.
    sources = query.run(via_site, query.get("harvest-catalogue")).values()
    assert sources, "the catalogue graph lists the harvested records"
    assert all(site.url in " ".join(str(v) for v in row) for row in sources if row)


def test_harvesting_the_site_again_changes_nothing(serve_site):
    site = serve_site("site", example_files()[:3])
    store = EmbeddedStore()
    harvest([site.url], store, options())
    again = harvest([site.url], store, options())
    assert again.written == []
    assert again.counts["unchanged"] == 3


def test_a_landing_page_alone_is_harvested_by_its_signposting(serve_site):
    [file] = [f for f in example_files() if f.name == "olmo-7b.yaml"]
    site = serve_site("site", [file])
    store = EmbeddedStore()
    summary = harvest([site.url + "releases/allenai-OLMo-7B/"], store, options())
    assert summary.written == ["https://huggingface.co/allenai/OLMo-7B"]
    assert summary.outcomes[0].source == site.url + "releases/allenai-OLMo-7B/record.jsonld"


def test_two_institutions_in_one_store_answer_the_per_institution_queries(serve_site):
    a_files, b_files = split_examples()
    assert a_files and b_files
    a, b = serve_site("a", a_files), serve_site("b", b_files)
    both, direct = EmbeddedStore(), EmbeddedStore()
    harvest([a.url, b.url], both, options())
    harvest([str(f) for f in example_files()], direct, options())
    for name in ("access-tiers-by-institution", "license-families-by-institution", "openness-classes"):
        via_sites = query.run(both, query.get(name)).values()
        expected = query.run(direct, query.get(name)).values()
        if "ORDER BY" not in query.get(name).text.upper():  # a listing query: rows in the store's order
            via_sites, expected = sorted(via_sites, key=repr), sorted(expected, key=repr)
        assert via_sites == expected, name
    publishers = {row[0] for row in query.run(both, query.get("access-tiers-by-institution")).values()}
    assert publishers >= A_PUBLISHERS
    assert publishers - A_PUBLISHERS, "institution B's publishers answer too"


def test_two_institutions_answer_the_federated_queries(serve_site, oxigraph):
    a_files, b_files = split_examples()
    a_site, b_site = serve_site("a", a_files), serve_site("b", b_files)
    a_db, b_db = oxigraph("a"), oxigraph("b")
    for site, db in ((a_site, a_db), (b_site, b_db)):
        with RemoteStore(db.url, timeout=30) as store:
            summary = harvest([site.url], store, options())
            assert summary.failures == []
    result = query.run(EmbeddedStore(), query.get("federated-access-tiers"),
                       {"endpoint": f"{a_db.query_url},{b_db.query_url}"})
    per_endpoint: dict[str, int] = {}
    for endpoint, _publisher, _tier, releases in result.values():
        per_endpoint[endpoint] = per_endpoint.get(endpoint, 0) + int(releases)
    assert per_endpoint == {a_db.query_url: len(a_files), b_db.query_url: len(b_files)}
