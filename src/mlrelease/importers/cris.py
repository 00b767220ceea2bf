"""What the CRIS importers share: one builder of release manifests from research-output records.

A CRIS export (CERIF-XML, DataCite XML or JSON) describes research outputs; each output that the
importer reads becomes one release manifest. The format modules (:mod:`.cerif`, :mod:`.datacite`)
find the facts and their locations; :class:`ManifestBuilder` turns them into manifest keys the same
way for every format, so that a licence, an access right or an ORCID means the same whatever the
source:

* **Identity.** A DOI gives ``id`` (``https://doi.org/<doi>``), ``pid`` and ``identifier``; a
  Handle gives ``pid`` too. Without a DOI the record keeps the identifier the CRIS gave it, and
  mlrelease derives the IRI (docs/manifest.md, "IRIs").
* **Licences** (:meth:`ManifestBuilder.license`): an SPDX identifier, a licence URL or a name,
  resolved through the licence catalogue; a licence URL of the ScanCode LicenseDB
  (``.../bigscience-open-rail-m.html``) is tried by its key. What the catalogue does not hold is
  kept as ``http://purl.org/dc/terms/rights`` with a warning (``license-unknown``), never guessed.
* **Access rights** (:meth:`ManifestBuilder.access`): COAR access rights and their
  ``info:eu-repo/semantics`` synonyms. A COAR concept that an access tier ``skos:closeMatch``-es
  (open access: ``fully-open``; metadata only: ``fully-closed``) gives that tier. A COAR concept
  that tiers only ``skos:broadMatch`` (restricted access: ``downloadable`` and its narrower gated
  tiers) gives the broadest of them, **inferred** (recorded under ``inferred``): the export does not
  say whether a gate is automatic or manual, or whether a sign-in is all it takes. Embargoed access
  gives no tier (a warning): the tier of an embargoed model is not known until it ends. The
  mappings are read from the access-tier scheme, not from a list here.
* **People and organisations**: an ORCID or ROR is the agent's ``id``; a person or organisation
  without one is a node with its ``name`` (the ``cris`` profile asks for the identifier).
* **Fundings** become ``funding`` entries (``funder`` with its ROR or Crossref Funder Registry IRI,
  ``awardNumber``, ``awardTitle``, ``awardUri``, ``programme``), **projects** ``projects`` entries
  (``name``, ``identifier``, ``url``, ``funding``), and **related outputs** ``relatedOutputs``
  (``relationType``, ``output``): the DataCite relation type of each output relation is read from
  the output-relation scheme (its ``skos:hiddenLabel``), not from a list here.

Warnings carry ``file:line:column`` (XML) or ``file:$.json.path`` (JSON).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from rdflib.namespace import SKOS

from . import URL, ImportResult
from .report import SHARED_KINDS, ImportReport, Location

#: The manifest key of a licence statement the catalogue does not resolve (the text as written).
RIGHTS = "http://purl.org/dc/terms/rights"
COAR_ACCESS = "http://purl.org/coar/access_right/"
#: The OpenAIRE / DRIVER access-right terms and the COAR concepts they stand for.
EU_REPO_ACCESS = {
    "info:eu-repo/semantics/openaccess": COAR_ACCESS + "c_abf2",
    "info:eu-repo/semantics/restrictedaccess": COAR_ACCESS + "c_16ec",
    "info:eu-repo/semantics/embargoedaccess": COAR_ACCESS + "c_f1cf",
    "info:eu-repo/semantics/closedaccess": COAR_ACCESS + "c_14cb",
}
COAR_LABELS = {"c_abf2": "open access", "c_16ec": "restricted access", "c_f1cf": "embargoed access",
               "c_14cb": "metadata only access"}

ORCID = re.compile(r"(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\Z")
ROR = re.compile(r"(?:https?://ror\.org/)?(0[a-z0-9]{6}\d{2})\Z")
DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:)?(10\.\d{4,9}/\S+)\Z", re.IGNORECASE)

WARNING_KINDS = {
    **SHARED_KINDS,
    "license-unknown": "a licence the catalogue does not hold: kept as dcterms:rights, no licence recorded",
    "access-unmapped": "an access right with no access tier (embargoed access, an unknown term): no tier recorded",
    "funding-incomplete": "a funding without an award number, title or IRI, or a funder without ROR or Crossref "
                          "Funder ID: recorded as it is (the cris profile reports what is missing)",
    "relation-unmapped": "a related output whose relation mlrelease cannot record: listed as dropped",
    "not-a-model": "the output is not typed as a model (a dataset, a paper): imported so its metadata can be checked",
    "no-doi": "an output without a DOI: identified by its CRIS identifier or, failing that, its file name",
    "identifier-unusable": "an identifier that is not a valid IRI or DOI: left out",
    "schema-version": "a CERIF or DataCite version this importer was not written for: read as the closest one",
}


@dataclass
class CrisImportResult(ImportResult):
    """The manifests of every output in one CRIS export (``manifest`` is the first).

    ``where`` holds the location of each manifest's output record (``file:line`` of the element,
    or ``file:$.data``), in the same order; :mod:`mlrelease.formats` maps them to release IRIs
    (``locations``), so that findings point at the record in the export.
    """

    manifests: list[dict[str, Any]] = field(default_factory=list)
    where: list[str] = field(default_factory=list)
    #: Release IRI -> location of the output record it came from (filled by the reader).
    locations: dict[str, str] = field(default_factory=dict)
    #: The warnings and dropped fields of each manifest (in the order of ``manifests``), as text.
    record_warnings: list[list[str]] = field(default_factory=list)
    record_dropped: list[list[str]] = field(default_factory=list)
    #: Release IRI -> (its warnings, its dropped fields) (filled by the reader).
    by_release: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)


def doi_iri(text: str) -> str | None:
    """``https://doi.org/<doi>`` for a DOI written bare, as ``doi:`` or as a doi.org URL; else None."""
    found = DOI.match(text.strip())
    return f"https://doi.org/{found.group(1)}" if found else None


