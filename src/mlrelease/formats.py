"""The registry of formats: each a reader (text to an RDF graph) and/or a writer (record to text).

:func:`mlrelease.load`, :func:`mlrelease.dump`, ``mlrelease convert`` and every command that
reads inputs look formats up here; a new format (an exporter, a CRIS reader) is one
:func:`register` call. Detection (:func:`detect_format`) uses the file name, then the content.

>>> sorted(f.name for f in FORMATS.values() if f.writer)
['json', 'jsonld', 'ntriples', 'turtle', 'yaml']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .codecs.limits import Limits
from .errors import UnknownTermError
from .hints import suggest

if TYPE_CHECKING:
    from rdflib import Graph

    from .importers import ImportResult
    from .record import ReleaseRecord

#: A reader: (text, source label, limits) -> (graph, what an importer made of it, or None).
Reader = Callable[[str, str, Limits], "tuple[Graph, ImportResult | None]"]
#: A writer: record -> text.
Writer = Callable[["ReleaseRecord"], str]


@dataclass(frozen=True)
class Format:
    """One format mlrelease reads, writes, or both; ``suffixes`` name its files (``.ttl``)."""

    name: str
    description: str
    reader: Reader | None = None
    writer: Writer | None = None
    suffixes: tuple[str, ...] = ()


#: Every registered format, by name, in registration order.
FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add ``fmt`` to the registry (a name can be registered once)."""
    if fmt.name in FORMATS:
        raise ValueError(f"format {fmt.name!r} is registered twice")
    FORMATS[fmt.name] = fmt
    return fmt


def input_formats() -> tuple[str, ...]:
    """The names of the formats :func:`mlrelease.load` reads."""
    return tuple(name for name, f in FORMATS.items() if f.reader is not None)


def output_formats() -> tuple[str, ...]:
    """The names of the formats :func:`mlrelease.dump` writes."""
    return tuple(name for name, f in FORMATS.items() if f.writer is not None)


def input_suffixes() -> frozenset[str]:
    """The file suffixes (``.ttl``) of the formats :func:`mlrelease.load` reads."""
    return frozenset(suffix for f in FORMATS.values() if f.reader is not None for suffix in f.suffixes)


def reader(name: str) -> Reader:
    """The reader of format ``name``; :class:`UnknownTermError` with the closest names otherwise."""
    fmt = FORMATS.get(name)
    if fmt is None or fmt.reader is None:
        raise UnknownTermError(f"unknown input format {name!r}", hint=suggest(name, list(input_formats())))
    return fmt.reader


def writer(name: str) -> Writer:
    """The writer of format ``name``; :class:`UnknownTermError` with the closest names otherwise."""
    fmt = FORMATS.get(name)
    if fmt is None or fmt.writer is None:
        raise UnknownTermError(f"unknown output format {name!r}", hint=suggest(name, list(output_formats())))
    return fmt.writer


def detect_format(text: str, name: str | None = None) -> str:
    """Guess the input format from the file name, then from the content.

    YAML with ``framework`` and ``release`` keys is a Model Openness Framework manifest; Markdown
    is a Hugging Face model card; JSON with ``@context``/``@graph`` is JSON-LD.
    """
    suffix = Path(name).suffix.lower() if name else ""
    fmt = next((f.name for f in FORMATS.values() if f.reader is not None and suffix in f.suffixes), None)
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if fmt is None:
        if name and Path(name).name.lower() == "readme":
            fmt = "hf-card"
        elif head.startswith(("{", "[")):
            fmt = "json"
        elif head.startswith(("@prefix", "@base", "PREFIX", "BASE")) or head.startswith("<"):
            fmt = "rdfxml" if head.startswith("<?xml") or head.startswith("<rdf:RDF") else "turtle"
        elif head.startswith("---") and "\n---" in head[3:] and _markdown_after_front_matter(text):
            fmt = "hf-card"
        else:
            fmt = "yaml"
    if fmt == "json" and ('"@context"' in head or '"@graph"' in head):
        fmt = "jsonld"
    if fmt == "yaml" and _looks_like_mof(head):
        fmt = "mof"
    return fmt


def _markdown_after_front_matter(text: str) -> bool:
    body = text.lstrip("\ufeff").split("\n---", 1)[1] if "\n---" in text else ""
    return any(line.startswith("#") for line in body.splitlines())


def _looks_like_mof(head: str) -> bool:
    keys = {line.split(":", 1)[0].strip() for line in head.splitlines() if line and not line[0].isspace()}
    return "framework" in keys and "release" in keys
