"""Model Openness Framework (MOF) manifests to release manifests.

A MOF manifest is the YAML file the Model Openness Tool (MOT, https://mot.isitopen.ai) writes for
a model: ``framework`` (name, version, date) and ``release`` (the model's details, the global
licences and the list of included components). :func:`mof_to_manifest` reads it with the safe YAML
loader (line numbers, duplicate keys refused, no YAML 1.1 coercion: ``version: 1.10`` stays
"1.10") and returns an :class:`~mlrelease.importers.ImportResult` whose manifest uses the keys and
codes of the bundled context. What is mapped (see docs/manifest.md for the keys):

==================================  ================================================================
MOF                                 manifest
==================================  ================================================================
``release.name``                    ``name``
(file stem, else ``release.name``)  ``identifier``: the stem of the file named by ``source``
                                    (``models/BLOOM.yml`` -> ``BLOOM``), else the release name, so
                                    the derived IRI is stable (docs/manifest.md, "IRIs"); a stem that
                                    differs from the release name is a warning
``release.version``                 ``version`` (MOT's "Version/Parameters", such as ``366B``);
                                    placeholders such as ``Undisclosed`` are left out, with a warning
``release.date``                    ``dateModified``, *not* ``datePublished``: MOT writes the date
                                    its entry was last changed (``ModelSerializer``:
                                    ``date('Y-m-d', $model->getChangedTime())``), so BLOOM's is
                                    2025-05-10, not its release in 2022
``release.producer``                ``publisher: {type: Organization, name: ...}``; its ``id`` is
                                    inferred from release.huggingface (the Hub namespace) or a
                                    GitHub release.repository (the owner)
``release.huggingface``             ``url`` (a Hub repository id such as ``org/name`` becomes
                                    ``https://huggingface.co/org/name``)
``release.repository``              ``url`` as well (a release may have several)
``release.type``                    ``keywords``: ``<type> model`` (``language model``, ...)
``release.architecture``            ``keywords``: the value (``transformer decoder``, ...)
``release.treatment``               ``keywords``: the value; ``instruct fine-tuned`` and
                                    ``chat fine-tuned`` also make the lineage relation ``fine-tune``
``release.origin``                  ``lineage: [{baseModel: {type: Model, name: <origin>}}]`` when it
                                    names a base model (below)
``release.license.distribution``    the licence every component inherits last; also the release's
                                    ``license`` when that changes nothing (below)
``release.license.code|data|        the type-specific global licences, inherited by the components
document``                          of that MOF content type
``release.components[]``            ``artifacts[]``, one per component (below)
==================================  ================================================================

**Components.** Each listed component becomes an artifact whose ``artifactType`` is the concept of
the artifact-type scheme whose ``skos:prefLabel`` is the component's MOF name; the concepts that
carry ``mlr:mofComponentId`` are read from the bundled vocabulary (:func:`mof_components`), never
from a list here. ``status`` is ``released``: MOT lists only the components a distribution
includes. ``component_path`` becomes ``url`` when it is an absolute URL. An unknown component name
is a warning (with the closest MOF names) and the component is dropped.

**Licence inheritance**, as MOT's evaluator resolves it (README, "Understanding the Model
evaluation process"): the component's own ``license``; else the type-specific global licence of
the component's MOF content type (``mlr:contentType`` of its concept: code -> ``code``, data ->
``data``, documentation -> ``document``); else the distribution licence; else none. As in MOT, a
component ``license:`` left empty (YAML null) or absent inherits, ``license: ''`` is stored by MOT
as unlicensed, and a global licence whose ``name`` is empty does not exist. The resulting text is
resolved through the licence catalogue (:func:`mlrelease.licenses.resolve`) and written on the
artifact itself, inherited or not, so that every artifact is self-contained: ``license`` holds the
catalogue id, and ``http://purl.org/dc/terms/rights`` the text exactly as the MOF manifest wrote it
(``Apache 2.0``, ``unlicensed``), since mlrelease has no term of its own for a licence statement.

* A text the catalogue resolves (an id, a spelling such as ``Apache 2.0``, a name) gives its id.
* A text naming several licences (``Apache-2.0, MIT``, ``Apache 2.0 and CC-BY-4.0``) gives all of
  them when every piece is a catalogue licence; otherwise it is kept whole as below (decision 0006).
* ``unlicensed`` (and ``''``) gives the inferred licence ``no-license``: included without a licence,
  so no right is granted (decision 0006).
* A text that states no licence at all (``Undisclosed``, ``unknown``, "License not specified", the
  placeholder ``license``: :data:`mlrelease.licenses.UNSTATED`) gives neither ``license`` nor
  ``dcterms:rights``, and a warning: the licence question stays open (decision 0006). Such a
  component is still listed as ``released``: MOF counts it as included.
* Every other text (a licence the catalogue does not hold, "Other License", a paper link, dataset
  or model names, several licences not all in the catalogue) gives no ``license`` and a warning
  (naming the closest catalogue ids for an unknown licence, never a guess); the text stays in
  ``dcterms:rights``, a licence stated but not identified (decision 0006).
* A component with no licence anywhere (neither its own nor a global one) has no ``license``, with
  a warning.
* "Component not included" (and its misspellings, MOT's own "not included" option): MOF does not
  count such a component as included (its evaluator treats it as missing, not as invalid). It is
  kept as an artifact with ``status: withheld`` (and a warning), so the record still says that the
  publisher declared it absent; no ``withheldReason`` is invented, as MOF gives none.

The distribution licence is also the release's own ``license`` only when every released artifact
states a licence of its own: under mlrelease's rules an artifact without a licence inherits the
release's, which would silently give a MOF component listed as unlicensed the distribution licence.
Otherwise it stays on the artifacts that inherited it (and is listed as dropped if none did).

**Inferred** (recorded under ``inferred`` with the MOF field and the rule, and warned of with kind
``inferred``; decision 0006): the publisher's ``id`` (above); ``accessTier: downloadable`` when
``Model parameters (Final)`` is included (MOF counts an included component as made available
under its licence), or, when it is not, for the distribution of the components MOF lists (the
weights withheld); a ``model-parameters-final`` artifact with ``status: withheld`` when MOF does not
list the final parameters (MOF counts an unlisted component as not included); the licence
``no-license`` (no licence granted, all rights reserved) for a component MOF lists as
``unlicensed`` or ``''``; and ``version`` from ``release.date`` when ``release.version`` is absent.
What ``core`` needs and the manifest still lacks (a licence for a component whose text states none,
such as ``Undisclosed``; a publisher IRI) is named in ``hints`` as the MOF field to add, down to the
component (``release.components.5.license``); so is a licence stated only as text (``license-id``,
for the ``recommended`` warning).

**Origin.** MOT defines ``origin`` as "the pretrained version of the model which this model is
based on, reference itself if this is the pre-trained model". It gives a lineage entry unless it
is empty, names the release itself (equal to the release name or file stem, ignoring case and
punctuation; or a prefix of the release name, such as ``OLMo`` for ``OLMo-7B``, unless the rest of
the name marks a fine-tune: instruct, chat, it, sft, rlhf, dpo), or holds a licence instead of a
model (an SPDX licence id such as ``Apache-2.0``, or text such as "Other License"; a warning). The
base model has no IRI of its own in MOF, so it is a ``Model`` node with the ``name`` MOF gives.

**Dropped** (listed in ``dropped`` as dotted paths, e.g. ``release.components.3.description``):
``framework.name``, ``framework.version``, ``framework.date`` (which version of MOF the file
follows; a framework other than "Model Openness Framework" 1.0 is a warning), ``release.contact``
(no manifest key), component ``description`` (MOF's fixed text for each component),
``license_path`` of components and ``path`` of global licences (no key for a licence's URL; the
id names the licence), ``type: other``, ``architecture: undisclosed|other``, ``origin`` when it
names the release itself or a licence, global licences no component inherits, and every field MOF
1.0 does not define (with a warning). Empty values (``''``) count as absent and are not listed.

**Not mapped on purpose.** MOF states no task or release date, so the manifest has none.

The result is a :class:`MofImportResult`: besides ``manifest``, ``dropped`` and ``warnings`` (each
``file:line:col: message``, in input order), ``warning_kinds`` names the kind of each warning (see
:data:`WARNING_KINDS`) and ``licenses`` lists every licence text of the input with what the
catalogue made of it, so that corpus statistics need no parsing of messages.

Errors: what cannot be read (YAML errors, duplicate keys, a document without ``release``, a
``release`` without ``name``, a mapped field of the wrong shape) is an
:class:`~mlrelease.errors.InputError` naming ``file:line:col``, with a hint. Everything else imports
with located warnings.

>>> text = "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\\n" \\
...        "release:\\n  name: Demo\\n  version: 1.10\\n  producer: Example\\n" \\
...        "  license: {distribution: {name: Apache 2.0}}\\n  components:\\n    - name: Model card\\n"
>>> result = mof_to_manifest(text, source="demo.yml")
>>> result.manifest["version"], result.manifest["artifacts"][0]["license"]
('1.10', ['Apache-2.0'])
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from rdflib import URIRef

from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..codecs.manifest_rdf import key_sort
from ..codecs.yaml_safe import MarkedDict, MarkedStr, load_yaml
from ..errors import VocabularyError
from ..hints import suggest
from ..lexical import is_iso_date, natural_key
from ..licenses import UNSTATED, Resolution, resolve
from ..terms import DCTERMS, MLR
from ..vocabulary import load as load_vocabulary
from . import HUB, URL, ImportResult
from .report import SHARED_KINDS, ImportReport, Location

FORMAT = "mof"
#: The manifest key that keeps a licence text as the MOF manifest wrote it (dcterms:rights).
RIGHTS = str(DCTERMS.rights)
#: The catalogue id of "no licence granted": what MOF's ``unlicensed`` answers (decision 0006).
NO_LICENSE = "no-license"
#: Why final parameters MOF does not list are withheld (inferred; decision 0006).
NOT_LISTED = ("Model parameters (Final) is not listed in the MOF manifest: MOF counts a component it does not list "
              "as not included in the distribution")
FRAMEWORK_NAME = "Model Openness Framework"
FRAMEWORK_VERSION = "1.0"
SPEC_HINT = ("see the Model Openness Tool's schema/mof_schema.json and schema/sample_model.yml "
             "(https://github.com/lfai/model_openness_tool)")
_TOP_HINT = f"a MOF manifest has `framework:` and `release:` at the top; {SPEC_HINT}"

#: MOF content types (mof.settings.yml) by the notation of our content-type scheme.
_GLOBAL_KEY = {"code": "code", "data": "data", "documentation": "document"}
_GLOBALS = ("distribution", "code", "data", "document")
_RELEASE_FIELDS = ("name", "version", "date", "type", "architecture", "treatment", "origin", "producer",
                   "contact", "repository", "huggingface", "license", "components")
_COMPONENT_FIELDS = ("name", "description", "license", "license_path", "component_path")
#: The enumerations of MOF 1.0 (schema/mof_schema.json) that become keywords.
_TYPES = ("language", "vision", "image", "audio", "video", "3d", "code", "multimodal")
_ARCHITECTURES = ("transformer", "transformer decoder", "transformer encoder-decoder", "decoder", "encoder",
                  "diffusion", "RNN", "CNN", "LSTM", "NeRF", "hybrid")
_TREATMENTS = ("pre-trained", "instruct fine-tuned", "chat fine-tuned")
_FINE_TUNED = ("instruct fine-tuned", "chat fine-tuned")
_VERSION_PLACEHOLDERS = frozenset({"undisclosed", "unknown", "n/a", "na", "none", "tbd", "-", "?"})
#: Words in a release name that mark a fine-tune of the model its origin names.
_FINE_TUNE_MARK = re.compile(r"instruct|chat|sft|rlhf|dpo|fine-?tun", re.I)
_REPO_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*\Z")

#: Kinds of not-a-licence text that, in ``origin``, mean a licence was written there.
_LICENSE_LIKE_KINDS = frozenset({"unlicensed", "undisclosed", "stated-unknown", "other", "placeholder",
                                 "several-licenses", "see-elsewhere"})


# ---------------------------------------------------------------------------------------------
# The MOF components, from the vocabulary
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MofComponent:
    """One MOF component as the artifact-type scheme describes it."""

    mof_id: int
    name: str  # the MOF name (the concept's prefLabel)
    code: str  # the artifact-type notation
    content_type: str  # our content-type notation: code, data or documentation
    global_key: str  # the MOF global licence it inherits: code, data or document


def _name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


@functools.cache
def mof_components() -> dict[str, MofComponent]:
    """The MOF components of the bundled artifact-type scheme, keyed by MOF name (case-folded).

    :raises VocabularyError: if no concept carries ``mlr:mofComponentId`` or one lacks a content type.
    """
    vocab = load_vocabulary()
    graph = vocab.graph
    out: dict[str, MofComponent] = {}
    for concept in vocab.scheme("artifact-type").concepts:
        node = URIRef(concept.iri)
        mof_id = graph.value(node, MLR.mofComponentId)
        if mof_id is None:
            continue
        content = graph.value(node, MLR.contentType)
        content_type = str(content).rstrip("/").rsplit("/", 1)[-1] if content is not None else ""
        if content_type not in _GLOBAL_KEY:
            raise VocabularyError(f"artifact type {concept.notation!r} (MOF component {mof_id}) has no content type",
                                  hint="give it mlr:contentType code, data or documentation and rebuild")
        out[_name_key(concept.label)] = MofComponent(int(str(mof_id)), concept.label, concept.notation, content_type,
                                                     _GLOBAL_KEY[content_type])
    if not out:
        raise VocabularyError("the artifact-type scheme has no concept with mlr:mofComponentId",
                              hint="rebuild the package data: .venv/bin/python -m mlrelease.build")
    return out


# ---------------------------------------------------------------------------------------------
# The result
# ---------------------------------------------------------------------------------------------


@dataclass
class LicenseText:
    """One licence text of the input and what the catalogue made of it."""

    path: str  # the input field, e.g. release.components.3.license
    text: str
    outcome: str  # "resolved", "unknown" or "not-a-license:<kind>"
    license: str | None = None  # the catalogue id when resolved


@dataclass
class MofImportResult(ImportResult):
    """An :class:`ImportResult` that also says how licences resolved.

    ``warning_kinds[i]`` is the kind of ``warnings[i]`` (see :data:`WARNING_KINDS`);
    ``licenses`` lists every licence text of the input (component and global) with its outcome.
    """

    licenses: list[LicenseText] = field(default_factory=list)


#: Every kind of warning the importer gives, with what it means.
WARNING_KINDS = {
    "framework": "the framework block is missing, or names another framework or version",
    "unknown-field": "a field MOF 1.0 does not define (dropped)",
    "name-mismatch": "the file stem (the identifier) differs from release.name",
    "version-placeholder": "release.version says the version is unknown (left out)",
    "bad-date": "release.date is not a YYYY-MM-DD date (dropped)",
    "bad-url": "huggingface, repository or component_path is not a URL or Hub id (dropped)",
    "bad-value": "type, architecture or treatment is not a value MOF 1.0 allows (dropped)",
    "origin-license": "origin holds a licence, not a base model (dropped)",
    "no-components": "the release lists no components",
    "unknown-component": "a component name that is not one of MOF's (dropped)",
    "duplicate-component": "a component listed twice (merged, the later values win, as MOT does)",
    "license-unlicensed": "a component is unlicensed (own or inherited): no licence recorded",
    "license-not-a-license": "a licence text that names no licence (other than unlicensed): no licence recorded; "
                             "the text kept as dcterms:rights unless it states nothing (Undisclosed, unknown, ...)",
    "license-unknown": "a licence the catalogue does not hold: no licence identified, the text kept as "
                       "dcterms:rights, closest ids suggested",
    "no-license": "a component with neither its own nor a global licence",
    "not-included": "a component marked 'Component not included': imported as withheld",
    **SHARED_KINDS,
}


class _Importer:
    """The report of one import (:attr:`report`), the licence texts met and typed access to the YAML."""

    def __init__(self, source: str, text: str = "") -> None:
        self.source = source
        self.report = ImportReport(source, text.splitlines(), kinds=WARNING_KINDS, columns="first",
                                   warning_order="position", dropped_order="path")
        self.licenses: list[LicenseText] = []
        #: Where a licence is missing for a released component: (MOF field to fill, its text now).
        self.unlicensed: list[tuple[str, str]] = []
        #: Where a licence is stated only as text the catalogue does not identify: (MOF field, its text).
        self.unidentified: list[tuple[str, str]] = []

    # -- typed access -------------------------------------------------------------------------

    def text(self, parent: dict[str, Any], key: str, path: str) -> str | None:
        """The stripped string under ``key``, or None when absent, null or empty."""
        value = parent.get(key)
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            kind = "mapping" if isinstance(value, dict) else "list"
            raise self.report.error(f"{path} must be a string, not a {kind}", self.report.at(value, parent, key),
                                    f"write `{key}: some text`; {SPEC_HINT}")
        text = str(value).strip()
        if isinstance(value, MarkedStr) and not value.quoted and text in ("~", "null", "Null", "NULL"):
            return None
        return text or None

    def mapping(self, parent: dict[str, Any], key: str, path: str, hint: str) -> MarkedDict | None:
        value = parent.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, dict):
            raise self.report.error(f"{path} must be a mapping", self.report.at(value, parent, key), hint)
        return value  # type: ignore[return-value]

    def unknown_fields(self, node: dict[str, Any], known: Iterable[str], path: str, what: str) -> None:
        known = tuple(known)
        for key in node:
            if key in known:
                continue
            field_path = f"{path}.{key}" if path else key
            where = self.report.at(None, node, key)
            self.report.drop(field_path, where)
            self.report.warn("unknown-field", where,
                             f"{field_path} is not a field of {what} in MOF 1.0 ({suggest(key, list(known))}); dropped")

    def drop_field(self, parent: dict[str, Any], key: str, path: str) -> None:
        """Record the field ``key`` of ``parent`` (at ``path``) as dropped, located at its value."""
        self.report.drop(path, self.report.at(parent.get(key), parent, key))


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def mof_to_manifest(text: str, *, source: str = "<mof>", limits: Limits = DEFAULT_LIMITS) -> ImportResult:
    """Map a Model Openness Framework manifest (YAML text) to a release manifest.

    ``source`` names the input in messages; when it is a file name (``models/BLOOM.yml``) its stem
    is the release's ``identifier``. Returns a :class:`MofImportResult`.

    :raises InputError: unreadable YAML, duplicate keys, not a MOF manifest (no ``release``, no
        ``release.name``) or a field of the wrong shape; each with ``file:line:col`` and a hint.
    """
    imp = _Importer(source, text)
    doc = load_yaml(text, source=source, limits=limits)
    if doc is None:
        raise imp.report.error("the document is empty: not a Model Openness Framework manifest", imp.report.at(),
                               _TOP_HINT)
    if not isinstance(doc, dict):
        raise imp.report.error("not a Model Openness Framework manifest: the document is not a mapping",
                               imp.report.at(doc), _TOP_HINT)
    if "release" not in doc:
        raise imp.report.error(
            "not a Model Openness Framework manifest: it has no `release` field", imp.report.at(doc, doc),
            "add `release:` with the model's name, producer, licence and components; or, if this is an "
            f"mlrelease manifest, convert it with `--from yaml`; {SPEC_HINT}")
    release = doc["release"]
    if not isinstance(release, dict):
        raise imp.report.error("`release` must be a mapping of the release's fields",
                               imp.report.at(release, doc, "release"),
                               f"write `release:` followed by indented fields (name, version, components, ...); "
                               f"{SPEC_HINT}")
    imp.unknown_fields(doc, ("framework", "release"), "", "a MOF manifest")
    _framework(imp, doc)

    manifest: dict[str, Any] = {"type": "Release"}
    name = imp.text(release, "name", "release.name")
    if name is None:
        raise imp.report.error("the release has no name (`release.name`)", imp.report.at(release, doc, "release"),
                               f"add `name: <the model's name>` under `release:`; {SPEC_HINT}")
    manifest["name"] = name
    manifest["identifier"] = _identifier(imp, name, release)
    _version_and_date(imp, release, manifest)
    _publisher(imp, release, manifest)
    _urls(imp, release, manifest)
    keywords, fine_tuned = _keywords(imp, release)
    if keywords:
        manifest["keywords"] = keywords
    _lineage(imp, release, name, fine_tuned, manifest)
    if imp.text(release, "contact", "release.contact") is not None:
        imp.drop_field(release, "contact", "release.contact")
    _artifacts(imp, release, doc, manifest)
    imp.unknown_fields(release, _RELEASE_FIELDS, "release", "release")
    _infer_publisher(imp, release, manifest)
    _infer_access(imp, release, manifest)
    _core_gaps(imp, manifest)
    if imp.report.inferred:
        manifest["inferred"] = list(imp.report.inferred)

    ordered = {k: manifest[k] for k in sorted(manifest, key=key_sort)}
    return MofImportResult.from_report(imp.report, ordered, FORMAT, licenses=imp.licenses)


# ---------------------------------------------------------------------------------------------
# Release fields
# ---------------------------------------------------------------------------------------------


def _framework(imp: _Importer, doc: dict[str, Any]) -> None:
    framework = doc.get("framework")
    if framework is None:
        imp.report.warn("framework", imp.report.at(doc, doc),
                        "no `framework` block: read as Model Openness Framework 1.0")
        return
    if not isinstance(framework, dict):
        raise imp.report.error("`framework` must be a mapping (name, version, date)",
                               imp.report.at(framework, doc, "framework"),
                               f"write `framework: {{name: {FRAMEWORK_NAME}, version: '1.0', date: '2024-12-15'}}`")
    fw_name = imp.text(framework, "name", "framework.name")
    fw_version = imp.text(framework, "version", "framework.version")
    if fw_name is not None and fw_name != FRAMEWORK_NAME:
        imp.report.warn("framework", imp.report.at(framework["name"]),
                        f"framework.name is {fw_name!r}, not {FRAMEWORK_NAME!r}: read as MOF {FRAMEWORK_VERSION}")
    elif fw_version is not None and fw_version != FRAMEWORK_VERSION:
        imp.report.warn("framework", imp.report.at(framework["version"]),
                        f"framework.version is {fw_version!r}: read as MOF {FRAMEWORK_VERSION}, the version "
                        "mlrelease knows")
    for key in ("name", "version", "date"):
        if imp.text(framework, key, f"framework.{key}") is not None:
            imp.drop_field(framework, key, f"framework.{key}")
    imp.unknown_fields(framework, ("name", "version", "date"), "framework", "framework")


def _identifier(imp: _Importer, name: str, release: dict[str, Any]) -> str:
    stem = _file_stem(imp.source)
    if stem is None:
        return name
    if stem != name:
        imp.report.warn("name-mismatch", imp.report.at(release.get("name")),
                        f"release.name {name!r} differs from the file name {stem!r}; the identifier is the file name")
    return stem


def _file_stem(source: str) -> str | None:
    if source.startswith("<"):
        return None
    path = PurePath(source)
    if path.suffix.lower() not in (".yml", ".yaml"):
        return None
    return path.stem.strip() or None


def _version_and_date(imp: _Importer, release: dict[str, Any], manifest: dict[str, Any]) -> None:
    version = imp.text(release, "version", "release.version")
    if version is not None:
        if version.casefold() in _VERSION_PLACEHOLDERS:
            imp.drop_field(release, "version", "release.version")
            imp.report.warn("version-placeholder", imp.report.at(release["version"]),
                            f"release.version {version!r} gives no version; left out")
        else:
            manifest["version"] = version
    date = imp.text(release, "date", "release.date")
    if date is not None:
        if is_iso_date(date):
            manifest["dateModified"] = date
            if "version" not in manifest:
                manifest["version"] = date
                imp.report.infer("version", "release.date",
                                 f"MOF gives no version: the record describes the release as the MOT entry dated "
                                 f"{date} lists it (as a card's date versions a Hugging Face card)",
                                 imp.report.at(release["date"]))
        else:
            imp.drop_field(release, "date", "release.date")
            imp.report.warn("bad-date", imp.report.at(release["date"]),
                            f"release.date {date!r} is not a date (YYYY-MM-DD); dropped")


def _publisher(imp: _Importer, release: dict[str, Any], manifest: dict[str, Any]) -> None:
    producer = imp.text(release, "producer", "release.producer")
    if producer is not None:
        manifest["publisher"] = {"type": "Organization", "name": producer}


def _urls(imp: _Importer, release: dict[str, Any], manifest: dict[str, Any]) -> None:
    urls: list[str] = []
    for key in ("huggingface", "repository"):
        path = f"release.{key}"
        value = imp.text(release, key, path)
        if value is None:
            continue
        url = value
        if key == "huggingface" and not URL.match(value) and _REPO_ID.match(value):
            url = HUB + value
        if not URL.match(url):
            imp.drop_field(release, key, path)
            imp.report.warn("bad-url", imp.report.at(release[key]),
                            f"{path} {value!r} is neither a URL nor a Hugging Face repository id; dropped")
            continue
        if not urlsplit(url).path.strip("/"):
            imp.drop_field(release, key, path)
            imp.report.warn("bad-url", imp.report.at(release[key]),
                            f"{path} {value!r} names a site, not a repository; dropped")
            continue
        if url not in urls:
            urls.append(url)
    if urls:
        urls.sort(key=natural_key)
        manifest["url"] = urls[0] if len(urls) == 1 else urls


def _keywords(imp: _Importer, release: dict[str, Any]) -> tuple[list[str], bool]:
    keywords: list[str] = []
    fine_tuned = False
    rules = (("type", _TYPES, ("other",)), ("architecture", _ARCHITECTURES, ("undisclosed", "other")),
             ("treatment", _TREATMENTS, ()))
    for key, allowed, uninformative in rules:
        path = f"release.{key}"
        value = imp.text(release, key, path)
        if value is None:
            continue
        if value in uninformative:
            imp.drop_field(release, key, path)
        elif value in allowed:
            keywords.append(f"{value} model" if key == "type" else value)
            fine_tuned = fine_tuned or (key == "treatment" and value in _FINE_TUNED)
        else:
            imp.drop_field(release, key, path)
            imp.report.warn("bad-value", imp.report.at(release[key]),
                            f"{path} {value!r} is not one of MOF's values "
                            f"({suggest(value, list(allowed + uninformative))}); dropped")
    return sorted(set(keywords), key=natural_key), fine_tuned


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def _lineage(imp: _Importer, release: dict[str, Any], name: str, fine_tuned: bool, manifest: dict[str, Any]) -> None:
    origin = imp.text(release, "origin", "release.origin")
    if origin is None:
        return
    if _origin_is_license(origin):
        imp.drop_field(release, "origin", "release.origin")
        imp.report.warn("origin-license", imp.report.at(release["origin"]),
                        f"release.origin {origin!r} is a licence, not the base model MOT asks for; dropped")
        return
    if _origin_is_self(origin, name, _file_stem(imp.source)):
        imp.drop_field(release, "origin", "release.origin")
        return
    derivation: dict[str, Any] = {"baseModel": {"type": "Model", "name": origin}}
    if fine_tuned:
        derivation["relation"] = "fine-tune"
    manifest["lineage"] = [derivation]


def _origin_is_license(origin: str) -> bool:
    resolution = resolve(origin)
    if resolution.license is not None:
        return not resolution.license.is_ours  # an SPDX licence (Apache-2.0); "Gemma" names a model too
    return resolution.kind is not None and resolution.kind.value in _LICENSE_LIKE_KINDS


def _origin_is_self(origin: str, name: str, stem: str | None) -> bool:
    squashed = _squash(origin)
    for own in filter(None, (name, stem)):
        own_squashed = _squash(own)
        if squashed == own_squashed:
            return True
        if squashed and own_squashed.startswith(squashed):
            rest = own_squashed[len(squashed):]
            tokens = {t.casefold() for t in re.split(r"[^0-9A-Za-z]+", own) if t}
            if not _FINE_TUNE_MARK.search(rest) and "it" not in tokens:
                return True  # the model's own family: OLMo for OLMo-7B
    return False


# ---------------------------------------------------------------------------------------------
# What the MOF manifest implies (recorded as inferred)
# ---------------------------------------------------------------------------------------------


def _hub_namespace(url: str) -> str | None:
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if parts.netloc.lower() in ("huggingface.co", "www.huggingface.co") and len(segments) >= 2 \
            and segments[0] not in ("datasets", "spaces"):
        return segments[0]
    return None


def _github_owner(url: str) -> str | None:
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if parts.netloc.lower() in ("github.com", "www.github.com") and len(segments) >= 2:
        return segments[0]
    return None


def _infer_publisher(imp: _Importer, release: dict[str, Any], manifest: dict[str, Any]) -> None:
    """The publisher's IRI: the namespace of release.huggingface, else the owner of a GitHub release.repository."""
    urls = manifest.get("url", [])
    urls = [urls] if isinstance(urls, str) else list(urls)
    found: tuple[str, str, str] | None = None
    for url in urls:
        namespace = _hub_namespace(url)
        if namespace is not None:
            found = (f"{HUB}{namespace}", namespace, "release.huggingface")
            break
    if found is None:
        for url in urls:
            owner = _github_owner(url)
            if owner is not None:
                found = (f"https://github.com/{owner}", owner, "release.repository")
                break
    if found is None:
        return
    iri, account, field_name = found
    publisher = dict(manifest.get("publisher") or {"type": "Organization", "name": account})
    publisher["id"] = iri
    manifest["publisher"] = {k: publisher[k] for k in ("id", "type", "name") if k in publisher}
    imp.report.infer("publisher", field_name,
                     f"the account {account!r} that holds the repository publishes the release "
                     f"({iri}; release.producer gives only a name)",
                     imp.report.at(release.get(field_name.split(".")[1])))


