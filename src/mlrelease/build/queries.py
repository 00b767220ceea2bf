"""Generator for the bundled query pack: ``queries/*.rq`` copied into the package data.

``queries/`` is the one source (see docs/decisions/0003-bundled-data-files.md); each bundled
copy starts with a generated-file note, which the header reader skips, and the staleness check
compares the copies with the sources.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import VocabularyError
from ..query.header import GENERATED_PREFIX


def generate(root: Path) -> dict[str, str]:
    """Bundle every ``queries/<name>.rq`` as ``src/mlrelease/data/queries/<name>.rq`` with a generated note."""
    sources = sorted((root / "queries").glob("*.rq"))
    if not sources:
        raise VocabularyError(f"no queries in {root / 'queries'}", hint="run the build from the repository root")
    return {f"src/mlrelease/data/queries/{p.name}":
            f"# {GENERATED_PREFIX} from queries/{p.name}; do not edit.\n" + p.read_text(encoding="utf-8")
            for p in sources}
