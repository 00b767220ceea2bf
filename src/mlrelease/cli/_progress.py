"""Progress of a command over many inputs, on standard error: done/total, rate and time left.

On a terminal it is a rich progress bar, redrawn in place and removed at the end. Otherwise
(a log, CI) it is a plain line every few seconds with the same figures; the first comes after one
interval of work, never as a snapshot at the start. One input, or none, shows no progress.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from ..harvest.progress import Progress
from ..harvest.summary import HarvestSummary

Report = Callable[[int, int], None]

#: Seconds between plain progress lines (when standard error is not a terminal).
PLAIN_INTERVAL = 5.0


class PlainProgress:
    """Periodic lines ``LABEL: DONE/TOTAL UNIT, RATE/s, about ETA left``."""

    def __init__(self, label: str, unit: str, stream: TextIO, interval: float | None = None) -> None:
        self.label, self.unit, self.stream = label, unit, stream
        self.interval = PLAIN_INTERVAL if interval is None else interval
        self._first: tuple[float, int] | None = None
        self._last = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self._first is None:  # the rate is measured from the first input done (see HarvestProgress)
            self._first = (now, done)
            self._last = now
            return
        if now - self._last < self.interval or done >= total:
            return
        self._last = now
        since, done_then = self._first
        self.stream.write(f"{self.label}: {line(done, total, now - since, self.unit, done_then)}\n")
        self.stream.flush()


def line(done: int, total: int, elapsed: float, unit: str, done_before: int = 0) -> str:
    """``DONE/TOTAL UNIT (PCT%), RATE UNIT/s, about ETA left``; the rate counts what was done in
    ``elapsed`` seconds, ``done - done_before``.

    >>> line(30, 100, 10.0, "files", 10)
    '30/100 files (30%), 2.0 files/s, about 35s left'
    """
    rate = (done - done_before) / elapsed if elapsed > 0 else 0.0
    left = (total - done) / rate if rate > 0 else None
    eta = f"about {_duration(left)} left" if left is not None else "time left unknown"
    return f"{done}/{total} {unit} ({100 * done // max(total, 1)}%), {rate:.1f} {unit}/s, {eta}"


def _duration(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"


@contextmanager
def progress_reporter(label: str, total: int, *, unit: str = "files",
                      stream: TextIO | None = None) -> Iterator[Report | None]:
    """A callback ``(done, total)`` that shows progress while the block runs (None for one input)."""
    out = stream if stream is not None else sys.stderr
    if total <= 1:
        yield None
        return
    if not out.isatty():
        yield PlainProgress(label, unit, out)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn(unit),
               TextColumn("{task.fields[rate]}"), TextColumn("ETA"), TimeRemainingColumn())
    start = time.monotonic()
    with Progress(*columns, console=Console(file=out), transient=True) as bar:
        task = bar.add_task(label, total=total, rate="")

        def report(done: int, total_now: int) -> None:
            elapsed = time.monotonic() - start
            rate = f"{done / elapsed:.1f} {unit}/s" if elapsed > 0 else ""
            bar.update(task, completed=done, total=total_now, rate=rate)

        yield report


class HarvestProgress(Progress):
    """Harvest progress with a total: a rich bar on a terminal, plain periodic lines otherwise.

    The harvest runner calls :meth:`set_total` once it has listed its sources (its
    ``on_progress(0, total)`` callback; the total is None when an OAI-PMH source leaves it unknown),
    :meth:`update` with its running summary (the callback interface of
    :class:`mlrelease.harvest.Progress`) and :meth:`finish` at the end.
    """

    def __init__(self, stream: TextIO | None = None, *, interval: float | None = None) -> None:
        super().__init__(stream, interval=interval)
        self.total: int | None = None
        self.start = time.monotonic()
        self._bar: Any = None
        self._task: Any = None
        self._first: tuple[float, int] | None = None

    def on_progress(self, done: int, total: int | None) -> None:
        """The runner's ``on_progress(done, total)``: the first call gives the total (the summary gives the rest)."""
        if done == 0:
            self.set_total(total)

    def set_total(self, total: int | None) -> None:
        """Know the total: a bar on a terminal (when there is more than one document), else plain lines."""
        self.total = total
        if self._bar is None and self.tty and total is not None and total > 1:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as Bar

            self._bar = Bar(TextColumn("harvest"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
                            TextColumn("{task.fields[rate]}"), TextColumn("ETA"), TimeRemainingColumn(),
                            TextColumn("{task.fields[counts]}"), console=Console(file=self.stream), transient=True)
            self._task = self._bar.add_task("harvest", total=total, rate="", counts="")
            self._bar.start()

    def update(self, summary: HarvestSummary, *, force: bool = False) -> None:
        now = time.monotonic()
        if self._first is None:
            # The rate is measured from the first document done, not from the start: start-up (the
            # validator, the store) would make the first figures, and the time left, wrong.
            self._first = (now, summary.documents)
            self._last = now
            if self._bar is None:
                return
        elapsed = now - self.start
        if self._bar is not None:
            c = summary.counts
            counts = f"{c['invalid']} rejected, {len(summary.failures)} unreadable"
            rate = f"{summary.documents / elapsed:.1f}/s" if elapsed > 0 else ""
            self._bar.update(self._task, completed=summary.documents, rate=rate, counts=counts)
            return
        if not force and now - self._last < self.interval:
            return
        self._last = now
        since, done_then = self._first
        if self.total is None:
            text = f"harvest: {summary.progress_line()}"
        else:
            figures = line(summary.documents, self.total, now - since, "documents", done_then)
            text = f"harvest: {figures}; {summary.progress_line()}"
        self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self, summary: HarvestSummary) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        self.stream.write(summary.text())
        self.stream.flush()
