"""Progress with done/total, rate and time left; plain lines off a terminal; no misleading first snapshot."""

from __future__ import annotations

import io
from pathlib import Path

from mlrelease.cli import _progress, main
from mlrelease.cli._progress import HarvestProgress, PlainProgress, progress_reporter
from mlrelease.harvest import HarvestOptions, harvest
from mlrelease.harvest.summary import HarvestSummary
from mlrelease.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_have_total_rate_and_time_left_and_no_first_snapshot():
    out = io.StringIO()
    progress = PlainProgress("validate", "files", out, interval=0)
    progress(1, 10)
    assert out.getvalue() == ""  # the first input done starts the clock: nothing to say yet
    progress(5, 10)
    progress(10, 10)  # the end: the report says the rest
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("validate: 5/10 files (50%), ") and "files/s" in lines[0] and "left" in lines[0]


def test_one_input_shows_no_progress():
    with progress_reporter("validate", 1, stream=_Tty()) as progress:
        assert progress is None


def test_a_terminal_gets_a_bar_that_is_gone_at_the_end():
    out = _Tty()
    with progress_reporter("validate", 3, stream=out) as progress:
        assert progress is not None and not isinstance(progress, PlainProgress)
        for n in range(1, 4):
            progress(n, 3)
    assert "3/3" in out.getvalue()


def test_validate_of_many_files_writes_plain_progress_when_not_a_terminal(monkeypatch, capsys):
    monkeypatch.setattr(_progress, "PLAIN_INTERVAL", 0.0)
    main(["validate", str(ROOT / "examples")])
    err = capsys.readouterr().err
    assert "validate: " in err and "/12 files (" in err and "left" in err
    assert "validate: 1/12" not in err  # no snapshot after the first file


def test_harvest_progress_takes_the_runners_total_and_says_how_many_are_left():
    out = io.StringIO()
    progress = HarvestProgress(out, interval=0)
    totals: list[int | None] = []
    store = EmbeddedStore()
    try:  # the runner lists the folder once and gives the total first
        harvest([str(ROOT / "examples")], store, HarvestOptions(validator=None),
                on_progress=lambda done, total: totals.append(total) if done == 0 else None)
    finally:
        store.close()
    assert totals == [12]
    progress.on_progress(0, 12)
    summary = HarvestSummary(store="memory")
    summary.documents = 1
    progress.update(summary)
    assert out.getvalue() == ""  # the misleading "1 documents, 0 releases written" is gone
    summary.documents = 6
    progress.update(summary)
    assert out.getvalue().startswith("harvest: 6/12 documents (50%), ")
    progress.finish(summary)
    assert "harvest into memory" in out.getvalue()
