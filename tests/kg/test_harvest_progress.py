"""``harvest(..., on_progress=...)``: the stable progress interface, called with (done, total)."""

from __future__ import annotations

import pytest

from mlrelease.harvest import HarvestOptions, harvest
from mlrelease.store import EmbeddedStore


@pytest.fixture
def folder(tmp_path):
    for k in range(5):
        (tmp_path / f"m{k}.yaml").write_text(f"identifier: org/m{k}\nversion: '1.0'\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("identifier: [\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_counts_every_document_up_to_the_total(folder, workers):
    calls: list[tuple[int, int | None]] = []
    sources = [str(folder), str(folder / "missing.yaml")]
    options = HarvestOptions(validator=None, reference=False, workers=workers)
    summary = harvest(sources, EmbeddedStore(), options, on_progress=lambda done, total: calls.append((done, total)))
    assert calls == [(k, 7) for k in range(8)]  # 5 manifests, a broken one, a missing path
    assert summary.documents == 6 and len(summary.failures) == 2


def test_documents_skipped_by_the_journal_count_as_done(folder, tmp_path_factory):
    journal = tmp_path_factory.mktemp("journal") / "journal.jsonl"
    store = EmbeddedStore()
    options = HarvestOptions(validator=None, reference=False, journal=str(journal))
    harvest([str(folder)], store, options)
    calls: list[tuple[int, int | None]] = []
    summary = harvest([str(folder)], store, options, on_progress=lambda done, total: calls.append((done, total)))
    assert summary.skipped_documents == 5
    assert calls == [(k, 6) for k in range(7)]


def test_the_total_is_unknown_for_an_oai_source(folder):
    calls: list[tuple[int, int | None]] = []
    harvest(["oai+http://127.0.0.1:9/oai", str(folder)], EmbeddedStore(),
            HarvestOptions(validator=None, reference=False), on_progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, None) and calls[-1] == (7, None)