def _infer_access(imp: _Importer, release: dict[str, Any], manifest: dict[str, Any]) -> None:
    """downloadable when the final parameters are among the included components.

    MOF says nothing about access tiers, but a component it counts as included is one the
    distribution makes available to the public under the licence it records: included final
    parameters mean a copy of the weights can be downloaded. downloadable is the broad tier
    (possibly behind a sign-in or a gate), never fully-open, which MOF does not show. Without
    included final parameters no tier is inferred: the weights may be behind an API, withheld, or
    simply not evaluated by MOT.
    """
    artifacts = manifest.get("artifacts", [])
    weights = next((a for a in artifacts if a["artifactType"] == "model-parameters-final"), None)
    if weights is None and artifacts:
        weights = {"artifactType": "model-parameters-final", "status": "withheld", "withheldReason": NOT_LISTED}
        artifacts.append(weights)
        artifacts.sort(key=lambda a: natural_key(a["artifactType"]))
        imp.report.infer("artifacts.model-parameters-final", "release.components (Model parameters (Final) not listed)",
                         "MOF lists only the components a distribution includes: the final parameters are not "
                         "among them, so this distribution withholds them", imp.report.at(None, release, "components"))
    if weights is None:
        return
    if weights["status"] != "released":
        included = sorted(a["artifactType"] for a in artifacts if a["status"] == "released")
        if not included:
            return
        manifest["accessTier"] = "downloadable"
        imp.report.infer("accessTier", "release.components (included components, without Model parameters (Final))",
                         f"MOF counts the {len(included)} listed component(s) ({', '.join(included)}) as made "
                         "available under their licences, so the distribution is downloadable; the final parameters "
                         "are not part of it (withheld): a tier for the distribution, not for the weights",
                         imp.report.at(None, release, "components"))
        return
    urls = manifest.get("url", [])
    urls = [urls] if isinstance(urls, str) else list(urls)
    where = weights.get("url") or next((u for u in urls if _hub_namespace(u)), None)
    located = f", from {where}" if where else ""
    listed = release.get("components")
    components: list[Any] = listed if isinstance(listed, list) else []
    node = next((c.get("name") for c in components if isinstance(c, dict)
                 and _name_key(str(c.get("name") or "")) == _name_key("Model parameters (Final)")), None)
    manifest["accessTier"] = "downloadable"
    imp.report.infer("accessTier", "release.components (Model parameters (Final), included)",
                     f"MOF counts the final parameters as included: the distribution makes them available for "
                     f"download{located} (downloadable; whether a download is gated MOF does not say)",
                     imp.report.at(node, release, "components"))


