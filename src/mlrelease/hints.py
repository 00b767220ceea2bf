"""Hints for 'unknown' errors: the valid choices closest to what was written.

>>> suggest("gated-manul", ["gated-manual", "gated-automatic", "api"])
'did you mean: gated-manual, gated-automatic?'
"""

from __future__ import annotations

from collections.abc import Sequence

#: How close (rapidfuzz WRatio, 0-100) a choice must be to be offered as "did you mean".
MIN_SCORE = 50


def closest(value: str, choices: Sequence[str], limit: int = 3) -> list[str]:
    """Return up to ``limit`` choices close to ``value``, closest first (none when nothing is close)."""
    from rapidfuzz import process

    return [match for match, score, _ in process.extract(value, list(choices), limit=limit) if score >= MIN_SCORE]


def suggest(value: str, choices: Sequence[str]) -> str:
    """Return a hint naming the choices closest to ``value`` (used by every 'unknown' error)."""
    close = closest(value, choices)
    if close:
        return f"did you mean: {', '.join(close)}?"
    return f"valid values include: {', '.join(list(choices)[:8])}"
