"""The mapping table of docs/cris.md, generated from :mod:`mlrelease.exports.mapping`.

docs/cris.md is hand-written except between the markers ``<!-- mapping-table:start -->`` and
``<!-- mapping-table:end -->``, which hold the table and the per-format notes the exporters warn
from. After editing the mapping, ``python -m mlrelease.build`` rewrites that part.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import VocabularyError
from ..exports.mapping import markdown_notes, markdown_table

DOC = "docs/cris.md"
START = "<!-- mapping-table:start (generated from src/mlrelease/exports/mapping.py by python -m mlrelease.build) -->"
END = "<!-- mapping-table:end -->"


def region() -> str:
    """The generated part: the table, then how each format carries each field."""
    return f"{START}\n\n{markdown_table()}\n### How each format carries each field\n\n{markdown_notes()}\n{END}"


def generate(root: Path) -> dict[str, str]:
    """docs/cris.md with its mapping region regenerated (nothing when the file is absent)."""
    path = root / DOC
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise VocabularyError(f"{DOC} must hold the markers {START!r} and {END!r} once each, in that order",
                              hint="put them around the mapping table; python -m mlrelease.build fills them")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    return {DOC: before + region() + after}