def _core_gaps(imp: _Importer, manifest: dict[str, Any]) -> None:
    """Name the MOF field to add for each fact the core profile needs that the manifest does not give."""
    if not isinstance(manifest.get("publisher"), dict) or "id" not in manifest["publisher"]:
        imp.report.missing("publisher", "release.huggingface (the Hub repository, whose namespace publishes it) or "
                           "a GitHub release.repository")
    if "accessTier" not in manifest:
        imp.report.missing("accessTier", "`- name: Model parameters (Final)` with its licence to release.components, "
                           "if the weights are shared (MOF has no field for an API or closed model's access)")
    if "version" not in manifest:
        imp.report.missing("version", "release.version")
    artifacts = manifest.get("artifacts", [])
    if not any(a["artifactType"] == "model-parameters-final" for a in artifacts):
        imp.report.missing("artifacts.model-parameters-final",
                           "`- name: Model parameters (Final)` to release.components")
    released = [a for a in artifacts if a["status"] == "released" and not a.get("license")]
    if "license" not in manifest and any(RIGHTS not in a for a in released):
        fields = sorted({f"{where} (now {text!r})" if text else where for where, text in imp.unlicensed})
        imp.report.missing("license", "a licence the catalogue holds at " + ", ".join(fields)
                           + " (a component's own `license:` wins over the global licence it inherits)")
    if "license" not in manifest and any(RIGHTS in a for a in released):
        fields = sorted({f"{where} (now {text!r})" for where, text in imp.unidentified})
        imp.report.missing("license-id", "the catalogue id of the licence (`mlrelease licenses list`) at "
                           + ", ".join(fields))


