"""What a harvest did: per-release outcomes, unreadable sources, counts and the closing summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

#: Release outcomes: stored for the first time, replaced a different version, already there
#: unchanged, failed validation and kept out, failed validation but stored (``--keep-invalid``),
#: claimed a release another source published (not stored), said more than it may under
#: ``--strict`` (not stored; see harvest/ownership.py).
STATUSES = ("new", "replaced", "unchanged", "invalid", "kept-invalid", "conflict", "refused")
#: How the reason of a release whose document was evaluated again because the options changed begins.
REEVALUATED = "re-evaluated: options changed"


@dataclass
class ReleaseOutcome:
    """What happened to one release record; ``reason`` says why it was or was not re-written."""

    release: str
    source: str
    status: str
    messages: list[str] = field(default_factory=list)
    reason: str = ""


@dataclass
class HarvestSummary:
    """The result of a harvest; ``text()`` is the summary printed at its end."""

    store: str
    documents: int = 0
    skipped_documents: int = 0
    outcomes: list[ReleaseOutcome] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    interrupted: str | None = None

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(o.status for o in self.outcomes)
        return {s: c.get(s, 0) for s in STATUSES}

    @property
    def written(self) -> list[str]:
        """Releases this run stored (new, replaced or kept invalid)."""
        return [o.release for o in self.outcomes if o.status in ("new", "replaced", "kept-invalid")]

    @property
    def ok(self) -> bool:
        """No unreadable source, no rejected, conflicting or refused record, not interrupted."""
        c = self.counts
        return not self.failures and not (c["invalid"] or c["conflict"] or c["refused"]) and self.interrupted is None

    def progress_line(self) -> str:
        c = self.counts
        return (f"{self.documents} documents, {c['new'] + c['replaced'] + c['kept-invalid']} releases written, "
                f"{c['unchanged']} unchanged, {c['invalid']} rejected, {len(self.failures)} unreadable")

    def text(self) -> str:
        """The closing summary: counts, then every rejected record and unreadable source."""
        c = self.counts
        rate = f", {self.documents / self.elapsed:.0f} documents/s" if self.elapsed > 0 and self.documents else ""
        lines = [
            f"harvest into {self.store}: {self.documents} documents read in {self.elapsed:.1f} s{rate}"
            + (f" ({self.skipped_documents} unchanged since the journalled run)" if self.skipped_documents else ""),
            f"  releases: {c['new']} new, {c['replaced']} replaced, {c['unchanged']} unchanged, "
            f"{c['invalid']} rejected by validation" + (f", {c['kept-invalid']} stored although invalid"
                                                        if c["kept-invalid"] else ""),
        ]
        if c["conflict"] or c["refused"]:
            lines.append(f"  trust: {c['conflict']} not stored (release published by another source), "
                         f"{c['refused']} refused (--strict)")
        if self.failures:
            lines.append(f"  unreadable sources: {len(self.failures)}")
        reevaluated = Counter(o.reason for o in self.outcomes if REEVALUATED in o.reason)
        for reason, n in sorted(reevaluated.items()):
            lines.append(f"  {reason}: {n} release(s)")
        verbs = {"invalid": "rejected", "kept-invalid": "stored although invalid", "conflict": "conflict",
                 "refused": "refused"}
        for o in self.outcomes:
            if o.status in verbs:
                verb = verbs[o.status]
                lines.append(f"  {verb}: {o.release} (from {o.source})")
                lines.extend(f"    - {m}" for m in o.messages)
        for source, message in self.failures:
            first, *rest = message.splitlines() or [""]
            lines.append(f"  unreadable: {first}" if first.startswith(source) else f"  unreadable: {source}: {first}")
            lines.extend(f"    {r.strip()}" for r in rest)
        lines.extend(f"  warning: {w}" for w in self.warnings)
        if self.interrupted:
            lines.append(f"  interrupted: {self.interrupted}")
        return "\n".join(lines) + "\n"
