"""Published pages and ``mlrelease serve`` in headless Chromium (issue 14).

Every page renders at 375 and 1,400 CSS pixels without overflowing sideways, logs no console error,
and requests nothing outside 127.0.0.1; the embedded JSON-LD, read from the DOM Chromium built,
parses to the graph of the record's schema-org export; the dashboard's charts are drawn and show
the counts of the examples.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from cdp_support import LAYOUT, Browser, outside_loopback
from kg_support import free_port
from rdflib import Graph
from rdflib.compare import isomorphic

import mlrelease
from mlrelease.publish import publish
from mlrelease.query import queries

pytestmark = pytest.mark.browser

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WIDTHS = (375, 1400)


def example_records() -> list[mlrelease.ReleaseRecord]:
    return [r for p in sorted(EXAMPLES.glob("*.yaml")) for r in mlrelease.load_all(path=p)]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    b = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


@pytest.fixture(scope="module")
def page(browser):
    p = browser.new_page()
    yield p
    p.close()


def check(page, url: str) -> dict:
    """Open ``url`` at each width; assert it renders, without errors, overflow or outside requests."""
    layout = {}
    for width in WIDTHS:
        visit = page.open(url, width)
        layout = page.evaluate(LAYOUT)
        assert visit.errors == [], (url, width, visit.errors)
        assert outside_loopback(visit.requests) == [], (url, visit.requests)
        assert layout["text"] > 100, (url, "the page shows next to nothing")
        assert layout["scrollWidth"] <= layout["viewport"], (url, width, layout)
    return layout


def test_published_site_in_chromium(tmp_path, page):
    records = example_records()
    site = tmp_path / "site"
    summary = publish(records, site, base_url="https://models.example.org/", clock=lambda: "2026-12-01")
    check(page, (site / "index.html").as_uri())
    # The filters work without any network: choosing a tier hides the other releases.
    page.open((site / "index.html").as_uri(), 1400)
    shown = page.evaluate("""(() => { const s = document.querySelector('select[name=tier]');
        s.value = 'Fully open'; s.dispatchEvent(new Event('change', {bubbles: true}));
        return [...document.querySelectorAll('ul.releases > li')].filter(li => !li.hidden).length; })()""")
    assert shown == sum(1 for r in records if r.access_tier == "fully-open")
    for record, slug in zip(records, summary.releases, strict=True):
        url = (site / "releases" / slug / "index.html").as_uri()
        check(page, url)
        embedded = page.evaluate("document.querySelector('script[type=\"application/ld+json\"]').textContent")
        expected = Graph().parse(data=mlrelease.dump(record, "schema-org"), format="json-ld")
        assert isomorphic(Graph().parse(data=embedded, format="json-ld"), expected), slug


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    kg = tmp_path_factory.mktemp("kg") / "store"
    mlrelease_cli = [sys.executable, "-m", "mlrelease"]
    subprocess.run([*mlrelease_cli, "harvest", str(EXAMPLES), "--store", str(kg)], check=True,
                   capture_output=True, timeout=300)
    port = free_port()
    process = subprocess.Popen([*mlrelease_cli, "serve", "--store", str(kg), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            httpx.get(url + "/", timeout=2, trust_env=False)
            break
        except httpx.TransportError as exc:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"serve did not start: {process.stderr.read().decode() if process.stderr else ''}"
                                   ) from exc
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=20)


def test_every_page_of_serve_in_chromium(served, page):
    paths = ["/", "/dashboard", "/queries", "/sparql", "/validation",
             "/sparql?query=SELECT%20%3Fs%20WHERE%20%7B%3Fs%20a%20%3Chttps%3A%2F%2Fw3id.org%2Fmlrelease%2Fvocab%23Release%3E%7D"]
    paths += [f"/queries/{q.name}" for q in queries()]
    page.open(served + "/", 1400)
    paths += sorted(set(page.evaluate(
        "[...document.querySelectorAll('ul.releases a')].map(a => new URL(a.href).pathname)")))
    assert len([p for p in paths if p.startswith("/releases/")]) == 12
    for path in paths:
        check(page, served + path)


def test_dashboard_charts_show_the_examples(served, page):
    page.open(served + "/dashboard", 1400)
    drawn = page.evaluate("""[...document.querySelectorAll('svg[data-chart] rect[data-count]')].map(r => {
        const b = r.getBoundingClientRect();
        return [r.closest('svg').dataset.chart, r.dataset.category, r.dataset.series, +r.dataset.count, b.width];
    })""")
    assert all(width > 0 for *_, width in drawn), "every bar is drawn"
    charts: dict[str, Counter] = {}
    for chart, category, series, count, _ in drawn:
        charts.setdefault(chart, Counter())[(category, series)] += count
    assert set(charts) == {"openness-classes", "osaid", "tiers-by-institution", "families-by-institution",
                           "releases-per-year"}
    records = example_records()
    assessments = mlrelease.assess(records)
    osaid = Counter(("conformant" if a.osaid.conformant else "not conformant", "releases") for a in assessments)
    assert charts["osaid"] == osaid
    assert sum(charts["openness-classes"].values()) == len(records)
    assert sum(charts["tiers-by-institution"].values()) == len(records)
    years = Counter(str(r.date_published.year) for r in records if r.date_published)
    per_year: Counter = Counter()
    for (year, _tier), n in charts["releases-per-year"].items():
        per_year[year] += n
    assert per_year == years
