"""One home per term IRI: code uses the generated constants of ``mlrelease.terms``, never strings.

A typo in ``MLR_NS + "acessTier"`` is silent; a typo in ``MLR.acessTier`` is an AttributeError.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest
from rdflib import URIRef

import mlrelease
from mlrelease import terms
from mlrelease.build.vocab import EXTRA_TERMS, REUSED_NAMESPACES
from mlrelease.iris import MLR_NS, namespace_of

PACKAGE = Path(mlrelease.__file__).resolve().parent
#: Where namespace IRIs legitimately meet local names: the generated constants, the namespace
#: table and the generators that write them.
EXEMPT = ("terms.py", "iris.py", "build/")
HAND_MADE_TERM = [
    re.compile(r"MLR_NS \+"),
    re.compile(r'PREFIXES\["[a-z]+"\] *\+'),
    re.compile(r"\b_(SCHEMA|DCT|XSD|SPDX|PROV|ODRL) *\+"),
    # an alias of a namespace, public or private, glued to a local name: XSD + "date", _MLR + "x"
    re.compile(r"\b_?(MLR|SCHEMA|DCT|DCTERMS|DCAT|XSD|SPDX|PROV|ODRL|FOAF|RDF|RDFS|OWL|SKOS|SH) *\+ *[\"']"),
    re.compile(r"\bNamespace\("),
    # a second object called MLR beside terms.MLR
    re.compile(r"^\s*MLR\s*(:[^=]*)?=", re.MULTILINE),
]


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py")
                  if not p.relative_to(PACKAGE).as_posix().startswith(EXEMPT))


def test_the_scan_sees_the_code():
    rels = {p.relative_to(PACKAGE).as_posix() for p in _sources()}
    assert {"record.py", "codecs/manifest_rdf.py", "harvest/provenance.py", "licenses/catalog.py"} <= rels
    assert not any(rel.startswith("build/") or rel in ("terms.py", "iris.py") for rel in rels)


@pytest.mark.parametrize("pattern", HAND_MADE_TERM, ids=lambda p: p.pattern)
def test_no_term_iri_is_concatenated_by_hand(pattern):
    found = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(PACKAGE).as_posix()}:{line}: {text.splitlines()[line - 1].strip()}")
    assert not found, "use the constants of mlrelease.terms (e.g. MLR.Release, SCHEMA.name) instead:\n" + \
        "\n".join(found)


def _constants(cls: type) -> dict[str, URIRef]:
    return {name: value for name, value in vars(cls).items() if isinstance(value, URIRef)}


def _mentioned(vocab) -> set[str]:
    return {str(node) for triple in vocab.graph for node in triple if isinstance(node, URIRef)}


def test_terms_has_exactly_the_expected_classes():
    generated = {name for name, obj in vars(terms).items()
                 if inspect.isclass(obj) and obj.__module__ == terms.__name__}
    expected = {"MLR", *REUSED_NAMESPACES, *(cls.__name__ for cls in terms.SCHEMES.values())}
    assert generated == expected
    # RDF, RDFS, OWL, SKOS, XSD and SHACL come from rdflib, not from the generator
    assert not generated & {"RDF", "RDFS", "OWL", "SKOS", "XSD", "SH", "SHACL"}


def test_every_mlr_constant_is_an_own_term(vocab):
    constants = _constants(terms.MLR)
    assert terms.MLR.NS == MLR_NS
    for name, iri in constants.items():
        assert str(iri) in vocab.terms and vocab.terms[str(iri)].is_own, name
        assert str(iri) == MLR_NS + name
    assert {str(i) for i in constants.values()} == {t.iri for t in vocab.terms.values() if t.is_own}


def test_every_scheme_constant_is_a_concept_of_its_scheme(vocab):
    assert set(terms.SCHEMES) == set(vocab.schemes)
    for slug, cls in terms.SCHEMES.items():
        scheme = vocab.schemes[slug]
        constants = _constants(cls)
        assert str(constants.pop("SCHEME")) == scheme.iri
        assert {str(i) for i in constants.values()} == {c.iri for c in scheme.concepts}, slug


@pytest.mark.parametrize(("name", "prefix"), sorted(REUSED_NAMESPACES.items()))
def test_every_reused_constant_is_known_to_the_vocabulary_or_listed_as_extra(vocab, name, prefix):
    cls = getattr(terms, name)
    ns = namespace_of(prefix)
    assert ns == cls.NS
    mentioned = _mentioned(vocab)
    extras = EXTRA_TERMS.get(prefix, {})
    for local, iri in _constants(cls).items():
        assert str(iri) == ns + local
        assert str(iri) in vocab.terms or str(iri) in mentioned or local in extras, \
            f"{name}.{local} is neither in the bundled vocabulary nor in build.vocab.EXTRA_TERMS"
    for local in extras:
        assert local in _constants(cls), f"{name}.{local} is listed as extra but not generated"
    # every reused term the ontology declares has its constant
    declared = {t.iri for t in vocab.terms.values() if not t.is_own and t.iri.startswith(ns)}
    assert declared <= {str(i) for i in _constants(cls).values()}


def test_extra_terms_stay_extra(vocab):
    """An extra the ontology now declares or references comes from it: drop it from the list."""
    assert set(EXTRA_TERMS) <= set(REUSED_NAMESPACES.values())
    mentioned = _mentioned(vocab)
    stale = [f"{prefix}:{local}" for prefix, names in EXTRA_TERMS.items() for local in names
             if namespace_of(prefix) + local in mentioned]
    assert not stale, f"remove from build.vocab.EXTRA_TERMS (the ontology has them now): {stale}"


def test_declared_terms_carry_their_label_and_definition(vocab):
    tree = ast.parse(Path(terms.__file__).read_text(encoding="utf-8"))
    docs: dict[str, str] = {}
    for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
        for stmt, after in zip(cls.body, cls.body[1:], strict=False):
            if (isinstance(stmt, ast.Assign) and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant) and isinstance(after.value.value, str)
                    and isinstance(stmt.value, ast.Call) and stmt.value.args):
                docs[stmt.value.args[0].value] = after.value.value
    for term in vocab.terms.values():
        if term.label and term.definition:
            assert docs.get(term.iri) == f"{term.label}: {term.definition}", term.iri
