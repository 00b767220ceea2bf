"""One openness truth: what ``mlrelease assess`` says equals what the queries read from the store.

Every release of the Model Openness Framework's 273 model manifests (``../shared/corpus/mof/models``)
and of ``examples/`` is harvested into an embedded store; the ``openness-classes`` and
``osaid-conformance`` queries must give, per release, the class, the progress per class and the
OSAID verdict (with its reasons) that :func:`mlrelease.openness.assess` computes from the file.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from kg_support import FIXTURES

from mlrelease import query
from mlrelease.cli._options import read_records
from mlrelease.harvest import HarvestOptions, harvest
from mlrelease.openness import Assessment, assess
from mlrelease.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
MOF_MODELS = ROOT.parent / "shared" / "corpus" / "mof" / "models"
EXAMPLES = ROOT / "examples"
CLASS = "https://w3id.org/mlrelease/scheme/openness-class/mof-class-"


def _from_query(store: EmbeddedStore) -> dict[str, dict]:
    out: dict[str, dict] = {}
    classes = query.run(store, query.get("openness-classes"), {})
    for row in classes.values():
        d = dict(zip(classes.columns, row, strict=True))
        entry = out.setdefault(d["release"], {"class": None, "progress": {}, "osaid": None, "reasons": []})
        entry["class"] = int(d["achieved"].removeprefix(CLASS)) if d["achieved"] else None
        entry["progress"][d["class"].removeprefix(CLASS)] = float(d["progress"])
        assert (d["reached"] == "true") == (float(d["progress"]) == 100.0)
    osaid = query.run(store, query.get("osaid-conformance"), {})
    for row in osaid.values():
        d = dict(zip(osaid.columns, row, strict=True))
        entry = out.setdefault(d["release"], {"class": None, "progress": {}, "osaid": None, "reasons": []})
        entry["osaid"] = d["conformant"] == "true"
        if d["reason"]:
            entry["reasons"].append(d["reason"])
    return out


def _from_assess(a: Assessment) -> dict:
    return {"class": a.mof.mof_class, "progress": a.mof.progress, "osaid": a.osaid.conformant,
            "reasons": sorted(a.osaid.reasons)}


#: Files for which ``mlrelease assess`` (which reads the file by path, so the MOF importer takes the
#: identifier from the file stem) and ``harvest`` (which reads the text, so the importer takes
#: ``release.name``) mint different release IRIs: (assess IRI, stored IRI). Not an openness
#: difference; listed so that the day the two agree this test says so.
#: Releases harvest names otherwise than ``assess`` does (none since harvest passes the file name).
KNOWN_IRI_MISMATCHES: set[tuple[str, str]] = set()


def _harvest_and_compare(folder: Path) -> tuple[int, Counter, set[tuple[str, str]]]:
    store = EmbeddedStore()
    summary = harvest([str(folder)], store, HarvestOptions(validator=None))
    assert not summary.failures, summary.failures
    # The source each stored release came from (a release stated in two files: the one kept).
    kept = {o.release: o.source for o in summary.outcomes}
    by_source: dict[str, list[str]] = {}
    for release, source in kept.items():
        by_source.setdefault(source, []).append(release)
    stored = _from_query(store)
    for entry in stored.values():
        entry["reasons"] = sorted(entry["reasons"])
    assert sorted(stored) == sorted(kept), "the queries miss releases the harvest stored"
    expected: dict[str, dict] = {}
    renamed: set[tuple[str, str]] = set()
    for source, releases in sorted(by_source.items()):
        assessed = {a.release: a for a in assess(read_records(Path(source), None))}
        if set(releases) <= set(assessed):
            expected.update({r: _from_assess(assessed[r]) for r in releases})
        else:  # one release per file, named differently by the two readers
            assert len(releases) == 1 and len(assessed) == 1, (source, releases, sorted(assessed))
            (name, a), = assessed.items()
            renamed.add((name, releases[0]))
            expected[releases[0]] = _from_assess(a)
    diffs = [(r, expected[r], stored[r]) for r in expected if expected[r] != stored[r]]
    assert not diffs, f"{len(diffs)} releases differ, first: {diffs[0]}"
    return len(expected), Counter(e["class"] for e in expected.values()), renamed


def test_assess_equals_the_queries_for_the_273_mof_manifests() -> None:
    if not MOF_MODELS.is_dir():
        pytest.skip(f"the MOF corpus is not at {MOF_MODELS} (CI provides ../shared/corpus)")
    assert len(list(MOF_MODELS.glob("*.yml"))) == 273
    releases, classes, renamed = _harvest_and_compare(MOF_MODELS)
    assert renamed == KNOWN_IRI_MISMATCHES
    assert releases == 273  # one release per manifest: harvest names a MOF release after its file, as assess does
    assert classes[1] == 14  # as the MOF oracle-checked computation finds; the old query found 2


def test_assess_equals_the_queries_for_the_examples() -> None:
    releases, _, renamed = _harvest_and_compare(EXAMPLES)
    assert releases >= 12
    assert not renamed


def test_a_stated_openness_block_is_not_read_as_the_computed_assessment() -> None:
    # institute-a.ttl states an assessment of its own for alpha-1.0 claiming OSAID conformance.
    store = EmbeddedStore()
    harvest([str(FIXTURES / "releases" / "institute-a.ttl")], store, HarvestOptions(validator=None))
    result = query.run(store, query.get("osaid-conformance"), {"conformant": "true"})
    assert result.values() == []
    stated = store.query("ASK { ?r <https://w3id.org/mlrelease/vocab#opennessAssessment>/"
                         "<https://w3id.org/mlrelease/vocab#osaidConformant> true }")
    assert stated.boolean is True  # the author's statement is kept as it is


def test_a_document_cannot_forge_the_computed_assessment(tmp_path: Path) -> None:
    from mlrelease.store.graphs import release_graph

    release = "https://example.org/forge/1"
    node = release_graph(release) + "#openness"
    (tmp_path / "forge.ttl").write_text(f"""
@prefix mlr: <https://w3id.org/mlrelease/vocab#> .
<{release}> a mlr:Release ; mlr:opennessAssessment <{node}> .
<{node}> a mlr:OpennessAssessment ; mlr:osaidConformant true .
""", encoding="utf-8")
    store = EmbeddedStore()
    harvest([str(tmp_path)], store, HarvestOptions(validator=None))
    result = query.run(store, query.get("osaid-conformance"), {})
    assert {(r[0], r[1]) for r in result.values()} == {(release, "false")}


def test_the_assessment_says_which_mlrelease_computed_it_and_when() -> None:
    from mlrelease._version import __version__

    store = EmbeddedStore()
    harvest([str(EXAMPLES / "olmo-7b.yaml")], store,
            HarvestOptions(validator=None, clock=lambda: "2026-01-02T03:04:05Z"))
    rows = store.query("""
        PREFIX mlr: <https://w3id.org/mlrelease/vocab#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?tool ?time ?class WHERE {
          ?release mlr:opennessAssessment ?a .
          ?a prov:wasAttributedTo/rdfs:label ?tool ; prov:wasGeneratedBy/prov:endedAtTime ?time ;
             mlr:mofClassAchieved ?class .
        }""").values()
    assert rows == [(f"mlrelease {__version__}", "2026-01-02T03:04:05Z", CLASS + "3")]
