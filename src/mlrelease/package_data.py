"""The one reader of the files bundled inside the package (``mlrelease/data`` and ``mlrelease/templates``).

Every bundled file is read through :func:`read_text` or :func:`read_bytes`, so that a missing or
unreadable file is always the same error: a :class:`~mlrelease.errors.VocabularyError` (a packaging
bug, never the user's fault), not an empty answer.

>>> read_text("data/context.jsonld").startswith("{")
True
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import VocabularyError

if TYPE_CHECKING:
    from rdflib import Graph

_HINT = "reinstall mlrelease; in a checkout, run python -m mlrelease.build"


def _resource(name: str) -> Traversable:
    node = resources.files("mlrelease")
    for part in name.split("/"):
        node = node / part
    return node


def read_bytes(name: str) -> bytes:
    """Return the bundled file ``name`` (relative to the package, e.g. ``data/vocab.ttl``) as bytes.

    :raises VocabularyError: the file is not in the package.
    """
    resource = _resource(name)
    try:
        return resource.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise VocabularyError(f"the bundled file mlrelease/{name} is missing", hint=_HINT) from None


def read_text(name: str) -> str:
    """Return the bundled file ``name`` as UTF-8 text.

    :raises VocabularyError: the file is not in the package or is not UTF-8.
    """
    try:
        return read_bytes(name).decode("utf-8")
    except UnicodeDecodeError:
        raise VocabularyError(f"the bundled file mlrelease/{name} is not UTF-8", hint=_HINT) from None


def graph(name: str) -> Graph:
    """Parse the bundled Turtle file ``name`` into a new rdflib graph.

    :raises VocabularyError: the file is missing or is not valid Turtle.
    """
    from rdflib import Graph

    text = read_text(name)
    parsed = Graph()
    try:
        parsed.parse(data=text, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle; all mean a broken build
        raise VocabularyError(f"the bundled file mlrelease/{name} is not valid Turtle: {exc}", hint=_HINT) from exc
    return parsed


def location(name: str) -> Path:
    """The file system path of the bundled file ``name``, for messages that name a file and line."""
    return Path(str(_resource(name)))


def names(folder: str, suffix: str = "") -> list[str]:
    """Return the names of the bundled files in ``folder`` ending with ``suffix``, sorted.

    :raises VocabularyError: the folder is not in the package.
    """
    resource = _resource(folder)
    if not resource.is_dir():
        raise VocabularyError(f"the bundled folder mlrelease/{folder} is missing", hint=_HINT)
    return sorted(f"{folder}/{child.name}" for child in resource.iterdir()
                  if child.is_file() and child.name.endswith(suffix))
