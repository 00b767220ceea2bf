"""The registry of formats: each a reader (text to an RDF graph) and/or a writer (record to text).

:func:`mlrelease.load`, :func:`mlrelease.dump`, ``mlrelease convert`` and every command that
reads inputs look formats up here; a new format (an exporter, a CRIS reader) is one
:func:`register` call. Detection (:func:`detect_format`) uses the file name, then the content.

>>> sorted(f.name for f in FORMATS.values() if f.writer)
['json', 'jsonld', 'ntriples', 'turtle', 'yaml']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .codecs.limits import DEFAULT_LIMITS, Limits
from .errors import UnknownTermError, VocabularyError
from .hints import suggest

if TYPE_CHECKING:
    from rdflib import Graph

    from .importers import ImportResult
    from .record import ReleaseRecord


@dataclass(frozen=True)
class ReadOptions:
    """What every reader is given besides the text: size limits, and what the caller knows of the source.

    ``identifier`` is the repository id (``namespace/name``) the input describes, when the caller
    knows it and the input may not say it (a Hugging Face card); ``revision`` the repository revision
    it was read at. Readers of formats that state their own identity ignore both.
    """

    limits: Limits = field(default=DEFAULT_LIMITS)
    identifier: str | None = None
    revision: str | None = None


#: A reader: (text, source label, options) -> (graph, what an importer made of it, or None).
Reader = Callable[[str, str, ReadOptions], "tuple[Graph, ImportResult | None]"]
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
    """Add ``fmt`` to the registry (a name can be registered once).

    :raises VocabularyError: the name is registered already (a bug in the code that registers it).
    """
    if fmt.name in FORMATS:
        raise VocabularyError(f"format {fmt.name!r} is registered twice",
                              hint="each format has one reader and one writer; give the new one another name")
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


# -- the built-in formats ----------------------------------------------------------------------
# Readers and writers import the codecs when they run, so that importing the registry (and the
# command line, which lists format names) stays cheap.


def _manifest_yaml(text: str, source: str, options: ReadOptions) -> tuple[Any, ImportResult | None] | None:
    from .codecs.yaml_safe import load_yaml

    return load_yaml(text, source=source, limits=options.limits), None


def _manifest_json(text: str, source: str, options: ReadOptions) -> tuple[Any, ImportResult | None] | None:
    from .codecs.json_safe import load_json
    from .codecs.rdf import is_bundled_context

    doc = load_json(text, source=source, limits=options.limits)
    if isinstance(doc, dict) and "@graph" not in doc and ("@context" not in doc or is_bundled_context(doc["@context"])):
        return {k: v for k, v in doc.items() if k != "@context"}, None
    return None


def _manifest_hf_card(text: str, source: str, options: ReadOptions) -> tuple[Any, ImportResult | None] | None:
    from .importers.huggingface import card_to_manifest

    imported = card_to_manifest(text, source=source, limits=options.limits, identifier=options.identifier,
                                revision=options.revision)
    return imported.manifest, imported


def _manifest_mof(text: str, source: str, options: ReadOptions) -> tuple[Any, ImportResult | None] | None:
    from .importers.mof import mof_to_manifest

    imported = mof_to_manifest(text, source=source, limits=options.limits)
    return imported.manifest, imported


#: Formats whose documents are (or are imported into) one release manifest: the document's manifest,
#: or None when this document is not one (JSON that is full JSON-LD).
MANIFEST_READERS: dict[str, Callable[[str, str, ReadOptions], tuple[Any, ImportResult | None] | None]] = {
    "yaml": _manifest_yaml, "json": _manifest_json, "hf-card": _manifest_hf_card, "mof": _manifest_mof,
}


def _manifest_reader(name: str) -> Reader:
    def read(text: str, source: str, options: ReadOptions) -> tuple[Graph, ImportResult | None]:
        from .codecs.manifest_rdf import manifest_to_graph

        found = MANIFEST_READERS[name](text, source, options)
        assert found is not None, "only the JSON reader meets documents that are not manifests"
        manifest, imported = found
        return manifest_to_graph(manifest, source=source)[0], imported

    return read


_read_yaml = _manifest_reader("yaml")


def _read_json(text: str, source: str, options: ReadOptions) -> tuple[Graph, ImportResult | None]:
    from .codecs.json_safe import load_json
    from .codecs.manifest_rdf import manifest_to_graph
    from .codecs.rdf import is_bundled_context, jsonld_to_graph

    doc = load_json(text, source=source, limits=options.limits)
    if isinstance(doc, dict) and "@graph" not in doc and ("@context" not in doc or is_bundled_context(doc["@context"])):
        manifest = {k: v for k, v in doc.items() if k != "@context"}
        return manifest_to_graph(manifest, source=source)[0], None
    return jsonld_to_graph(doc, source=source), None


_read_hf_card = _manifest_reader("hf-card")
_read_mof = _manifest_reader("mof")


def _rdf_reader(name: str) -> Reader:
    def read(text: str, source: str, options: ReadOptions) -> tuple[Graph, ImportResult | None]:
        from .codecs.rdf import parse_rdf

        return parse_rdf(text, name, source=source, limits=options.limits), None

    return read


def _write_yaml(record: ReleaseRecord) -> str:
    from .codecs.yaml_safe import dump_yaml

    return dump_yaml(record.to_manifest())


def _write_json(record: ReleaseRecord) -> str:
    from .codecs.rdf import dumps_json

    return dumps_json(record.to_manifest())


def _write_jsonld(record: ReleaseRecord) -> str:
    from .codecs.manifest_rdf import graph_to_manifest
    from .codecs.rdf import dumps_json
    from .vocabulary import context

    # Published JSON-LD states every id and type, so that any JSON-LD processor gets the
    # same graph (manifests leave derived ids and implied types out).
    explicit = graph_to_manifest(record.graph, record.iri, keep_ids=True)
    return dumps_json({"@context": context()["@context"], **explicit})


def _write_turtle(record: ReleaseRecord) -> str:
    from .codecs.rdf import graph_to_turtle

    return graph_to_turtle(record.graph)


def _write_ntriples(record: ReleaseRecord) -> str:
    from .codecs.rdf import graph_to_ntriples

    return graph_to_ntriples(record.graph)


for _fmt in (
    Format("yaml", "a release manifest in YAML", _read_yaml, _write_yaml, (".yaml", ".yml")),
    Format("json", "a release manifest in JSON (or JSON-LD)", _read_json, _write_json, (".json",)),
    Format("jsonld", "JSON-LD; written compact, with the context inline and every id and type explicit",
           _read_json, _write_jsonld, (".jsonld",)),
    Format("turtle", "Turtle", _rdf_reader("turtle"), _write_turtle, (".ttl",)),
    Format("ntriples", "N-Triples", _rdf_reader("ntriples"), _write_ntriples, (".nt",)),
    Format("nquads", "N-Quads (named graphs are merged; a harvest reports them)", _rdf_reader("nquads"), None,
           (".nq",)),
    Format("trig", "TriG (named graphs are merged; a harvest reports them)", _rdf_reader("trig"), None, (".trig",)),
    Format("rdfxml", "RDF/XML without DTDs", _rdf_reader("rdfxml"), None, (".rdf", ".owl", ".xml")),
    Format("hf-card", "a Hugging Face model card (README.md)", _read_hf_card, None, (".md",)),
    Format("mof", "a Model Openness Framework manifest (YAML)", _read_mof, None, ()),
):
    register(_fmt)