# ---------------------------------------------------------------------------------------------
# Licences and components
# ---------------------------------------------------------------------------------------------


@dataclass
class _Global:
    key: str  # distribution, code, data or document
    text: str
    where: Location
    path: str  # release.license.<key>.name
    resolution: Resolution
    inherited_by: list[str] = field(default_factory=list)  # component names
    mapped: bool = False


def _outcome(resolution: Resolution) -> str:
    if resolution.license is not None:
        return "resolved"
    if resolution.kind is not None:
        return f"not-a-license:{resolution.kind.value}"
    return "unknown"


def _globals(imp: _Importer, release: dict[str, Any]) -> dict[str, _Global]:
    block = imp.mapping(release, "license", "release.license",
                        "write `license:` with `distribution:`, `code:`, `data:` or `document:`, each "
                        f"`{{name: <licence>, path: <URL>}}`, or `license: {{}}`; {SPEC_HINT}")
    out: dict[str, _Global] = {}
    if block is None:
        return out
    imp.unknown_fields(block, _GLOBALS, "release.license", "release.license")
    for key in _GLOBALS:
        path = f"release.license.{key}"
        entry = imp.mapping(block, key, path, f"write `{key}: {{name: <licence>, path: <URL of its text>}}`")
        if entry is None:
            continue
        imp.unknown_fields(entry, ("name", "path"), path, path)
        if imp.text(entry, "path", f"{path}.path") is not None:
            imp.drop_field(entry, "path", f"{path}.path")
        text = imp.text(entry, "name", f"{path}.name")
        if text is None:
            continue
        resolution = resolve(text)
        out[key] = _Global(key, text, imp.report.at(entry["name"]), f"{path}.name", resolution)
        imp.licenses.append(LicenseText(f"{path}.name", text, _outcome(resolution),
                                        resolution.license.id if resolution.license else None))
    return out


