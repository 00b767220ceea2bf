"""Hugging Face model cards (README.md with YAML front matter) to release manifests.

:func:`card_to_manifest` reads the metadata block between the leading ``---`` lines with the safe
YAML loader (line numbers relative to the file, duplicate keys refused, no YAML 1.1 coercion) and
the card's Markdown, and returns an :class:`~mlrelease.importers.ImportResult` whose manifest uses
the keys and codes of the bundled context. What is mapped (see docs/manifest.md for the keys):

=====================================  =============================================================
card                                   manifest
=====================================  =============================================================
``license`` (string or list)           ``license``: catalogue ids through :func:`mlrelease.licenses.resolve`;
                                       an id the catalogue does not know is a warning naming the
                                       closest ids, never a guess, and its text is kept as
                                       ``dcterms:rights``
``license: other`` + ``license_name``  ``license``: the catalogue id of ``license_name`` if it
                                       resolves; otherwise ``license_name`` is kept as
                                       ``dcterms:rights``, with a warning that names ``license_link``
                                       (listed as dropped)
``base_model`` (string or list)        ``lineage[].baseModel``: ``https://huggingface.co/<id>``
``base_model_relation``                ``lineage[].relation``: adapter, merge, quantized, finetune
                                       become adapter, merge, quantization, fine-tune (the
                                       lineage-relation scheme's notations and hidden labels).
                                       Without it the relation is left out: the Hub infers it from
                                       the repository's files, which a card does not show
``datasets``                           ``trainingData``: ``https://huggingface.co/datasets/<id>``
``model-index[].results[]``            ``evaluationResults``: one per metric, with ``task`` (task.type),
                                       ``evaluationData`` (dataset.type as a dataset IRI), ``metric``
                                       (metric type, else name) and ``value``
``gated``                              ``accessTier``: auto -> gated-automatic, manual -> gated-manual;
                                       true -> gated-automatic (the Hub's default approval, inferred);
                                       ``extra_gated_*`` without ``gated`` -> gated (inferred: the
                                       approval mode is a repository setting the card does not show)
``extra_gated_*``                      ``gate``: ``conditions`` (every Hub gate: agree-to-terms,
                                       identify, platform-account; manual approval; and from the
                                       fields: checkbox -> agree-to-terms, country -> declare-country,
                                       a date of birth -> date-of-birth, company/affiliation ->
                                       affiliation, name/e-mail/job -> identify, intended use ->
                                       stated-purpose), ``fields`` (the field labels), ``prompt``
                                       (extra_gated_heading, extra_gated_prompt and
                                       extra_gated_description, in that order), ``excludedRegions``
                                       (EU for ``extra_gated_eu_disallowed: true``, with
                                       geographic-restriction)
``tags`` / ``pipeline_tag``            ``keywords`` / ``task``
``model_name`` (else model-index       ``name``
name, else the title: the first
level-1 heading that names no section,
else the first heading of any level
that names none, else the repository
name, inferred)
``version``                            ``version`` (always a string: 1.10 stays "1.10")
Markdown headings                      ``modelCard.sections[]``: ``sectionType`` by the
                                       ``mlr:headingPattern`` literals of the model-card-section
                                       concepts, ``text`` the section body (template placeholders
                                       such as "[More Information Needed]" are left out, with a warning)
text under the title                   ``description``
"Funded by" line of Model Details      ``funding[].funder``: one funding per line, the funder by name
(``- **Funded by:** NAME``)            (an Organization), by IRI, or both for a link ``[NAME](IRI)``;
                                       the line is taken out of the Model Details section
=====================================  =============================================================

The release gets ``identifier`` and ``url`` (``https://huggingface.co/<id>``) from the
``identifier`` argument (the Hub repository id), else from a ``source`` path
``<namespace>/<name>/README.md``; without either, the card's name stands in as the identifier, with
a warning. The card itself is listed as a released ``model-card`` artifact (a ``data-card`` for a
dataset card, which imports with a warning).

**Inferred** (only with a repository id; each recorded under ``inferred`` with the source field
and the rule, and warned of with kind ``inferred``): ``publisher`` (``https://huggingface.co/<namespace>``),
``accessTier: downloadable`` when the card has no ``gated`` or ``extra_gated_*`` fields, a released
``model-parameters-final`` artifact at the repository URL (model cards only), and ``version`` (the
``revision`` argument, else the card's ``date``, else ``main``). What ``core`` needs and the card
lacks is named in ``hints`` (manifest key -> the card field or option to add).
Everything else (``language``, ``library_name``, ``co2_eq_emissions``, ``metrics``, ``widget``,
``gated: false``, select options, ...) has no manifest key and is listed in ``dropped``.

Errors and warnings: what the Hub would refuse but is still readable (a result without a dataset,
an unknown field type, a dataset name that is no Hub id) imports with a located warning of a kind
that :data:`WARNING_KINDS` names (``warning_kinds`` of the result, in the order of ``warnings``); what
cannot be read (YAML errors, duplicate keys, a metadata block that is not a mapping or is a
template placeholder such as ``{{card_data}}``, a mapped field of the wrong shape) is an
:class:`~mlrelease.errors.InputError` naming ``file:line:col``, with a hint.

>>> result = card_to_manifest("---\\nlicense: mit\\nversion: 1.10\\n---\\n# Demo\\n", identifier="org/demo")
>>> result.manifest["version"], result.manifest["url"]
('1.10', 'https://huggingface.co/org/demo')
"""

from __future__ import annotations

import datetime
import functools
import re
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from rdflib import SKOS, URIRef

from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..codecs.manifest_rdf import key_sort
from ..codecs.yaml_safe import MarkedDict, MarkedStr, load_yaml, plain_value
from ..hints import suggest
from ..terms import MLR
from ..vocabulary import load as load_vocabulary
from . import HUB, URL, ImportResult
from .markdown import display_text, front_matter, headings, is_atx_heading, normalise_heading, outline, strip_comments
from .report import SHARED_KINDS, ImportReport

