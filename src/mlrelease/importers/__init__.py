"""Importers: turn formats people already have into release manifests (compact JSON-LD dicts).

Each importer returns an :class:`ImportResult`; the manifest then goes through the same path as
a hand-written one (``mlrelease.load``), so importers never build RDF themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ImportResult:
    """What an importer made of one input.

    ``manifest`` uses the keys and codes of the bundled context (no ``@context`` key);
    ``dropped`` names the input fields that were not mapped (as dotted paths, e.g.
    ``model-index.0.results.0.verified``), and ``warnings`` says what was mapped with doubts
    (an unknown licence string, an unrecognised heading), each with its location.
    """

    manifest: dict[str, Any]
    source: str
    format: str
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
