"""Validation reports as text and HTML for people, JSON and SARIF 2.1.0 for machines."""

from __future__ import annotations

import json
import re

from jinja2 import Environment, select_autoescape

from .. import package_data
from .._version import __version__
from ..errors import UnknownTermError
from ..hints import suggest
from ..iris import SHAPES_NS, curie
from .findings import SEVERITIES, Finding, ValidationReport

REPORT_FORMATS = ("text", "json", "sarif", "html")
_LEVEL = {"Violation": "error", "Warning": "warning", "Info": "note"}
#: The ``:line`` or ``:line:column`` at the end of a finding's source.
_LINE = re.compile(r":(\d+)(?::(\d+))?\Z")
#: The shape of findings about a CRIS export's own schema (validation.source_schema.SOURCE_SCHEMA).
SOURCE_SCHEMA = SHAPES_NS + "SourceSchema"


def short(iri: str | None) -> str:
    """An IRI as a report shows it: a CURIE where one fits (:func:`mlrelease.iris.curie`), "" for none."""
    return "" if iri is None else curie(iri)


def render(report: ValidationReport, format: str = "text") -> str:
    """Render ``report`` in one of :data:`REPORT_FORMATS`."""
    if format == "text":
        return to_text(report)
    if format == "json":
        return json.dumps(to_json(report), indent=2, ensure_ascii=False) + "\n"
    if format == "sarif":
        return json.dumps(to_sarif(report), indent=2, ensure_ascii=False) + "\n"
    if format == "html":
        return to_html(report)
    raise UnknownTermError(f"unknown report format {format!r}", hint=suggest(format, list(REPORT_FORMATS)))


def _summary_line(report: ValidationReport) -> str:
    c = report.counts()
    verdict = "conforms" if report.conforms else "does not conform"
    n = len(report.releases)
    return (f"{n} release{'s' if n != 1 else ''} checked against {', '.join(report.profiles)}: "
            f"{c['Violation']} violation(s), {c['Warning']} warning(s), {c['Info']} info(s); {verdict}")


def to_text(report: ValidationReport) -> str:
    """A report a person reads in a terminal: per release, then by severity; summary at the end."""
    lines: list[str] = []
    for release, groups in report.by_release().items():
        total = sum(len(v) for v in groups.values())
        sources = {f.source for v in groups.values() for f in v
                   if f.source and f.shape != SOURCE_SCHEMA and _LINE.search(f.source)}
        origin = f" (from {sources.pop()})" if len(sources) == 1 and release not in (None, "") else ""
        lines.append(f"{release}{origin}: {'no findings' if total == 0 else f'{total} finding(s)'}")
        for severity in SEVERITIES:
            for f in groups.get(severity, []):
                where = short(f.focus) if f.focus != release else "the release"
                path = f" {short(f.path)}" if f.path else ""
                value = f" (value: {f.value})" if f.value else ""
                lines.append(f"  {severity}: {f.message}")
                if f.shape == SOURCE_SCHEMA:
                    lines.append(f"    at {f.source} [{short(f.shape)}]")
                else:
                    lines.append(f"    at {where}{path}{value} [{short(f.shape)}]")
        lines.append("")
    lines.append(_summary_line(report))
    return "\n".join(lines) + "\n"


def to_json(report: ValidationReport) -> dict:
    """The report as JSON-ready data: findings per release, then summary counts."""
    return {
        "conforms": report.conforms,
        "profiles": list(report.profiles),
        "engine": report.engine,
        "releases": [
            {"release": release,
             "conforms": not groups.get("Violation"),
             "findings": [f.to_dict() for s in SEVERITIES for f in groups.get(s, [])]}
            for release, groups in report.by_release().items()
        ],
        "summary": {**report.counts(), "releases": len(report.releases)},
    }


def to_sarif(report: ValidationReport) -> dict:
    """The report as SARIF 2.1.0, for code-scanning dashboards and CI annotations."""
    rules: dict[str, Finding] = {}
    for f in report.findings:
        rules.setdefault(f.shape, f)
    rule_ids = sorted(rules)
    results = []
    for f in report.findings:
        location: dict = {"logicalLocations": [{"fullyQualifiedName": f.focus, "kind": "resource"}]}
        if f.source:
            location["physicalLocation"] = _physical(f.source)
        results.append({
            "ruleId": short(f.shape),
            "ruleIndex": rule_ids.index(f.shape),
            "level": _LEVEL.get(f.severity, "error"),
            "message": {"text": f.message},
            "locations": [location],
            "properties": {"release": f.release, "path": f.path, "value": f.value, "profile": f.profile},
        })
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "mlrelease", "version": __version__,
                "informationUri": "https://w3id.org/mlrelease/vocab",
                "rules": [{"id": short(r), "name": short(r).split(":", 1)[-1],
                           "shortDescription": {"text": rules[r].message},
                           "defaultConfiguration": {"level": _LEVEL.get(rules[r].severity, "error")},
                           "helpUri": r}
                          for r in rule_ids],
            }},
            "results": results,
        }],
    }


def _physical(source: str) -> dict:
    """A SARIF physicalLocation for ``file``, ``file:line``, ``file:line:column`` or ``file:$.json.path``."""
    found = _LINE.search(source)
    if found:
        region = {"startLine": int(found.group(1))}
        if found.group(2) and int(found.group(2)) > 0:
            region["startColumn"] = int(found.group(2))
        return {"artifactLocation": {"uri": source[:found.start()]}, "region": region}
    if ":$" in source:
        uri, path = source.split(":$", 1)
        return {"artifactLocation": {"uri": uri}, "properties": {"jsonPath": "$" + path}}
    return {"artifactLocation": {"uri": source}}


def to_html(report: ValidationReport) -> str:
    """A single self-contained HTML page (no scripts, no network) a person can read."""
    env = Environment(autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
    env.filters["short"] = short
    template = env.from_string(package_data.read_text("templates/report.html.j2"))
    return template.render(report=report, groups=report.by_release(), severities=SEVERITIES,
                                        counts=report.counts(), summary=_summary_line(report), version=__version__)
