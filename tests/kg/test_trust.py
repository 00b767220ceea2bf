"""Issue 17: trust boundaries in a shared graph. A record speaks only for its own release.

Each attack is harvested, from a source of its own, into a store that already holds both
institutions' fixture releases. The attack must be refused or neutralised with a clear report, and
every graph but the attacker's own and every answer of the query pack (rows about the attacker's
own release aside) must stay exactly as they were. Honest records must lose nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kg_support import FIXTURES, HARVEST_TIME, fill, reference_ntriples
from test_query_pack import CASES

import mlrelease
from mlrelease import query
from mlrelease.cli import main
from mlrelease.codecs.readlog import recording
from mlrelease.harvest import HarvestOptions, harvest
from mlrelease.harvest.ownership import rule
from mlrelease.harvest.summary import HarvestSummary
from mlrelease.store import CATALOGUE_GRAPH, EmbeddedStore, GraphWrite, Store, open_store, release_graph

EVIL = "https://example.org/evil/m-1"
BETA = "https://example.org/a/beta-2.0"
GAMMA = "https://example.org/a/gamma-1.0"
ALPHA = "https://example.org/a/alpha-1.0"
PREFIXES = """@prefix mlr: <https://w3id.org/mlrelease/vocab#> .
@prefix schema: <http://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix spdxl: <https://spdx.org/licenses/> .
@prefix tier: <https://w3id.org/mlrelease/scheme/access-tier/> .
@prefix claim: <https://w3id.org/mlrelease/scheme/openness-claim/> .
"""
#: The attacker's own release: it says nothing that puts it in a query's answer but openness-classes.
OWN = f"<{EVIL}> a mlr:Release ; schema:name \"Evil 1\" ; dcterms:license spdxl:Apache-2.0 .\n"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "mof" / "models"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def options(**kw: object) -> HarvestOptions:
    return HarvestOptions(validator=None, reference=False, clock=lambda: HARVEST_TIME, **kw)  # type: ignore[arg-type]


def graphs(store: Store) -> set[tuple[str | None, ...]]:
    """Every quad of every graph but the catalogue and the attacker's release graph."""
    rows = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").values()
    return {r for r in rows if r[0] not in (CATALOGUE_GRAPH, release_graph(EVIL))}


def answers(store: Store) -> dict[str, list[tuple[str | None, ...]]]:
    """Every local query of the pack (harvest-catalogue aside), rows about the attacker's release left out."""
    out = {}
    for name, params, case in CASES:
        if name == "harvest-catalogue":
            continue
        definition = query.get(name)
        result = query.run(store, definition, params)
        rows = [r for r in result.values() if r[0] != EVIL]
        if "ORDER BY" not in definition.text.upper():  # a listing query: rows in the store's order
            rows.sort(key=repr)
        out[case] = [tuple(result.columns), *rows]
    return out


def snapshot(store: Store) -> tuple[set, dict]:
    return graphs(store), answers(store)


@pytest.fixture
def victims() -> EmbeddedStore:
    store = EmbeddedStore()
    fill(store, FIXTURES / "releases")
    return store


def attack(store: Store, path: Path, text: str, **kw: object) -> HarvestSummary:
    path.write_text(text, encoding="utf-8")
    before = snapshot(store)
    summary = harvest([str(path)], store, options(**kw))
    assert snapshot(store) == before, "the attack changed another release's graph or a query's answer"
    return summary


def outcome(summary: HarvestSummary, release: str) -> tuple[str, list[str]]:
    [found] = [(o.status, o.messages) for o in summary.outcomes if o.release == release]
    return found


# (a) hijacking by id -------------------------------------------------------------------------


def test_same_id_from_another_source_is_a_conflict_naming_both(victims, tmp_path):
    evil = tmp_path / "evil.ttl"
    summary = attack(victims, evil, PREFIXES + f"<{BETA}> a mlr:Release ; schema:name \"Hijacked\" ; "
                                               "mlr:accessTier tier:fully-open .\n")
    status, [message] = outcome(summary, BETA)
    assert status == "conflict" and not summary.ok
    assert f"{BETA} was first published by {(FIXTURES / 'releases' / 'institute-a.ttl').as_uri()}" in message
    assert f"{evil} also claims it and was not stored" in message and f"--allow-replace {evil}" in message
    assert "1 not stored (release published by another source)" in summary.text()
    catalogue = query.run(victims, query.get("harvest-catalogue"))
    rows = {r[0]: dict(zip(catalogue.columns, r, strict=True)) for r in catalogue.values()}
    assert rows[BETA]["contestedBy"] == evil.as_uri() and rows[ALPHA]["contestedBy"] is None
    # Asked again, the conflict is reported again (the document is not journalled as done).
    assert outcome(harvest([str(evil)], victims, options()), BETA)[0] == "conflict"


