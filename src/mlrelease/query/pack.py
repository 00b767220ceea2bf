"""The query pack: the ``.rq`` files in ``queries/``, one per competency question.

>>> from mlrelease.query import pack
>>> "withheld-weights" in [q.name for q in pack.queries()]
True
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import package_data
from ..errors import InputError
from ..hints import suggest
from .header import QueryDef, parse


def _bundled() -> list[QueryDef]:
    return [parse(package_data.read_text(name), name=Path(name).stem, path=package_data.location(name))
            for name in package_data.names("data/queries", ".rq")]


def read(path: str | os.PathLike[str]) -> QueryDef:
    """The query in the file ``path``, with its header."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the query: {exc.strerror}", location=str(p)) from None
    return parse(text, name=p.stem, path=p)


def queries() -> list[QueryDef]:
    """Every query of the pack, by name: the bundled copies, or the ``.rq`` files of ``MLRELEASE_QUERIES``.

    :raises InputError: ``MLRELEASE_QUERIES`` names a folder that does not exist.
    :raises VocabularyError: the bundled pack is missing (a packaging bug).
    """
    env = os.environ.get("MLRELEASE_QUERIES")
    if not env:
        return _bundled()
    folder = Path(env)
    if not folder.is_dir():
        raise InputError("MLRELEASE_QUERIES names no folder", location=str(folder),
                         hint="point MLRELEASE_QUERIES at a folder of .rq files, or unset it")
    return [read(p) for p in sorted(folder.glob("*.rq"))]


def get(name_or_path: str) -> QueryDef:
    """A query by pack name (``withheld-weights``) or by path to a ``.rq`` file.

    :raises InputError: for an unknown name (with the closest names) or an unreadable file.
    """
    if name_or_path.endswith(".rq") or os.sep in name_or_path or "/" in name_or_path:
        return read(name_or_path)
    pack = {q.name: q for q in queries()}
    if name_or_path not in pack:
        raise InputError(f"no query named {name_or_path!r} in the pack", hint=suggest(name_or_path, list(pack)))
    return pack[name_or_path]
