"""``mlrelease publish`` (issue 14): landing pages, index, DCAT catalogue, sitemap; deterministic, incremental."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

import mlrelease
from mlrelease.cli import main
from mlrelease.errors import UsageError
from mlrelease.publish import publish

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))
BASE = "https://models.example.org/"
OLMO = "releases/allenai-OLMo-7B"


def records(paths=EXAMPLES):
    return [r for p in paths for r in mlrelease.load_all(path=p)]


class Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.scripts: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link":
            self.links.append(a)
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.scripts.append(data)
            self._in_ld = False


def head(path: Path) -> Head:
    h = Head()
    h.feed(path.read_text(encoding="utf-8"))
    return h


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    publish(records(), out, base_url=BASE, clock=lambda: "2026-12-01")
    return out


def test_site_layout(site):
    assert {p.name for p in site.iterdir()} == {"index.html", "catalog.jsonld", "catalog.ttl", "sitemap.xml",
                                                "publish-state.json", "releases"}
    assert len(list((site / "releases").iterdir())) == len(EXAMPLES)
    assert {p.name for p in (site / OLMO).iterdir()} == {"index.html", "record.jsonld", "record.ttl",
                                                           "manifest.yaml", "schema.jsonld"}


def test_landing_page_signposting_and_embedded_jsonld(site):
    h = head(site / OLMO / "index.html")
    rels = {(link["rel"], link["href"]) for link in h.links}
    assert ("describedby", "record.jsonld") in rels
    assert ("cite-as", "https://huggingface.co/allenai/OLMo-7B") in rels
    assert ("license", "https://www.apache.org/licenses/LICENSE-2.0") in rels
    assert ("author", "https://allenai.org/") in rels
    assert ("item", "https://github.com/allenai/OLMo") in rels
    [script] = h.scripts
    embedded = Graph().parse(data=script, format="json-ld")
    export = Graph().parse(data=(site / OLMO / "schema.jsonld").read_text(encoding="utf-8"), format="json-ld")
    assert isomorphic(embedded, export)
    page = (site / OLMO / "index.html").read_text(encoding="utf-8")
    assert "Class III (Open Model)" in page and "OSAID 1.0" in page
    assert re.search(r'data-count="Violation">\d+<', page)
    assert "http" not in "".join(re.findall(r'<script(?! type="application/ld\+json")[^>]*src=[^>]*>', page))


def test_published_record_is_the_record(site):
    olmo = mlrelease.load(path=next(p for p in EXAMPLES if p.name == "olmo-7b.yaml"))
    again = mlrelease.load(path=site / OLMO / "record.jsonld")
    assert isomorphic(again.graph, olmo.graph)


def test_index_has_facets_and_inline_script_only(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    for facet in ("tier", "family", "class", "publisher", "year"):
        assert f'<select name="{facet}">' in page
    assert page.count("<li data-tier=") == len(EXAMPLES)
    assert "<script src" not in page and "<link rel=\"stylesheet\"" not in page
    assert '<option value="Fully open">Fully open (4)</option>' in page


def test_dcat_catalogue_and_sitemap(site):
    g = Graph().parse(site / "catalog.jsonld", format="json-ld")
    turtle = Graph().parse(site / "catalog.ttl", format="turtle")
    assert isomorphic(g, turtle)
    datasets = set(g.objects(URIRef(BASE + "catalog"), URIRef("http://www.w3.org/ns/dcat#dataset")))
    assert len(datasets) == len(EXAMPLES)
    urls = ET.parse(site / "sitemap.xml").getroot()  # noqa: S314 - a file this test wrote
    locs = [u[0].text for u in urls]
    assert locs[0] == BASE and BASE + OLMO + "/" in locs
    assert all(u[1].text == "2026-12-01" for u in urls)


def test_republishing_is_deterministic_and_incremental(tmp_path):
    out = tmp_path / "site"
    first = publish(records(EXAMPLES[:3]), out, base_url=BASE, clock=lambda: "2026-12-01")
    assert first.unchanged == []
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    second = publish(records(EXAMPLES[:3]), out, base_url=BASE, clock=lambda: "2026-12-09")
    assert second.written == []
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()} == before
    # One release changes: its files, the index, catalogue, sitemap and state are rewritten; its date moves.
    changed = records(EXAMPLES[:3])
    changed[0].graph.set((changed[0].iri, URIRef("http://schema.org/name"), Literal("Renamed")))
    third = publish(changed, out, base_url=BASE, clock=lambda: "2026-12-09")
    slug = first.releases[0]
    assert sorted(third.written) == sorted([f"releases/{slug}/{n}" for n in
                                            ("index.html", "record.jsonld", "record.ttl", "manifest.yaml",
                                             "schema.jsonld")] + ["index.html", "catalog.jsonld", "catalog.ttl",
                                                                  "sitemap.xml", "publish-state.json"])
    state = json.loads((out / "publish-state.json").read_text())["releases"]
    assert state[slug]["modified"] == "2026-12-09"
    assert {s["modified"] for k, s in state.items() if k != slug} == {"2026-12-01"}
    # A release no longer given is removed.
    fourth = publish(changed[1:], out, base_url=BASE, clock=lambda: "2026-12-10")
    assert not (out / "releases" / slug).exists()
    assert f"releases/{slug}/index.html" in fourth.removed


def test_bad_base_url_and_no_records(tmp_path):
    with pytest.raises(UsageError, match="base URL"):
        publish(records(EXAMPLES[:1]), tmp_path, base_url="file:///x")
    with pytest.raises(UsageError, match="no release records"):
        publish([], tmp_path, base_url=BASE)


def test_cli_publish(tmp_path, capsys):
    assert main(["publish", str(EXAMPLES[0]), "-o", str(tmp_path / "s"), "--base-url", BASE]) == 0
    assert "published 1 releases" in capsys.readouterr().err
    assert main(["publish", str(EXAMPLES[0]), "-o", str(tmp_path / "s")]) == 2
