"""Every document is isolated: no document, however hostile, stops or crashes a harvest.

Reading, canonicalising and checksumming happen inside the per-document boundary; a document
larger than ``Limits.max_inline_bytes`` is read in a forked child with a time and memory budget
(harvest/isolation.py), so a native abort or an overrun is reported for that document alone.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from mlrelease import Limits
from mlrelease.harvest import HarvestOptions, harvest
from mlrelease.harvest.documents import FetchOptions
from mlrelease.harvest.isolation import BudgetExceeded, run_budgeted
from mlrelease.store import EmbeddedStore, release_graph

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "hostile"
R = "https://w3id.org/mlrelease/vocab#Release"
VALID = ("gpt2.yaml", "bloom.yaml", "gpt-4.yaml")
HOSTILE_CASES = ("json-lone-surrogate", "yaml-billion-laughs", "ttl-blank-clique", "rdfxml-deep", "card-alias-bomb",
                 "nt-blank-cycle", "yaml-huge-int", "jsonld-type-scoped-bomb", "jsonld-remote-context")


def _big_record(artifacts: int) -> str:
    lines = ["identifier: org/big", "version: '1'", "license: MIT", "artifacts:"]
    for i in range(artifacts):
        lines += ["  - artifactType: model-parameters-final", f"    url: https://example.org/a/{i}",
                  f"    description: artifact number {i}"]
    return "\n".join(lines) + "\n"


def _stored(store: EmbeddedStore) -> set[str]:
    return set(store.named_graphs())


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in VALID:
        shutil.copy(ROOT / "examples" / name, folder / name)
    for case in HOSTILE_CASES:
        source = next(p for p in (HOSTILE / case).iterdir() if p.name != "expected.txt")
        shutil.copy(source, folder / f"{case}{source.suffix}")
    # Generated: deep and dense beyond what the readers accept, and large enough to be read in a child.
    (folder / "deep.ttl").write_text("<https://e.org/r> <http://e/p> " + "[ <http://e/p> " * 10_000 + "1"
                                     + " ]" * 10_000 + " .\n", encoding="utf-8")
    (folder / "clique.nt").write_text(f"<https://e.org/c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{R}> .\n"
                                      + "".join(f"_:b{i} <http://e/p> _:b{j} .\n" for i in range(250)
                                                for j in range(250) if i != j), encoding="utf-8")
    (folder / "big.yaml").write_text(_big_record(1000), encoding="utf-8")
    return folder


@pytest.mark.parametrize("workers", [1, 2])
def test_a_folder_with_hostile_files_stores_every_valid_one(tmp_path, workers):
    folder = _folder(tmp_path)
    store = EmbeddedStore()
    start = time.monotonic()
    summary = harvest([str(folder)], store, HarvestOptions(validator=None, reference=False, workers=workers))
    elapsed = time.monotonic() - start
    failed = {Path(source).name for source, _message in summary.failures}
    assert failed == {f"{c}{next(p for p in (HOSTILE / c).iterdir() if p.name != 'expected.txt').suffix}"
                      for c in HOSTILE_CASES} | {"deep.ttl", "clique.nt"}, summary.failures
    written = {o.release for o in summary.outcomes if o.status == "new"}
    assert len(written) == len(VALID) + 1  # the three examples and big.yaml (read in a child)
    assert {release_graph(r) for r in written} <= _stored(store)
    assert "https://w3id.org/mlrelease/id/org%2Fbig/1" in written
    assert elapsed < 120


def test_a_second_run_completes_too(tmp_path):
    folder = _folder(tmp_path)
    store = EmbeddedStore()
    options = HarvestOptions(validator=None, reference=False)
    first = harvest([str(folder)], store, options)
    second = harvest([str(folder)], store, options)
    assert len(second.failures) == len(first.failures)
    assert {o.status for o in second.outcomes} == {"unchanged"}


def test_a_document_over_its_budget_is_reported_and_the_run_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "gpt2.yaml", folder / "gpt2.yaml")
    (folder / "big.yaml").write_text(_big_record(5000), encoding="utf-8")
    store = EmbeddedStore()
    limits = Limits(max_seconds=0.05)  # reading 5,000 artifacts takes longer
    summary = harvest([str(folder)], store, HarvestOptions(validator=None, reference=False,
                                                          fetch=FetchOptions(limits=limits)))
    assert [Path(s).name for s, _m in summary.failures] == ["big.yaml"]
    message = summary.failures[0][1]
    assert "not read within the budget" in message and "--max-seconds" in message, message
    assert [o.status for o in summary.outcomes] == ["new"]


def test_the_budget_turns_a_native_abort_into_an_error():
    with pytest.raises(BudgetExceeded, match="SIGABRT"):
        run_budgeted(os.abort, seconds=10, memory=64 * 1024 * 1024)


def test_the_budget_stops_a_document_that_takes_too_long():
    start = time.monotonic()
    with pytest.raises(BudgetExceeded, match=r"longer than the budget of 0\.5 s"):
        run_budgeted(time.sleep, 30, seconds=0.5, memory=64 * 1024 * 1024)
    assert time.monotonic() - start < 5


def test_the_budget_stops_a_document_that_needs_too_much_memory():
    with pytest.raises(BudgetExceeded, match="memory"):
        run_budgeted(bytearray, 512 * 1024 * 1024, seconds=10, memory=64 * 1024 * 1024)


def test_the_budget_returns_the_answer_and_reports_exceptions():
    assert run_budgeted(sum, [1, 2, 3], seconds=10, memory=64 * 1024 * 1024) == 6
    with pytest.raises(BudgetExceeded, match="ZeroDivisionError"):
        run_budgeted(divmod, 1, 0, seconds=10, memory=64 * 1024 * 1024)
