"""Harvest validates the records of a chunk of documents in one call; each record's outcome (kept or
kept out, with its messages) is what validating it alone gives."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

import mlrelease
from mlrelease.harvest import HarvestOptions, harvest
from mlrelease.harvest.documents import Document
from mlrelease.harvest.prepare import prepare_batch
from mlrelease.store import EmbeddedStore

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _manifests(n: int) -> list[dict]:
    sys.path.insert(0, str(BENCH))
    try:
        from _generate import manifest
    finally:
        sys.path.remove(str(BENCH))
    docs = [manifest(i, 6) for i in range(n)]
    for k, doc in enumerate(docs):  # every third record fails core, in a different way
        if k % 3 == 1:
            doc.pop("publisher", None)
        elif k % 3 == 2:
            doc.pop("accessTier", None)
    return docs


@pytest.fixture
def folder(tmp_path):
    for k, doc in enumerate(_manifests(12)):
        (tmp_path / f"r{k:02}.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("engine", ["compiled", "pyshacl"])
def test_batch_outcomes_are_the_record_by_record_outcomes(folder, engine):
    summary = harvest([str(folder)], EmbeddedStore(), HarvestOptions(reference=False, engine=engine,
                                                                     profiles=("core", "recommended")))
    got = {(o.release, o.status, tuple(o.messages)) for o in summary.outcomes}
    expected = set()
    for path in sorted(folder.glob("*.yaml")):
        record = mlrelease.load(path)
        report = mlrelease.validate(record, profiles=("core", "recommended"), engine=engine)
        messages = tuple(sorted({f.message for f in report.findings if f.severity == "Violation"})[:5])
        expected.add((str(record.iri), "new" if report.conforms else "invalid", messages))
    assert got == expected
    assert {s for _r, s, _m in got} == {"new", "invalid"}


def test_one_engine_call_per_chunk(folder, monkeypatch):
    from mlrelease.validation.compiled import CompiledEngine

    docs = [Document(source=str(p), text=p.read_text(encoding="utf-8"), digest=str(k), name=p.name)
            for k, p in enumerate(sorted(folder.glob("*.yaml")))]
    calls: list[str] = []

    def per_record(record, profiles=("core",)):  # a validator of one record, as tests and plugins write
        calls.append(str(record.iri))
        return mlrelease.validate(record, profiles=profiles)

    prepare_batch(docs, validator=per_record, profiles=("core",))
    assert len(calls) == 12  # called per record, as before

    engine_calls: list[int] = []
    real = CompiledEngine.validate_text

    def spy(self, data, shapes, reference, format):
        engine_calls.append(len(data))
        return real(self, data, shapes, reference, format)

    monkeypatch.setattr(CompiledEngine, "validate_text", spy)
    prepared = prepare_batch(docs, validator=mlrelease.validate, profiles=("core",))
    assert len(engine_calls) == 1  # the chunk's N-Triples text, in one call (no rdflib graph of the batch)
    assert [r.conforms for p in prepared for r in p.records] == [k % 3 == 0 for k in range(12)]
