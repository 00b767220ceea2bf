"""Wrong input gives an error before anything runs, not a wrong answer (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlrelease.cli import main
from mlrelease.query.format import fit_widths, table
from mlrelease.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]


def test_an_unknown_code_in_a_query_parameter_is_exit_2_with_suggestions(tmp_path, capsys):
    assert main(["query", "credit-roles", "--store", str(tmp_path / "none"), "--param", "role=softwares"]) == 2
    err = capsys.readouterr().err
    assert "mlrelease: error: parameter role: 'softwares' is not a code of the contributor-role scheme" in err
    assert "hint: did you mean: software" in err


def test_a_known_code_is_accepted(tmp_path, capsys):
    store = tmp_path / "kg"
    assert main(["harvest", str(ROOT / "examples" / "gpt2.yaml"), "--store", str(store), "--quiet"]) == 0
    assert main(["query", "credit-roles", "--store", str(store), "--param", "role=software", "-f", "csv"]) == 0
    assert "contributor-role/software" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["harvest", str(ROOT / "examples" / "gpt2.yaml"), "--profile", "bogus"],
    ["harvest", str(ROOT / "examples" / "gpt2.yaml"), "--engine", "bogus"],
    ["validate", str(ROOT / "examples" / "gpt2.yaml"), "--profile", "bogus"],
    ["validate", str(ROOT / "examples" / "gpt2.yaml"), "--engine", "bogus"],
])
def test_unknown_profiles_and_engines_are_usage_errors(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("mlrelease: error: ") and "bogus" in err
    assert "harvest: " not in err  # nothing was harvested


def test_a_sparql_syntax_error_names_the_query_file_and_line(tmp_path, capsys):
    store = EmbeddedStore(tmp_path / "kg")
    store.close()
    query = tmp_path / "broken.rq"
    query.write_text("# title: broken\nSELECT ?x WHERE {\n  ?x ?y\n}\n", encoding="utf-8")
    assert main(["query", str(query), "--store", str(tmp_path / "kg")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mlrelease: error: {query}:"), err
    assert "the query is not valid SPARQL" in err
    assert "kg:" not in err  # not blamed on the store


def test_tables_fit_the_width_with_an_ellipsis_and_wide_shows_them_whole():
    store = EmbeddedStore()
    store.update("INSERT DATA { <https://example.org/" + "x" * 200 + "> <https://example.org/p> 'v' }")
    result = store.query("SELECT ?s ?o WHERE { ?s ?p ?o }")
    cut = table(result, width=60)
    assert all(len(line) <= 60 for line in cut.splitlines())
    assert "\u2026" in cut
    assert "x" * 200 in table(result)
    assert fit_widths([10, 60, 30], 60) == [10, 23, 23]


def test_harvest_checks_its_queries_before_harvesting(tmp_path, capsys):
    query = tmp_path / "broken.rq"
    query.write_text("# title: broken\nSELECT ?x WHERE {\n  ?x ?y\n}\n", encoding="utf-8")
    assert main(["harvest", str(ROOT / "examples" / "gpt2.yaml"), "-q", str(query)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mlrelease: error: {query}:") and "harvest into" not in err
