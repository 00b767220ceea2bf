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
from typing import TextIO

Report = Callable[[int, int], None]

#: Seconds between plain progress lines (when standard error is not a terminal).
PLAIN_INTERVAL = 5.0


class PlainProgress:
    """Periodic lines ``LABEL: DONE/TOTAL UNIT, RATE/s, about ETA left``."""

    def __init__(self, label: str, unit: str, stream: TextIO, interval: float = PLAIN_INTERVAL) -> None:
        self.label, self.unit, self.stream, self.interval = label, unit, stream, interval
        self.start = self._last = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last < self.interval or done >= total:
            return
        self._last = now
        self.stream.write(f"{self.label}: {line(done, total, now - self.start, self.unit)}\n")
        self.stream.flush()


def line(done: int, total: int, elapsed: float, unit: str) -> str:
    """``DONE/TOTAL UNIT (PCT%), RATE UNIT/s, about ETA left``."""
    rate = done / elapsed if elapsed > 0 else 0.0
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
