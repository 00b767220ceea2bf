"""Lexical forms shared by the codecs and importers: natural sort keys and ISO dates.

>>> sorted(["v10", "v9", "v1"], key=natural_key)
['v1', 'v9', 'v10']
>>> is_iso_date("2024-02-30"), is_iso_date("2024-02-29")
(False, True)
"""

from __future__ import annotations

import datetime as _dt
import re

_DIGITS = re.compile(r"(\d+)")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def natural_key(text: str | None) -> list[int | str]:
    """A sort key that orders the numbers inside strings by value (``v9`` before ``v10``)."""
    return [int(part) if part.isdigit() else part for part in _DIGITS.split(text or "")]


def is_iso_date(text: str) -> bool:
    """Whether ``text`` is a calendar date written ``YYYY-MM-DD`` (an xsd:date without time zone)."""
    if not _DATE.match(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