if TYPE_CHECKING:
    from ..licenses import Resolution

FORMAT = "hf-card"
#: The manifest key of a licence statement the catalogue does not resolve (the text as written).
RIGHTS = "http://purl.org/dc/terms/rights"
SPEC_HINT = "see https://huggingface.co/docs/hub/model-cards#model-card-metadata"

#: A Hub repository id: ``name`` or ``namespace/name`` (letters, digits, ``-``, ``_``, ``.``).
_REPO_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?(?:/[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?)?\Z")
#: A front-matter line that is only a template placeholder: ``{{ card_data }}`` or ``{card_data}``.
_PLACEHOLDER_LINE = re.compile(r"\s*(\{\{-?\s*[A-Za-z_][\w.]*(?:\s*\|[^}]*)?\s*-?\}\}|\{[A-Za-z_]\w*\})\s*\Z")

#: Front-matter keys only dataset cards use (huggingface_hub DatasetCardData).
_DATASET_CARD_KEYS = frozenset({
    "annotations_creators", "language_creators", "multilinguality", "size_categories", "source_datasets",
    "task_categories", "task_ids", "paperswithcode_id", "pretty_name", "configs", "dataset_info",
    "train-eval-index",
})
#: extra_gated_fields types the Hub documents (docs/hub/models-gated.md).
_FIELD_TYPES = ("text", "checkbox", "date_picker", "country", "select")
#: Conditions every Hub gate has: the Agree button, the shared user name and e-mail, a signed-in user.
_HUB_GATE = ("agree-to-terms", "identify", "platform-account")
_AFFILIATION = re.compile(r"compan|affiliat|organi[sz]ation|institut|employer|universit|\bemployed\b", re.I)
_IDENTITY = re.compile(r"\bname\b|e-?mail|\bjob\b|\btitle\b|\brole\b|position|username|\bhf user", re.I)
_PURPOSE = re.compile(r"\buse\b|\busing\b|purpose|intend|use[- ]case|application|\bplan\b", re.I)
_BIRTH = re.compile(r"birth|\bage\b", re.I)
_COUNTRY = re.compile(r"countr|nationality|\bregion\b", re.I)

#: Template text (huggingface_hub templates/modelcard_template.md) that says nothing about a model.
_PLACEHOLDER = re.compile(r"\[\s*more information needed\s*\]", re.I)
_BOILERPLATE = frozenset({
    "use the code below to get started with the model.",
    "users (both direct and downstream) should be made aware of the risks, biases and limitations of the "
    "model. more information needed for further recommendations.",
    "carbon emissions can be estimated using the [machine learning impact calculator]"
    "(https://mlco2.github.io/impact#compute) presented in [lacoste et al. (2019)](https://arxiv.org/abs/1910.09700).",
})
#: A line that is only a bold label, such as ``**BibTeX:**`` or ``- **Hours used:**``.
_LABEL_ONLY = re.compile(r"\s*(?:[-*+]\s+)?(\*\*|__)[^*_\n]{1,60}?(:\1|\1:)\s*\Z")

#: The template's "Funded by" line of Model Details: ``- **Funded by [optional]:** NAME`` (the value may be a
#: Markdown link ``[NAME](IRI)`` or a bare IRI).
_FUNDED_BY = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)funded by(?: \[optional\])?:?(?:\*\*|__):?\s*(?P<value>\S.*?)\s*$", re.I)
_LINK = re.compile(r"^\[(?P<name>[^\]]+)\]\((?P<iri>https?://[^)\s]+)\)$")

#: Every kind of warning the importer gives, with what it means.
WARNING_KINDS = {
    "no-metadata": "the card has no metadata block, or an empty one: only its Markdown is imported",
    "dataset-card": "a dataset card, not a model card: only the fields model cards share are imported",
    "no-identifier": "no repository id given: the card's name stands in as the identifier",
    "license-unknown": "a licence the catalogue does not hold: no `license`, the text kept as dcterms:rights, the "
                       "closest catalogue ids suggested",
    "license-not-a-license": "license text that names no licence (unlicensed, undisclosed, several licences, ...): "
                             "no `license`, the text kept as dcterms:rights",
    "license-other": "`license: other` whose license_name the catalogue does not hold, or without license_name: "
                     "no licence recorded (license_name, if any, kept as dcterms:rights)",
    "license-field-unused": "license_name or license_link without `license: other` (left out)",
    "bad-gating-mode": "`gated` is not a Hub gating mode (left out)",
    "gate-without-mode": "extra_gated_* fields without `gated`: access tier gated, approval mode unknown",
    "gate-while-off": "extra_gated_* fields with `gated: false`, where they have no effect (left out)",
    "bad-gate-field": "an extra_gated_fields type the Hub does not document: the field is kept, no condition "
                      "inferred",
    "bad-gate-flag": "extra_gated_eu_disallowed is not true or false (left out)",
    "bad-hub-id": "a base model, dataset or evaluation dataset that is no Hub id or URL (left out)",
    "bad-relation": "base_model_relation is not a lineage relation (left out)",
    "relation-without-base": "base_model_relation without base_model (left out)",
    "relation-missing": "base_model without base_model_relation: the lineage relation is left out",
    "incomplete-result": "a model-index entry lacks what the Hub requires (results, task.type, dataset, its type "
                         "or name, metrics, a metric's type or value): imported without it, or left out",
    "unknown-heading": "a Markdown heading that names no model-card section: its text is not imported",
    "placeholder-text": "template placeholder text ([More Information Needed]) in the Markdown: left out",
    **SHARED_KINDS,
}


# ---------------------------------------------------------------------------------------------
# Vocabulary look-ups
# ---------------------------------------------------------------------------------------------


@functools.cache
def section_patterns() -> dict[str, str]:
    """Return the heading patterns of the model-card-section scheme, each mapped to its notation."""
    vocab = load_vocabulary()
    prop = MLR.headingPattern
    out: dict[str, str] = {}
    for concept in sorted(vocab.scheme("model-card-section").concepts, key=lambda c: c.notation):
        for pattern in sorted(str(p) for p in vocab.graph.objects(URIRef(concept.iri), prop)):
            out.setdefault(normalise_heading(pattern), concept.notation)
    return out