def _artifacts(imp: _Importer, release: dict[str, Any], doc: dict[str, Any], manifest: dict[str, Any]) -> None:
    globals_ = _globals(imp, release)
    components = release.get("components")
    if components is None or (isinstance(components, str) and not components.strip()):
        components = []
    if not isinstance(components, list):
        raise imp.report.error("release.components must be a list of components",
                               imp.report.at(components, release, "components"),
                               f"write each component as `- name: <MOF component>` under `components:`; {SPEC_HINT}")
    if not components:
        imp.report.warn("no-components", imp.report.at(release, doc, "release"),
                        "the release lists no components, so the record has no artifacts")

    known = mof_components()
    chosen: dict[str, tuple[MofComponent, MarkedDict, int]] = {}
    for index, comp in enumerate(components):
        path = f"release.components.{index}"
        if not isinstance(comp, MarkedDict):
            raise imp.report.error(f"{path} must be a mapping (name, description, license, ...)",
                                   imp.report.at(comp, components),
                                   f"write `- name: Model card` and indented fields; {SPEC_HINT}")
        imp.unknown_fields(comp, _COMPONENT_FIELDS, path, "a component")
        comp_name = imp.text(comp, "name", f"{path}.name")
        if comp_name is None:
            imp.report.drop(path, imp.report.at(comp, components))
            imp.report.warn("unknown-component", imp.report.at(comp, components), f"{path} has no name; dropped")
            continue
        component = known.get(_name_key(comp_name))
        if component is None:
            imp.drop_field(comp, "name", path)
            names = sorted(c.name for c in known.values())
            imp.report.warn("unknown-component", imp.report.at(comp["name"]),
                            f"{path}.name {comp_name!r} is not a MOF component ({suggest(comp_name, names)}); dropped")
            continue
        for key in ("license", "license_path", "component_path"):
            if key in comp and not isinstance(comp[key], (str, type(None))):
                raise imp.report.error(f"{path}.{key} must be a string", imp.report.at(comp[key], comp, key),
                                       f"write `{key}: <text>` (one licence per component); {SPEC_HINT}")
        if imp.text(comp, "description", f"{path}.description") is not None:
            imp.drop_field(comp, "description", f"{path}.description")
        if imp.text(comp, "license_path", f"{path}.license_path") is not None:
            imp.drop_field(comp, "license_path", f"{path}.license_path")
        if component.code in chosen:
            _, earlier, earlier_index = chosen[component.code]
            imp.report.warn("duplicate-component", imp.report.at(comp["name"]),
                            f"{path}: {component.name!r} is listed twice (first as "
                            f"release.components.{earlier_index}); merged as MOT does, the later values win")
            merged = MarkedDict({**earlier, **{k: v for k, v in comp.items() if v is not None}})
            merged.key_lines = {**earlier.key_lines, **comp.key_lines}
            merged.line = comp.line
            chosen[component.code] = (component, merged, index)
        else:
            chosen[component.code] = (component, comp, index)

    artifacts: list[dict[str, Any]] = []
    for component, comp, index in chosen.values():
        path = f"release.components.{index}"
        artifact: dict[str, Any] = {"artifactType": component.code, "status": "released"}
        comp_path = imp.text(comp, "component_path", f"{path}.component_path")
        if comp_path is not None:
            if URL.match(comp_path):
                artifact["url"] = comp_path
            else:
                imp.drop_field(comp, "component_path", f"{path}.component_path")
                imp.report.warn("bad-url", imp.report.at(comp["component_path"]),
                                f"{path}.component_path {comp_path!r} is not a URL; dropped")
        _license(imp, component, comp, path, globals_, artifact)
        artifacts.append({k: artifact[k] for k in sorted(artifact, key=key_sort)})

    artifacts.sort(key=lambda a: natural_key(a["artifactType"]))
    _global_warnings(imp, globals_)
    distribution = globals_.get("distribution")
    released = [a for a in artifacts if a["status"] == "released"]
    if distribution is not None and distribution.resolution.license is not None and all(
            a.get("license") for a in released):
        manifest["license"] = [distribution.resolution.license.id]
        distribution.mapped = True
    for g in globals_.values():
        if not g.mapped and not g.inherited_by:
            imp.report.drop(g.path, g.where)
    if artifacts:
        manifest["artifacts"] = artifacts


