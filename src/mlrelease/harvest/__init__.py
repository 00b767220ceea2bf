"""Harvesting release records from files, folders, URLs and OAI-PMH endpoints into a store.

>>> import tempfile, pathlib
>>> from mlrelease.harvest import harvest, HarvestOptions
>>> from mlrelease.store import open_store
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "m.yaml").write_text("identifier: org/m\\nversion: '1.0'\\n")
>>> summary = harvest([str(folder)], open_store(), HarvestOptions(validator=None, reference=False))
>>> summary.counts["new"], summary.written
(1, ['https://w3id.org/mlrelease/id/org%2Fm/1.0'])
"""

from __future__ import annotations

from .documents import Checkpoint, Document, FetchOptions, SourceFailure
from .prepare import Prepared, PreparedRecord, default_validator, prepare
from .progress import Progress, Silent
from .runner import DEFAULT_VALIDATOR, HarvestOptions, ProgressCallback, harvest
from .summary import STATUSES, HarvestSummary, ReleaseOutcome

__all__ = [
    "DEFAULT_VALIDATOR", "STATUSES", "Checkpoint", "Document", "FetchOptions", "HarvestOptions", "HarvestSummary",
    "Prepared", "PreparedRecord", "Progress", "ProgressCallback", "ReleaseOutcome", "Silent", "SourceFailure",
    "default_validator", "harvest", "prepare",
]