@functools.cache
def _relation_codes() -> dict[str, str]:
    """Lineage-relation codes by notation and by hidden label (the Hub's spellings)."""
    vocab = load_vocabulary()
    out: dict[str, str] = {}
    for concept in vocab.scheme("lineage-relation").concepts:
        out[concept.notation] = concept.notation
        for label in vocab.graph.objects(URIRef(concept.iri), SKOS.hiddenLabel):
            out.setdefault(str(label).lower(), concept.notation)
    return out


def _resolve_license(text: str) -> Resolution:
    from ..licenses import resolve  # imported late: the catalogue loads on first use

    return resolve(text)


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def card_to_manifest(text: str, *, source: str = "<card>", identifier: str | None = None,
                     limits: Limits = DEFAULT_LIMITS, revision: str | None = None) -> ImportResult:
    """Import a Hugging Face model card (its README.md text) as a release manifest.

    ``identifier`` is the Hub repository id (``org/name``); it gives the release its identifier
    and url, and lets the importer infer what a Hub repository implies (publisher, access tier,
    weights, version; see "Inferred" in the module documentation). Without it, a ``source`` path
    ending in ``<namespace>/<name>/README.md`` gives it. ``revision`` is the repository revision
    the card was read at, if known (the version when the card states none). ``source`` names the
    card in messages (``README.md:12:3: ...``).

    :raises InputError: the metadata block is not closed, is a template placeholder, is not YAML
        or not a mapping, has a duplicate key, or a mapped field has the wrong shape; each with
        the file, line and column and a hint.
    """
    return _CardImporter(text, source, identifier, limits, revision).run()


