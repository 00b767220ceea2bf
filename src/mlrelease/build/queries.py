"""Generator for the bundled query pack: ``queries/*.rq`` copied into the package data."""

from __future__ import annotations

from pathlib import Path


def generate(root: Path) -> dict[str, str]:
    """Bundle every ``queries/<name>.rq`` as ``src/mlrelease/data/queries/<name>.rq`` (unchanged).

    The files keep their text exactly (their headers are parsed at run time), so no generated
    note is added; the staleness test compares them byte for byte with the sources.
    """
    return {f"src/mlrelease/data/queries/{p.name}": p.read_text(encoding="utf-8")
            for p in sorted((root / "queries").glob("*.rq"))}