def contested(store: Store, release: str) -> str | None:
    result = query.run(store, query.get("harvest-catalogue"))
    [value] = [r[result.columns.index("contestedBy")] for r in result.values() if r[0] == release]
    return value


def test_an_operator_can_accept_a_move_and_a_source_can_replace_its_own(victims, tmp_path):
    evil = tmp_path / "moved.ttl"
    evil.write_text(PREFIXES + f"<{BETA}> a mlr:Release ; schema:name \"Beta, moved\" .\n")
    assert outcome(harvest([str(evil)], victims, options()), BETA)[0] == "conflict"
    assert contested(victims, BETA) == evil.as_uri()
    summary = harvest([str(evil)], victims, options(allow_replace=(str(tmp_path) + "/",)))
    assert outcome(summary, BETA)[0] == "replaced"
    assert summary.warnings == [f"{BETA} moved from {(FIXTURES / 'releases' / 'institute-a.ttl').as_uri()} to "
                                f"{evil} (allowed by --allow-replace)"]
    assert contested(victims, BETA) is None
    names = victims.query("SELECT ?n WHERE { GRAPH ?g { ?r <http://schema.org/name> ?n } }").values()
    assert ("Beta, moved",) in names and ("Beta 2.0",) not in names
    evil.write_text(PREFIXES + f"<{BETA}> a mlr:Release ; schema:name \"Beta, again\" .\n")
    assert outcome(harvest([str(evil)], victims, options()), BETA)[0] == "replaced"  # now its owner


# (b) by nesting ------------------------------------------------------------------------------


NESTED = f"""id: {EVIL}
identifier: evil/m
version: '1'
name: Evil
model:
  id: {BETA}
  type: Release
  name: Hijacked
  accessTier: fully-open
"""


def test_a_nested_release_is_a_reference_not_a_record(victims, tmp_path):
    summary = attack(victims, tmp_path / "evil.yaml", NESTED)
    assert [o.release for o in summary.outcomes] == [EVIL]
    assert any(f"nested release(s) <{BETA}> are references, not records" in w for w in summary.warnings)


def test_a_nested_release_is_refused_whole_under_strict(victims, tmp_path):
    summary = attack(victims, tmp_path / "evil.yaml", NESTED, strict=True)
    assert summary.outcomes == [] and len(summary.failures) == 1
    assert "--strict refuses one that describes others" in summary.failures[0][1]


# (c) by named graphs -------------------------------------------------------------------------


TRIG = PREFIXES + OWN + f"""
<{release_graph(BETA)}> {{ <{BETA}> mlr:accessTier tier:fully-open ; schema:name "Hijacked" . }}
<urn:x:licences> {{ spdxl:Apache-2.0 mlr:commercialUseAllowed false . }}
"""


def test_named_graphs_in_trig_are_folded_and_what_is_not_the_records_dropped(victims, tmp_path):
    summary = attack(victims, tmp_path / "evil.trig", TRIG)
    assert outcome(summary, EVIL)[0] == "new"
    assert any("the document holds named graphs" in w and release_graph(BETA) in w for w in summary.warnings)
    assert any("another release" in w for w in summary.warnings)
    assert any("the vocabulary or licence catalogue" in w for w in summary.warnings)
    assert release_graph(BETA) in victims.named_graphs() and "urn:x:licences" not in victims.named_graphs()


def test_named_graphs_in_trig_are_refused_under_strict(victims, tmp_path):
    summary = attack(victims, tmp_path / "evil.trig", TRIG, strict=True)
    assert summary.outcomes == [] and "--strict refuses such a document" in summary.failures[0][1]


def test_named_graphs_in_json_ld_are_folded_and_neutralised(victims, tmp_path):
    doc = {"@context": {"mlr": "https://w3id.org/mlrelease/vocab#", "schema": "http://schema.org/"},
           "@graph": [
               {"@id": EVIL, "@type": "mlr:Release", "schema:name": "Evil 1"},
               {"@id": "urn:x:g", "@graph": [{"@id": BETA, "@type": "mlr:Release",
                                              "mlr:accessTier": {"@id": "https://w3id.org/mlrelease/scheme/"
                                                                        "access-tier/fully-open"}}]},
           ]}
    summary = attack(victims, tmp_path / "evil.jsonld", json.dumps(doc))
    assert any("the document holds named graphs (<urn:x:g>)" in w for w in summary.warnings)
    assert outcome(summary, BETA)[0] == "conflict" and outcome(summary, EVIL)[0] == "new"