def _license(imp: _Importer, component: MofComponent, comp: dict[str, Any], path: str, globals_: dict[str, _Global],
             artifact: dict[str, Any]) -> None:
    raw = comp.get("license")
    # `license:` with no value (YAML null) is no licence of the component's own: it inherits
    own = raw is not None and not (isinstance(raw, MarkedStr) and not raw.quoted
                                   and str(raw).strip() in ("", "~", "null", "Null", "NULL"))
    if own:
        text = str(raw).strip()
        # MOT stores `license: ''` as it stores `unlicensed` (and writes it back as unlicensed)
        resolution = resolve(text or "unlicensed")
        imp.licenses.append(LicenseText(f"{path}.license", text, _outcome(resolution),
                                        resolution.license.id if resolution.license else None))
        where = imp.report.at(raw)
        _apply(imp, component, artifact, text, resolution, where, f"{path}.license", inherited_from=None)
        return
    source = globals_.get(component.global_key) or globals_.get("distribution")
    if source is None:
        imp.unlicensed.append((f"{path}.license", ""))
        imp.report.warn("no-license", imp.report.at(comp.get("name"), comp, "name"),
                        f"{component.name!r} has no licence: neither the component nor a global licence "
                        f"(release.license.{component.global_key} or distribution) names one; no licence recorded")
        return
    source.inherited_by.append(component.name)
    _apply(imp, component, artifact, source.text, source.resolution, source.where, source.path,
           inherited_from=source)


