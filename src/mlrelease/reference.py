"""The browsable HTML reference of the vocabulary: one self-contained page, no network needed."""

from __future__ import annotations

from importlib import resources

from jinja2 import Environment, select_autoescape

from .namespaces import MLR, PREFIXES
from .vocabulary import Term, Vocabulary


def _curie(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and iri != ns:
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def anchor(iri: str) -> str:
    """Return the HTML id of a term's or concept's section (stable: links point at it)."""
    if iri.startswith(MLR):
        return iri[len(MLR) :]
    if iri.startswith("https://w3id.org/mlrelease/scheme/"):
        return "scheme-" + iri[len("https://w3id.org/mlrelease/scheme/") :].replace("/", "--")
    return _curie(iri).replace(":", "-")


def render_html(vocab: Vocabulary) -> str:
    """Render the reference page of ``vocab`` (classes, properties, schemes and concepts)."""
    env = Environment(autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
    env.filters["curie"] = _curie
    env.filters["anchor"] = anchor
    template_text = (resources.files("mlrelease") / "templates" / "reference.html.j2").read_text("utf-8")
    template = env.from_string(template_text)

    def ordered(kinds: tuple[str, ...]) -> list[Term]:
        chosen = [t for t in vocab.terms.values() if t.kind in kinds]
        return sorted(chosen, key=lambda t: (not t.is_own, _curie(t.iri).lower()))

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
