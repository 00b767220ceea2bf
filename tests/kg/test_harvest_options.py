"""The journal remembers the options: harvesting again with other options re-evaluates.

Real harvest runs (the real validator) into an on-disk store and journal in ``tmp_path``: a run
with ``--keep-invalid``, ``--no-validate`` or ``--profile all`` after a first run must not answer
"unchanged" from the journal, and the summary says why each record was or was not re-written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mlrelease._version import __version__
from mlrelease.harvest import HarvestOptions, HarvestSummary, harvest
from mlrelease.harvest.evaluation import rules_version
from mlrelease.store import EmbeddedStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
VALID = "https://github.com/openai/gpt-2"
INVALID = "https://w3id.org/mlrelease/id/org%2Fm/1.0"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(EXAMPLES / "gpt2.yaml", folder / "gpt2.yaml")  # passes core, fails cris (no pid)
    (folder / "tiny.yaml").write_text("identifier: org/m\nversion: '1.0'\n", encoding="utf-8")  # fails core
    return folder


def run(folder: Path, tmp_path: Path, **options: object) -> HarvestSummary:
    store = EmbeddedStore(tmp_path / "kg")
    try:
        return harvest([str(folder)], store, HarvestOptions(journal=str(tmp_path / "journal.jsonl"),
                                                            reference=False, **options))  # type: ignore[arg-type]
    finally:
        store.close()


def outcome(summary: HarvestSummary, release: str) -> tuple[str, str]:
    (found,) = [(o.status, o.reason) for o in summary.outcomes if o.release == release]
    return found


def test_changed_options_re_evaluate_and_the_summary_says_why(folder: Path, tmp_path: Path) -> None:
    first = run(folder, tmp_path)
    assert outcome(first, VALID) == ("new", "not in the store")
    assert outcome(first, INVALID)[0] == "invalid"

    again = run(folder, tmp_path)
    assert again.skipped_documents == 2
    assert outcome(again, VALID) == ("unchanged", "same content and options as the journalled run")

    kept = run(folder, tmp_path, keep_invalid=True)
    assert kept.skipped_documents == 0
    assert outcome(kept, INVALID) == ("kept-invalid", "re-evaluated: options changed (keep-invalid off → on)")
    assert outcome(kept, VALID) == ("unchanged", "same content as stored; re-evaluated: options changed "
                                                 "(keep-invalid off → on), nothing to re-write")
    assert "  re-evaluated: options changed (keep-invalid off → on): 1 release(s)\n" in kept.text()

    unvalidated = run(folder, tmp_path, validator=None)
    assert unvalidated.skipped_documents == 0
    assert outcome(unvalidated, VALID) == ("unchanged", "same content as stored; re-evaluated: options changed "
                                                        "(validation on → off; keep-invalid on → off), "
                                                        "nothing to re-write")

    strict = run(folder, tmp_path, profiles=("all",))
    assert strict.skipped_documents == 0
    status, reason = outcome(strict, VALID)  # checked against every profile now, not "unchanged"
    assert (status, reason) == ("invalid", "re-evaluated: options changed (validation off → on)")
    (messages,) = [o.messages for o in strict.outcomes if o.release == VALID]
    assert any("persistent identifier" in m for m in messages)

    lines = [json.loads(line) for line in (tmp_path / "journal.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[-1]["kind"] == "doc"
    assert lines[-1]["options"] == {"validate": True, "profiles": ["all"], "keepInvalid": False,
                                    "tool": rules_version()}


def test_a_journal_without_options_re_evaluates(folder: Path, tmp_path: Path) -> None:
    run(folder, tmp_path)
    journal = tmp_path / "journal.jsonl"
    old = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()]
    for line in old:
        line.pop("options", None)  # as an older mlrelease wrote it
    journal.write_text("".join(json.dumps(line) + "\n" for line in old), encoding="utf-8")
    summary = run(folder, tmp_path)
    assert summary.skipped_documents == 0
    assert outcome(summary, VALID) == ("unchanged", "same content as stored; re-evaluated: options changed "
                                                    "(options not journalled), nothing to re-write")


def test_other_rules_re_evaluate_a_rejected_record(folder: Path, tmp_path: Path) -> None:
    """Regression: a record rejected under older shapes was "unchanged" forever (the key was the version only)."""
    run(folder, tmp_path)
    journal = tmp_path / "journal.jsonl"
    old = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()]
    for line in old:
        if "options" in line:  # as the same mlrelease version with other bundled shapes wrote it
            line["options"]["tool"] = f"{__version__}+000000000000"
    journal.write_text("".join(json.dumps(line) + "\n" for line in old), encoding="utf-8")
    summary = run(folder, tmp_path)
    assert summary.skipped_documents == 0
    status, reason = outcome(summary, INVALID)
    assert status == "invalid"
    assert reason.startswith(f"re-evaluated: options changed (rules {__version__}+000000000000 → {rules_version()}")


def test_a_new_profile_checks_stored_records_again(folder: Path, tmp_path: Path) -> None:
    run(folder, tmp_path)
    calls: list[tuple[str, tuple[str, ...]]] = []

    def counting(record, profiles=("core",)):  # type: ignore[no-untyped-def]
        from mlrelease.validation import validate

        calls.append((str(record.iri), tuple(profiles)))
        return validate(record, profiles=profiles)

    run(folder, tmp_path, validator=counting)
    assert calls == []  # same content, same options: the journal answers
    calls.clear()
    wider = run(folder, tmp_path, validator=counting, profiles=("core", "recommended"))
    assert outcome(wider, VALID) == ("replaced", "re-evaluated: options changed (profiles core → core, recommended)")
    assert sorted(calls) == [(VALID, ("core", "recommended")), (INVALID, ("core", "recommended"))]
    calls.clear()
    (tmp_path / "journal.jsonl").unlink()  # without the journal, the catalogue says what was checked
    run(folder, tmp_path, validator=counting, profiles=("core", "recommended"))
    assert calls == [(INVALID, ("core", "recommended"))]  # the stored one was checked against both
