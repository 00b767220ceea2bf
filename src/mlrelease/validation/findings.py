"""Validation findings and the report that groups them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

SEVERITIES = ("Violation", "Warning", "Info")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Finding:
    """One thing a shape found: where (release, focus node, path), what (message) and how bad."""

    release: str | None
    focus: str
    path: str | None
    shape: str
    severity: str  # "Violation" | "Warning" | "Info"
    message: str
    value: str | None = None
    profile: str | None = None
    source: str | None = None
    #: 1-based line and column in ``source`` of the offending key or value (YAML and JSON manifests).
    line: int | None = None
    column: int | None = None
    #: ``shape`` (a shape found it) or ``unreadable`` (the file ``source`` could not be read).
    kind: str = "shape"
    #: The release's name (``name:``), for people; ``release`` is its IRI.
    name: str | None = None
    #: The nodes one grouped finding is about (one claim broken by several artifacts gives one finding).
    members: tuple[str, ...] = ()

    @property
    def where(self) -> str | None:
        """``FILE:LINE:COL`` (as much of it as is known), or None without a source."""
        if not self.source:
            return None
        if self.line is None:
            return self.source
        return f"{self.source}:{self.line}" + (f":{self.column}" if self.column is not None else "")

    def sort_key(self) -> tuple:
        """Order: release, then severity (violations first), then shape, focus and path."""
        return (self.release or "", _RANK.get(self.severity, 9), self.shape, self.focus, self.path or "",
                self.value or "", self.message)

    def to_dict(self) -> dict[str, object]:
        """The finding as a JSON-ready dict."""
        return {
            "release": self.release, "severity": self.severity, "focus": self.focus, "path": self.path,
            "shape": self.shape, "message": self.message, "value": self.value, "profile": self.profile,
            "source": self.source, "line": self.line, "column": self.column, "kind": self.kind,
            "name": self.name, "members": list(self.members),
        }


@dataclass
class ValidationReport:
    """The outcome of validating one or more release records against some profiles.

    ``conforms`` is true when there is no Violation (warnings and infos are allowed).
    """

    findings: list[Finding]
    profiles: tuple[str, ...]
    releases: list[str] = field(default_factory=list)
    engine: str = "pyshacl"
    #: How many input files were given and read, when the report covers files (None otherwise).
    files: int | None = None
    #: Release IRI -> its name, for the reports.
    names: dict[str, str] = field(default_factory=dict)
    #: Source name -> its text, for the source snippets of the HTML report (not serialised).
    texts: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.findings = sorted(set(self.findings), key=Finding.sort_key)

    @property
    def unreadable(self) -> list[Finding]:
        """The findings that say a file could not be read."""
        return [f for f in self.findings if f.kind == "unreadable"]

    @property
    def exit_code(self) -> int:
        """The worst outcome: 2 some file unreadable, 1 some violation, else 0 (docs/cli.md)."""
        if self.unreadable:
            return 2
        return 0 if self.conforms else 1

    @property
    def conforms(self) -> bool:
        """Whether no finding is a Violation."""
        return not any(f.severity == "Violation" for f in self.findings)

    def counts(self) -> dict[str, int]:
        """Number of findings per severity (every severity present, zero when none)."""
        c = Counter(f.severity for f in self.findings)
        return {s: c.get(s, 0) for s in SEVERITIES}

    def by_release(self) -> dict[str, dict[str, list[Finding]]]:
        """Findings grouped per release, then per severity (in report order)."""
        out: dict[str, dict[str, list[Finding]]] = {r: {} for r in self.releases}
        for f in self.findings:
            key = f.release or (f"(unreadable) {f.source}" if f.kind == "unreadable" else "(no release)")
            out.setdefault(key, {}).setdefault(f.severity, []).append(f)
        return out

    def for_release(self, release: str) -> list[Finding]:
        """The findings about one release."""
        return [f for f in self.findings if f.release == release]


def group_findings(findings: list[Finding]) -> list[Finding]:
    """Findings that share a cause, as one finding each.

    Findings of one shape, severity, focus and path whose messages differ in one word only (the
    artifact that breaks a claim, say) become one finding: that word lists every value, and
    ``members`` holds them. Other findings are kept as they are.

    >>> a = Finding("r", "r", None, "s", "Violation", "claim broken by r#a1 here", value="r")
    >>> b = Finding("r", "r", None, "s", "Violation", "claim broken by r#a2 here", value="r")
    >>> [(f.message, f.members) for f in group_findings([a, b])]
    [('claim broken by r#a1, r#a2 here', ('r#a1', 'r#a2'))]
    """
    groups: dict[tuple, list[Finding]] = {}
    for f in sorted(set(findings), key=Finding.sort_key):
        key = (f.release, f.shape, f.severity, f.focus, f.path, f.kind, len(f.message.split(" ")))
        groups.setdefault(key, []).append(f)
    out: list[Finding] = []
    for members in groups.values():
        if len(members) == 1:
            out.extend(members)
            continue
        words = [m.message.split(" ") for m in members]
        differ = [i for i in range(len(words[0])) if len({w[i] for w in words}) > 1]
        if len(differ) != 1:
            out.extend(members)
            continue
        i = differ[0]
        values = tuple(dict.fromkeys(w[i] for w in words))
        merged = list(words[0])
        merged[i] = ", ".join(values)
        first = members[0]
        out.append(Finding(release=first.release, focus=first.focus, path=first.path, shape=first.shape,
                           severity=first.severity, message=" ".join(merged), value=first.value,
                           profile=first.profile, source=first.source, line=first.line, column=first.column,
                           kind=first.kind, name=first.name, members=values))
    return out
