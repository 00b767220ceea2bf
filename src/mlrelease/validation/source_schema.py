"""Check a CRIS export against its own schema before mlrelease's profiles: ``validate -p cris``.

A CRIS manager validating an export wants to know first whether it is valid in its own format,
then what mlrelease's profiles say about the releases in it. :func:`check_source_schema` does the
first step and returns findings like the profiles' (shape :data:`SOURCE_SCHEMA`, profile ``cris``),
each located at ``file:line:column`` (XML) or ``file:$.json.path`` (JSON):

* **CERIF-XML**: every CERIF entity of the document (each OAI-PMH record's payload, or the root)
  against the OpenAIRE CERIF profile XSD whose ``targetNamespace`` is the entity's namespace (1.1,
  1.2, ...);
* **DataCite XML**: the ``resource`` against the DataCite kernel-4 XSD (``metadata.xsd``);
* **DataCite JSON**: the attributes against the DataCite JSON Schema 4.5 shipped by the
  ``datacite`` package (BSD-3-Clause, a dependency), leaving out the fields the REST API adds
  (``state``, ``created``, counts, ...), which are not metadata.

mlrelease ships no XSD: neither the OpenAIRE guidelines nor the DataCite schema repository state a
licence for theirs. Give the folders (or files) that hold them (``--schema``, ``schema_paths``);
each schema is loaded from local files only (:func:`mlrelease.codecs.xml_safe.load_xsd`), never
fetched. Without a schema for the document, the result is one Warning finding that says so.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from ..codecs.json_safe import load_json
from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..codecs.xml_safe import load_xsd, parse_xml, validate_xsd
from ..errors import InputError
from ..importers.cerif import entities
from .findings import Finding
from .report import SOURCE_SCHEMA

#: The formats whose own schema :func:`check_source_schema` checks.
SCHEMA_FORMATS = ("cerif-xml", "datacite-xml", "datacite-json")
#: CRIS formats with no schema to check an export against, and why.
NO_SCHEMA = {
    "skg-if": "SKG-IF publishes a JSON-LD context and SHACL shapes, no schema of the JSON itself",
    "vivo": "VIVO data is RDF under an OWL ontology, with no schema that closes it",
}
#: Fields of the DataCite REST API's attributes that the server adds (not metadata).
REST_FIELDS = frozenset({
    "identifiers", "state", "created", "registered", "published", "updated", "isActive", "metadataVersion",
    "contentUrl", "source", "reason", "landingPage", "viewCount", "viewsOverTime", "downloadCount",
    "downloadsOverTime", "referenceCount", "citationCount", "citationsOverTime", "partCount", "partOfCount",
    "versionCount", "versionOfCount", "xml", "prefix", "suffix",
})


def _finding(document: str, where: str, message: str, severity: str = "Violation",
             value: str | None = None) -> Finding:
    """A finding about ``document`` (reported under its name) at ``where`` (``file:line:col``, ``file:$.path``)."""
    return Finding(release=document, focus=where, path=None, shape=SOURCE_SCHEMA, severity=severity,
                   message=message, value=value, profile="cris", source=where)


@lru_cache(maxsize=32)
def _target_namespace(path: Path) -> str | None:
    try:
        for _, el in etree.iterparse(str(path), events=("start",), resolve_entities=False, no_network=True,
                                     load_dtd=False):
            return el.get("targetNamespace")
    except etree.XMLSyntaxError:
        return None
    return None


def find_xsd(namespace: str, schema_paths: Sequence[Path]) -> Path | None:
    """The XSD for ``namespace`` among ``schema_paths`` (files, or folders searched, shallowest first)."""
    candidates: list[Path] = []
    for given in schema_paths:
        if given.is_dir():
            candidates += sorted(given.rglob("*.xsd"), key=lambda p: (len(p.relative_to(given).parts), str(p)))
        elif given.is_file():
            candidates.append(given)
    return next((p for p in candidates if _target_namespace(p) == namespace), None)


@lru_cache(maxsize=8)
def _schema(path: Path, xml_xsd: Path | None) -> etree.XMLSchema:
    return load_xsd(path, {"http://www.w3.org/2001/xml.xsd": xml_xsd} if xml_xsd else None)


def _xml_namespace_xsd(xsd: Path, schema_paths: Sequence[Path]) -> Path | None:
    """A local copy of the xml: namespace's schema: beside ``xsd``, else in any folder given."""
    for folder in (xsd.parent, *(p for p in schema_paths if p.is_dir())):
        found = sorted(folder.rglob("xml.xsd"))
        if found:
            return found[0]
    return None


