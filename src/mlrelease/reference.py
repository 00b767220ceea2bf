"""The browsable HTML reference of the vocabulary: one self-contained page, no network needed."""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, select_autoescape

from . import package_data
from .iris import MLR_NS, PREFIXES, SCHEME_BASE, curie
from .vocabulary import Term, Vocabulary
from .vocabulary import load as load_vocabulary


def anchor(iri: str) -> str:
    """Return the HTML id of a term's or concept's section (stable: links point at it)."""
    if iri.startswith(MLR_NS):
        return iri[len(MLR_NS) :]
    if iri.startswith(SCHEME_BASE):
        return "scheme-" + iri[len(SCHEME_BASE) :].replace("/", "--")
    return curie(iri).replace(":", "-")


def render_html(vocab: Vocabulary) -> str:
    """Render the reference page of ``vocab`` (classes, properties, schemes and concepts)."""
    env = Environment(autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
    env.filters["curie"] = curie
    env.filters["anchor"] = anchor
    template = env.from_string(package_data.read_text("templates/reference.html.j2"))

    def ordered(kinds: tuple[str, ...]) -> list[Term]:
        chosen = [t for t in vocab.terms.values() if t.kind in kinds]
        return sorted(chosen, key=lambda t: (not t.is_own, curie(t.iri).lower()))

    known = set(vocab.terms) | {c.iri for s in vocab.schemes.values() for c in s.concepts}
    known |= {s.iri for s in vocab.schemes.values()}
    return template.render(
        version=vocab.version,
        classes=ordered(("class",)),
        properties=ordered(("object-property", "datatype-property")),
        annotations=ordered(("annotation-property", "individual")),
        schemes=[vocab.schemes[k] for k in sorted(vocab.schemes)],
        known=known,
        prefixes=PREFIXES,
    )


def write_reference(directory: str | os.PathLike[str]) -> Path:
    """Write the HTML reference of the bundled vocabulary to ``directory/index.html``; return its path."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    page = out / "index.html"
    page.write_text(render_html(load_vocabulary()), encoding="utf-8")
    return page
