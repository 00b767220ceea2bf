"""Validating big inputs without rdflib: N-Triples (or N-Quads, Turtle) text straight into the compiled engine.

>>> from mlrelease.validation.bulk import validate_ntriples
>>> nt = ("<https://example.org/r> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
...       "<https://w3id.org/mlrelease/vocab#Release> .\\n")
>>> report = validate_ntriples(nt, profiles=["core"])
>>> report.conforms, report.releases
(False, ['https://example.org/r'])

Parsing into rdflib and serialising again costs more than validating (see ``bench/README.md``); this
path hands the text to pyoxigraph. Findings are those of :func:`mlrelease.validate` on the same data;
the release a finding belongs to is found in the store (see :meth:`.CompiledEngine.validate_text`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from .compiled import CompiledEngine
from .findings import ValidationReport
from .profiles import DEFAULT_PROFILES, check_profiles, combined_shapes, profile_of_shapes, reference_graph


def validate_ntriples(data: bytes | str, profiles: Sequence[str] = DEFAULT_PROFILES, *,
                      format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES,
                      hints: Mapping[str, Mapping[str, str]] | None = None,
                      sources: Mapping[str, str] | None = None) -> ValidationReport:
    """Validate RDF text (N-Triples by default; any triple format pyoxigraph reads) against ``profiles``.

    ``hints`` and ``sources`` are, per release IRI, what :func:`mlrelease.validate` takes from
    records (an importer's source hints, the document's name): findings about the release get them,
    so a harvest that validates its records' text reports exactly what ``validate`` reports.
    """
    from . import _with_hint

    chosen = check_profiles(list(profiles))
    engine = CompiledEngine()
    findings, releases = engine.validate_text(data, combined_shapes(chosen), reference_graph(), format)
    shape_profiles = profile_of_shapes(chosen)
    hints = hints or {}
    sources = sources or {}

    def hinted(message: str, shape: str, release: str | None) -> str:
        found = hints.get(release) if release is not None else None
        return _with_hint(message, shape, dict(found) if found is not None else None)

    return ValidationReport(
        findings=[dataclasses.replace(f, profile=shape_profiles.get(f.shape), source=sources.get(f.release or ""),
                                      message=hinted(f.message, f.shape, f.release)) for f in findings],
        profiles=chosen, releases=releases, engine=engine.name)


__all__ = ["validate_ntriples"]