def _apply(imp: _Importer, component: MofComponent, artifact: dict[str, Any], text: str, resolution: Resolution,
           where: Location, path: str, inherited_from: _Global | None) -> None:
    kind = resolution.kind.value if resolution.kind is not None else None
    if kind == "not-included":
        artifact["status"] = "withheld"
        if inherited_from is None:
            imp.report.warn("not-included", where,
                            f"{path} {text!r}: MOF does not count {component.name!r} as included; imported as withheld "
                            "(MOF gives no reason)")
        return
    if resolution.license is not None or (kind == "several-licenses" and resolution.parts
                                          and not resolution.unresolved):
        # one catalogue licence, or several, each of them one (`Apache-2.0, MIT`): what the source states
        artifact[RIGHTS] = text
        artifact["license"] = [resolution.license.id] if resolution.license is not None else \
            sorted(p.id for p in resolution.parts)  # a set in RDF: in the order the record reads back
        if inherited_from is not None:
            inherited_from.mapped = True
        return
    if kind in ("unlicensed", "empty") or not text:
        # included without a licence: no right is granted (decision 0006); inferred, never stated
        if text:
            artifact[RIGHTS] = text
        artifact["license"] = [NO_LICENSE]
        if inherited_from is not None:
            inherited_from.mapped = True
        imp.report.infer(f"artifacts.{component.code}.license", f"{path} ({text or ''!r})",
                         f"MOF lists {component.name!r} as included without a licence: no licence is granted, so "
                         f"all rights are reserved ({NO_LICENSE}); the text stays in dcterms:rights", where)
        return
    if resolution.kind in UNSTATED:
        # "Undisclosed", "unknown", ...: no licence statement, so neither a licence nor rights (decision 0006)
        imp.unlicensed.append((path, text))
    else:
        # terms that exist but are not identified ("Other License", a paper link, ...): kept as stated
        artifact[RIGHTS] = text
        imp.unidentified.append((path, text))
    if inherited_from is not None:
        return  # one warning per global licence, naming every component that inherits it
    label, message = _license_problem(text, resolution)
    imp.report.warn(label, where, f"{path} of {component.name!r}: {message}; {_outcome_note(resolution)}")


