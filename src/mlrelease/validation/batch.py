"""Validating many files at once: every file is read, whatever the others hold.

A file that cannot be read becomes a finding of kind ``unreadable`` (with its file, line and
column where known, and the reader's message and hint) instead of ending the run; the report
counts the files read and the releases checked, and its :attr:`~.ValidationReport.exit_code` is
the worst outcome (docs/cli.md, "Exit codes"). Findings carry the release's name and, for YAML and
JSON manifests, and for MOF manifests, the line and column of the offending key or value (:mod:`.sourcemap`).
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ..codecs.limits import DEFAULT_LIMITS, Limits
from ..errors import InputError, MlreleaseError, NotPassed, VocabularyError
from ..files import read_text
from ..formats import detect_format
from ..io import load_all
from ..record import ReleaseRecord
from ..terms import DCTERMS, MLR
from . import validate
from .engine import engine_named
from .findings import Finding, ValidationReport, group_findings
from .profiles import check_profiles
from .sourcemap import LOCATED_FORMATS, SourceMap

#: The name standard input goes by in reports.
STDIN_NAME = "<stdin>"
#: A path that stands for standard input.
STDIN = Path("-")

#: ``file:line[:col][: field a.b]`` as the readers write locations.
_LOCATION = re.compile(r"^(?P<file>.*?)(?::(?P<line>\d+)(?::(?P<col>\d+))?)?(?:: field (?P<field>\S+))?$")

#: Shapes without a ``sh:path`` -> the property whose key a finding of theirs points at.
_SHAPE_PATHS = {
    "OpenSourceClaimShape": str(MLR.opennessClaim),
    "OpenWeightsClaimShape": str(MLR.opennessClaim),
    # an artifact's licence: its `license:` when stated (a MOF component's too), else the artifact
    "ReleasedArtifactLicenseShape": str(DCTERMS.license),
    "ReleasedArtifactLicenseIdentifiedShape": str(DCTERMS.license),
    "LicenseContentTypeShape": str(DCTERMS.license),
    "LicenseContentTypeInfoShape": str(DCTERMS.license),
    "WithheldReasonShape": str(MLR.withheldReason),
}

Progress = Callable[[int, int], None]


def read_input(path: Path, from_format: str | None = None, identifier: str | None = None,
               limits: Limits = DEFAULT_LIMITS) -> tuple[str, list[ReleaseRecord]]:
    """The text of ``path`` (``-``: standard input) and every release it holds.

    The text is returned even when it does not read as releases: the caller asked for it first
    with :func:`read_source`.
    """
    text = read_source(path, limits)
    try:
        return text, _records(text, path, from_format, identifier, limits)
    except MlreleaseError as exc:
        exc.location = with_column(exc.location, text)
        raise


def with_column(location: str | None, text: str) -> str | None:
    """``FILE[:LINE]: field a.b`` with the line (when missing) and column of key ``b`` added.

    Readers that keep no marks (JSON) give no line: the key's first occurrence is taken then.

    >>> with_column("x.yaml:2: field licence", "a: 1\\nlicence: MIT\\n")
    'x.yaml:2:1: field licence'
    >>> with_column("x.json: field tier", '{\\n  "a": 1,\\n  "tier": "x"\\n}')
    'x.json:3:3: field tier'
    """
    found = _find(location, text)
    if found is None:
        return location
    file, line, column, field = found
    return f"{file}:{line}:{column}: field {field}"


def _find(location: str | None, text: str | None) -> tuple[str, int, int, str] | None:
    """(file, line, column, field) of the key a ``FILE[:LINE]: field a.b`` location names, if found."""
    m = _LOCATION.match(location or "")
    if not m or m.group("col") or not m.group("field") or text is None:
        return None
    key = m.group("field").rsplit(".", 1)[-1]
    lines = text.splitlines()
    if m.group("line"):
        number = int(m.group("line"))
        candidates = [number] if 0 < number <= len(lines) else []
    else:
        candidates = [n for n, line in enumerate(lines, 1) if f'"{key}"' in line or line.lstrip().startswith(key)]
    for number in candidates[:1]:
        column = lines[number - 1].find(f'"{key}"')
        column = column if column >= 0 else lines[number - 1].find(key)
        if column >= 0:
            return m.group("file"), number, column + 1, m.group("field")
    return None


def read_source(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """The text of ``path``, or of standard input for ``-``, capped at ``limits.max_bytes``.

    :raises InputError: a missing, oversized or non-UTF-8 file.
    """
    if path != STDIN:
        if not path.exists():
            raise InputError("no such file or folder", location=str(path), hint="check the path")
        return read_text(path, limits)
    raw = sys.stdin.buffer.read(limits.max_bytes + 1)
    if len(raw) > limits.max_bytes:
        raise InputError(f"the input is larger than the limit of {limits.max_bytes} bytes", location=STDIN_NAME)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"the input is not UTF-8 text (byte {exc.start})", location=STDIN_NAME,
                         hint="save it as UTF-8") from None


def _records(text: str, path: Path, from_format: str | None, identifier: str | None,
             limits: Limits) -> list[ReleaseRecord]:
    source = STDIN_NAME if path == STDIN else str(path)
    records = load_all(text, format=from_format, identifier=identifier, source=source, limits=limits)
    if not records:
        raise InputError("the input describes no release (no mlr:Release)", location=source,
                         hint="a release record needs a node of type mlr:Release")
    return records


def unreadable_finding(path: Path | str, exc: MlreleaseError, text: str | None = None) -> Finding:
    """The finding that says ``path`` could not be read, at the file, line and column the error names."""
    source = STDIN_NAME if path == STDIN else str(path)
    line = column = None
    field = None
    m = _LOCATION.match(exc.location or "")
    if m:
        line = int(m.group("line")) if m.group("line") else None
        column = int(m.group("col")) if m.group("col") else None
        field = m.group("field")
    found = _find(exc.location, text)
    if found is not None:
        _, line, column, field = found
    message = exc.message if field is None else f"field {field}: {exc.message}"
    if exc.hint:
        message += f" (hint: {exc.hint})"
    return Finding(release=None, focus=source, path=None, shape="unreadable", severity="Violation",
                   message=message, source=source, line=line, column=column, kind="unreadable")


def validate_files(paths: Sequence[Path | str], profiles: Sequence[str], *, engine: str | None = None,
                   from_format: str | None = None, identifier: str | None = None,
                   progress: Progress | None = None, schemas: Sequence[Path] = (),
                   limits: Limits = DEFAULT_LIMITS) -> ValidationReport:
    """Read every file of ``paths`` (``-`` for standard input, ``hf://NAMESPACE/NAME`` for a model on
    the Hugging Face Hub) and validate the releases they hold.

    With the ``cris`` profile (or ``all``), a CRIS export (CERIF-XML, DataCite XML or JSON) is
    first checked against its own schema, found in ``schemas`` (:mod:`.source_schema`).

    :raises UnknownTermError: an unknown profile or engine (checked before any file is read).
    """
    chosen = check_profiles(list(profiles))
    engine_named(engine)
    own_schema = "cris" in chosen or "all" in chosen
    records: list[ReleaseRecord] = []
    texts: dict[str, str] = {}
    unreadable: list[Finding] = []
    own: list[Finding] = []  # findings of a CRIS export's own schema
    for n, path in enumerate(paths, 1):
        text: str | None = None
        try:
            if isinstance(path, str):  # a Hub reference: fetched, no text to point into
                found = _hub_records(path, from_format, identifier, limits)
                records.extend(found)
                if progress is not None:
                    progress(n, len(paths))
                continue
            text = read_source(path, limits)
            found = _records(text, path, from_format, identifier, limits)
            if own_schema:
                from .source_schema import check_source_schema  # lxml and the schemas only when asked

                source = STDIN_NAME if path == STDIN else str(path)
                own.extend(check_source_schema(text, from_format or detect_format(text, source), source,
                                                      schemas, limits))
        except (VocabularyError, NotPassed):
            raise
        except MlreleaseError as exc:
            finding = unreadable_finding(path, exc, text)
            unreadable.append(finding)
            if text is not None and finding.source:
                texts[finding.source] = text
        else:
            records.extend(found)
            texts[found[0].source] = text
        if progress is not None:
            progress(n, len(paths))
    report = validate(records, profiles=chosen, engine=engine) if records else ValidationReport(
        findings=[], profiles=chosen, engine=engine_named(engine).name)
    names = {str(rec.iri): rec.name for rec in records if rec.name}
    formats = {rec.source: rec.format for rec in records}
    maps: dict[str, SourceMap] = {}
    located: list[Finding] = []
    for f in report.findings:
        fmt = formats.get(f.source or "")
        if f.source and f.release and fmt in LOCATED_FORMATS and f.source in texts:
            if f.source not in maps:
                maps[f.source] = SourceMap(texts[f.source], f.source, fmt or "yaml")
            prop = f.path or _SHAPE_PATHS.get(f.shape.rsplit("#", 1)[-1])
            at = maps[f.source].position(f.release, f.focus, prop)
            if at is not None:
                f = dataclasses.replace(f, line=at[0], column=at[1])
        located.append(dataclasses.replace(f, name=names.get(f.release or "")))
    return ValidationReport(findings=own + group_findings(located) + unreadable, profiles=report.profiles,
                            releases=report.releases, engine=report.engine, files=len(paths), names=names, texts=texts)


def _hub_records(ref: str, from_format: str | None, identifier: str | None, limits: Limits) -> list[ReleaseRecord]:
    found = load_all(path=ref, format=from_format, identifier=identifier, limits=limits)
    if not found:
        raise InputError("the model card describes no release", location=ref,
                         hint="check the reference, hf://NAMESPACE/NAME[@REVISION]")
    return found


__all__ = ["STDIN", "STDIN_NAME", "read_input", "read_source", "unreadable_finding", "validate_files"]
