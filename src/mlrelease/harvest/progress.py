"""Progress on stderr while a harvest runs, and the summary at its end."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from .summary import HarvestSummary


class Progress:
    """Writes a progress line to ``stream``: redrawn in place on a terminal, else every few seconds."""

    def __init__(self, stream: TextIO | None = None, *, interval: float | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval if interval is not None else (0.2 if self.tty else 5.0)
        # The first line comes after one interval of work, not after the first document: a snapshot
        # then ("1 documents, 0 releases written") says nothing true about the run.
        self._last = time.monotonic()
        self._drawn = False

    def update(self, summary: HarvestSummary, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        line = f"harvest: {summary.progress_line()}"
        if self.tty:
            self.stream.write("\r\x1b[2K" + line)
            self._drawn = True
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def finish(self, summary: HarvestSummary) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[2K")
        self.stream.write(summary.text())
        self.stream.flush()


class Silent(Progress):
    """No progress output (for the API and tests)."""

    def __init__(self) -> None:
        super().__init__(stream=sys.stderr)

    def update(self, summary: HarvestSummary, *, force: bool = False) -> None:
        return

    def finish(self, summary: HarvestSummary) -> None:
        return
