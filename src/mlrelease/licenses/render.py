"""Licences, lists and comparisons as text for people (the CLI prints these; JSON comes from ``as_dict``).

>>> from mlrelease.licenses import catalog
>>> print(describe(catalog()["MIT"]).splitlines()[0])
MIT — MIT License
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from ..vocabulary import load as load_vocabulary
from .compare import Comparison
from .model import Flags, License


@functools.cache
def _labels(scheme: str) -> dict[str, str]:
    return {c.notation: c.label for c in load_vocabulary().scheme(scheme).concepts}


def family_label(family: str) -> str:
    """The label of a licence family (``open-rail`` -> ``Open RAIL``), or the notation itself."""
    return _labels("license-family").get(family, family)


def _yn(value: bool | None) -> str:
    return "–" if value is None else ("yes" if value else "no")


def describe(lic: License) -> str:
    """A licence's identity, family, flags, terms and use restrictions (with their domains) as text."""
    lines = [f"{lic.id} — {lic.name}", f"  IRI:       {lic.iri}"]
    if lic.url:
        lines.append(f"  text:      {lic.url}")
    lines.append(f"  family:    {lic.family} ({family_label(lic.family)})")
    ids = [f"SPDX {lic.spdx_id}" if lic.spdx_id else "not on the SPDX License List"]
    if lic.huggingface_id:
        ids.append(f"Hugging Face {lic.huggingface_id}")
    lines.append(f"  ids:       {'; '.join(ids)}")
    lines.append("  flags:     " + "; ".join(f"{Flags.label(n)}: {_yn(v)}" for n, v in lic.flags.items()))
    lines.append(f"  suits:     {', '.join(lic.content_types) or '–'}")
    if lic.acceptable_use_policy:
        lines.append(f"  use policy: {lic.acceptable_use_policy}")
    if lic.description:
        lines.append(f"  about:     {lic.description}")
    for p in lic.permissions:
        lines.append(f"  permits:   {', '.join(p.actions)}")
        for d in p.duties:
            lines.append(f"    duty {d.action}" + (f": {d.description}" if d.description else ""))
    for n in lic.naming_requirements:
        lines.append(f"  naming:    {n}")
    for prohibition in lic.other_prohibitions:
        when = (f" (when {', '.join(c.describe() for c in prohibition.constraints)})"
                if prohibition.constraints else "")
        lines.append(f"  prohibits: {', '.join(prohibition.actions)}{when}"
                     + (f": {prohibition.description}" if prohibition.description else ""))
    if lic.use_restrictions:
        lines.append(f"  use restrictions ({len(lic.use_restrictions)}):")
        for r in lic.use_restrictions:
            clause = f" clause {r.clause}" if r.clause else ""
            item = f"{r.item} " if r.item else ""
            lines.append(f"    {item}[{', '.join(r.domains)}{clause}] {r.text}")
    return "\n".join(lines) + "\n"


def listing(licenses: Iterable[License]) -> str:
    """One line per licence: identifier, family, name."""
    rows = [(lic.id, lic.family, lic.name) for lic in licenses]
    if not rows:
        return ""
    width = max(len(r[0]) for r in rows)
    fam = max(len(r[1]) for r in rows)
    return "".join(f"{i:<{width}}  {f:<{fam}}  {n}\n" for i, f, n in rows)


def comparison(c: Comparison) -> str:
    """How licence ``b`` differs from licence ``a``, as text."""
    a, b = c.a.id, c.b.id
    lines = [f"{a} ({c.a.name}) vs {b} ({c.b.name})"]
    if c.same_terms:
        lines.append("  no difference in family, flags, use restrictions, constraints, content types or naming")
        return "\n".join(lines) + "\n"
    lines.append(f"  family: {c.a.family} -> {c.b.family}" if c.family_changed else f"  family: both {c.a.family}")
    for d in c.flag_differences:
        lines.append(f"  {d.label}: {_yn(d.a)} -> {_yn(d.b)}")
    for side, only, domains in ((a, c.restrictions_only_in_a, c.domains_only_in_a),
                                (b, c.restrictions_only_in_b, c.domains_only_in_b)):
        if domains:
            lines.append(f"  domains restricted only by {side}: {', '.join(domains)}")
        if only:
            lines.append(f"  use restrictions only in {side} ({len(only)}):")
            lines += [f"    {r.item + ' ' if r.item else ''}[{', '.join(r.domains)}] {r.text}" for r in only]
    for side, constraints in ((a, c.constraints_only_in_a), (b, c.constraints_only_in_b)):
        for k in constraints:
            lines.append(f"  constraint only in {side}: {k.describe()}")
    for side, types in ((a, c.content_types_only_in_a), (b, c.content_types_only_in_b)):
        if types:
            lines.append(f"  suits only under {side}: {', '.join(types)}")
    for side, naming in ((a, c.naming_only_in_a), (b, c.naming_only_in_b)):
        for n in naming:
            lines.append(f"  naming duty only in {side}: {n}")
    return "\n".join(lines) + "\n"
