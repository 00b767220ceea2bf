"""Importers: turn formats people already have into release manifests (compact JSON-LD dicts).

Each importer returns an :class:`ImportResult`; the manifest then goes through the same path as
a hand-written one (``mlrelease.load``), so importers never build RDF themselves. What an importer
warns about and leaves out is kept in one :class:`~mlrelease.importers.report.ImportReport`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from .report import ImportReport, Issue

#: The Hugging Face Hub: the repository ``namespace/name`` is at ``HUB + "namespace/name"``.
HUB = "https://huggingface.co/"
#: An absolute http(s) URL: no white space, nor characters a URL cannot hold unescaped.
URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+\Z")


@dataclass
class ImportResult:
    """What an importer made of one input.

    ``manifest`` uses the keys and codes of the bundled context (no ``@context`` key);
    ``dropped`` names the input fields that were not mapped (as dotted paths, e.g.
    ``model-index.0.results.0.verified``), and ``warnings`` says what was mapped with doubts
    (an unknown licence string, an unrecognised heading), each with its location.
    ``warning_kinds[i]`` is the kind of ``warnings[i]`` (each importer's ``WARNING_KINDS`` says
    what its kinds mean), and ``issues`` holds the same warnings, then the same dropped fields, as
    :class:`~mlrelease.importers.report.Issue` values (kind, text and location apart). ``hints``
    names, for each fact the core profile needs that the source lacks, the source field to add
    (``{"accessTier": "release.huggingface"}``); validation adds it to the finding.
    """

    manifest: dict[str, Any]
    source: str
    format: str
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    warning_kinds: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    #: For each fact the core profile needs that the source lacks: manifest key -> the source field to add.
    hints: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_report(cls, report: ImportReport, manifest: dict[str, Any], format: str, **extra: Any) -> Self:
        """The result of an import whose warnings and dropped fields ``report`` holds."""
        warnings = report.warnings()
        dropped = report.dropped()
        return cls(manifest=manifest, source=report.source, format=format, dropped=[str(d) for d in dropped],
                   warnings=[str(w) for w in warnings], warning_kinds=[w.kind for w in warnings],
                   issues=[*warnings, *dropped], hints=dict(report.hints), **extra)
