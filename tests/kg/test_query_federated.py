"""Federated queries across two institutions, each with its own Oxigraph server."""

from __future__ import annotations

import pytest
from kg_support import FIXTURES, fill

from mlrelease import query
from mlrelease.store import EmbeddedStore, RemoteStore

A_RELEASES = FIXTURES / "releases" / "institute-a.ttl"
B_RELEASES = FIXTURES / "releases" / "institute-b.ttl"
OPENRAIL = "https://w3id.org/mlrelease/license/bigscience-openrail-m"


@pytest.fixture
def institutions(oxigraph):
    a, b = oxigraph("a"), oxigraph("b")
    for server, releases in ((a, A_RELEASES), (b, B_RELEASES)):
        with RemoteStore(server.url, timeout=10) as store:
            fill(store, releases)
    return a, b


def test_rail_derivatives_need_both_institutions(institutions):
    a, b = institutions
    both = f"{a.query_url},{b.query_url}"
    result = query.run(EmbeddedStore(), query.get("federated-rail-derivatives"),
                       {"derivedAt": both, "baseAt": both})
    assert result.values() == [
        (a.query_url, "https://example.org/a/beta-2.0", "https://example.org/models/bloom", b.query_url, OPENRAIL,
         "true"),
        (a.query_url, "https://example.org/a/gamma-1.0", "https://example.org/b/bloom-1.0", b.query_url, OPENRAIL,
         "false"),
    ]
    # Either institution alone cannot answer: A holds the derivatives, B the RAIL base.
    for only in (a, b):
        alone = query.run(EmbeddedStore(), query.get("federated-rail-derivatives"),
                          {"derivedAt": only.query_url, "baseAt": only.query_url})
        assert alone.rows == []


def test_federated_query_asked_of_one_institutions_server(institutions):
    a, b = institutions
    with RemoteStore(a.url, timeout=10) as at_a:
        result = query.run(at_a, query.get("federated-access-tiers"), {"endpoint": f"{a.query_url},{b.query_url}"})
    tier = "https://w3id.org/mlrelease/scheme/access-tier/"
    assert result.values() == sorted([  # ordered by endpoint URL, and the ports are random
        (a.query_url, "https://ror.org/00a0a0a01", tier + "fully-open", "1"),
        (a.query_url, "https://ror.org/00a0a0a01", tier + "gated-manual", "1"),
        (a.query_url, "https://ror.org/00a0a0a01", tier + "staged", "1"),
        (b.query_url, "https://ror.org/00b0b0b02", tier + "api", "1"),
        (b.query_url, "https://ror.org/00b0b0b02", tier + "gated-automatic", "1"),
    ])


def test_service_endpoints_must_be_http_urls():
    from mlrelease.errors import InputError

    with pytest.raises(InputError, match="parameter endpoint"):
        query.run(EmbeddedStore(), query.get("federated-access-tiers"), {"endpoint": "file:///etc/passwd"})