def check_source_schema(text: str, fmt: str, source: str, schema_paths: Sequence[Path] = (),
                        limits: Limits = DEFAULT_LIMITS) -> list[Finding]:
    """Validate the export ``text`` (format ``fmt``) against its own schema; the findings, [] when valid.

    :raises InputError: the document cannot be read, or a schema given cannot be loaded.
    """
    if fmt == "datacite-json":
        return _check_datacite_json(text, source, limits)
    if fmt in NO_SCHEMA:
        return [_finding(source, source, f"not checked against its own schema: {NO_SCHEMA[fmt]}", severity="Info")]
    if fmt not in SCHEMA_FORMATS:
        return []
    root = parse_xml(text, source=source, limits=limits)
    if fmt == "datacite-xml":
        parts: list[etree._Element] = [root]
    else:
        parts = [el for el, _ in entities(root)]
    out: list[Finding] = []
    missing: set[str] = set()
    for part in parts:
        namespace = etree.QName(part).namespace or ""
        xsd = find_xsd(namespace, schema_paths)
        if xsd is None:
            missing.add(namespace)
            continue
        # A payload is validated on its own (lxml keeps its line numbers when copying it).
        target = part if part is root else copy.deepcopy(part)
        out += [_finding(source, str(e.location), f"{e.message} (against {xsd.name})") for e in
                validate_xsd(target, _schema(xsd, _xml_namespace_xsd(xsd, schema_paths)), source)]
    for namespace in sorted(missing):
        out.append(_finding(source, source, f"not checked against its own schema: no XSD for the namespace "
                                            f"{namespace} was given (mlrelease ships none; pass --schema with the "
                                            "folder that holds it)", severity="Warning", value=namespace))
    return out


def check_file(path: Path, fmt: str | None = None, schema_paths: Sequence[Path] = (),
               limits: Limits = DEFAULT_LIMITS) -> list[Finding]:
    """:func:`check_source_schema` for the file ``path`` (its format detected when ``fmt`` is None)."""
    from ..files import read_text
    from ..formats import detect_format

    text = read_text(path, limits)
    return check_source_schema(text, fmt or detect_format(text, str(path)), str(path), schema_paths, limits)


@lru_cache(maxsize=1)
def _datacite_json_schema() -> dict[str, Any]:
    from importlib.resources import files

    schema: dict[str, Any] = json.loads(files("datacite").joinpath("schemas/datacite-v4.5.json").read_text("utf-8"))
    return schema


def _check_datacite_json(text: str, source: str, limits: Limits) -> list[Finding]:
    import jsonschema

    doc = load_json(text, source=source, limits=limits)
    prefix = "$"
    if isinstance(doc, dict) and isinstance(doc.get("data"), dict):
        doc, prefix = doc["data"].get("attributes"), "$.data.attributes"
    if not isinstance(doc, dict):
        raise InputError("not DataCite JSON: the attributes are not an object", location=source)
    metadata = {k: v for k, v in doc.items() if k not in REST_FIELDS and v is not None}
    validator = jsonschema.Draft4Validator(_datacite_json_schema())
    out = []
    for error in sorted(validator.iter_errors(metadata), key=lambda e: list(map(str, e.absolute_path))):
        path = prefix + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        out.append(_finding(source, f"{source}:{path}", f"{error.message} (against the DataCite JSON Schema 4.5)"))
    return out


__all__ = ["SCHEMA_FORMATS", "SOURCE_SCHEMA", "check_file", "check_source_schema", "find_xsd"]
