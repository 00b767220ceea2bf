"""Generate the bundled data and reference docs from the hand-edited sources.

Run ``python -m mlrelease.build`` from the repository root after editing ``ontology/``,
``licenses/`` or ``shapes/``; ``python -m mlrelease.build --check`` exits with 1 and names the
stale files instead of writing them (the test suite runs the same check).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import cris_doc as _cris_doc
from . import jsonschema as _jsonschema
from . import licenses as _licenses
from . import queries as _queries
from . import shapes as _shapes
from . import vocab as _vocab

Generator = Callable[[Path], dict[str, str]]


def generators() -> list[Generator]:
    """Return every generator; each maps repository-relative output paths to their text."""
    return [_vocab.generate, _shapes.generate, _jsonschema.generate, _queries.generate, _licenses.generate,
            _cris_doc.generate]


def generate_all(root: Path) -> dict[str, str]:
    """Run every generator against the sources under ``root``."""
    out: dict[str, str] = {}
    for gen in generators():
        out.update(gen(root))
    return out


def stale_files(root: Path) -> list[str]:
    """Return the generated files under ``root`` whose content differs from a fresh build."""
    stale = []
    for rel, text in sorted(generate_all(root).items()):
        path = root / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(rel)
    return stale


def write_all(root: Path) -> list[str]:
    """Write every generated file under ``root``; return the ones that changed."""
    changed = []
    for rel, text in sorted(generate_all(root).items()):
        path = root / rel
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        changed.append(rel)
    return changed
