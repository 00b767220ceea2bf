"""Serialising terms for SPARQL text, and the tokenizer that places BINDs and expands SERVICE."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from mlrelease.errors import InputError
from mlrelease.store.sparql_text import expand_services, inject_binds, service_blocks, where_group_start
from mlrelease.store.terms import sparql_term


@pytest.mark.parametrize(("value", "text"), [
    ('nobody" || true) } #', '"nobody\\" || true) } #"'),
    ("a\\u0022b", '"a\\\\u0022b"'),
    ("two\nlines\r\tx", '"two\\nlines\\r\\tx"'),
    ("café ☕", '"café ☕"'),
])
def test_literals_are_escaped(value, text):
    assert sparql_term(ox.Literal(value)) == text


def test_typed_and_tagged_literals():
    assert sparql_term(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))) == \
        '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert sparql_term(ox.Literal("x", language="en")) == '"x"@en'


@pytest.mark.parametrize("iri", ["javascript:alert(1)", "file:///etc/passwd", "https://e.org/\u202eevil"])
def test_unsafe_iris_are_refused(iri):
    with pytest.raises(ValueError):
        sparql_term(ox.NamedNode(iri))


def test_control_characters_and_blank_nodes_are_refused():
    with pytest.raises(ValueError, match="control character U\\+0007"):
        sparql_term(ox.Literal("bell\x07"))
    with pytest.raises(ValueError, match="only IRIs and literals"):
        sparql_term(ox.BlankNode("b"))


def test_where_group_skips_strings_iris_and_comments():
    q = 'PREFIX e: <http://e.org/{x}#> # WHERE { not here\nSELECT ("{" AS ?x) WHERE { ?s ?p "}" }'
    assert q[where_group_start(q) - 7:where_group_start(q)] == "WHERE {"
    assert where_group_start("ASK { ?s ?p ?o }") == 5


def test_update_has_no_where_group():
    with pytest.raises(InputError, match="no WHERE group"):
        where_group_start("INSERT DATA { <a:b> <a:c> <a:d> }")


def test_binds_go_first_in_the_where_group():
    assert inject_binds("SELECT ?a WHERE { ?a ?p ?o }", {"a": "<http://e.org/x>"}) == \
        "SELECT ?a WHERE { BIND(<http://e.org/x> AS ?a) ?a ?p ?o }"
    with pytest.raises(ValueError, match="invalid variable name"):
        inject_binds("SELECT ?a WHERE { }", {"a) } #": "1"})


def test_service_blocks_expand_to_one_branch_per_endpoint():
    q = "SELECT * WHERE { SERVICE ?e { ?s ?p ?o } }"
    assert [b.var for b in service_blocks(q)] == ["e"]
    out = expand_services(q, {"e": ["<http://a/q>", "<http://b/q>"]})
    assert out == ("SELECT * WHERE { { SERVICE <http://a/q> { ?s ?p ?o } BIND(<http://a/q> AS ?e) } UNION "
                   "{ SERVICE <http://b/q> { ?s ?p ?o } BIND(<http://b/q> AS ?e) } }")
