"""The licence and terms catalogue: resolve licence spellings, read terms, compare, judge openness.

Every other part of mlrelease consults it: manifests write catalogue identifiers, the Hugging Face
importer resolves card licences, the shapes and queries read the bundled Turtle. See
``docs/licenses.md``.

>>> from mlrelease.licenses import resolve, catalog
>>> lic = resolve("Llama 3.1 Community License").license
>>> lic.id, lic.family, lic.flags.commercial_use_allowed
('llama3.1', 'community', True)
>>> [c.describe() for c in lic.constraints]
['monthly active users > 700,000,000']
>>> len(catalog()) > 100
True
"""

from __future__ import annotations

from .catalog import Catalog, catalog
from .compare import Comparison, FlagDifference, compare
from .model import (
    CONTENT_TYPES,
    FAMILIES,
    Constraint,
    Duty,
    Flags,
    License,
    Permission,
    Prohibition,
    UseRestriction,
)
from .notlicense import UNSTATED, NotALicenseKind
from .osaid import OsaidAssessment, assess_osaid
from .render import describe
from .resolve import Resolution, Status, Suggestion, resolve, suggest

__all__ = [
    "CONTENT_TYPES",
    "FAMILIES",
    "UNSTATED",
    "Catalog",
    "Comparison",
    "Constraint",
    "Duty",
    "FlagDifference",
    "Flags",
    "License",
    "NotALicenseKind",
    "OsaidAssessment",
    "Permission",
    "Prohibition",
    "Resolution",
    "Status",
    "Suggestion",
    "UseRestriction",
    "assess_osaid",
    "catalog",
    "compare",
    "describe",
    "resolve",
    "suggest",
]