def agent_iri(text: str) -> str | None:
    """The ORCID or ROR IRI of ``text`` (bare or as a URL); else None."""
    text = text.strip()
    if found := ORCID.match(text):
        return f"https://orcid.org/{found.group(1)}"
    if found := ROR.match(text):
        return f"https://ror.org/{found.group(1)}"
    return None


def identifier_iri(kind: str, value: str) -> str | None:
    """An IRI for a related identifier of type ``kind`` (DataCite relatedIdentifierType); else None."""
    value = value.strip()
    kind = kind.lower()
    if kind == "doi":
        return doi_iri(value)
    if kind == "handle":
        return value if URL.match(value) else f"https://hdl.handle.net/{value}"
    if kind == "arxiv":
        return value if URL.match(value) else f"https://arxiv.org/abs/{value.removeprefix('arXiv:')}"
    if kind in ("url", "purl", "w3id", "uri") and URL.match(value):
        return value
    return None


FUNDREF = re.compile(r"(?:https?://(?:dx\.)?doi\.org/)?(10\.13039/\w+)\Z")


def funder_iri(text: str) -> str | None:
    """The ROR or Crossref Funder Registry IRI (``https://doi.org/10.13039/...``) of ``text``; else None."""
    text = text.strip()
    if found := FUNDREF.match(text):
        return f"https://doi.org/{found.group(1)}"
    if found := ROR.match(text):
        return f"https://ror.org/{found.group(1)}"
    return None


def output_relations() -> dict[str, str]:
    """DataCite relationType -> the output-relation code that maps to it (the concept's skos:hiddenLabel)."""
    from rdflib import URIRef

    from ..vocabulary import load

    vocabulary = load()
    out: dict[str, str] = {}
    for concept in vocabulary.scheme("output-relation").concepts:
        for label in vocabulary.graph.objects(URIRef(concept.iri), SKOS.hiddenLabel):
            out[str(label)] = concept.notation
    return out


def _tier_mappings() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """COAR access right -> tier it closeMatch-es; and -> (broadest tier that broadMatch-es it, others)."""
    from ..vocabulary import load

    scheme = load().scheme("access-tier")
    close: dict[str, str] = {}
    broad: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for concept in scheme.concepts:
        for prop, target in concept.mappings:
            if not target.startswith(COAR_ACCESS):
                continue
            if prop == str(SKOS.closeMatch):
                close[target] = concept.notation
            elif prop == str(SKOS.broadMatch):
                broad.setdefault(target, []).append((concept.iri, concept.broader))
    by_iri = {c.iri: c.notation for c in scheme.concepts}
    broadest: dict[str, tuple[str, str]] = {}
    for target, tiers in broad.items():
        iris = {iri for iri, _ in tiers}
        tops = [iri for iri, broader in tiers if not set(broader) & iris]
        if len(tops) == 1:
            others = sorted(by_iri[i] for i in iris if i != tops[0])
            broadest[target] = (by_iri[tops[0]], ", ".join(others))
    return close, broadest