class _CardImporter:
    def __init__(self, text: str, source: str, identifier: str | None, limits: Limits,
                 revision: str | None = None) -> None:
        self.report = ImportReport(source, kinds=WARNING_KINDS, columns="indent", warning_order="line",
                                   dropped_order="line")
        if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
            raise self.report.error(f"the card is larger than the limit of {limits.max_bytes} bytes", self.report.at(),
                                    hint="raise the limit (Limits(max_bytes=...)) if you trust the input")
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.lines = self.report.lines = text.split("\n")
        self.source = source
        self.identifier = identifier if identifier is not None else identifier_from_path(source)
        self.revision = revision
        self.rights: list[str] = []
        self.limits = limits
        self.manifest: dict[str, Any] = {"type": "Release"}
        self.consumed: set[str] = set()
        self.meta: MarkedDict = MarkedDict()
        self.meta.key_lines = {}
        self.is_dataset_card = False
        self._model_index_name_used = False

    # -- front matter ---------------------------------------------------------------------------

    def split(self) -> tuple[str | None, int]:
        """Return (YAML text padded so that its lines are the file's lines, index of the first body line)."""
        meta = front_matter(self.lines, self.source)
        if meta is None:
            return None, 0
        for offset, line in enumerate(meta.lines):
            stripped = line.split(" #", 1)[0] if not line.lstrip().startswith("#") else ""
            if _PLACEHOLDER_LINE.match(stripped):
                raise self.report.error(
                    f"the metadata block is a template placeholder ({stripped.strip()}), not card metadata",
                    self.report.on_line(meta.line_of(offset)),
                    hint="this is a card template: render it first (huggingface_hub ModelCard.from_template or "
                         "DatasetCard.from_template), "
                         "then import the rendered card")
        return meta.yaml_text(), meta.body_start

    def load_metadata(self, yaml_text: str) -> None:
        data = load_yaml(yaml_text, source=self.source, limits=self.limits)
        if data is None:
            self.report.warn("no-metadata", self.report.at(1), "the metadata block is empty")
            return
        if not isinstance(data, MarkedDict):
            kind = "a list" if isinstance(data, list) else f"the scalar {str(data)!r}"
            raise self.report.error(f"the metadata block must be a mapping of keys to values, not {kind}",
                                    self.report.at(data),
                                    hint=f"write `key: value` lines between the --- lines; {SPEC_HINT}")
        self.meta = data

    # -- helpers for values ---------------------------------------------------------------------

    def get(self, key: str) -> Any:
        """The value of a top-level key, marked as consumed; None (YAML null) counts as absent."""
        if key not in self.meta:
            return None
        self.consumed.add(key)
        value = self.meta[key]
        return None if isinstance(value, MarkedStr) and plain_value(value) is None else value

    def scalar(self, value: Any, parent: Any, key: str, path: str) -> MarkedStr:
        if isinstance(value, MarkedStr):
            return value
        kind = "a list" if isinstance(value, list) else "a mapping"
        raise self.report.error(f"{path} must be a single value, not {kind}", self.report.at(parent=parent, key=key),
                                hint=f"write `{key}: value`; {SPEC_HINT}")

    def items(self, value: Any, parent: Any, key: str, path: str) -> list[tuple[str, MarkedStr]]:
        """A string-or-list field as (dotted path, value) pairs; nulls skipped, mappings refused."""
        if value is None:
            return []
        if isinstance(value, MarkedStr):
            return [] if plain_value(value) is None else [(path, value)]
        if isinstance(value, list):
            out = []
            for i, item in enumerate(value):
                if isinstance(item, MarkedStr):
                    if plain_value(item) is not None:
                        out.append((f"{path}.{i}", item))
                    continue
                kind = "list" if isinstance(item, list) else "mapping"
                raise self.report.error(f"{path}[{i}] must be a single value, not a {kind}",
                                        self.report.at(item, value), hint=f"list plain values under {key}; {SPEC_HINT}")
            return out
        raise self.report.error(f"{path} must be a value or a list of values, not a mapping",
                                self.report.at(parent=parent, key=key),
                                hint=f"write `{key}: value` or a list `- value`; {SPEC_HINT}")

    def mapping(self, value: Any, parent: Any, key: str, path: str) -> MarkedDict | None:
        if value is None or (isinstance(value, MarkedStr) and plain_value(value) is None):
            return None
        if isinstance(value, MarkedDict):
            return value
        kind = "a list" if isinstance(value, list) else f"the value {str(value)!r}"
        raise self.report.error(f"{path} must be a mapping, not {kind}", self.report.at(parent=parent, key=key),
                                hint=SPEC_HINT)

    def hub_iri(self, value: MarkedStr, kind: str, path: str) -> str | None:
        text = str(value).strip()
        if URL.match(text):
            return text
        if _REPO_ID.match(text) and "--" not in text and ".." not in text:
            return f"{HUB}datasets/{text}" if kind == "dataset" else f"{HUB}{text}"
        where = self.report.at(value)
        self.report.warn("bad-hub-id", where,
                         f"{path} {text!r} is not a Hugging Face {kind} id (namespace/name) or URL; left out")
        self.report.drop(path, where)
        return None

    # -- the run ----------------------------------------------------------------------------------

    def run(self) -> ImportResult:
        yaml_text, body_start = self.split()
        if yaml_text is None:
            self.report.warn("no-metadata", self.report.at(),
                             "the card has no metadata block (YAML between --- lines); only its Markdown is imported")
        else:
            self.load_metadata(yaml_text)
        dataset_keys = sorted(k for k in self.meta if k in _DATASET_CARD_KEYS)
        self.is_dataset_card = bool(dataset_keys)
        if self.is_dataset_card:
            self.report.warn("dataset-card", self.report.at(parent=self.meta, key=dataset_keys[0]),
                             f"this looks like a dataset card ({', '.join(dataset_keys)}), not a model card; "
                             "only the fields model cards share are imported")
        title, description, sections = self.markdown(body_start)
        self.release_identity(title)
        if description:
            self.manifest["description"] = description
        self.keywords_and_task()
        self.licenses()
        self.access()
        self.artifacts()
        self.repository_facts()
        self.model_card(sections)
        self.lineage()
        self.training_data()
        self.evaluation_results()
        for key in self.meta:
            if key not in self.consumed:
                self.report.drop(key, self.report.at(parent=self.meta, key=key))
        if self.rights:
            self.manifest[RIGHTS] = self.rights[0] if len(self.rights) == 1 else self.rights
        if self.report.inferred:
            self.manifest["inferred"] = list(self.report.inferred)
        manifest = {k: self.manifest[k] for k in sorted(self.manifest, key=key_sort)}
        return ImportResult.from_report(self.report, manifest, FORMAT)

    # -- identity ---------------------------------------------------------------------------------

    def release_identity(self, title: str | None) -> None:
        name: str | None = None
        model_name = self.get("model_name")
        if model_name is not None:
            name = str(self.scalar(model_name, self.meta, "model_name", "model_name")).strip() or None
        if name is None:
            name = self.model_index_name()
        if name is None:
            name = title
        if name is None and self.identifier is not None:
            name = self.identifier.strip().rstrip("/").rsplit("/", 1)[-1] or None
            if name is not None:
                self.report.infer("name", "the repository id", f"the card names no model, so the repository's "
                                  f"name {name!r} stands in")
        if name:
            self.manifest["name"] = name
        if self.identifier is not None:
            ident = self.identifier.strip().removeprefix(HUB).removeprefix("datasets/").strip("/")
            if not _REPO_ID.match(ident):
                raise self.report.error(
                    f"{self.identifier!r} is not a Hugging Face repository id", self.report.at(),
                    hint="pass the repository id as namespace/name, for example meta-llama/Llama-3.1-8B")
            self.manifest["identifier"] = ident
            self.manifest["url"] = f"{HUB}datasets/{ident}" if self.is_dataset_card else f"{HUB}{ident}"
        elif name:
            self.manifest["identifier"] = name
            self.report.warn("no-identifier", self.report.at(),
                             f"no repository id given: the card's name {name!r} stands in as the identifier; give the "
                             "Hub repository id (--identifier NAMESPACE/NAME, or identifier= in Python) for a "
                             "stable release IRI and url")
        else:
            # Nothing names the model: the record has no identity until the card or the caller gives one.
            self.report.missing("identifier", "`model_name:` or a heading naming the model to the card, or pass "
                                "the repository id (--identifier NAMESPACE/NAME)")
        version = self.get("version")
        if version is not None:
            self.manifest["version"] = str(self.scalar(version, self.meta, "version", "version"))

    def model_index_name(self) -> str | None:
        index = self.meta.get("model-index")
        if isinstance(index, list) and index and isinstance(index[0], MarkedDict):
            name = index[0].get("name")
            if isinstance(name, MarkedStr) and str(name).strip():
                self._model_index_name_used = True
                return str(name).strip()
        return None

    # -- keywords, task ---------------------------------------------------------------------------

    def keywords_and_task(self) -> None:
        tags = self.get("tags")
        keywords: list[str] = []
        for _, tag in self.items(tags, self.meta, "tags", "tags"):
            if str(tag).strip() and str(tag).strip() not in keywords:
                keywords.append(str(tag).strip())
        if keywords:
            self.manifest["keywords"] = keywords
        pipeline = self.get("pipeline_tag")
        if pipeline is not None:
            task = str(self.scalar(pipeline, self.meta, "pipeline_tag", "pipeline_tag")).strip()
            if task:
                self.manifest["task"] = task

    # -- licences ---------------------------------------------------------------------------------

    def licenses(self) -> None:
        value = self.get("license")
        ids: list[str] = []
        has_other = False
        for path, item in self.items(value, self.meta, "license", "license"):
            text = str(item).strip()
            if text.lower() == "other":
                has_other = True
                found = self.other_license(item, path)
            else:
                found = self.resolve_license(text, item, path)
            if found and found not in ids:
                ids.append(found)
        if not has_other:
            for key in ("license_name", "license_link"):
                if self.get(key) is not None:
                    where = self.report.at(parent=self.meta, key=key)
                    self.report.warn("license-field-unused", where,
                                     f"{key} is only read with `license: other`; left out")
                    self.report.drop(key, where)
        if ids:
            self.manifest["license"] = ids

    def resolve_license(self, text: str, node: MarkedStr, path: str) -> str | None:
        resolution = _resolve_license(text)
        if resolution.resolved and resolution.license is not None:
            return str(resolution.license.id)
        kind = "license-unknown" if resolution.kind is None else "license-not-a-license"
        self.report.warn(kind, self.report.at(node),
                         f"license: {resolution.message}; no licence recorded, the text kept as dcterms:rights")
        if text not in self.rights:
            self.rights.append(text)
        return None

    def other_license(self, node: MarkedStr, path: str) -> str | None:
        name_value = self.get("license_name")
        link_value = self.get("license_link")
        name = str(self.scalar(name_value, self.meta, "license_name", "license_name")).strip() if name_value else ""
        link = str(self.scalar(link_value, self.meta, "license_link", "license_link")).strip() if link_value else ""
        if name:
            resolution = _resolve_license(name)
            if resolution.resolved and resolution.license is not None:
                return str(resolution.license.id)
            kept = f"; the licence text is at {link}" if link else ""
            self.report.warn("license-other", self.report.at(parent=self.meta, key="license_name"),
                             f"license: other names {name!r} (license_name), which the licence catalogue does not "
                             f"hold{kept}; no licence recorded, the name kept as dcterms:rights")
            if name not in self.rights:
                self.rights.append(name)
            if link:
                self.report.drop("license_link", self.report.at(parent=self.meta, key="license_link"))
            return None
        if link:
            self.report.warn("license-other", self.report.at(parent=self.meta, key="license_link"),
                             f"license: other without license_name; the licence text is at {link}; no licence recorded")
            self.report.drop("license_link", self.report.at(parent=self.meta, key="license_link"))
        else:
            self.report.warn("license-other", self.report.at(node),
                             "license: other without license_name or license_link; no licence recorded")
        self.report.drop(path, self.report.at(node))
        return None

    # -- access -----------------------------------------------------------------------------------

    def access(self) -> None:
        gated_value = self.get("gated")
        extra = [k for k in self.meta if k.startswith("extra_gated_")]
        tier: str | None = None
        gated_off = False
        if gated_value is not None:
            raw = plain_value(self.scalar(gated_value, self.meta, "gated", "gated"))
            text = str(raw).lower() if not isinstance(raw, bool) else ("true" if raw else "false")
            if text == "auto":
                tier = "gated-automatic"
            elif text == "true":
                tier = "gated-automatic"
                self.report.infer("accessTier", "gated", "`gated: true` is the Hub's default mode, which grants "
                                  "requests automatically", self.report.at(gated_value))
            elif text == "manual":
                tier = "gated-manual"
            elif text == "false":
                gated_off = True
                self.report.drop("gated", self.report.at(parent=self.meta, key="gated"))
            else:
                modes = suggest(text, ["auto", "manual", "true", "false"])
                self.report.warn("bad-gating-mode", self.report.at(gated_value),
                                 f"gated: {str(gated_value)!r} is not a Hub gating mode ({modes}); left out")
                self.report.drop("gated", self.report.at(parent=self.meta, key="gated"))
        if gated_off:
            for key in extra:
                self.consumed.add(key)
                self.report.drop(key, self.report.at(parent=self.meta, key=key))
            if extra:
                self.report.warn("gate-while-off", self.report.at(parent=self.meta, key="gated"),
                                 "gated is false, so the extra_gated_* fields have no effect; left out")
            return
        if tier is None and not extra:
            return
        if tier is None:
            tier = "gated"
            self.report.infer("accessTier", "extra_gated_*", "gate fields mean the repository is gated",
                              self.report.at(parent=self.meta, key=extra[0]))
            self.report.warn("gate-without-mode", self.report.at(parent=self.meta, key=extra[0]),
                             "the card has extra_gated_* fields but no `gated` mode: access tier gated (whether "
                             "requests are approved automatically or by hand is a repository setting the card does "
                             "not show)")
        self.manifest["accessTier"] = tier
        self.manifest["gate"] = self.gate(tier)

    def gate(self, tier: str) -> dict[str, Any]:
        conditions = set(_HUB_GATE)
        if tier == "gated-manual":
            conditions.add("manual-approval")
        prompt_parts: list[str] = []
        for key in ("extra_gated_heading", "extra_gated_prompt", "extra_gated_description"):
            value = self.get(key)
            if value is not None:
                text = str(self.scalar(value, self.meta, key, key)).strip()
                if text:
                    prompt_parts.append(text)
        button = self.get("extra_gated_button_content")
        if button is not None:
            self.scalar(button, self.meta, "extra_gated_button_content", "extra_gated_button_content")
            self.report.drop("extra_gated_button_content",
                             self.report.at(parent=self.meta, key="extra_gated_button_content"))
        fields = self.gate_fields(conditions)
        regions: list[str] = []
        eu = self.get("extra_gated_eu_disallowed")
        if eu is not None:
            flag = plain_value(self.scalar(eu, self.meta, "extra_gated_eu_disallowed", "extra_gated_eu_disallowed"))
            if flag is True or str(flag).lower() == "true":
                regions.append("EU")
                conditions.add("geographic-restriction")
            elif not (flag is False or str(flag).lower() == "false"):
                self.report.warn("bad-gate-flag", self.report.at(eu),
                                 f"extra_gated_eu_disallowed must be true or false, not {str(eu)!r}; left out")
                self.report.drop("extra_gated_eu_disallowed",
                                 self.report.at(parent=self.meta, key="extra_gated_eu_disallowed"))
        for key in self.meta:
            if key.startswith("extra_gated_") and key not in self.consumed:
                self.consumed.add(key)
                self.report.drop(key, self.report.at(parent=self.meta, key=key))
        gate: dict[str, Any] = {"conditions": sorted(conditions)}
        if prompt_parts:
            gate["prompt"] = "\n\n".join(prompt_parts)
        if fields:
            gate["fields"] = fields
        if regions:
            gate["excludedRegions"] = regions
        return gate

    def gate_fields(self, conditions: set[str]) -> list[str]:
        value = self.get("extra_gated_fields")
        fields = self.mapping(value, self.meta, "extra_gated_fields", "extra_gated_fields")
        if fields is None:
            return []
        labels: list[str] = []
        for label, spec in fields.items():
            path = f"extra_gated_fields.{label}"
            if isinstance(spec, MarkedStr):
                ftype = str(spec).strip()
                where: Any = spec
            elif isinstance(spec, MarkedDict):
                ftype_value = spec.get("type")
                ftype = str(ftype_value).strip() if isinstance(ftype_value, MarkedStr) else ""
                where = ftype_value if isinstance(ftype_value, MarkedStr) else spec
                for sub in spec:
                    if sub != "type":
                        self.report.drop(f"{path}.{sub}", self.report.at(parent=spec, key=sub))
            else:
                raise self.report.error(f"{path} must be a field type (text, checkbox, date_picker, country, "
                                        "select) or a mapping with `type`, not a list",
                                        self.report.at(parent=fields, key=label),
                                        hint="see https://huggingface.co/docs/hub/models-gated#customize-requested-information")
            labels.append(str(label))
            if ftype not in _FIELD_TYPES:
                self.report.warn("bad-gate-field", self.report.at(where),
                                 f"{path} has the type {ftype!r}, which the Hub does not document "
                                 f"({suggest(ftype, list(_FIELD_TYPES))}); the field is kept, no condition inferred")
                continue
            conditions.update(_field_conditions(str(label), ftype))
        return labels

    # -- artifacts and model card ----------------------------------------------------------------

    def artifacts(self) -> None:
        artifact: dict[str, Any] = {"artifactType": "data-card" if self.is_dataset_card else "model-card",
                                    "status": "released"}
        if self.identifier is not None:
            artifact["url"] = f"{self.manifest['url']}/blob/main/README.md"
        self.manifest["artifacts"] = [artifact]

    def repository_facts(self) -> None:
        """Infer what a Hub repository implies (publisher, access tier, weights, version), recorded as inferred."""
        if self.identifier is None or "identifier" not in self.manifest:
            self.report.missing("publisher", "the repository id (--identifier NAMESPACE/NAME), whose namespace "
                                "publishes it, or a `publisher:` in the release manifest")
            if "accessTier" not in self.manifest:
                self.report.missing("accessTier", "the repository id (--identifier NAMESPACE/NAME) or `gated:`")
            if "version" not in self.manifest:
                self.report.missing("version", "`version:` to the card's metadata, or pass the repository id")
            if not self.is_dataset_card:
                self.report.missing("artifacts.model-parameters-final",
                                    "the repository id (--identifier NAMESPACE/NAME), where the weights are")
        else:
            ident = str(self.manifest["identifier"])
            url = str(self.manifest["url"])
            if "/" in ident:
                namespace = ident.split("/", 1)[0]
                self.manifest["publisher"] = {"id": f"{HUB}{namespace}", "type": "Organization", "name": namespace}
                self.report.infer("publisher", "the repository id",
                                  f"the namespace {namespace!r} publishes the repository (a Hub user or organisation)")
            else:
                self.report.missing("publisher", "the namespace of the repository id (--identifier NAMESPACE/NAME)")
            if "accessTier" not in self.manifest:
                self.manifest["accessTier"] = "downloadable"
                self.report.infer("accessTier", "gated (absent)",
                                  "no `gated` or extra_gated_* fields: the repository's files can be downloaded "
                                  "(downloadable: whether a sign-in is needed is a repository setting the card does "
                                  "not show)")
            if not self.is_dataset_card:
                self.manifest["artifacts"].append({"artifactType": "model-parameters-final", "status": "released",
                                                   "url": url})
                self.report.infer("artifacts.model-parameters-final", "the repository id",
                                  "a model repository holds the model's weights: released at the repository URL")
            if "version" not in self.manifest:
                self.infer_version()
        if "license" not in self.manifest:
            self.report.missing("license", "`license:` to the card's metadata (an SPDX id or a Hub licence id, "
                                "or `license: other` with `license_name:`)")

    def infer_version(self) -> None:
        if self.revision:
            self.manifest["version"] = self.revision
            self.report.infer("version", "the repository revision", "the card states no version: the revision it "
                              "was read at stands in")
            return
        date = self.meta.get("date") if isinstance(self.meta.get("date"), MarkedStr) else None
        typed = plain_value(date) if date is not None else None
        if isinstance(typed, (datetime.date, str)) and str(typed).strip():
            self.consumed.add("date")
            self.manifest["version"] = str(typed).strip()
            self.report.infer("version", "date", "the card states no version: its date stands in",
                              self.report.at(date))
            return
        self.manifest["version"] = "main"
        self.report.infer("version", "the repository id", "the card states no version and no revision is known: "
                          "the repository's main branch (`main`) stands in")

    def funding(self, sections: list[dict[str, str]]) -> list[dict[str, str]]:
        """Take the template's "Funded by" lines out of Model Details into ``funding`` (funders only).

        A Model Details section with nothing else left is not kept.
        """
        kept: list[dict[str, str]] = []
        fundings: list[dict[str, Any]] = []
        for section in sections:
            if section["sectionType"] != "model-details":
                kept.append(section)
                continue
            rest = []
            for line in section["text"].split("\n"):
                found = _FUNDED_BY.match(line)
                if found is None:
                    rest.append(line)
                    continue
                value = found.group("value").strip()
                link = _LINK.match(value)
                if link is not None:
                    fundings.append({"funder": {"id": link.group("iri"), "type": "Organization",
                                                "name": link.group("name").strip()}})
                elif URL.match(value):
                    fundings.append({"funder": value})
                else:
                    fundings.append({"funder": {"type": "Organization", "name": value}})
            text = "\n".join(rest).strip()
            if text:
                kept.append({**section, "text": text})
        if fundings:
            self.manifest["funding"] = fundings
        return kept

    def model_card(self, sections: list[dict[str, str]]) -> None:
        sections = self.funding(sections)
        card: dict[str, Any] = {}
        if self.identifier is not None:
            card["url"] = f"{self.manifest['url']}/blob/main/README.md"
        if sections:
            card["sections"] = sections
        if card:
            self.manifest["modelCard"] = card

    # -- lineage, data, evaluation --------------------------------------------------------------

    def lineage(self) -> None:
        bases = self.items(self.get("base_model"), self.meta, "base_model", "base_model")
        relation_value = self.get("base_model_relation")
        code: str | None = None
        if relation_value is not None:
            rel = str(self.scalar(relation_value, self.meta, "base_model_relation", "base_model_relation")).strip()
            codes = _relation_codes()
            code = codes.get(rel.lower())
            if code is None:
                self.report.warn("bad-relation", self.report.at(relation_value),
                                 f"base_model_relation {rel!r} is not a lineage relation "
                                 f"({suggest(rel, ['adapter', 'merge', 'quantized', 'finetune'])}); left out")
                self.report.drop("base_model_relation", self.report.at(parent=self.meta, key="base_model_relation"))
            elif not bases:
                self.report.warn("relation-without-base", self.report.at(relation_value),
                                 "base_model_relation without base_model; left out")
                self.report.drop("base_model_relation", self.report.at(parent=self.meta, key="base_model_relation"))
        elif bases:
            self.report.warn("relation-missing", self.report.at(parent=self.meta, key="base_model"),
                             "base_model_relation is not given: the Hub infers it from the repository's files, "
                             "so the lineage relation is left out")
        lineage = []
        for path, base in bases:
            iri = self.hub_iri(base, "model", path)
            if iri is None:
                continue
            entry: dict[str, Any] = {"baseModel": iri}
            if code is not None:
                entry["relation"] = code
            if entry not in lineage:
                lineage.append(entry)
        if lineage:
            self.manifest["lineage"] = lineage

    def training_data(self) -> None:
        iris: list[str] = []
        for path, item in self.items(self.get("datasets"), self.meta, "datasets", "datasets"):
            iri = self.hub_iri(item, "dataset", path)
            if iri and iri not in iris:
                iris.append(iri)
        if iris:
            self.manifest["trainingData"] = iris

    def evaluation_results(self) -> None:
        index = self.get("model-index")
        if index is None:
            return
        if not isinstance(index, list):
            raise self.report.error("model-index must be a list of models with results",
                                    self.report.at(parent=self.meta, key="model-index"),
                                    hint="write `model-index:` then `- name: ...` and `results:`; see "
                                  "https://github.com/huggingface/hub-docs/blob/main/modelcard.md")
        results: list[dict[str, Any]] = []
        for i, entry in enumerate(index):
            path = f"model-index.{i}"
            if not isinstance(entry, MarkedDict):
                raise self.report.error(f"{path} must be a mapping with name and results", self.report.at(entry, index),
                                        hint="each model-index entry is `- name: ...` with `results:`")
            model = entry
            for key in model:
                if key not in ("name", "results"):
                    self.report.drop(f"{path}.{key}", self.report.at(parent=model, key=key))
            if "name" in model and not (i == 0 and self._model_index_name_used):
                self.report.drop(f"{path}.name", self.report.at(parent=model, key="name"))
            entries = model.get("results")
            if entries is None:
                self.report.warn("incomplete-result", self.report.at(model), f"{path} has no results")
                continue
            if not isinstance(entries, list):
                raise self.report.error(f"{path}.results must be a list", self.report.at(parent=model, key="results"),
                                        hint="write `results:` then `- task: ...` entries")
            for j, result in enumerate(entries):
                results.extend(self.one_result(result, entries, f"{path}.results.{j}"))
        if results:
            self.manifest["evaluationResults"] = results

    def one_result(self, result: Any, parent: Any, path: str) -> list[dict[str, Any]]:
        if not isinstance(result, MarkedDict):
            raise self.report.error(f"{path} must be a mapping with task, dataset and metrics", self.report.at(parent),
                                    hint="each result is `- task: {type: ...}` with `dataset:` and `metrics:`")
        for key in result:
            if key not in ("task", "dataset", "metrics"):
                self.report.drop(f"{path}.{key}", self.report.at(parent=result, key=key))
        task = self.mapping(result.get("task"), result, "task", f"{path}.task")
        task_type: str | None = None
        if task is not None:
            for key in task:
                if key != "type":
                    self.report.drop(f"{path}.task.{key}", self.report.at(parent=task, key=key))
            if "type" in task:
                task_type = str(self.scalar(task["type"], task, "type", f"{path}.task.type")).strip() or None
        if task_type is None:
            self.report.warn("incomplete-result", self.report.at(task if task is not None else result),
                             f"{path} has no task.type, which the Hub requires; imported without a task")
        dataset = self.mapping(result.get("dataset"), result, "dataset", f"{path}.dataset")
        data_iri: str | None = None
        if dataset is None:
            self.report.warn("incomplete-result", self.report.at(result),
                             f"{path} has no dataset, so the Hub refuses this model-index (it requires dataset.type "
                             "and dataset.name); the result is imported without evaluationData")
        else:
            for key in dataset:
                if key != "type":
                    self.report.drop(f"{path}.dataset.{key}", self.report.at(parent=dataset, key=key))
            if "type" in dataset:
                dtype = self.scalar(dataset["type"], dataset, "type", f"{path}.dataset.type")
                data_iri = self.hub_iri(dtype, "dataset", f"{path}.dataset.type")
            else:
                self.report.warn("incomplete-result", self.report.at(dataset),
                                 f"{path}.dataset has no type (the dataset id), which the Hub requires; "
                                 "imported without evaluationData")
            if "name" not in dataset:
                self.report.warn("incomplete-result", self.report.at(dataset),
                                 f"{path}.dataset has no name, which the Hub requires")
        metrics = result.get("metrics")
        if metrics is None:
            self.report.warn("incomplete-result", self.report.at(result), f"{path} has no metrics; nothing to import")
            return []
        if not isinstance(metrics, list):
            raise self.report.error(f"{path}.metrics must be a list", self.report.at(parent=result, key="metrics"),
                                    hint="write `metrics:` then `- type: ...` and `value: ...`")
        out = []
        for k, metric in enumerate(metrics):
            mpath = f"{path}.metrics.{k}"
            if not isinstance(metric, MarkedDict):
                raise self.report.error(f"{mpath} must be a mapping with type and value", self.report.at(metrics),
                                        hint="write `- type: accuracy` and `value: 0.9`")
            name = metric.get("type") if "type" in metric else metric.get("name")
            name_key = "type" if "type" in metric else "name"
            for key in metric:
                if key not in ("type", "value") and not (key == "name" and name_key == "name"):
                    self.report.drop(f"{mpath}.{key}", self.report.at(parent=metric, key=key))
            value = metric.get("value")
            typed = plain_value(self.scalar(value, metric, "value", f"{mpath}.value")) if value is not None else None
            if typed is None or name is None:
                missing = "value" if typed is None else "type"
                self.report.warn("incomplete-result", self.report.at(metric),
                                 f"{mpath} has no {missing}, which the Hub requires; left out")
                self.report.drop(mpath, self.report.at(metric))
                continue
            entry: dict[str, Any] = {}
            if task_type:
                entry["task"] = task_type
            if data_iri:
                entry["evaluationData"] = [data_iri]
            entry["metric"] = str(self.scalar(name, metric, name_key, f"{mpath}.{name_key}")).strip()
            entry["value"] = typed
            out.append(entry)
        return out

    # -- Markdown -------------------------------------------------------------------------------

    def markdown(self, body_start: int) -> tuple[str | None, str | None, list[dict[str, str]]]:
        """Return (title, description, sections) of the card's Markdown body.

        The title is the first level-1 heading that names no section, else the first heading of any
        level that names none (``### opus-mt-en-el``); the description is the text under a level-1
        title (or, without one, the text before the first heading).
        """
        patterns = section_patterns()
        doc = outline(self.lines[body_start:], body_start, lambda raw: patterns.get(normalise_heading(raw)))
        title: str | None = None
        first = doc.title
        if first is None:  # no level-1 title: the first heading of any level that names no section
            first = next((h for h in headings(self.lines[body_start:], body_start)
                          if patterns.get(normalise_heading(h.raw)) is None), None)
        if first is not None:
            title = display_text(first.raw)
            title = re.sub(r"^(model|dataset) card (for|of)\s+", "", title, flags=re.I).strip() or None
        description = self.clean(doc.lead, None, "the text under the title")
        sections: list[dict[str, str]] = []
        for section in doc.sections:
            heading = section.heading
            if section.code is None:
                self.report.warn("unknown-heading", self.report.at(heading.line),
                                 f"the heading {heading.raw.strip()!r} matches no model-card section; its text is "
                                 "not imported")
                continue
            text = self.clean(section.lines, heading.line, f"section {heading.raw.strip()!r}")
            if text:
                sections.append({"sectionType": section.code, "text": text})
        return title, description, sections

    def clean(self, lines: list[str], line: int | None, what: str) -> str | None:
        """The trimmed text of ``lines`` without HTML comments and template placeholders."""
        text = strip_comments("\n".join(lines))
        kept: list[str] = []
        placeholders = 0
        for physical in text.split("\n"):
            if _PLACEHOLDER.search(physical):
                placeholders += 1
                rest = _PLACEHOLDER.sub("", physical).rstrip()
                if rest.strip() and not _LABEL_ONLY.match(rest) and rest.strip() not in ("-", "*", "+"):
                    kept.append(rest)
                    continue
                # the placeholder stood for a value: drop the line, and a bold label just above it
                blanks = 0
                while kept and not kept[-1].strip():
                    kept.pop()
                    blanks += 1
                if kept and _LABEL_ONLY.match(kept[-1]):
                    kept.pop()
                elif blanks:
                    kept.append("")
                continue
            kept.append(physical.rstrip())
        cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
        substantive = [ln for ln in cleaned.split("\n")
                       if ln.strip() and ln.strip().lower() not in _BOILERPLATE and not _LABEL_ONLY.match(ln)
                       and not is_atx_heading(ln)]
        if not substantive:
            if placeholders or cleaned:
                self.report.warn("placeholder-text", self.report.at(line or 0),
                                 f"{what} holds only template placeholder text ([More Information Needed]); skipped")
            return None
        if placeholders:
            self.report.warn("placeholder-text", self.report.at(line or 0),
                             f"{what}: {placeholders} line(s) of template placeholder text ([More Information "
                             "Needed]) left out")
        return cleaned


def identifier_from_path(source: str) -> str | None:
    """The Hub repository id of a card stored at ``<namespace>/<name>/README.md``, else None."""
    path = PurePath(source)
    if path.name.lower() != "readme.md" or len(path.parts) < 3:
        return None
    namespace, name = path.parts[-3], path.parts[-2]
    ident = f"{namespace}/{name}"
    if _REPO_ID.match(ident) and "--" not in ident and ".." not in ident and namespace not in (".", ".."):
        return ident
    return None


def _field_conditions(label: str, ftype: str) -> set[str]:
    """Gating conditions a Hub gate field of ``ftype`` labelled ``label`` asks for."""
    if ftype == "checkbox":
        return {"agree-to-terms"}
    if ftype == "country":
        return {"declare-country"}
    if ftype == "date_picker":
        return {"date-of-birth"} if _BIRTH.search(label) else set()
    found: set[str] = set()
    if _COUNTRY.search(label):
        found.add("declare-country")
    elif _AFFILIATION.search(label):
        found.add("affiliation")
    elif _IDENTITY.search(label):
        found.add("identify")
    elif _PURPOSE.search(label):
        found.add("stated-purpose")
    return found
