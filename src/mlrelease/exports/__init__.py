"""Exports: a release record written in the formats research-information systems and catalogues read.

One module per format (``datacite``, ``cerif``, ``mldcat``, ``spdx3``, ``rocrate``, ``hfcard``),
each with an ``export(record) -> Exported`` function that :mod:`mlrelease.formats` registers as a
writer. What a format carries of each record field is stated once, in :mod:`.mapping`; every
field of a record that the format loses or can only approximate is listed in
:attr:`Exported.warnings`, never dropped silently (``mlrelease convert`` prints them).

>>> import mlrelease
>>> rec = mlrelease.load("identifier: org/m\\nversion: '1'\\ndatePublished: 2025-01-02\\n"
...                      "publisher: https://ror.org/0abcde123\\nclaims: [open-weights]\\n", format="yaml")
>>> out = mlrelease.export(rec, "datacite-xml")
>>> out.text.splitlines()[1][:40]
'<resource xmlns="http://datacite.org/sch'
>>> [w for w in out.warnings if w.startswith("claims")]
['claims: lost in datacite-xml (no openness claims in DataCite)']
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Exported:
    """The text of one export and what it could not carry (``field: lost/approximated ...``)."""

    format: str
    text: str
    warnings: list[str] = field(default_factory=list)


__all__ = ["Exported"]
