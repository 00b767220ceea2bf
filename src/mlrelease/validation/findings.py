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

    def sort_key(self) -> tuple:
        """Order: release, then severity (violations first), then shape, focus and path."""
        return (self.release or "", _RANK.get(self.severity, 9), self.shape, self.focus, self.path or "",
                self.value or "", self.message)

    def to_dict(self) -> dict[str, str | None]:
        """The finding as a JSON-ready dict."""
        return {
            "release": self.release, "severity": self.severity, "focus": self.focus, "path": self.path,
            "shape": self.shape, "message": self.message, "value": self.value, "profile": self.profile,
            "source": self.source,
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

    def __post_init__(self) -> None:
        self.findings = sorted(set(self.findings), key=Finding.sort_key)

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
            out.setdefault(f.release or "(no release)", {}).setdefault(f.severity, []).append(f)
        return out

    def for_release(self, release: str) -> list[Finding]:
        """The findings about one release."""
        return [f for f in self.findings if f.release == release]
