"""Reading release records from any supported format, and writing them back out.

>>> import mlrelease
>>> rec = mlrelease.load("identifier: org/m\\nversion: 1.10\\nlicense: MIT\\n", format="yaml")
>>> print(mlrelease.dump(rec, "yaml"), end="")
type: Release
identifier: org/m
version: '1.10'
license:
- MIT
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from rdflib import RDF, BNode, Graph, URIRef

from .codecs.json_safe import load_json
from .codecs.limits import DEFAULT_LIMITS, Limits
from .codecs.manifest_rdf import CONTEXT_URL, graph_to_manifest, manifest_to_graph
from .codecs.rdf import (
    dumps_json,
    graph_to_ntriples,
    graph_to_turtle,
    is_bundled_context,
    jsonld_to_graph,
    parse_rdf,
)
from .codecs.yaml_safe import dump_yaml, load_yaml
from .errors import InputError, UnknownTermError
from .importers import ImportResult
from .namespaces import MLR
from .record import ReleaseRecord
from .vocabulary import context as bundled_context
from .vocabulary import suggest

#: Formats :func:`load` reads.
INPUT_FORMATS = ("yaml", "json", "jsonld", "turtle", "ntriples", "nquads", "trig", "rdfxml", "hf-card", "mof")
#: Formats :func:`dump` writes.
OUTPUT_FORMATS = ("yaml", "json", "jsonld", "turtle", "ntriples")

_SUFFIXES = {
    ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".jsonld": "jsonld", ".ttl": "turtle",
    ".nt": "ntriples", ".nq": "nquads", ".trig": "trig", ".rdf": "rdfxml", ".owl": "rdfxml", ".xml": "rdfxml",
    ".md": "hf-card",
}
_RELEASE = URIRef(MLR + "Release")


def detect_format(text: str, name: str | None = None) -> str:
    """Guess the input format from the file name, then from the content.

    YAML with ``framework`` and ``release`` keys is a Model Openness Framework manifest; Markdown
    is a Hugging Face model card; JSON with ``@context``/``@graph`` is JSON-LD.
    """
    suffix = Path(name).suffix.lower() if name else ""
    fmt = _SUFFIXES.get(suffix)
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


def _read_source(source: str | os.PathLike[str], limits: Limits) -> tuple[str, str | None]:
    """Return (text, file name or None) for a path or literal text."""
    if isinstance(source, os.PathLike) or (isinstance(source, str) and "\n" not in source
                                           and len(source) < 4096 and Path(source).is_file()):
        path = Path(source)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc.strerror}", location=str(path)) from None
        if size > limits.max_bytes:
            raise InputError(f"file is larger than the limit of {limits.max_bytes} bytes", location=str(path),
                             hint="raise the limit (Limits(max_bytes=...)) if you trust the input")
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except UnicodeDecodeError as exc:
            raise InputError(f"the file is not UTF-8 text (byte {exc.start})", location=str(path),
                             hint="save it as UTF-8") from None
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc.strerror}", location=str(path)) from None
    if isinstance(source, str):
        if isinstance(source, str) and "\n" not in source and source.endswith(tuple(_SUFFIXES)):
            raise InputError("no such file", location=source, hint="check the path")
        return source, None
    raise InputError(f"cannot read a {type(source).__name__}; pass a path or text")


def _importer(fmt: str) -> Callable[..., ImportResult]:
    if fmt == "hf-card":
        from .importers.huggingface import card_to_manifest

        return card_to_manifest
    from .importers.mof import mof_to_manifest

    return mof_to_manifest


def load_graph(source: str | os.PathLike[str], format: str | None = None, *,
               limits: Limits = DEFAULT_LIMITS) -> tuple[Graph, str, str, ImportResult | None]:
    """Read ``source`` into one RDF graph; return (graph, format, source name, import result)."""
    text, name = _read_source(source, limits)
    label = name or "<string>"
    fmt = format or detect_format(text, name)
    if fmt not in INPUT_FORMATS:
        raise UnknownTermError(f"unknown input format {fmt!r}", hint=suggest(fmt, list(INPUT_FORMATS)))
    imported: ImportResult | None = None
    if fmt in ("hf-card", "mof"):
        imported = _importer(fmt)(text, source=label)
        graph, _ = manifest_to_graph(imported.manifest, source=label)
    elif fmt == "yaml":
        graph, _ = manifest_to_graph(load_yaml(text, source=label, limits=limits), source=label)
    elif fmt in ("json", "jsonld"):
        doc = load_json(text, source=label, limits=limits)
        if isinstance(doc, dict) and "@graph" not in doc and ("@context" not in doc
                                                             or is_bundled_context(doc["@context"])):
            manifest = {k: v for k, v in doc.items() if k != "@context"}
            graph, _ = manifest_to_graph(manifest, source=label)
        else:
            graph = jsonld_to_graph(doc, source=label)
    else:
        graph = parse_rdf(text, fmt, source=label, limits=limits)
    return graph, fmt, label, imported


def load(source: str | os.PathLike[str], format: str | None = None, *,
         limits: Limits = DEFAULT_LIMITS) -> ReleaseRecord:
    """Read one release record from a path or text, in any of :data:`INPUT_FORMATS`.

    ``format`` is detected as ``mlrelease convert`` does when not given.

    :raises InputError: unreadable input (with file, line and field) or not exactly one release.
    :raises UnknownTermError: an unknown key, code, licence or format (with the closest valid ones).
    """
    records = load_all(source, format, limits=limits)
    if len(records) != 1:
        label = records[0].source if records else (str(source) if isinstance(source, os.PathLike) else "<input>")
        raise InputError(f"expected one release, found {len(records)}", location=label,
                         hint="use mlrelease.load_all() for a graph of several releases")
    return records[0]


def load_all(source: str | os.PathLike[str], format: str | None = None, *,
             limits: Limits = DEFAULT_LIMITS) -> list[ReleaseRecord]:
    """Read every release in ``source``; each record holds the triples reachable from its release."""
    graph, fmt, label, imported = load_graph(source, format, limits=limits)
    releases = sorted((r for r in graph.subjects(RDF.type, _RELEASE) if isinstance(r, URIRef)), key=str)
    records = []
    for release in releases:
        sub = graph if len(releases) == 1 else _reachable(graph, release, set(releases))
        rec = ReleaseRecord(sub, release, source=label, format=fmt)
        if imported is not None:
            rec.warnings = list(imported.warnings)
            rec.dropped = list(imported.dropped)
        records.append(rec)
    return records


def _reachable(graph: Graph, start: URIRef, stop: set[URIRef]) -> Graph:
    """The triples reachable from ``start`` without passing through another release."""
    out = Graph()
    todo = [start]
    seen = {start}
    while todo:
        node = todo.pop()
        for p, o in graph.predicate_objects(node):
            out.add((node, p, o))
            if o not in seen and o not in stop and (isinstance(o, (URIRef, BNode))):
                seen.add(o)
                todo.append(o)
    return out


def dump(record: ReleaseRecord, format: str = "yaml") -> str:
    """Write ``record`` in one of :data:`OUTPUT_FORMATS`; the same record always gives the same text.

    ``jsonld`` is compact JSON-LD with the mlrelease context inline and every id and type
    explicit, so any JSON-LD processor reads the same graph offline; ``yaml`` and ``json`` are
    manifests (the context, derived ids and implied types left implicit).
    """
    if format == "yaml":
        return dump_yaml(record.to_manifest())
    if format == "json":
        return dumps_json(record.to_manifest())
    if format == "jsonld":
        # Published JSON-LD states every id and type, so that any JSON-LD processor gets the
        # same graph (manifests leave derived ids and implied types out).
        explicit = graph_to_manifest(record.graph, record.iri, keep_ids=True)
        return dumps_json({"@context": bundled_context()["@context"], **explicit})
    if format == "turtle":
        return graph_to_turtle(record.graph)
    if format == "ntriples":
        return graph_to_ntriples(record.graph)
    raise UnknownTermError(f"unknown output format {format!r}", hint=suggest(format, list(OUTPUT_FORMATS)))


def write_atomically(text: str, path: str | os.PathLike[str]) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one, never part."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = ["CONTEXT_URL", "INPUT_FORMATS", "OUTPUT_FORMATS", "detect_format", "dump", "load", "load_all",
           "load_graph", "write_atomically"]


