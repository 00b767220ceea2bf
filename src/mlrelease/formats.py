"""The registry of formats: each a reader (text to an RDF graph) and/or a writer (record to text).

:func:`mlrelease.load`, :func:`mlrelease.dump`, ``mlrelease convert`` and every command that
reads inputs look formats up here; a new format (an exporter, a CRIS reader) is one
:func:`register` call. Detection (:func:`detect_format`) uses the file name, then the content.

>>> sorted(f.name for f in FORMATS.values() if f.writer and not f.exporter)
['json', 'jsonld', 'ntriples', 'turtle', 'yaml']

Exports (:mod:`mlrelease.exports`) are writers into formats that cannot carry every field of a
record; their ``exporter`` also says what was lost (:func:`mlrelease.export`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .codecs.limits import DEFAULT_LIMITS, Limits
from .errors import UnknownTermError, VocabularyError
from .hints import suggest

if TYPE_CHECKING:
    from rdflib import Graph

    from .exports import Exported
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
#: An exporter: record -> text and the warnings of what the format could not carry.
Exporter = Callable[["ReleaseRecord"], "Exported"]


@dataclass(frozen=True)
class Format:
    """One format mlrelease reads, writes, or both; ``suffixes`` name its files (``.ttl``)."""

    name: str
    description: str
    reader: Reader | None = None
    writer: Writer | None = None
    suffixes: tuple[str, ...] = ()
    exporter: Exporter | None = None


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


def exporter(name: str) -> Exporter:
    """The exporter of format ``name``: a writer that also says what was lost.

    Formats that carry a whole record (yaml, json, jsonld, turtle, ntriples) lose nothing: their
    exporter wraps the writer and warns of nothing.
    """
    fmt = FORMATS.get(name)
    if fmt is None or fmt.writer is None:
        raise UnknownTermError(f"unknown output format {name!r}", hint=suggest(name, list(output_formats())))
    if fmt.exporter is not None:
        return fmt.exporter
    write = fmt.writer

    def lossless(record: ReleaseRecord) -> Exported:
        from .exports import Exported

        return Exported(name, write(record), [])

    return lossless


def detect_format(text: str, name: str | None = None) -> str:
    """Guess the input format from the file name, then from the content.

    YAML with ``framework`` and ``release`` keys is a Model Openness Framework manifest; Markdown
    is a Hugging Face model card; JSON with ``@context``/``@graph`` is JSON-LD. XML in an OpenAIRE
    CERIF namespace is CERIF-XML, a DataCite ``resource`` is DataCite XML, JSON-LD whose
    ``@context`` names the SKG-IF context is SKG-IF, RDF in the VIVO core namespace (and not in
    mlrelease's) is VIVO, and JSON whose
    ``data.attributes`` (or top level) hold ``doi`` and ``types`` is DataCite JSON.
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
    if fmt in ("json", "jsonld") and re.search(r'"@context"[^\]}]*?"https?://w3id\.org/skg-if/context/', head):
        fmt = "skg-if"
    elif fmt == "json" and ('"@context"' in head or '"@graph"' in head):
        fmt = "jsonld"
    if fmt == "yaml" and _looks_like_mof(head):
        fmt = "mof"
    if fmt in ("rdfxml", "turtle") and head.startswith("<"):
        fmt = _xml_kind(text) or fmt
    if fmt in ("rdfxml", "turtle", "vivo") and _looks_like_vivo(text[:200000]):
        fmt = "vivo"
    if fmt == "json" and _looks_like_datacite_json(text[:20000]):
        fmt = "datacite-json"
    return fmt


def _xml_kind(text: str) -> str | None:
    """``cerif-xml`` or ``datacite-xml`` when the XML's elements are in their namespaces."""
    window = text[:20000]
    if re.search(r"xmlns(:\w+)?=[\"']https://www\.openaire\.eu/cerif-profile/\d", window):
        return "cerif-xml"
    if re.search(r"<(\w+:)?resource\b[^>]*xmlns(:\w+)?=[\"']http://datacite\.org/schema/kernel-4", window):
        return "datacite-xml"
    return None


def _looks_like_vivo(text: str) -> bool:
    return "http://vivoweb.org/ontology/core#" in text and "https://w3id.org/mlrelease/vocab" not in text


def _looks_like_datacite_json(head: str) -> bool:
    return '"@context"' not in head and '"doi"' in head and ('"types"' in head or '"resourceTypeGeneral"' in head)


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
    return jsonld_to_graph(doc, source=source, limits=options.limits), None


_read_hf_card = _manifest_reader("hf-card")
_read_mof = _manifest_reader("mof")


def _rdf_reader(name: str) -> Reader:
    def read(text: str, source: str, options: ReadOptions) -> tuple[Graph, ImportResult | None]:
        from .codecs.rdf import parse_rdf

        return parse_rdf(text, name, source=source, limits=options.limits), None

    return read


def _cris_reader(convert: Callable[..., ImportResult]) -> Reader:
    def read(text: str, source: str, options: ReadOptions) -> tuple[Graph, ImportResult | None]:
        from rdflib import Graph

        from .codecs.manifest_rdf import manifest_to_graph

        imported = convert(text, source=source, limits=options.limits)
        graph = Graph()
        for i, (manifest, where) in enumerate(zip(imported.manifests, imported.where, strict=True)):  # type: ignore[attr-defined]
            _, release = manifest_to_graph(manifest, source=where, graph=graph)
            imported.locations[str(release)] = where  # type: ignore[attr-defined]
            imported.by_release[str(release)] = (imported.record_warnings[i],  # type: ignore[attr-defined]
                                                 imported.record_dropped[i])  # type: ignore[attr-defined]
        return graph, imported

    return read


def _read_cerif(text: str, source: str, options: ReadOptions) -> tuple[Graph, ImportResult | None]:
    from .importers.cerif import cerif_to_manifests

    return _cris_reader(cerif_to_manifests)(text, source, options)


def _read_datacite_xml(text: str, source: str, options: ReadOptions) -> tuple[Graph, ImportResult | None]:
    from .importers.datacite import datacite_xml_to_manifests

    return _cris_reader(datacite_xml_to_manifests)(text, source, options)


def _read_datacite_json(text: str, source: str, options: ReadOptions) -> tuple[Graph, ImportResult | None]:
    from .importers.datacite import datacite_json_to_manifests

    return _cris_reader(datacite_json_to_manifests)(text, source, options)


def _read_vivo(text: str, source: str, options: ReadOptions) -> tuple[Graph, ImportResult | None]:
    from .importers.vivo import vivo_to_manifests

    return _cris_reader(vivo_to_manifests)(text, source, options)


def _read_skgif(text: str, source: str, options: ReadOptions) -> tuple[Graph, ImportResult | None]:
    from .importers.skgif import skgif_to_manifests

    return _cris_reader(skgif_to_manifests)(text, source, options)


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


def _export(module: str, function: str) -> tuple[Writer, Exporter]:
    """A writer and an exporter that import ``mlrelease.exports.<module>`` when they run."""

    def run(record: ReleaseRecord) -> Exported:
        from importlib import import_module

        fn: Exporter = getattr(import_module(f"mlrelease.exports.{module}"), function)
        return fn(record)

    def write(record: ReleaseRecord) -> str:
        return run(record).text

    return write, run


_EXPORTS = (
    ("datacite-xml", "DataCite Metadata Schema 4.7 XML (resourceTypeGeneral Model)", "datacite", "export_xml",
     (".xml",)),
    ("datacite-json", "DataCite REST API JSON (schema 4.7 attributes)", "datacite", "export_json", (".json",)),
    ("cerif-xml", "OpenAIRE CERIF XML 1.2 Product (Guidelines for CRIS Managers)", "cerif", "export", (".xml",)),
    ("mldcat-ap", "MLDCAT-AP 2.1 in Turtle", "mldcat", "export", (".ttl",)),
    ("spdx3", "SPDX 3.0 AI package in JSON-LD", "spdx3", "export", (".spdx.json", ".jsonld")),
    ("ro-crate", "RO-Crate 1.2 metadata file (ro-crate-metadata.json)", "rocrate", "export", (".json",)),
    ("schema-org", "schema.org and FAIR4ML JSON-LD, the view landing pages embed", "schema_org", "export",
     (".jsonld",)),
)

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
    Format("hf-card", "a Hugging Face model card (README.md)", _read_hf_card, _export("hfcard", "export")[0],
           (".md",), _export("hfcard", "export")[1]),
    Format("mof", "a Model Openness Framework manifest (YAML)", _read_mof, None, ()),
    Format("skg-if", "SKG-IF JSON-LD (each research product a release)", _read_skgif, None, ()),
    Format("vivo", "VIVO RDF in Turtle, N3 or RDF/XML (each research output a release)", _read_vivo, None, (".n3",)),
):
    register(_fmt)

#: The CRIS formats are read too (detected by content, never by suffix: .xml and .json are others').
_CRIS_READERS: dict[str, Reader] = {"cerif-xml": _read_cerif, "datacite-xml": _read_datacite_xml,
                                    "datacite-json": _read_datacite_json}

for _name, _description, _module, _function, _suffixes in _EXPORTS:
    _write, _run = _export(_module, _function)
    register(Format(_name, _description, _CRIS_READERS.get(_name), _write, (), _run))
