"""``query.stream`` and ``mlrelease query --limit/--offset``: rows as they come, any window of them,
and the same CSV and JSON text as the whole answer rendered at once."""

from __future__ import annotations

import io

import pytest

from mlrelease import query
from mlrelease.errors import InputError
from mlrelease.store import QueryResult

LOCAL = [q.name for q in query.queries() if not q.name.startswith("federated-")]
WINDOWS = [(None, 0), (0, 0), (1, 0), (2, 1), (None, 3), (1000, 0)]


@pytest.mark.parametrize("name", LOCAL)
def test_every_window_is_the_slice_of_the_whole_answer(pack_store, name):
    definition = query.get(name)
    whole = query.run(pack_store, definition)
    for limit, offset in WINDOWS:
        got = list(query.stream(pack_store, definition, limit=limit, offset=offset).rows)
        end = None if limit is None else offset + limit
        if "ORDER BY" in definition.text.upper():
            assert got == whole.rows[offset:end], (limit, offset)
        else:  # without ORDER BY a store may give the rows in any order: the same number, from the same set
            assert len(got) == len(whole.rows[offset:end]) and set(got) <= set(whole.rows)


@pytest.mark.parametrize("name", LOCAL)
@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_streamed_text_is_the_rendered_text(pack_store, name, fmt):
    definition = query.get(name)
    out = io.StringIO()
    n = query.write(query.stream(pack_store, definition), fmt, out)
    whole = query.run(pack_store, definition)
    assert n == len(whole.rows)
    expected = query.render(QueryResult(columns=whole.columns, rows=whole.rows), fmt)
    if "ORDER BY" in definition.text.upper():
        assert out.getvalue() == expected
    else:
        assert sorted(out.getvalue().splitlines()) == sorted(expected.splitlines())


@pytest.mark.parametrize("name", LOCAL)
def test_pages_put_together_are_the_whole_answer_in_its_order(pack_store, name):
    """Listing queries have no ORDER BY (sorting 100,000 releases by IRI is too slow; bench_queries.py):
    on the embedded store their order is stable, so --limit/--offset pages neither skip nor repeat a row."""
    definition = query.get(name)
    whole = list(query.stream(pack_store, definition).rows)
    assert list(query.stream(pack_store, definition).rows) == whole
    pages: list = []
    for offset in range(0, len(whole) + 3, 3):
        pages += query.stream(pack_store, definition, limit=3, offset=offset).rows
    assert pages == whole


def test_a_query_with_its_own_limit_is_windowed_after_it(pack_store, tmp_path):
    text = ("# title: Two releases\n# description: At most two, by IRI.\n"
            "SELECT ?r WHERE { ?r a <https://w3id.org/mlrelease/vocab#Release> } ORDER BY ?r LIMIT 2\n")
    path = tmp_path / "two.rq"
    path.write_text(text, encoding="utf-8")
    definition = query.get(str(path))
    whole = query.run(pack_store, definition).rows
    assert len(whole) == 2
    assert list(query.stream(pack_store, definition, limit=5, offset=1).rows) == whole[1:]


def test_a_negative_window_is_refused(pack_store):
    with pytest.raises(InputError):
        query.stream(pack_store, query.get(LOCAL[0]), limit=-1)


def test_cli_pages_through_an_answer(tmp_path, capsys, fixtures):
    from mlrelease.cli import main

    store = str(tmp_path / "store")
    assert main(["harvest", str(fixtures / "releases"), "--store", store, "--no-validate"]) in (0, 1)
    capsys.readouterr()
    assert main(["query", "withheld-weights", "--store", store, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 2
    assert main(["query", "withheld-weights", "--store", store, "--format", "csv", "--limit", "1",
                 "--offset", "1"]) == 0
    assert capsys.readouterr().out.splitlines() == [lines[0], lines[2]]
