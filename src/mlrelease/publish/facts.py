"""What a page shows of one release: the facets the index filters on, the assessment, the findings.

The same :class:`ReleaseFacts` feed the static site (:mod:`mlrelease.publish.site`) and the local
web application (:mod:`mlrelease.serve`), so a release looks the same in both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rdflib import URIRef

from ..exports.schema_org import schema_org
from ..licenses import catalog
from ..licenses.render import family_label
from ..openness import Assessment, assess
from ..record import ReleaseRecord
from ..terms import SCHEMA
from ..validation import Finding, ValidationReport, validate
from ..vocabulary import load as load_vocabulary

#: The profiles a published page reports on.
PAGE_PROFILES: tuple[str, ...] = ("core", "recommended", "consistency")
_CLASS_LABELS = {1: "Class I (Open Science)", 2: "Class II (Open Tooling)", 3: "Class III (Open Model)"}
NO_CLASS = "No MOF class"
NO_VALUE = "not stated"


@dataclass(frozen=True)
class Signpost:
    """One FAIR Signposting link of a landing page: ``<link rel=… href=… type=…>``."""

    rel: str
    href: str
    type: str = ""


@dataclass
class ReleaseFacts:
    """One release as the pages show it."""

    record: ReleaseRecord
    slug: str
    name: str
    tier: str
    families: list[str]
    licenses: list[str]
    openness_class: str
    osaid: bool
    osaid_reasons: list[str]
    publisher: str
    publisher_iri: str | None
    year: str
    assessment: Assessment
    findings: list[Finding] = field(default_factory=list)

    @property
    def iri(self) -> str:
        return str(self.record.iri)

    def counts(self) -> dict[str, int]:
        """Findings per severity."""
        out = {"Violation": 0, "Warning": 0, "Info": 0}
        for f in self.findings:
            out[f.severity] = out.get(f.severity, 0) + 1
        return out

    @property
    def conforms(self) -> bool:
        return not any(f.severity == "Violation" for f in self.findings)

    def schema_org(self) -> dict:
        """The record's schema.org/FAIR4ML view (the JSON-LD a landing page embeds)."""
        return schema_org(self.record)

    def signposts(self) -> list[Signpost]:
        """The landing page's FAIR Signposting links (relative to the page, apart from external ones)."""
        manifest = self.record.to_manifest()
        pid = manifest.get("pid")
        pid = pid.get("id") if isinstance(pid, dict) else pid
        out = [Signpost("cite-as", str(pid or self.iri)),
               Signpost("describedby", "record.jsonld", "application/ld+json"),
               Signpost("describedby", "record.ttl", "text/turtle"),
               Signpost("describedby", "manifest.yaml", "application/yaml"),
               Signpost("type", "https://schema.org/AboutPage")]
        for code in self.licenses:
            lic = catalog().get(code)
            out.append(Signpost("license", (lic.url or lic.iri) if lic else code))
        authors = [self.publisher_iri] if self.publisher_iri else []
        for contribution in manifest.get("contributions") or []:
            agent = contribution.get("agent") if isinstance(contribution, dict) else None
            agent = agent.get("id") if isinstance(agent, dict) else agent
            if isinstance(agent, str) and agent not in authors:
                authors.append(agent)
        out += [Signpost("author", a) for a in authors]
        items = sorted({str(u) for a in self.record.artifacts if a.status == "released"
                        for u in self.record.graph.objects(a.iri, _URL)})
        out += [Signpost("item", u) for u in items]
        return out


_URL = URIRef(SCHEMA.url)


def slug_of(record: ReleaseRecord) -> str:
    """A readable, file-safe name for the release's folder: identifier (else IRI) and version."""
    base = record.identifier or str(record.iri).rstrip("/").rsplit("/", 1)[-1]
    if record.version:
        base += "-" + record.version
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip("-.")
    return slug or "release"


def _weights_licences(record: ReleaseRecord) -> list[str]:
    if record.licenses:
        return record.licenses
    for artifact in record.artifacts:
        if artifact.artifact_type == "model-parameters-final":
            return artifact.effective_licenses
    return []


def facts_of(records: Sequence[ReleaseRecord], report: ValidationReport | None = None) -> list[ReleaseFacts]:
    """The facts of each record, in the records' order; slugs are unique (``-2``, ``-3`` on a clash).

    ``report`` is the validation report of the records (validated against :data:`PAGE_PROFILES`
    when not given).
    """
    if report is None:
        report = validate(list(records), PAGE_PROFILES)
    by_release: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_release.setdefault(f.release or "", []).append(f)
    vocab = load_vocabulary()
    seen: set[str] = set()
    out = []
    for record in records:
        slug = slug_of(record)
        n = 2
        while slug.lower() in seen:
            slug = f"{slug_of(record)}-{n}"
            n += 1
        seen.add(slug.lower())
        assessment = assess(record)[0]
        licences = _weights_licences(record)
        families = sorted({family_label(lic.family) for lic in (catalog().get(c) for c in licences) if lic}) \
            or [NO_VALUE]
        manifest = record.to_manifest()
        publisher = manifest.get("publisher")
        publisher_iri = publisher.get("id") if isinstance(publisher, dict) else publisher
        publisher_name = (publisher.get("name") if isinstance(publisher, dict) else None) or publisher_iri
        date = record.date_published
        out.append(ReleaseFacts(
            record=record, slug=slug, name=record.name or record.identifier or str(record.iri),
            tier=vocab.concept("access-tier", record.access_tier).label if record.access_tier else NO_VALUE,
            families=families, licenses=licences,
            openness_class=_CLASS_LABELS.get(assessment.mof.mof_class or 0, NO_CLASS),
            osaid=assessment.osaid.conformant, osaid_reasons=list(assessment.osaid.reasons),
            publisher=str(publisher_name or NO_VALUE), publisher_iri=publisher_iri,
            year=str(date.year) if date else NO_VALUE, assessment=assessment,
            findings=by_release.get(str(record.iri), [])))
    return out
