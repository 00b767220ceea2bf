"""The query pack: the ``.rq`` files in ``queries/``, one per competency question.

>>> from mlrelease.query import pack
>>> "withheld-weights" in [q.name for q in pack.queries()]
True
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from ..errors import InputError
from ..vocabulary import suggest
from .header import QueryDef, parse

_REPO_QUERIES = Path(__file__).resolve().parents[3] / "queries"


def queries_dir() -> Path:
    """Where the pack is: ``MLRELEASE_QUERIES``, the package's bundled copy, or the source tree's."""
    env = os.environ.get("MLRELEASE_QUERIES")
    if env:
        return Path(env)
    bundled = resources.files("mlrelease") / "data" / "queries"
    if bundled.is_dir() and any(p.name.endswith(".rq") for p in bundled.iterdir()):
        return Path(str(bundled))
    return _REPO_QUERIES


def read(path: str | os.PathLike[str]) -> QueryDef:
    """The query in the file ``path``, with its header."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the query: {exc.strerror}", location=str(p)) from None
    return parse(text, name=p.stem, path=p)


def queries() -> list[QueryDef]:
    """Every query of the pack, by name."""
    folder = queries_dir()
    if not folder.is_dir():
        raise InputError("the query pack is not installed", location=str(folder),
                         hint="set MLRELEASE_QUERIES to the queries/ folder of the mlrelease source")
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