# (d) poisoning through the union graph ---------------------------------------------------------


POISON = PREFIXES + OWN + "spdxl:Apache-2.0 mlr:commercialUseAllowed false .\n"


def test_a_licence_poisoning_triple_is_dropped_with_a_warning(victims, tmp_path):
    summary = attack(victims, tmp_path / "evil.ttl", POISON)
    assert outcome(summary, EVIL)[0] == "new"
    assert summary.warnings == [f"{EVIL}: statements about <https://spdx.org/licenses/Apache-2.0> dropped "
                                "(the vocabulary or licence catalogue; a record speaks only for its own release)"]
    stored = victims.query("SELECT ?g WHERE { GRAPH ?g { <https://spdx.org/licenses/Apache-2.0> "
                           "<https://w3id.org/mlrelease/vocab#commercialUseAllowed> ?o } }").values()
    assert stored == [("https://w3id.org/mlrelease/graph/licenses",)]


def test_a_licence_poisoning_record_is_refused_under_strict(victims, tmp_path):
    summary = attack(victims, tmp_path / "evil.ttl", POISON, strict=True)
    status, [message] = outcome(summary, EVIL)
    assert status == "refused" and "refused: --strict" in message
    assert release_graph(EVIL) not in victims.named_graphs()


def test_a_tier_for_another_release_is_dropped_linked_or_not(victims, tmp_path):
    text = PREFIXES + OWN + f"""<{EVIL}> mlr:derivation [ mlr:baseModel <{GAMMA}> ] .
<{GAMMA}> mlr:accessTier tier:gated-manual .
<{ALPHA}> mlr:accessTier tier:gated-automatic .
<{ALPHA}#gate> mlr:gatingCondition <https://w3id.org/mlrelease/scheme/gating-condition/identify> .
"""
    summary = attack(victims, tmp_path / "evil.ttl", text)
    assert summary.warnings == [f"{EVIL}: statements about <{ALPHA}#gate>, <{ALPHA}>, <{GAMMA}> dropped (another "
                                "release; a record speaks only for its own release)"]


def test_a_tier_for_a_release_stored_earlier_in_the_same_run_is_dropped(victims, tmp_path):
    evil = tmp_path / "evil.ttl"
    evil.write_text(PREFIXES + OWN + f"<{EVIL}> mlr:derivation [ mlr:baseModel <{GAMMA}> ] .\n"
                    f"<{GAMMA}> mlr:accessTier tier:gated-manual .\n", encoding="utf-8")
    store = EmbeddedStore()
    store.write(GraphWrite(graphs=reference_ntriples()))
    summary = harvest([str(FIXTURES / "releases"), str(evil)], store, options())
    assert summary.warnings == [f"{EVIL}: statements about <{GAMMA}> dropped (another release; a record speaks "
                                "only for its own release)"]
    assert snapshot(store) == snapshot(victims)
    strict = harvest([str(FIXTURES / "releases"), str(evil)], EmbeddedStore(), options(strict=True))
    assert outcome(strict, EVIL)[0] == "refused"


def test_the_pack_ignores_poison_that_reached_the_store_by_other_means(victims):
    """Defence in depth: triples in a graph that is not the release's own change no answer."""
    before = snapshot(victims)
    poison = (f"<https://spdx.org/licenses/Apache-2.0> <https://w3id.org/mlrelease/vocab#commercialUseAllowed> "
              f"\"false\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n"
              f"<{GAMMA}> <https://w3id.org/mlrelease/vocab#accessTier> "
              f"<https://w3id.org/mlrelease/scheme/access-tier/gated-manual> .\n")
    victims.write(GraphWrite(graphs={release_graph("https://example.org/stray"): poison}))
    assert answers(victims) == before[1]


