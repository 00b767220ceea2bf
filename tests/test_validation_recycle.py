"""Regression: the compiled engine's shared reference store is replaced after enough data went through it.

pyoxigraph's in-memory store keeps removed quads and their strings, so a store that every validation
loads its data into and removes it from grew with each validation (2 GiB per worker after 25 chunks
of 2,000 releases in ``validate_chunks``). The store is now rebuilt from the reference's text after
``RECYCLE_AFTER_BYTES`` of data; the findings must not change.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import mlrelease
from mlrelease.validation import compiled
from mlrelease.validation.compiled import CompiledEngine, reference_store
from mlrelease.validation.profiles import check_profiles, combined_shapes, reference_graph

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _findings(text: str) -> list[tuple]:
    chosen = check_profiles(["core", "consistency"])
    found, releases = CompiledEngine().validate_text(text, combined_shapes(chosen), reference_graph())
    return [*sorted((f.release, f.focus, f.path, f.shape, f.severity, f.message, f.value) for f in found), releases]


def test_the_shared_store_is_rebuilt_after_enough_data_and_the_findings_stay(monkeypatch):
    text = mlrelease.load(path=EXAMPLES / "gpt2.yaml").graph.serialize(format="nt")
    first = _findings(text)
    monkeypatch.setattr(compiled, "RECYCLE_AFTER_BYTES", 2 * len(text.encode("utf-8")), raising=False)
    reference = reference_graph()
    stores = []
    for _ in range(6):
        stores.append(reference_store(reference))
        assert _findings(text) == first
    # A store serves while at most RECYCLE_AFTER_BYTES (two texts) went through it, so at most three
    # validations in a row, then a fresh one takes over.
    runs = [1]
    for before, after in itertools.pairwise(stores):
        runs[-1:] = [runs[-1] + 1] if after is before else [runs[-1], 1]
    assert len(runs) >= 2 and max(runs) <= 3, runs
    assert all(len(s) == len(stores[0]) for s in stores)  # each holds the reference graph, nothing else
