"""The query pack: every query has a header and an exact expected result on the fixture graphs.

Expected tables are golden files, tests/golden/query-pack/<case>/expected.tsv (tab-separated,
empty for unbound); the fixture graphs they are computed on are in tests/kg/fixtures/. To
regenerate them on purpose: pytest --regen-golden tests/kg/test_query_pack.py (and review the diff).
"""

from __future__ import annotations

import pytest
from golden_files import Golden
from kg_support import FIXTURES

from mlrelease import query
from mlrelease.errors import InputError
from mlrelease.store import QueryResult

SUITE = "query-pack"
LOCAL = [q.name for q in query.queries() if not q.name.startswith("federated-")]

#: (query, parameters, golden case): every local query once without parameters, plus cases that
#: exercise each parameter.
CASES = [(name, {}, name) for name in LOCAL] + [
    ("withheld-weights", {"publisher": "https://ror.org/00b0b0b02"}, "withheld-weights--publisher-b"),
    ("open-source-claims", {"claim": "open-weights"}, "open-source-claims--claim-open-weights"),
    ("access-tiers-by-institution", {"publisher": "https://ror.org/00a0a0a01"},
     "access-tiers-by-institution--publisher-a"),
    ("license-families-by-institution", {"publisher": "https://ror.org/00b0b0b02"},
     "license-families-by-institution--publisher-b"),
    ("credit-roles", {"role": "software"}, "credit-roles--role-software"),
    ("credit-roles", {"agent": "https://ror.org/00b0b0b02", "role": "resources"},
     "credit-roles--agent-b-role-resources"),
    ("openness-classes", {"release": "https://example.org/b/bloom-1.0"}, "openness-classes--release-bloom"),
    ("osaid-conformance", {"conformant": "true"}, "osaid-conformance--conformant-true"),
]


FIXTURES_URI = FIXTURES.resolve().as_uri()


def to_tsv(columns: list[str], rows: list[tuple[str | None, ...]]) -> str:
    """Tab-separated values; file URIs of the fixtures folder are written as file://FIXTURES."""
    lines = ["\t".join(columns)]
    lines += ["\t".join("" if v is None else v.replace(FIXTURES_URI, "file://FIXTURES") for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def check_golden(golden: Golden, case: str, columns: list[str], rows: list[tuple[str | None, ...]]) -> None:
    """The table against tests/golden/query-pack/<case>/expected.tsv."""
    __tracebackhide__ = True
    golden.check(SUITE, case, to_tsv(columns, rows), "tsv")


def table(name: str, result: QueryResult) -> list[tuple[str | None, ...]]:
    """The rows to compare: as given when the query orders them, else sorted (listing queries give
    their rows in the store's order, which differs between stores; the expected tables are sorted)."""
    rows = result.values()
    if "ORDER BY" in query.get(name).text.upper():
        return rows
    return sorted(rows, key=lambda row: tuple("" if v is None else v for v in row))


@pytest.mark.parametrize(("name", "params", "expected"), CASES, ids=[c[2] for c in CASES])
def test_query_gives_the_expected_table(pack_store, golden, name, params, expected):
    result = query.run(pack_store, query.get(name), params)
    check_golden(golden, expected, result.columns, table(name, result))


def test_every_local_query_has_a_case():
    assert {c[0] for c in CASES} == set(LOCAL)


@pytest.mark.parametrize("q", query.queries(), ids=lambda q: q.name)
def test_header_is_complete(q):
    assert q.title and q.title != q.name
    assert q.description.endswith(".")
    assert q.columns, "the header lists the result columns"
    assert all(text for _, text in q.columns)
    for p in q.params:
        assert p.description
        if p.type != "services":
            assert p.name in q.column_names, "a scalar parameter must be a result column (it is bound by substitution)"


@pytest.mark.parametrize("name", LOCAL)
def test_declared_columns_are_the_result_columns(pack_store, name):
    q = query.get(name)
    assert query.run(pack_store, q).columns == q.column_names


def test_every_competency_question_has_a_query():
    names = {q.name for q in query.queries()}
    assert {"withheld-weights", "open-source-claims", "gated-releases", "access-tiers-by-institution",
            "license-families-by-institution", "rail-derivatives", "credit-roles", "risk-assessments",
            "incomplete-staged-releases", "openness-classes", "federated-access-tiers",
            "federated-rail-derivatives"} <= names


def test_unknown_query_names_the_closest():
    with pytest.raises(InputError, match="no query named 'withheld-weight'") as info:
        query.get("withheld-weight")
    assert "withheld-weights" in str(info.value)


def test_unknown_parameter_is_refused(pack_store):
    with pytest.raises(InputError, match="has no parameter 'publsher'"):
        query.run(pack_store, query.get("withheld-weights"), {"publsher": "https://ror.org/x"})


def test_parameter_of_the_wrong_type_is_refused(pack_store):
    with pytest.raises(InputError, match="parameter role: not a code of the contributor-role scheme"):
        query.run(pack_store, query.get("credit-roles"), {"role": "Software Dev"})
    with pytest.raises(InputError, match="parameter publisher"):
        query.run(pack_store, query.get("withheld-weights"), {"publisher": "not an iri"})


def test_federated_query_needs_endpoints(pack_store):
    with pytest.raises(InputError, match="needs --param endpoint"):
        query.run(pack_store, query.get("federated-access-tiers"))


def test_fixed_service_endpoint_is_refused(pack_store, tmp_path):
    rq = tmp_path / "leak.rq"
    rq.write_text("# title: Leak\n# description: x.\n# column s: s\n"
                  "SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }\n")
    with pytest.raises(InputError, match="SERVICE with a fixed endpoint is refused"):
        query.run(pack_store, query.read(rq))


def test_header_format_errors_say_where(tmp_path):
    rq = tmp_path / "bad.rq"
    rq.write_text("# title: Bad\n# param x (colour): a colour\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(InputError, match="parameter x has an unknown type 'colour'") as info:
        query.read(rq)
    assert info.value.location == f"{rq}:2"
    rq.write_text("# title: Bad\n# whatever this is\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(InputError, match="not a header line: 'whatever this is'"):
        query.read(rq)