def test_the_pack_ignores_poison_on_a_real_server(oxigraph, tmp_path):
    server = oxigraph()
    with open_store(endpoint=server.url, timeout=30) as store:
        fill(store, FIXTURES / "releases")
        before = answers(store)
        (tmp_path / "evil.ttl").write_text(POISON, encoding="utf-8")
        summary = harvest([str(tmp_path / "evil.ttl")], store, options())
        assert outcome(summary, EVIL)[0] == "new" and len(summary.warnings) == 1
        assert answers(store) == before
        poison = (f"<https://spdx.org/licenses/Apache-2.0> <https://w3id.org/mlrelease/vocab#commercialUseAllowed> "
                  f"\"false\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n"
                  f"<{GAMMA}> <https://w3id.org/mlrelease/vocab#accessTier> "
                  f"<https://w3id.org/mlrelease/scheme/access-tier/gated-manual> .\n")
        store.write(GraphWrite(graphs={release_graph("https://example.org/stray"): poison}))
        assert answers(store) == before
        hijack = tmp_path / "hijack.ttl"
        hijack.write_text(PREFIXES + f"<{BETA}> a mlr:Release ; mlr:accessTier tier:fully-open .\n", encoding="utf-8")
        assert outcome(harvest([str(hijack)], store, options()), BETA)[0] == "conflict"
        assert answers(store) == before and contested(store, BETA) == hijack.as_uri()


# Honest records lose nothing -------------------------------------------------------------------


def test_the_fixture_releases_lose_nothing(tmp_path):
    summary = harvest([str(FIXTURES / "releases")], EmbeddedStore(), options())
    assert summary.warnings == [] and summary.ok and summary.counts["new"] == 5


def _dropped(paths: list[Path]) -> dict[str, int]:
    found: dict[str, int] = {}
    for path in paths:
        with recording() as log:
            records = mlrelease.load_all(path=path)
        assert log.manifest_releases == [str(r.iri) for r in records], path
        ruling = rule(records, log, str(path))
        assert ruling.error is None and not ruling.refused, path
        found[path.name] = sum(len(c.dropped) for _r, c in ruling.claims) + len(ruling.warnings)
    return found


def test_examples_lose_nothing():
    paths = sorted(EXAMPLES.glob("*.yaml"))
    assert len(paths) >= 12
    assert _dropped(paths) == dict.fromkeys((p.name for p in paths), 0)


def test_mof_corpus_loses_nothing():
    if not CORPUS.is_dir():
        pytest.skip(f"the MOF corpus is not at {CORPUS}")
    paths = sorted(CORPUS.glob("*.yml"))
    assert len(paths) == 273
    assert _dropped(paths) == dict.fromkeys((p.name for p in paths), 0)


# The command line ----------------------------------------------------------------------------


def test_harvest_command_reports_conflicts_and_takes_a_trust_list(tmp_path, capsys):
    store = str(tmp_path / "kg")
    assert main(["harvest", str(FIXTURES / "releases"), "--store", store, "--no-validate", "--quiet"]) == 0
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "evil.ttl").write_text(PREFIXES + OWN + f"<{BETA}> a mlr:Release ; schema:name \"Hijacked\" .\n"
                                       "spdxl:Apache-2.0 mlr:commercialUseAllowed false .\n")
    capsys.readouterr()
    assert main(["harvest", str(incoming), "--store", store, "--no-validate"]) == 1
    err = capsys.readouterr().err
    assert "trust: 1 not stored (release published by another source), 0 refused (--strict)" in err
    assert f"  conflict: {BETA} (from {incoming / 'evil.ttl'})" in err
    assert f"  warning: {EVIL}: statements about <https://spdx.org/licenses/Apache-2.0> dropped" in err
    assert main(["harvest", str(incoming), "--store", store, "--no-validate", "--strict"]) == 1
    assert f"  refused: {EVIL} (from {incoming / 'evil.ttl'})" in capsys.readouterr().err
    trust = tmp_path / "trusted-sources.txt"
    trust.write_text(f"# sources we accept moves from\n{incoming}/\n")
    assert main(["harvest", str(incoming), "--store", store, "--no-validate", "--trust-list", str(trust)]) == 0
    assert f"  warning: {BETA} moved from " in capsys.readouterr().err


def test_a_json_ld_document_of_several_releases_is_split_not_refused(tmp_path):
    doc = {"@context": {"mlr": "https://w3id.org/mlrelease/vocab#", "schema": "http://schema.org/"},
           "@graph": [{"@id": "https://example.org/c/one", "@type": "mlr:Release", "schema:name": "One"},
                      {"@id": "https://example.org/c/two", "@type": "mlr:Release", "schema:name": "Two",
                       "mlr:derivation": {"mlr:baseModel": {"@id": "https://example.org/c/one"}}}]}
    (tmp_path / "two.json").write_text(json.dumps(doc), encoding="utf-8")
    summary = harvest([str(tmp_path / "two.json")], EmbeddedStore(), options())
    assert sorted((o.release, o.status) for o in summary.outcomes) == [("https://example.org/c/one", "new"),
                                                                       ("https://example.org/c/two", "new")]
    assert summary.warnings == [] and summary.ok
