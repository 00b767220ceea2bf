"""The harvest and query commands, run as a user runs them."""

from __future__ import annotations

import csv
import io
import json

import pytest
from kg_support import FIXTURES, free_port

from mlrelease import query as pack
from mlrelease.cli import cli, main
from mlrelease.cli.harvest import harvest
from mlrelease.cli.query import query

for command in (harvest, query):  # registered by mlrelease.cli once the lead wires them in
    if command.name not in cli.commands:
        cli.add_command(command)

RELEASES = str(FIXTURES / "releases")


def test_list_shows_every_query_with_its_description(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    for q in pack.queries():
        assert f"{q.name}\n  {q.title}\n  {q.description}\n" in out
    assert "  --param publisher (iri, optional): only the releases of this publisher" in out


def test_harvest_then_query_an_on_disk_store(tmp_path, capsys):
    store = str(tmp_path / "kg")
    assert main(["harvest", RELEASES, "--store", store, "--no-validate"]) == 0
    err = capsys.readouterr().err
    assert f"harvest into {store}: 2 documents read in " in err
    assert "  releases: 5 new, 0 replaced, 0 unchanged, 0 rejected by validation" in err
    assert (tmp_path / "kg.harvest-journal.jsonl").is_file()

    assert main(["query", "withheld-weights", "--store", store, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["release", "name", "publisher", "artifactType", "reason", "source"]
    assert [r[0] for r in rows[1:]] == ["https://example.org/a/gamma-1.0", "https://example.org/b/delta-1.0"]

    assert main(["query", "credit-roles", "--store", store, "--param", "role=resources", "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["head"]["vars"] == ["release", "agent", "agentName", "role", "degree"]
    assert [b["agent"]["value"] for b in answer["results"]["bindings"]] == ["https://ror.org/00b0b0b02"]

    assert main(["query", "gated-releases", "--store", store]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split() == ["release", "accessTier", "condition", "excludedRegion", "source"]
    assert "https://example.org/a/beta-2.0   access-tier/gated-manual     gating-condition/affiliation" in table
    assert table.endswith("(3 rows)\n")


def test_harvest_answers_queries_at_once(capsys):
    assert main(["harvest", RELEASES, "--no-validate", "--quiet", "-q", "incomplete-staged-releases"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Staged releases still incomplete\nrelease ")
    assert "(2 rows)" in out


def test_harvest_and_query_a_server(oxigraph, capsys, tmp_path):
    server = oxigraph()
    assert main(["harvest", RELEASES, "--endpoint", server.url, "--no-validate", "--quiet",
                 "--journal", str(tmp_path / "journal.jsonl")]) == 0
    assert main(["query", "risk-assessments", "--endpoint", server.url, "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\r\n") == 3


def test_query_needs_a_store(capsys):
    assert main(["query", "withheld-weights"]) == 2
    assert "give the store to ask: --store PATH or --endpoint URL" in capsys.readouterr().err


def test_bad_param_syntax(tmp_path, capsys):
    assert main(["query", "withheld-weights", "--store", str(tmp_path), "--param", "publisher"]) == 2
    assert "--param takes NAME=VALUE, got 'publisher'" in capsys.readouterr().err


def test_unreachable_endpoint_is_a_clear_error(capsys, tmp_path):
    url = f"http://127.0.0.1:{free_port()}"
    assert main(["harvest", RELEASES, "--endpoint", url, "--no-validate", "--journal", str(tmp_path / "j")]) == 2
    err = capsys.readouterr().err
    assert f"mlrelease: error: {url}: cannot connect" in err
    assert "; nothing was harvested or written\n  hint: is the server running" in err


def test_unreadable_sources_exit_1(tmp_path, capsys):
    (tmp_path / "bad.ttl").write_text("this is not turtle\n")
    (tmp_path / "good.yaml").write_text("identifier: org/good\nversion: '1'\n")
    assert main(["harvest", str(tmp_path), "--no-validate"]) == 1
    assert f"  unreadable: {tmp_path / 'bad.ttl'}:1:1: turtle syntax error" in capsys.readouterr().err


def test_no_readable_source_exits_2(tmp_path, capsys):
    (tmp_path / "bad.ttl").write_text("this is not turtle\n")
    assert main(["harvest", str(tmp_path), "--no-validate"]) == 2
    err = capsys.readouterr().err
    assert f"  unreadable: {tmp_path / 'bad.ttl'}:1:1: turtle syntax error" in err
    assert "mlrelease: error: no source could be read (1 unreadable; see above)" in err


@pytest.mark.parametrize("name", ["withheld-weights", "federated-access-tiers"])
def test_query_file_path_works_like_a_name(tmp_path, capsys, name):
    store = str(tmp_path / "kg")
    assert main(["harvest", RELEASES, "--store", store, "--no-validate", "--quiet"]) == 0
    path = pack.get(name).path
    if name.startswith("federated"):
        assert main(["query", str(path), "--store", store]) == 2
        assert "needs --param endpoint" in capsys.readouterr().err
    else:
        assert main(["query", str(path), "--store", store, "--format", "csv"]) == 0
        assert capsys.readouterr().out.startswith("release,name,publisher,artifactType,reason,source\r\n")