class ManifestBuilder:
    """Builds one release manifest from the facts a format module finds, reporting to ``report``."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        #: Where this output's entries start in the report (each output is read whole, in turn).
        self.first_issue = len(report.issues)
        self.manifest: dict[str, Any] = {"type": "Release"}
        self.rights: list[str] = []
        self.inferred: list[dict[str, str]] = []

    def infer(self, key: str, source_field: str, rule: str, where: Location) -> None:
        """Record that ``key`` was inferred from ``source_field`` by ``rule`` (a note and a warning)."""
        self.inferred.append({"field": key, "from": source_field, "rule": rule})
        self.report.warn("inferred", where, f"{key} inferred from {source_field}: {rule}")

    # -- identity -----------------------------------------------------------------------------------

    def doi(self, value: str, where: Location) -> None:
        iri = doi_iri(value)
        if iri is None:
            self.report.warn("identifier-unusable", where, f"DOI {value!r} is not a DOI (10.NNNN/...); left out")
            return
        self.manifest.setdefault("id", iri)
        self.pid(iri)
        self.manifest.setdefault("identifier", value.strip())

    def pid(self, iri: str) -> None:
        pids = self.manifest.setdefault("pid", [])
        if iri not in pids:
            pids.append(iri)

    def text(self, key: str, value: str | None) -> None:
        if value is not None and value.strip() and key not in self.manifest:
            self.manifest[key] = " ".join(value.split()) if key != "description" else value.strip()

    def url(self, value: str, where: Location) -> None:
        value = value.strip()
        if URL.match(value):
            self.manifest.setdefault("url", value)
        else:
            self.report.warn("identifier-unusable", where, f"URL {value!r} is not an absolute http(s) URL; left out")

    def date(self, key: str, value: str, where: Location) -> bool:
        """Record the date part of ``value`` (``YYYY-MM-DD``, a timestamp) under ``key``; False when it is none."""
        found = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\Z", value.strip())
        if not found:
            return False
        self.manifest.setdefault(key, found.group(1))
        return True

    def keyword(self, value: str) -> None:
        value = " ".join(value.split())
        keywords = self.manifest.setdefault("keywords", [])
        if value and value not in keywords:
            keywords.append(value)

    # -- licences -----------------------------------------------------------------------------------

    def license(self, where: Location, *candidates: str | None) -> None:
        """Resolve the first candidate the catalogue knows (an SPDX id, a URL, a name); else keep the text."""
        from ..licenses import resolve

        texts = [c.strip() for c in candidates if c and c.strip()]
        tried = list(texts)
        for text in texts:
            # A licence URL in a language (.../legalcode.en) names the same licence as without it.
            if (plain := re.sub(r"(/legalcode)\.[a-z]{2}(-[A-Za-z]{2})?/?\Z", r"\1", text)) != text:
                tried.append(plain)
            stem = re.match(r"https?://scancode-licensedb\.aboutcode\.org/([\w.+-]+?)(?:\.html|\.json)?/?\Z", text)
            if stem:
                tried.append(stem.group(1))
        for text in tried:
            resolution = resolve(text)
            if resolution.resolved and resolution.license is not None:
                licenses = self.manifest.setdefault("license", [])
                if str(resolution.license.id) not in licenses:
                    licenses.append(str(resolution.license.id))
                return
        if not texts:
            return
        shown = texts[0]
        self.report.warn("license-unknown", where, f"licence {shown!r}: the licence catalogue does not hold it; "
                                                   "no licence recorded, the text kept as dcterms:rights")
        if shown not in self.rights:
            self.rights.append(shown)

    # -- access ---------------------------------------------------------------------------------------

    @staticmethod
    def access_term(value: str) -> str | None:
        """The COAR access-right IRI of ``value`` (a COAR IRI or an info:eu-repo term); else None."""
        value = value.strip()
        if value.startswith(COAR_ACCESS):
            return value
        return EU_REPO_ACCESS.get(value.lower())

    def access(self, value: str, source_field: str, where: Location) -> bool:
        """Map an access right to ``accessTier``; False when ``value`` is not an access right."""
        term = self.access_term(value)
        if term is None:
            return False
        if "accessTier" in self.manifest:
            return True
        close, broadest = _tier_mappings()
        label = COAR_LABELS.get(term.removeprefix(COAR_ACCESS), term)
        if term in close:
            self.manifest["accessTier"] = close[term]
        elif term in broadest:
            tier, narrower = broadest[term]
            self.manifest["accessTier"] = tier
            self.infer("accessTier", source_field,
                       f"COAR {label} is the broad match of the tiers {tier}, {narrower}; the export does not "
                       f"say which, so the broadest, {tier}, is recorded", where)
        else:
            self.report.warn("access-unmapped", where,
                             f"{source_field}: COAR {label} has no access tier; no tier recorded")
        return True

    # -- agents ---------------------------------------------------------------------------------------

    def agent(self, name: str | None, identifiers: list[str], kind: str) -> dict[str, Any] | str | None:
        """An agent: ``{id, type, name}`` with the first ORCID/ROR of ``identifiers``; the bare IRI without a name.

        A name that only repeats the identifier (exports of agents known by IRI alone) is no name.
        """
        iri = next((i for i in (agent_iri(x) for x in identifiers) if i), None)
        name = " ".join(name.split()) if name else ""
        if name and (name == iri or agent_iri(name) is not None):
            iri, name = iri or agent_iri(name), ""
        if iri and not name:
            return iri
        if not name:
            return None
        node: dict[str, Any] = {"type": kind}
        if iri:
            node["id"] = iri
        node["name"] = name
        return node

    def contributor(self, agent: dict[str, Any] | str, roles: list[str] | None = None) -> None:
        entry: dict[str, Any] = {"agent": agent}
        if roles:
            entry["role"] = roles
        contributions = self.manifest.setdefault("contributions", [])
        if entry not in contributions:
            contributions.append(entry)

    # -- related outputs ------------------------------------------------------------------------------

    def related(self, key: str, value: Any) -> None:
        items = self.manifest.setdefault(key, [])
        if value not in items:
            items.append(value)

    def artifact(self, artifact: dict[str, Any]) -> None:
        self.related("artifacts", artifact)

    def output(self, relation: str, iri: str) -> None:
        self.related("relatedOutputs", {"relationType": relation, "output": iri})

    def funding(self, where: Location, *, funder_name: str | None = None, funder_ids: list[str] | None = None,
                number: str | None = None, title: str | None = None, uri: str | None = None,
                programme: str | None = None) -> dict[str, Any] | None:
        """A ``funding`` entry (None when the source says nothing of it); warns when it lacks what cris needs."""
        entry: dict[str, Any] = {}
        funder_id = next((i for i in (funder_iri(x) for x in funder_ids or []) if i), None)
        name = " ".join(funder_name.split()) if funder_name else ""
        if name and (name == funder_id or funder_iri(name) is not None):
            funder_id, name = funder_id or funder_iri(name), ""
        if funder_id and not name:
            entry["funder"] = funder_id
        elif name:
            entry["funder"] = {"type": "Organization", **({"id": funder_id} if funder_id else {}), "name": name}
        for key, value in (("awardNumber", number), ("awardTitle", title), ("programme", programme)):
            if value and value.strip():
                entry[key] = " ".join(value.split())
        if uri and URL.match(uri.strip()):
            entry["awardUri"] = uri.strip()
        if not entry:
            return None
        if funder_id is None or not ({"awardNumber", "awardUri"} & set(entry)):
            lacking = [what for what, ok in (("a funder ROR or Crossref Funder ID", funder_id),
                                             ("an award number or IRI", {"awardNumber", "awardUri"} & set(entry)))
                       if not ok]
            named = entry.get("awardTitle") or entry.get("awardNumber")
            self.report.warn("funding-incomplete", where,
                             f"funding{f' {named}' if named else ''} lacks {' and '.join(lacking)}")
        return entry

    # -- end ------------------------------------------------------------------------------------------

    def finish(self) -> dict[str, Any]:
        if self.rights:
            self.manifest[RIGHTS] = self.rights if len(self.rights) > 1 else self.rights[0]
        if self.inferred:
            self.manifest["inferred"] = self.inferred
        return self.manifest


def result(report: ImportReport, builders: list[tuple[ManifestBuilder, str]], format: str) -> CrisImportResult:
    """The import result of a CRIS export whose outputs ``builders`` built (each with its location)."""
    manifests = [builder.finish() for builder, _ in builders]
    out = CrisImportResult.from_report(report, manifests[0] if manifests else {}, format)
    out.manifests = manifests
    out.where = [where for _, where in builders]
    bounds = [b.first_issue for b, _ in builders] + [len(report.issues)]
    for start, end in pairwise(bounds):
        mine = set(range(start, end))
        out.record_warnings.append([str(w) for w in report.warnings() if w.order in mine])
        out.record_dropped.append([str(d) for d in report.dropped() if d.order in mine])
    return out


__all__ = ["RIGHTS", "WARNING_KINDS", "CrisImportResult", "ManifestBuilder", "agent_iri", "doi_iri",
           "identifier_iri", "result"]
