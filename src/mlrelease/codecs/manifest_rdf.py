"""Release manifests to RDF and back, by applying the bundled context directly.

A manifest is compact JSON-LD with the bundled context implied. :func:`manifest_to_graph`
applies that context (see :mod:`.context_table`) and checks every key, code and value on the way,
so that an error names the file, line and field and lists the closest valid choices.
:func:`graph_to_manifest` is the inverse: it compacts one release of a graph back to a manifest
with a fixed key order, so equal graphs give byte-identical manifests.

Releases and every nested node get IRIs derived from the release IRI (never blank nodes); derived
IRIs are left out again on the way back. See docs/manifest.md, "IRIs".
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, Protocol
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import InputError, UnknownTermError
from ..hints import suggest
from ..iris import PREFIXES, SCHEME_BASE, curie, refused_scheme
from ..lexical import is_iso_date, natural_key
from ..licenses.catalog import catalog
from ..licenses.resolve import resolve
from ..terms import DCTERMS, MLR, SCHEMA, SPDX
from ..vocabulary import load as load_vocabulary
from . import readlog
from .context_table import ContextTable, TermDef, table
from .limits import DEFAULT_LIMITS
from .ntriples import nt_iri_memo, nt_literal
from .yaml_safe import MarkedDict, MarkedStr, plain_value

DERIVED_BASE = "https://w3id.org/mlrelease/id/"
CONTEXT_URL = "https://w3id.org/mlrelease/context.jsonld"
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
#: Characters an IRI cannot hold (RFC 3987): controls, spaces, and the delimiters of IRIs in text.
_NOT_IN_IRI = re.compile(r'[\x00-\x20\x7f-\x9f<>"{}|\\^`\ud800-\udfff]|\s')
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
#: JSON-LD 1.1 toRdf: integral numbers below this magnitude are xsd:integer, all others xsd:double.
_MAX_INTEGER = 10**21
_HEX = re.compile(r"^[0-9A-Fa-f]*$")

#: Nested nodes under these keys are typed by the key's range when they state no type
#: (``artifacts: [{...}]`` is an mlr:Artifact); the type is left out again when writing.
IMPLIED_TYPES: dict[str, str] = {
    "artifacts": str(MLR.Artifact),
    "stages": str(MLR.ReleaseStage),
    "gate": str(MLR.Gate),
    "modelCard": str(MLR.ModelCard),
    "sections": str(MLR.ModelCardSection),
    "riskAssessments": str(MLR.RiskAssessment),
    "contributions": str(MLR.Contribution),
    "lineage": str(MLR.Derivation),
    "evaluationResults": str(MLR.EvaluationResult),
    "useRestrictions": str(MLR.UseRestriction),
    "openness": str(MLR.OpennessAssessment),
    "progress": str(MLR.ClassProgress),
    "checksum": str(SPDX.Checksum),
    "funding": str(MLR.Funding),
    "projects": str(MLR.Project),
    "relatedOutputs": str(MLR.RelatedOutput),
    "trainingData": str(SCHEMA.Dataset),
    "evaluationData": str(SCHEMA.Dataset),
}

#: Keys come first in this order when a manifest is written; the rest follow alphabetically.
KEY_ORDER = [
    "id", "type", "artifactType", "sectionType", "status", "name", "identifier", "version",
    "datePublished", "dateModified", "description",
    "publisher", "model", "pid", "url", "keywords", "task", "license", "accessTier", "gate", "claims",
    "withheldReason", "plannedDate", "stageNumber", "artifacts", "stages",
    "modelCard", "riskAssessments", "contributions", "lineage", "trainingData", "evaluationData",
    "evaluationResults", "relatedOutputs", "projects", "funding", "funder", "awardNumber", "awardTitle",
    "awardUri", "programme", "relationType", "output", "collectionDate", "useRestrictions", "openness",
]
_RANK = {k: i for i, k in enumerate(KEY_ORDER)}


def key_sort(key: str) -> tuple[int, str]:
    """Sort key that puts manifest keys in :data:`KEY_ORDER`, then alphabetically."""
    return (_RANK.get(key, len(KEY_ORDER)), key)


@functools.cache
def _string_keys() -> frozenset[str]:
    vocab = load_vocabulary()
    text_ranges = {str(XSD.string), str(RDFS.Literal), str(RDF.langString)}
    return frozenset(t.key for t in vocab.terms.values() if t.key and text_ranges & set(t.ranges))


class _Locator:
    """Builds locations ``file:line: field path`` for messages."""

    def __init__(self, source: str) -> None:
        self.source = source

    def at(self, path: str, node: Any = None, key: str | None = None) -> str:
        line = None
        if isinstance(node, MarkedDict) and key is not None:
            line = node.key_lines.get(key)
        elif isinstance(node, (MarkedStr, MarkedDict)):
            line = node.line
        where = f"{self.source}:{line}" if line else self.source
        return f"{where}: field {path}" if path else where


def derive_release_iri(identifier: str, version: str | None) -> str:
    """Return the IRI of a release that states no ``id`` (stable: derived from its identifiers)."""
    tail = quote(str(identifier), safe="")
    if version:
        tail += "/" + quote(str(version), safe="")
    return DERIVED_BASE + tail


def child_fragment(parent_fragment: str, key: str, index: int, node: dict[str, Any] | None,
                   is_set: bool, seen_types: dict[str, int]) -> str:
    """Return the fragment of a nested node's derived IRI (see docs/manifest.md, "IRIs").

    Artifacts directly under the release are named by type (``artifact/<type>``, then
    ``-2``, ``-3``, ... for repeats); any other node by key and position (``stages/2``) or, for a
    single-valued key, by key alone (``gate``).
    """
    code = node.get("artifactType") if node is not None else None
    if key == "artifacts" and not parent_fragment and isinstance(code, str):
        seen_types[code] = seen_types.get(code, 0) + 1
        n = seen_types[code]
        return f"artifact/{code}" if n == 1 else f"artifact/{code}-{n}"
    prefix = f"{parent_fragment}/" if parent_fragment else ""
    return f"{prefix}{key}/{index}" if is_set else f"{prefix}{key}"


Triple = tuple[Node, Node, Node]
#: A term as a reader makes it: an rdflib term (:class:`ManifestReader`) or N-Triples text (:class:`NTriplesReader`).
Term = Any


class TripleSink(Protocol):
    """Where :class:`ManifestReader` puts triples: an rdflib graph, a :class:`TripleList` or a :class:`LineList`."""

    def add(self, triple: tuple[Any, Any, Any], /) -> object: ...


class TripleList(list[Triple]):
    """Triples in a plain list (``add`` appends; a triple the manifest states twice is there twice)."""

    def add(self, triple: Triple, /) -> None:
        self.append(triple)


class LineList(list[str]):
    """N-Triples lines of the terms an :class:`NTriplesReader` makes (``add`` appends one line)."""

    def add(self, triple: tuple[str, str, str], /) -> None:
        self.append(f"{triple[0]} {triple[1]} {triple[2]} .\n")


class ManifestReader:
    """Turns one manifest (a dict, as loaded from YAML or JSON) into triples in a graph."""

    def __init__(self, source: str = "<manifest>", license_ids: Iterable[str] | None = None) -> None:
        self.table: ContextTable = table()
        self.vocab = load_vocabulary()
        self.loc = _Locator(source)
        self.source = source
        self.string_keys = _string_keys()
        self.license_ids = frozenset(license_ids) if license_ids is not None else _catalogue_ids()
        self.rdf_type = self.iri(str(RDF.type))
        self._release_base = ""

    # -- terms: the one place a reader makes RDF terms (rdflib's here; N-Triples text in NTriplesReader) --

    def iri(self, value: str) -> Term:
        """The term of an IRI."""
        return URIRef(value)

    def literal(self, text: str, datatype: str | None = None, lang: str | None = None) -> Term:
        """The term of a literal (a language tag wins over a datatype)."""
        return Literal(text, lang=lang, datatype=URIRef(datatype) if datatype and not lang else None)

    # -- entry point ------------------------------------------------------------------------

    def read(self, manifest: Any, graph: Graph | None = None) -> tuple[Graph, URIRef]:
        """Add the release the manifest describes to ``graph``; return it and the release IRI.

        :raises InputError: the manifest is not a mapping, misses an identity, or has a bad value.
        :raises UnknownTermError: an unknown key, code, type or licence id (with suggestions).
        """
        graph = graph if graph is not None else Graph()
        return graph, self.read_into(manifest, graph)

    def read_into(self, manifest: Any, graph: TripleSink) -> Term:
        """:meth:`read` into anything with ``add(triple)``: a graph, or a :class:`TripleList` (no rdflib
        store on the way, for bulk conversion). The same triples, in the same order, either way."""
        if not isinstance(manifest, dict):
            raise InputError("a release manifest must be a mapping of keys to values",
                             location=self.loc.at("", manifest), hint="see docs/manifest.md for an example")
        ctx = manifest.get("@context")
        if ctx is not None and ctx != CONTEXT_URL:
            raise InputError("this manifest names a @context mlrelease does not bundle",
                             location=self.loc.at("@context", manifest, "@context"),
                             hint=f"drop @context (it is implied) or use {CONTEXT_URL!r}")
        release = self._release_iri(manifest)
        types = manifest.get("type")
        if types is not None and "Release" not in (types if isinstance(types, list) else [types]):
            raise InputError("a manifest describes one release: its type must be Release",
                             location=self.loc.at("type", manifest, "type"),
                             hint="write `type: Release` or leave it out")
        self._release_base = release
        subject = self.iri(release)
        graph.add((subject, self.rdf_type, self.iri(str(MLR.Release))))
        self._node(manifest, subject, "", "", graph, top=True)
        return subject

    def _release_iri(self, manifest: dict[str, Any]) -> str:
        if "id" in manifest:
            iri = self._iri_text(manifest["id"], "id", manifest, "id")
            if "#" in iri:
                base, _, fragment = str(iri).partition("#")
                instead = f"{base.rstrip('/')}/{quote(fragment, safe='')}" if fragment else base
                raise InputError(
                    f"the release IRI {str(iri)!r} has a fragment ('#{fragment}'): the IRIs mlrelease gives "
                    "the release's parts (<release>#artifact/...) would hold two '#' and be broken",
                    location=self.loc.at("id", manifest, "id"),
                    hint=f"write the IRI without '#', for example {instead}, or leave `id` out to derive it from "
                         "`identifier` and `version`",
                )
            return iri
        identifier = manifest.get("identifier")
        if not isinstance(identifier, str) or not identifier.strip():
            raise InputError(
                "the release has neither `id` nor `identifier`, so it cannot get a stable IRI",
                location=self.loc.at("", manifest),
                hint="add `id: https://...` (the release's IRI) or `identifier: org/model` (e.g. its repository id)",
            )
        self._check_segment(identifier, "identifier", manifest)
        key = "version" if manifest.get("version") else "datePublished"
        version = manifest.get(key)
        if version is not None:
            self._check_segment(str(version), key, manifest)
        return derive_release_iri(identifier, str(version) if version is not None else None)

    def _check_segment(self, text: str, key: str, manifest: dict[str, Any]) -> None:
        """Refuse an identifier or version that would give a broken or ambiguous derived IRI.

        Both are percent-encoded into the IRI (docs/manifest.md, "IRIs"), so spaces, ``#`` and
        ``/`` are safe; what is not: text that cannot be encoded (lone surrogates), control and
        other invisible characters and surrounding spaces (two spellings that look the same, two
        IRIs, one release), and ``.`` or ``..``, which IRI normalisation removes as dot segments.
        """
        where = self.loc.at(key, manifest, key)
        problem = None
        bad = next((ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf", "Cs")), None)
        if bad is not None:
            problem = f"contains {_describe_char(bad)}, which would make the derived IRI broken or ambiguous"
        elif text != text.strip():
            problem = "starts or ends with spaces, so the same release would get two IRIs"
        elif text in (".", ".."):
            problem = "is a dot segment, which IRI normalisation removes from the derived IRI"
        if problem is not None:
            example = "org/model" if key == "identifier" else "1.0"
            raise InputError(f"the {key} {text!r} {problem}", location=where,
                             hint=f"write the {key} as people know it, without control or invisible characters or "
                                  f"surrounding spaces (for example {example}), or give the release an "
                                  "`id: https://...`")

    # -- nodes --------------------------------------------------------------------------------

    def _node(self, obj: dict[str, Any], subject: Term, fragment: str, path: str, graph: TripleSink,
              top: bool = False) -> None:
        for key, value in obj.items():
            field_path = f"{path}.{key}" if path else key
            if key in ("id", "@context") or (key == "type" and top):
                continue
            if key == "type":
                for t in value if isinstance(value, list) else [value]:
                    graph.add((subject, self.rdf_type, self._class(t, field_path, obj, key)))
                continue
            if key.startswith("@"):
                raise InputError(f"JSON-LD keyword {key!r} is not supported in manifests",
                                 location=self.loc.at(field_path, obj, key),
                                 hint="write plain keys; for full JSON-LD, convert from a .jsonld file")
            term = self.table.by_key.get(key)
            if term is None and _IRI.match(key) and "://" in key:
                self._generic(subject, self.iri(key), value, field_path, obj, graph)
                continue
            if term is None or term.kind == "class":
                raise UnknownTermError(f"unknown key {key!r}", location=self.loc.at(field_path, obj, key),
                                       hint=suggest(key, self.table.keys()))
            is_list = isinstance(value, list)
            values = value if is_list else [value]
            seen_types: dict[str, int] = {}
            predicate = self.iri(term.iri)
            for index, item in enumerate(values, start=1):
                item_path = f"{field_path}[{index - 1}]" if is_list else field_path
                if item is None:
                    continue
                obj_node = self._value(term, item, item_path, obj, key, graph, fragment, index,
                                       is_list or term.is_set, seen_types)
                graph.add((subject, predicate, obj_node))

    def _value(self, term: TermDef, item: Any, path: str, parent: dict[str, Any], key: str, graph: TripleSink,
               fragment: str, index: int, as_set: bool, seen_types: dict[str, int]) -> Term:
        if term.kind == "vocab":
            return self._code(term, item, path, parent, key)
        if term.kind == "id":
            if isinstance(item, dict):
                frag = child_fragment(fragment, key, index, item, as_set, seen_types)
                child = (self._iri(item["id"], f"{path}.id", item, "id") if "id" in item
                         else self.iri(f"{self._release_base}#{frag}"))
                implied = IMPLIED_TYPES.get(key)
                if implied is not None and "type" not in item:
                    graph.add((child, self.rdf_type, self.iri(implied)))
                self._node(item, child, frag, path, graph)
                return child
            return self._iri(item, path, parent, key)
        return self._literal(term, item, path, parent, key)

    def _generic(self, subject: Term, predicate: Term, value: Any, path: str, parent: dict,
                 graph: TripleSink) -> None:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and set(item) == {"id"}:
                graph.add((subject, predicate, self._iri(item["id"], path, item, "id")))
            elif isinstance(item, dict) and "@value" in item:
                graph.add((subject, predicate, self._value_object(item, path, parent)))
            elif isinstance(item, (str, int, float, bool)):
                graph.add((subject, predicate, self._native(plain_value(item), path, parent)))
            else:
                raise InputError("a value under a full-IRI key must be a string, {id: IRI} or {@value: ...}",
                                 location=self.loc.at(path, parent), hint="simplify the value")

    # -- values -------------------------------------------------------------------------------

    def _iri(self, value: Any, path: str, parent: Any, key: str | None) -> Term:
        return self.iri(self._iri_text(value, path, parent, key))

    def _iri_text(self, value: Any, path: str, parent: Any, key: str | None) -> str:
        """``value`` if it is an IRI a record may hold, else an error that says why not."""
        if not isinstance(value, str) or not _SCHEME.match(value):
            raise InputError(f"{value!r} is not an absolute IRI", location=self.loc.at(path, parent, key),
                             hint="write a full IRI such as https://example.org/..., https://orcid.org/... or https://ror.org/...")
        if len(value) > DEFAULT_LIMITS.max_iri_length:
            raise InputError(f"an IRI of {len(value)} characters (limit max_iri_length "
                             f"{DEFAULT_LIMITS.max_iri_length})", location=self.loc.at(path, parent, key),
                             hint="a record's IRIs are short; check the value")
        scheme = refused_scheme(value, release=path == "id")
        if scheme is not None:
            raise InputError(f"{value[:60]!r}: a {scheme} IRI is refused here", location=self.loc.at(path, parent, key),
                             hint="a release is named by an http(s) IRI others can reach; a link is an http(s) URL")
        problem = iri_problem(value)
        if problem is not None:
            raise InputError(f"{value!r} is not a valid IRI: {problem}", location=self.loc.at(path, parent, key),
                             hint="percent-encode the character (a space is %20, '#' is %23, '%' is %25) "
                                  "or remove it")
        return str(value)

    def _class(self, value: Any, path: str, parent: Any, key: str) -> Term:
        term = self.table.by_key.get(str(value))
        if term is not None and term.kind == "class":
            return self.iri(term.iri)
        if isinstance(value, str) and "://" in value and _IRI.match(value):
            return self.iri(value)
        classes = sorted(k for k, t in self.table.by_key.items() if t.kind == "class")
        raise UnknownTermError(f"unknown type {value!r}", location=self.loc.at(path, parent, key),
                               hint=suggest(str(value), classes))

    def _code(self, term: TermDef, value: Any, path: str, parent: Any, key: str) -> Term:
        if isinstance(value, dict) and set(value) == {"id"}:
            value = value["id"]
        if not isinstance(value, str):
            raise InputError(f"{key} takes a code, not {type(value).__name__}",
                             location=self.loc.at(path, parent, key), hint=self._codes_hint(term, ""))
        if term.iri == _LICENSE:
            return self._license(term, value, path, parent, key)
        iri = value if "://" in value else term.code_to_iri(value)
        if term.vocab_base and term.vocab_base.startswith(SCHEME_BASE):
            slug = term.vocab_base[len(SCHEME_BASE):].rstrip("/")
            concepts = _concept_iris(slug)
            if concepts is not None and iri not in concepts:
                raise UnknownTermError(f"{value!r} is not a code of the {slug} scheme (key {key})",
                                       location=self.loc.at(path, parent, key), hint=self._codes_hint(term, value))
        else:  # a vocabulary mlrelease does not bundle (spdx:checksumAlgorithm_...): the IRI must be one
            problem = iri_problem(iri)
            if problem is not None:
                raise InputError(f"{value!r} is not a valid {key} code: its IRI {iri!r} is not valid ({problem})",
                                 location=self.loc.at(path, parent, key),
                                 hint=f"write {key} as a code without spaces or special characters, e.g. sha256")
        return self.iri(iri)

    def _codes_hint(self, term: TermDef, value: str) -> str:
        if term.vocab_base and term.vocab_base.startswith(SCHEME_BASE):
            slug = term.vocab_base[len(SCHEME_BASE):].rstrip("/")
            scheme = self.vocab.schemes.get(slug)
            if scheme is not None:
                return suggest(value, [c.notation for c in scheme.concepts])
        return "see `mlrelease vocab --html DIR` for the valid codes"

    def _license(self, term: TermDef, value: str, path: str, parent: Any, key: str) -> Term:
        if "://" in value and _IRI.match(value):
            return self.iri(value)
        if self.license_ids and value not in self.license_ids:
            raise UnknownTermError(f"{value!r} is not a licence id of the catalogue",
                                   location=self.loc.at(path, parent, key),
                                   hint=_license_hint(value, sorted(self.license_ids)))
        return self.iri(term.code_to_iri(value))

    def _literal(self, term: TermDef, value: Any, path: str, parent: Any, key: str) -> Term:
        if isinstance(value, dict):
            if "@value" in value:
                return self._value_object(value, path, parent)
            raise InputError(f"{key} takes a plain value, not a mapping", location=self.loc.at(path, parent, key),
                             hint=f"write `{key}: some value`")
        if isinstance(value, list):
            raise InputError(f"{key} takes plain values, not nested lists", location=self.loc.at(path, parent, key))
        dt = term.datatype
        text = str(value).strip() if not isinstance(value, bool) else ("true" if value else "false")
        if dt is None:
            if key in self.string_keys:
                if not isinstance(value, str):
                    raise InputError(f"{key} must be a string, got {type(value).__name__} {value!r}",
                                     location=self.loc.at(path, parent, key),
                                     hint=f'quote it: {key}: "{value}"')
                return self.literal(str(value))
            return self._native(plain_value(value), path, parent, key)
        checker = _CHECKS.get(dt)
        if checker in (_is_int, _is_nonneg, _is_decimal) and len(text) > DEFAULT_LIMITS.max_number_digits:
            raise InputError(f"{key} is a number of {len(text)} digits (limit max_number_digits "
                             f"{DEFAULT_LIMITS.max_number_digits})", location=self.loc.at(path, parent, key),
                             hint="a record's numbers are short; check the value")
        if checker is not None and not checker(text, value):
            raise InputError(f"{key} must be {_DESCRIBE.get(dt, dt)}, got {value!r}",
                             location=self.loc.at(path, parent, key),
                             hint=_HINTS.get(dt, "fix the value"))
        return self.literal(text, dt)

    def _value_object(self, value: dict[str, Any], path: str, parent: Any) -> Term:
        extra = set(value) - {"@value", "@type", "@language"}
        if extra:
            raise InputError(f"unexpected keys {sorted(extra)} in a value object", location=self.loc.at(path, parent))
        lang = value.get("@language")
        dt = value.get("@type")
        if dt is not None:
            prefix, _, local = str(dt).partition(":")
            dt = PREFIXES.get(prefix, prefix + ":") + local if prefix in PREFIXES else str(dt)
        native = plain_value(value["@value"])
        if lang is None and dt is None and isinstance(native, (bool, int, float)):
            return self._native(native, path, value, "@value")  # typed as JSON-LD types a native value
        if dt == str(XSD.double) and isinstance(native, (int, float)) and not isinstance(native, bool):
            return self._native(native, path, value, "@value", double=True)  # JSON-LD: canonical form
        return self.literal(str(value["@value"]), dt, lang)

    def _native(self, value: Any, path: str, parent: Any, key: str | None = None, *,
                double: bool = False) -> Term:
        """A native JSON/YAML value as JSON-LD types it; a number it cannot represent is an error."""
        try:
            return self.literal(*native_lexical(value, double=double))
        except NumberRangeError as exc:
            raise InputError(f"{exc}: JSON-LD cannot write it as a number", location=self.loc.at(path, parent, key),
                             hint="quote it to keep it as text, or write it as "
                                  "{'@value': '...', '@type': 'xsd:decimal'}") from None


class UnwritableIRI(Exception):
    """An IRI that rdflib would refuse to write: :func:`mlrelease.io.load_ntriples` then takes the reference path."""


class NTriplesReader(ManifestReader):
    """A :class:`ManifestReader` whose terms are N-Triples text: the same checks, errors and triples as
    the rdflib reader, with no rdflib term on the way (see :func:`manifest_to_lines`)."""

    def __init__(self, source: str = "<manifest>", license_ids: Iterable[str] | None = None) -> None:
        super().__init__(source, license_ids)
        #: Codes are checked once per process (the catalogue's licences: only when it is the one checked against).
        self._codes = _CODES if license_ids is None else {}

    def iri(self, value: str) -> Term:
        text = nt_iri_memo(value)
        if text is None:
            raise UnwritableIRI(value)
        return text

    def literal(self, text: str, datatype: str | None = None, lang: str | None = None) -> Term:
        return nt_literal(text, datatype, lang)

    def _code(self, term: TermDef, value: Any, path: str, parent: Any, key: str) -> Term:
        if not isinstance(value, str):
            return super()._code(term, value, path, parent, key)
        memo = (term.iri, str(value))
        found = self._codes.get(memo)
        if found is None:
            found = super()._code(term, value, path, parent, key)
            if len(self._codes) < _MEMO_SIZE:
                self._codes[memo] = found
        return found


#: N-Triples text of valid codes, kept across manifests (up to this many).
_MEMO_SIZE = 20_000
_CODES: dict[tuple[str, str], str] = {}


def iri_problem(value: str) -> str | None:
    """Say why ``value`` (which starts with a scheme) is not a valid IRI, or return None.

    >>> iri_problem("https://example.org/a b")
    'it contains a space (character 22)'
    >>> iri_problem("https://example.org/m#a#b"), iri_problem("https://example.org/m#a")
    ("it holds more than one '#'", None)
    """
    bad = _NOT_IN_IRI.search(value)
    if bad is not None:
        return f"it contains {_describe_char(bad.group())} (character {bad.start() + 1})"
    escape = _BAD_ESCAPE.search(value)
    if escape is not None:
        return f"'%' at character {escape.start() + 1} does not start a percent-escape (%XX)"
    if value.count("#") > 1:
        return "it holds more than one '#'"
    return None


def _describe_char(ch: str) -> str:
    names = {" ": "a space", "\t": "a tab", "\n": "a line break", "\r": "a carriage return"}
    if ch in names:
        return names[ch]
    if ch.isprintable() and not ch.isspace():
        return repr(ch)
    name = unicodedata.name(ch, "") if unicodedata.category(ch) != "Cs" else "a lone surrogate"
    return f"U+{ord(ch):04X}" + (f" ({name.lower()})" if name else " (a control character)")


class NumberRangeError(ValueError):
    """A native number that JSON-LD cannot represent (infinite, or beyond xsd:double)."""


def _native_literal(value: Any, *, double: bool = False) -> Literal:
    """Convert a native JSON value as JSON-LD 1.1's toRdf does (API, "Object to RDF conversion").

    A number with no fractional part and a magnitude below 10^21 is an ``xsd:integer`` (so
    ``67.0`` is ``"67"``, and ``-0.0`` is ``"0"``); any other number is an ``xsd:double`` in
    canonical form (``"6.12E-1"``, ``"1.0E21"``).

    >>> [_native_literal(v).datatype.split("#")[1] for v in (67.0, -0.0, 1e20, 0.612, 1e21, 10**21)]
    ['integer', 'integer', 'integer', 'double', 'double', 'double']
    >>> str(_native_literal(67.0)), str(_native_literal(-0.0)), str(_native_literal(1e20))
    ('67', '0', '100000000000000000000')

    (rdflib then writes a double's lexical form its own way unless ``rdflib.NORMALIZE_LITERALS`` is off.)

    With ``double`` (the value's datatype is xsd:double) every number is a canonical xsd:double.

    :raises NumberRangeError: the number is infinite or NaN, or too large for an xsd:double.
    """
    text, datatype = native_lexical(value, double=double)
    return Literal(text, datatype=URIRef(datatype) if datatype else None)


_LICENSE = str(DCTERMS.license)
_XSD_BOOLEAN, _XSD_INTEGER, _XSD_DOUBLE = str(XSD.boolean), str(XSD.integer), str(XSD.double)


def native_lexical(value: Any, *, double: bool = False) -> tuple[str, str | None]:
    """:func:`_native_literal` as (lexical form, datatype IRI or None), without an rdflib term.

    >>> native_lexical(67.0), native_lexical(True)[0]
    (('67', 'http://www.w3.org/2001/XMLSchema#integer'), 'true')
    """
    if isinstance(value, bool):
        return ("true" if value else "false"), _XSD_BOOLEAN
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise NumberRangeError(f"{value!r} is not a finite number")
        if not double and value % 1 == 0 and abs(value) < _MAX_INTEGER:
            return str(int(value)), _XSD_INTEGER
        try:
            number = float(value)
        except OverflowError:
            raise NumberRangeError(f"{value!r} is too large for an xsd:double") from None
        return canonical_double(number), _XSD_DOUBLE
    return str(value), None


def canonical_double(number: float) -> str:
    """The canonical lexical form of an xsd:double, as JSON-LD writes it (``1.0E21``, ``-6.12E-1``)."""
    mantissa, exponent = f"{number:.15E}".split("E")
    mantissa = mantissa.rstrip("0")
    if mantissa.endswith("."):
        mantissa += "0"
    return f"{mantissa}E{int(exponent)}"


def _is_datetime(text: str, _value: Any) -> bool:
    try:
        _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in text


def _is_int(text: str, value: Any) -> bool:
    return not isinstance(value, (bool, float)) and re.fullmatch(r"[-+]?\d+", text) is not None


def _is_nonneg(text: str, value: Any) -> bool:
    return _is_int(text, value) and not text.startswith("-")


def _is_decimal(text: str, value: Any) -> bool:
    return not isinstance(value, bool) and re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", text) is not None


_CHECKS: dict[str, Callable[[str, Any], bool]] = {
    str(XSD.date): lambda t, v: is_iso_date(t),
    str(XSD.dateTime): _is_datetime,
    str(XSD.boolean): lambda t, v: t in ("true", "false"),
    str(XSD.integer): _is_int,
    str(XSD.nonNegativeInteger): _is_nonneg,
    str(XSD.decimal): _is_decimal,
    str(XSD.hexBinary): lambda t, v: isinstance(v, str) and len(t) % 2 == 0 and _HEX.match(t) is not None,
}
_DESCRIBE = {
    str(XSD.date): "a date (YYYY-MM-DD)", str(XSD.dateTime): "a date and time (YYYY-MM-DDThh:mm:ssZ)",
    str(XSD.boolean): "true or false", str(XSD.integer): "a whole number",
    str(XSD.nonNegativeInteger): "a whole number of 0 or more", str(XSD.decimal): "a decimal number",
    str(XSD.hexBinary): "a hexadecimal string",
}
_HINTS = {
    str(XSD.date): "write the date as YYYY-MM-DD, for example 2024-07-23",
    str(XSD.dateTime): "write an ISO 8601 date and time, for example 2024-07-23T12:00:00Z",
    str(XSD.hexBinary): "write the digest as hexadecimal digits (0-9, a-f), as sha256sum prints it",
    str(XSD.nonNegativeInteger): "write a whole number without sign or decimals, for example 14483464192",
    str(XSD.integer): "write a whole number without decimals, for example 3",
    str(XSD.decimal): "write a number such as 66.67",
    str(XSD.boolean): "write true or false",
}


@functools.cache
def _catalogue_ids() -> frozenset[str]:
    return frozenset(catalog().ids())


@functools.cache
def _concept_iris(slug: str) -> frozenset[str] | None:
    """The IRIs of the concepts of the bundled scheme ``slug`` (None: no such scheme); read once."""
    scheme = load_vocabulary().schemes.get(slug)
    return frozenset(c.iri for c in scheme.concepts) if scheme is not None else None


def _license_hint(value: str, ids: list[str]) -> str:
    resolution = resolve(value)
    lic = resolution.license
    if lic is not None:
        return f"write the catalogue id {lic.id!r} (the canonical id of {value!r})"
    return suggest(value, ids)


# ---------------------------------------------------------------------------------------------
# RDF -> manifest
# ---------------------------------------------------------------------------------------------


class ManifestWriter:
    """Compacts one release of a graph back into a manifest dict, deterministically."""

    def __init__(self, graph: Graph, *, keep_ids: bool = False) -> None:
        self.graph = graph
        self.table = table()
        self.keep_ids = keep_ids

    def write(self, release: URIRef) -> dict[str, Any]:
        """Return the manifest of ``release`` (keys in :data:`KEY_ORDER`, derived ids left out)."""
        self.release_base = str(release)
        self.visited: set[Node] = {release}
        identifier = self.graph.value(release, SCHEMA.identifier)
        version = self.graph.value(release, SCHEMA.version) or self.graph.value(
            release, SCHEMA.datePublished)
        derived = (derive_release_iri(str(identifier), str(version) if version is not None else None)
                   if identifier is not None else None)
        return self._node(release, "", top=True, derived=derived)

    def _node(self, subject: Node, fragment: str, top: bool, derived: str | None,
              implied: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if isinstance(subject, URIRef) and (self.keep_ids or str(subject) != derived):
            out["id"] = str(subject)
        types = sorted(self.graph.objects(subject, RDF.type), key=str)
        if not self.keep_ids and implied is not None and [str(t) for t in types] == [implied]:
            types = []
        type_names = [self.table.classes_by_iri.get(str(t), str(t)) for t in types]
        if type_names:
            out["type"] = type_names[0] if len(type_names) == 1 else type_names
        grouped: dict[str, list[Node]] = {}
        for p, o in self.graph.predicate_objects(subject):
            if p == RDF.type:
                continue
            term = self.table.by_iri.get(str(p))
            key = term.key if term else str(p)
            grouped.setdefault(key, []).append(o)
        for key in sorted(grouped, key=key_sort):
            term = self.table.by_key.get(key)
            values = grouped[key]
            rendered = self._values(term, key, values, fragment)
            is_set = (term.is_set if term else False) or len(rendered) > 1
            out[key] = rendered if is_set else rendered[0]
        return out

    def _values(self, term: TermDef | None, key: str, values: list[Node], fragment: str) -> list[Any]:
        if term is None:
            return sorted((self._generic(v) for v in values), key=lambda v: natural_key(str(v)))
        if term.kind == "vocab":
            return sorted(term.iri_to_code(str(v)) if isinstance(v, URIRef) else self._literal(None, v)
                          for v in values)
        if term.kind == "id":
            return self._id_values(term, key, values, fragment)
        return sorted((self._literal(term, v) for v in values), key=lambda v: natural_key(str(v)))

    def _id_values(self, term: TermDef, key: str, values: list[Node], fragment: str) -> list[Any]:
        ordered = sorted(values, key=lambda v: natural_key(str(v)))
        embeddable = [v for v in ordered
                      if v not in self.visited and self._has_triples(v) and not self._belongs_elsewhere(key, v)]
        for v in embeddable:
            self.visited.add(v)
        out: list[Any] = []
        seen_types: dict[str, int] = {}
        for index, v in enumerate(embeddable, start=1):
            art_type = self._artifact_code(v) if key == "artifacts" else None
            node_like = {"artifactType": art_type} if art_type else None
            frag = child_fragment(fragment, key, index, node_like, term.is_set or len(values) > 1, seen_types)
            derived = f"{self.release_base}#{frag}"
            out.append(self._node(v, frag, top=False, derived=derived, implied=IMPLIED_TYPES.get(key)))
        out += [str(v) if not isinstance(v, BNode) else {} for v in ordered if v not in embeddable]
        return out

    def _belongs_elsewhere(self, key: str, node: Node) -> bool:
        """Whether ``node`` is described under another key: it has the type that key implies, and is named there.

        A dataset that is also an artifact's URL is described under ``trainingData``, where a reader
        looks for it, and named by its IRI under ``url``.
        """
        types = {str(t) for t in self.graph.objects(node, RDF.type)}
        homes = [k for k, implied in IMPLIED_TYPES.items() if implied in types]
        if not homes or key in homes:
            return False
        return any((None, URIRef(self.table.by_key[k].iri), node) in self.graph for k in homes)

    def _artifact_code(self, node: Node) -> str | None:
        value = self.graph.value(node, MLR.artifactType)
        if value is None:
            return None
        return self.table.by_key["artifactType"].iri_to_code(str(value))

    def _has_triples(self, node: Node) -> bool:
        return (node, None, None) in self.graph

    def _literal(self, term: TermDef | None, value: Node) -> Any:
        if not isinstance(value, Literal):
            return {"id": str(value)}
        dt = str(value.datatype) if value.datatype else None
        if value.language:
            return {"@value": str(value), "@language": value.language}
        expected = term.datatype if term else None
        if dt == expected or (dt in (None, str(XSD.string)) and expected is None):
            if dt in (str(XSD.integer), str(XSD.nonNegativeInteger)):
                return int(str(value))
            if dt == str(XSD.boolean):
                return str(value) == "true"
            return str(value)
        if expected is None and dt in (str(XSD.integer), str(XSD.double), str(XSD.boolean)):
            # A native number or boolean only where reading it back gives this very literal (JSON-LD
            # makes 67.0 an xsd:integer and 10^21 an xsd:double); otherwise a value object.
            py = value.toPython()
            if isinstance(py, (int, float, bool)) and _same_native(py, value):
                return py
        return {"@value": str(value), "@type": curie(dt, PREFIXES) if dt else None}

    def _generic(self, value: Node) -> Any:
        if isinstance(value, Literal):
            return self._literal(None, value)
        return {"id": str(value)}


def _same_native(py: Any, literal: Literal) -> bool:
    try:
        return _native_literal(py) == literal
    except NumberRangeError:
        return False


def manifest_to_graph(manifest: Any, *, source: str = "<manifest>", graph: Graph | None = None) -> tuple[Graph, URIRef]:
    """Apply the bundled context to ``manifest``; return the graph and the release IRI."""
    graph, release = ManifestReader(source).read(manifest, graph)
    log = readlog.current()
    if log is not None:
        log.manifest_releases.append(str(release))
    return graph, release


def manifest_to_triples(manifest: Any, *, source: str = "<manifest>") -> tuple[TripleList, URIRef]:
    """:func:`manifest_to_graph` without the graph: the triples (as rdflib terms) and the release IRI.

    Building an rdflib graph costs more than reading the manifest; bulk conversion to N-Triples or
    N-Quads (:func:`mlrelease.io.load_ntriples`) needs only the triples. Same checks, same errors.
    """
    triples = TripleList()
    release = ManifestReader(source).read_into(manifest, triples)
    log = readlog.current()
    if log is not None:
        log.manifest_releases.append(str(release))
    return triples, release


def manifest_to_lines(manifest: Any, *, source: str = "<manifest>") -> tuple[LineList, str]:
    """:func:`manifest_to_triples` as N-Triples lines (one per triple, in the order read, repeats kept) and
    the release IRI: no rdflib term on the way, for bulk conversion. Same checks, same errors.

    :raises UnwritableIRI: the manifest yields an IRI rdflib refuses to write (the reference path says how).
    """
    lines = LineList()
    reader = NTriplesReader(source)
    reader.read_into(manifest, lines)
    log = readlog.current()
    if log is not None:
        log.manifest_releases.append(reader._release_base)
    return lines, reader._release_base


def graph_to_manifest(graph: Graph, release: URIRef, *, keep_ids: bool = False) -> dict[str, Any]:
    """Compact ``release`` in ``graph`` to a manifest dict (inverse of :func:`manifest_to_graph`).

    With ``keep_ids`` every node keeps its ``id`` and ``type``, derived or implied (plain compact JSON-LD).
    """
    return ManifestWriter(graph, keep_ids=keep_ids).write(release)
