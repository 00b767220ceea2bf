"""Validation reports as text and HTML for people, JSON and SARIF 2.1.0 for machines."""

from __future__ import annotations

import json
import re

from jinja2 import Environment, select_autoescape
from markupsafe import Markup

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
    files = ""
    if report.files is not None:
        bad = len(report.unreadable)
        files = f"{report.files} file{'s' if report.files != 1 else ''} read, {bad} unreadable; "
        c = {**c, "Violation": c["Violation"] - bad}
        if bad:
            verdict = "some input could not be read"
    return (f"{files}{n} release{'s' if n != 1 else ''} checked against {', '.join(report.profiles)}: "
            f"{c['Violation']} violation(s), {c['Warning']} warning(s), {c['Info']} info(s); {verdict}")


def release_title(report: ValidationReport, release: str) -> str:
    """A release as a heading shows it: its name and IRI, or the IRI alone."""
    name = report.names.get(release)
    return f"{name} <{release}>" if name else release


def terminal_width() -> int:
    """The width text reports wrap to: the terminal's (``COLUMNS`` first), else 100."""
    import shutil

    return max(shutil.get_terminal_size((100, 24)).columns, 40)


def to_text(report: ValidationReport, width: int | None = None) -> str:
    """A report a person reads in a terminal: per release, one block per finding, wrapped to ``width``.

    Each block says how bad, where in the source (``FILE:LINE:COL``), what and how to fix it,
    then the node, path and shape it is about; the summary comes last.
    """
    import textwrap

    width = width or terminal_width()
    lines: list[str] = []
    for release, groups in report.by_release().items():
        total = sum(len(v) for v in groups.values())
        lines.append(f"{release_title(report, release)}: {'no findings' if total == 0 else f'{total} finding(s)'}")
        for severity in SEVERITIES:
            for f in groups.get(severity, []):
                head = f"  {severity}" + (f" at {f.where}" if f.where else "") + ":"
                lines.append(head)
                lines.extend(textwrap.wrap(f.message, width=width, initial_indent="    ", subsequent_indent="    ",
                                           break_long_words=False, break_on_hyphens=False))
                if f.kind != "unreadable" and f.shape != SOURCE_SCHEMA:  # a schema finding is about its line
                    where = short(f.focus) if f.focus != release else "the release"
                    path = f" {short(f.path)}" if f.path else ""
                    value = f" (value: {short(f.value)})" if f.value and f.value != f.focus else ""
                    lines.extend(textwrap.wrap(f"about {where}{path}{value} [{short(f.shape)}]", width=width,
                                               initial_indent="    ", subsequent_indent="      ",
                                               break_long_words=False, break_on_hyphens=False))
                lines.append("")
        if total == 0:
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
        "summary": {**report.counts(), "releases": len(report.releases), "files": report.files,
                    "unreadable": len(report.unreadable)},
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
            physical: dict = _physical(f.source)
            if f.line is not None:
                physical = {"artifactLocation": {"uri": f.source},
                            "region": {"startLine": f.line, **({"startColumn": f.column} if f.column else {})}}
            location["physicalLocation"] = physical
        results.append({
            "ruleId": short(f.shape),
            "ruleIndex": rule_ids.index(f.shape),
            "level": _LEVEL.get(f.severity, "error"),
            "message": {"text": f.message},
            "locations": [location],
            "properties": {"release": f.release, "name": f.name, "path": f.path, "value": f.value,
                           "profile": f.profile, "kind": f.kind, "members": list(f.members)},
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
                           **({"helpUri": r} if r.startswith(("http://", "https://")) else {})}
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


def _curie_html(iri: str | None) -> Markup:
    """A CURIE with the full IRI on hover (``<abbr title=IRI>``)."""
    if not iri:
        return Markup("")
    return Markup('<abbr title="{}">{}</abbr>').format(iri, short(iri))


def _markdown(text: str) -> Markup:
    """A message's Markdown (backticks, emphasis, links) as inline HTML; raw HTML in it is escaped."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False})
    return Markup(md.renderInline(text))  # noqa: S704 (markdown-it escapes the text: html is off)


def snippet(report: ValidationReport, f: Finding, around: int = 2) -> list[tuple[int, str, bool]]:
    """The source lines around a finding's line: (number, text, is the finding's line)."""
    text = report.texts.get(f.source or "")
    if text is None or f.line is None:
        return []
    lines = text.splitlines()
    first, last = max(f.line - around, 1), min(f.line + around, len(lines))
    return [(n, lines[n - 1], n == f.line) for n in range(first, last + 1)]


def to_html(report: ValidationReport) -> str:
    """A single self-contained HTML page (no scripts, no network) a person can read.

    The summary and a table of contents come first; then each release, its findings by severity,
    each with where it is in the source (and the lines around it), the message (Markdown
    rendered) and the node, path and shape as CURIEs whose full IRI shows on hover.
    """
    env = Environment(autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
    env.filters["short"] = short
    env.filters["curie"] = _curie_html
    env.filters["markdown"] = _markdown
    template = env.from_string(package_data.read_text("templates/report.html.j2"))
    groups = report.by_release()
    return template.render(report=report, groups=groups, severities=SEVERITIES, counts=report.counts(),
                           summary=_summary_line(report), version=__version__,
                           title=lambda r: release_title(report, r), snippet=lambda f: snippet(report, f),
                           name=lambda r: report.names.get(r))