def _outcome_note(resolution: Resolution) -> str:
    if resolution.kind in UNSTATED:
        return "no licence recorded (not a licence statement)"
    return "no licence identified, the text kept as dcterms:rights"


def _license_problem(text: str, resolution: Resolution) -> tuple[str, str]:
    kind = resolution.kind.value if resolution.kind is not None else None
    if not text:
        return "license-unlicensed", "an empty licence (MOT stores it as unlicensed) means included without a licence"
    if kind in ("unlicensed", "empty"):
        return "license-unlicensed", f"{text!r} means included without a licence"
    if kind is not None:
        message = resolution.message
        if resolution.parts:
            message += f" ({', '.join(p.id for p in resolution.parts)})"
        return "license-not-a-license", message
    ids = ", ".join(s.id for s in resolution.suggestions)
    near = f"did you mean: {ids}?" if ids else "no catalogue licence is close"
    return "license-unknown", f"{text!r} is not a licence in the catalogue ({near}; `mlrelease licenses list`)"


def _global_warnings(imp: _Importer, globals_: dict[str, _Global]) -> None:
    for g in globals_.values():
        if not g.inherited_by or g.resolution.license is not None:
            continue
        kind = g.resolution.kind.value if g.resolution.kind is not None else None
        names = ", ".join(repr(n) for n in g.inherited_by)
        if kind in ("unlicensed", "empty") or not g.text:
            continue  # each inheriting component has its inferred no-license note
        if kind == "not-included":
            imp.report.warn("not-included", g.where,
                            f"{g.path} {g.text!r}: MOF does not count the components that inherit it as included "
                            f"({names}); imported as withheld")
            continue
        if g.resolution.kind == "several-licenses" and g.resolution.parts and not g.resolution.unresolved:
            continue  # every piece is a catalogue licence: recorded as the components' licences
        label, message = _license_problem(g.text, g.resolution)
        imp.report.warn(label, g.where, f"{g.path}: {message}; inherited by {names}: {_outcome_note(g.resolution)} "
                        "for them")


# ---------------------------------------------------------------------------------------------
# Where findings point: manifest parts -> the MOF fields they come from
# ---------------------------------------------------------------------------------------------

#: Manifest keys of the release -> the field of MOF's ``release`` mapping each comes from (the first
#: of several that is present). A key not listed comes from no MOF field: it points at ``release``.
_RELEASE_SOURCES: dict[str, tuple[str, ...]] = {
    "name": ("name",), "identifier": ("name",), "version": ("version", "date"), "dateModified": ("date",),
    "publisher": ("producer", "huggingface", "repository"), "url": ("huggingface", "repository"),
    "keywords": ("type", "architecture", "treatment"), "lineage": ("origin",), "license": ("license",),
    "accessTier": ("components",), "artifacts": ("components",),
}
#: Manifest keys of an artifact -> the field of its MOF component (``status: withheld`` and its
#: reason come from the licence text "Component not included"). Any other key points at the component.
_COMPONENT_SOURCES = {"license": "license", RIGHTS: "license", "status": "license", "withheldReason": "license",
                      "url": "component_path", "artifactType": "name"}
_NTH = re.compile(r"-\d+\Z")


class MofSources:
    """Which MOF field each finding on a release imported from a MOF manifest concerns.

    Built from the MOF text (imported once more, for the manifest's ``inferred`` entries and the
    publisher) and its marked YAML tree ``root``; :meth:`path` answers with a dotted MOF path such as
    ``release.components.5.license``, which :class:`mlrelease.validation.sourcemap.SourceMap` turns
    into a line and column. A key the MOF manifest lacks stays in the path: it is located at the
    mapping that should hold it.

    >>> text = "release:\\n  name: Demo\\n  components:\\n    - name: Model card\\n"
    >>> from mlrelease.codecs.yaml_safe import load_yaml
    >>> sources = MofSources(load_yaml(text), text, "Demo.yml")
    >>> sources.path("R", "R#artifact/model-card", "license")
    'release.components.0.license'
    >>> sources.path("R", "R", "dateModified")
    'release.date'
    """

    def __init__(self, root: Any, text: str, source: str = "<mof>", limits: Limits = DEFAULT_LIMITS) -> None:
        self.manifest = mof_to_manifest(text, source=source, limits=limits).manifest
        release = root.get("release") if isinstance(root, dict) else None
        self.release: dict[str, Any] = release if isinstance(release, dict) else {}
        listed = self.release.get("components")
        known = mof_components()
        #: artifact type -> index of the MOF component it comes from (a duplicate: the later one, as merged)
        self.components: dict[str, int] = {}
        for index, comp in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(comp, dict):
                found = known.get(_name_key(str(comp.get("name") or "")))
                if found is not None:
                    self.components[found.code] = index

    def path(self, release: str, focus: str, key: str | None) -> str:
        """The dotted MOF path of manifest key ``key`` (a key or property IRI) on node ``focus``."""
        publisher = self.manifest.get("publisher")
        if isinstance(publisher, dict) and focus == publisher.get("id"):
            return self._release_field("publisher")
        if focus == release or not focus.startswith(release + "#"):
            return self._release_field(key)
        parts = focus[len(release) + 1:].split("/")
        if parts[0] == "artifact" and len(parts) > 1:
            index = self.components.get(_NTH.sub("", parts[1]))
            if index is None:  # not listed (the inferred withheld final parameters)
                return "release.components"
            field_name = _COMPONENT_SOURCES.get(key or "")
            return f"release.components.{index}" + (f".{field_name}" if field_name else "")
        if parts[0] == "inferred" and len(parts) > 1 and parts[1].isdigit():
            inferred = self.manifest.get("inferred", [])
            n = int(parts[1])
            if 0 < n <= len(inferred):
                return str(inferred[n - 1]["from"]).split(" ", 1)[0]
        return "release"

    def _release_field(self, key: str | None) -> str:
        fields = _RELEASE_SOURCES.get(key or "")
        if not fields:
            return "release"
        present = next((f for f in fields if self.release.get(f) not in (None, "")), fields[0])
        return f"release.{present}"


__all__ = ["FORMAT", "RIGHTS", "WARNING_KINDS", "LicenseText", "MofComponent", "MofImportResult", "MofSources",
           "mof_components", "mof_to_manifest"]
