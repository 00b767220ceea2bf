"""The embedded store: graphs replaced whole in one transaction, catalogue beside them, on disk or not."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from mlrelease.errors import InputError, StoreError
from mlrelease.store import CATALOGUE_GRAPH, EmbeddedStore, GraphWrite, release_graph, release_of_graph
from mlrelease.store.graphs import sparql_iri, staging_graph

G = release_graph("https://example.org/r/1")
NT1 = ('<https://example.org/r/1> <http://schema.org/name> "One" .\n'
       '<https://example.org/r/1> <http://schema.org/version> "1" .\n')
NT2 = '<https://example.org/r/1> <http://schema.org/name> "One, renamed" .\n'


def test_graph_iri_round_trips_and_is_safe_to_write():
    iri = "https://example.org/a b>\"{}"
    graph = release_graph(iri)
    assert release_of_graph(graph) == iri
    assert sparql_iri(graph) == f"<{graph}>"
    with pytest.raises(ValueError, match="not a graph IRI minted by mlrelease"):
        sparql_iri("https://example.org/x> } ; DROP ALL ; #")


def test_write_replaces_the_whole_graph():
    store = EmbeddedStore()
    store.write(GraphWrite(graphs={G: NT1}))
    store.write(GraphWrite(graphs={G: NT2}))
    rows = store.query(f"SELECT ?p ?o WHERE {{ GRAPH {sparql_iri(G)} {{ ?s ?p ?o }} }}").values()
    assert rows == [("http://schema.org/name", "One, renamed")]


def test_empty_graph_text_drops_the_graph():
    store = EmbeddedStore()
    store.write(GraphWrite(graphs={G: NT1}))
    store.write(GraphWrite(graphs={G: ""}))
    assert G not in store.named_graphs()


def test_catalogue_entries_are_swapped_not_added():
    store = EmbeddedStore()
    entry = f'<{G}> <http://purl.org/dc/terms/source> "{{}}" .\n'
    store.write(GraphWrite(graphs={G: NT1}, catalogue_subjects=[G], catalogue=entry.format("first")))
    store.write(GraphWrite(graphs={G: NT2}, catalogue_subjects=[G], catalogue=entry.format("second")))
    rows = store.query(f"SELECT ?o WHERE {{ GRAPH {sparql_iri(CATALOGUE_GRAPH)} {{ ?s ?p ?o }} }}").values()
    assert rows == [("second",)]
    assert not [g for g in store.named_graphs() if "/staging/" in g]


def test_blank_nodes_are_never_shared_between_graphs():
    store = EmbeddedStore()
    g2 = release_graph("https://example.org/r/2")
    text = '_:b <http://e.org/p> "{}" .\n'
    store.write(GraphWrite(graphs={G: text.format(1), g2: text.format(2)}))
    assert len(store.query("SELECT DISTINCT ?b WHERE { ?b <http://e.org/p> ?o }").rows) == 2


def test_leftover_staging_graphs_are_dropped(tmp_path):
    store = EmbeddedStore()
    store._store.add(ox.Quad(ox.NamedNode("https://e.org/s"), ox.NamedNode("https://e.org/p"), ox.Literal("x"),
                             ox.NamedNode(staging_graph(G, "abc123"))))
    assert store.drop_staging() == 1
    assert store.named_graphs() == set()


def test_bad_ntriples_change_nothing():
    store = EmbeddedStore()
    store.write(GraphWrite(graphs={G: NT1}))
    g2 = release_graph("https://example.org/r/2")
    with pytest.raises(InputError, match="cannot store a graph"):
        store.write(GraphWrite(graphs={g2: NT2, G: "<https://e.org/s> <https://e.org/p> oops ."}))
    assert store.count_triples(G) == 2
    assert g2 not in store.named_graphs()


def test_on_disk_store_persists_and_opens_read_only(tmp_path):
    path = tmp_path / "kg"
    with EmbeddedStore(path) as store:
        store.write(GraphWrite(graphs={G: NT1}))
    reader = EmbeddedStore(path, read_only=True)
    assert reader.count_triples(G) == 2
    reader.close()


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        EmbeddedStore(tmp_path / "missing", read_only=True)


def test_bindings_are_substituted_and_must_be_result_columns():
    store = EmbeddedStore()
    store.write(GraphWrite(graphs={G: NT1}))
    q = "SELECT ?s ?name WHERE { ?s <http://schema.org/name> ?name }"
    assert store.query(q, {"name": ox.Literal("One")}).values() == [("https://example.org/r/1", "One")]
    with pytest.raises(InputError, match="a parameter must be one of the query's result columns"):
        store.query("SELECT ?s WHERE { ?s <http://schema.org/name> ?name }", {"name": ox.Literal("One")})


def test_invalid_sparql_is_an_input_error():
    with pytest.raises(InputError, match="not valid SPARQL"):
        EmbeddedStore().query("SELECT WHERE {")


@pytest.mark.parametrize("on_disk", [False, True], ids=["memory", "disk"])
def test_fresh_graphs_are_bulk_loaded_with_their_catalogue_or_not_at_all(tmp_path, on_disk):
    store = EmbeddedStore(tmp_path / "kg" if on_disk else None)
    g2 = release_graph("https://example.org/r/2")
    entry = f"<{G}> <http://purl.org/dc/terms/source> <https://example.org/src> .\n"
    with pytest.raises(InputError, match="cannot store a graph"):
        store.write(GraphWrite(graphs={G: NT1, g2: "<https://e.org/s> <https://e.org/p> oops .\n"},
                               catalogue=entry, fresh={G, g2}))
    assert store.named_graphs() == set()
    store.write(GraphWrite(graphs={G: NT1, g2: NT2.replace("r/1", "r/2")}, catalogue=entry, fresh={G, g2}))
    assert store.named_graphs() == {G, g2, CATALOGUE_GRAPH}
    assert store.count_triples(G) == 2 and store.count_triples(CATALOGUE_GRAPH) == 1


def test_named_graphs_lists_only_graphs_holding_a_quad_as_the_query_does():
    from mlrelease.store.base import Store

    store = EmbeddedStore()
    g2 = release_graph("https://example.org/r/2")
    store.write(GraphWrite(graphs={G: NT1, g2: NT2.replace("r/1", "r/2")}))
    store._store.add(ox.Quad(ox.NamedNode("https://e.org/s"), ox.NamedNode("https://e.org/p"), ox.Literal("x"),
                             ox.NamedNode("https://example.org/not-ours")))
    store.update(f"DELETE WHERE {{ GRAPH {sparql_iri(g2)} {{ ?s ?p ?o }} }}")  # emptied, may stay listed
    assert store.named_graphs() == Store.named_graphs(store) == {G}


def test_nquads_of_harvest_lines_are_those_of_any_ntriples():
    from mlrelease.store.embedded import _as_nquads

    lines = NT1 + '<https://e.org/s> <https://e.org/p> "a .\\nb" .\n'
    messy = "  " + lines.replace(" .\n", "  . \n\n")
    assert _as_nquads(lines, G) == _as_nquads(messy, G)
    assert _as_nquads(lines, G).count(f" <{G}> .\n") == 3
