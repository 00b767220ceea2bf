"""The bundled JSON-LD context as a look-up table for the fast manifest codec.

Manifests are compact JSON-LD with this context implied. Rather than run a general JSON-LD
processor on every manifest, the codec reads the context once into :class:`TermDef` records and
applies them directly; a differential test checks the result equals PyLD's on every example.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..vocabulary import context


@dataclass(frozen=True)
class TermDef:
    """One manifest key: what IRI it stands for and how its values become RDF terms."""

    key: str
    iri: str
    kind: str  # "class" | "id" | "vocab" | "literal"
    datatype: str | None = None  # literal datatype IRI (None: plain string or native JSON type)
    vocab_base: str | None = None  # for "vocab": the scoped @vocab
    scoped_terms: dict[str, str] = field(default_factory=dict)  # for "vocab": explicit term IRIs
    is_set: bool = False

    def code_to_iri(self, code: str) -> str:
        """Expand a code (a scoped term, or a name relative to the scoped vocabulary)."""
        if code in self.scoped_terms:
            return self.scoped_terms[code]
        return f"{self.vocab_base}{code}"

    def iri_to_code(self, iri: str) -> str:
        """Compact an IRI back to the code a manifest writes (or the IRI itself)."""
        for code, target in self.scoped_terms.items():
            if target == iri:
                return code
        if self.vocab_base and iri.startswith(self.vocab_base) and "/" not in iri[len(self.vocab_base):]:
            return iri[len(self.vocab_base) :]
        return iri


def _expand(value: str, prefixes: dict[str, str]) -> str:
    prefix, sep, local = value.partition(":")
    if sep and prefix in prefixes and not local.startswith("//"):
        return prefixes[prefix] + local
    return value


@dataclass(frozen=True)
class ContextTable:
    """Every term of the bundled context, by key and by IRI."""

    by_key: dict[str, TermDef]
    by_iri: dict[str, TermDef]
    classes_by_iri: dict[str, str]

    def keys(self) -> list[str]:
        """Return the sorted manifest keys (not type names)."""
        return sorted(k for k, t in self.by_key.items() if t.kind != "class")


@functools.cache
def table() -> ContextTable:
    """Return the look-up table of the bundled context (built once per process)."""
    ctx = context()["@context"]
    prefixes = {k: v for k, v in ctx.items() if isinstance(v, str) and v.endswith(("#", "/"))}
    by_key: dict[str, TermDef] = {}
    for key, definition in ctx.items():
        if key.startswith("@") or key in prefixes or key in ("id", "type"):
            continue
        if isinstance(definition, str):
            by_key[key] = TermDef(key, _expand(definition, prefixes), "class")
            continue
        iri = _expand(definition["@id"], prefixes)
        typ = definition.get("@type")
        is_set = definition.get("@container") == "@set"
        if typ == "@vocab":
            scoped = dict(definition.get("@context", {}))
            base = scoped.pop("@vocab")
            by_key[key] = TermDef(key, iri, "vocab", vocab_base=base, scoped_terms=scoped, is_set=is_set)
        elif typ == "@id":
            by_key[key] = TermDef(key, iri, "id", is_set=is_set)
        else:
            datatype = _expand(typ, prefixes) if typ else None
            by_key[key] = TermDef(key, iri, "literal", datatype=datatype, is_set=is_set)
    by_iri = {t.iri: t for t in by_key.values() if t.kind != "class"}
    classes = {t.iri: t.key for t in by_key.values() if t.kind == "class"}
    return ContextTable(by_key=by_key, by_iri=by_iri, classes_by_iri=classes)
