"""The W3C SHACL core test suite (``../shared/corpus/shacl-tests``) through the compiled engine.

Every core test whose shapes compile is run and compared with the expected report: whether the data
conforms, and the multiset of results as (focus node, value, severity), blank nodes as ``_``. A test
whose shapes use a component the compiler does not support is skipped with the compiler's message,
which names the component. Tests that compile but are known to give another report are listed in
KNOWN_FAILURES with the reason, and must fail (strict xfail), so the list cannot go stale.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef

from mlrelease.validation.compiled import CompiledEngine
from mlrelease.validation.compiler import compile_shapes
from mlrelease.validation.sparql_rewrite import UnsupportedShapeError

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SUITE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "shacl-tests" / "data-shapes-test-suite" / "tests"

_FOCUS = ("expects results on blank-node or literal focus nodes; mlrelease reports only IRI focus nod"
          "es of the data graph (as PyShaclEngine filters them)")
_TWICE = ("expects the same result twice (one focus reached through two parent shapes); the compiled "
          "engine reports it once, as mlrelease's report keeps one finding per distinct result")

#: test name -> why the compiled engine's report differs (each must really fail).
KNOWN_FAILURES: dict[str, str] = {
    "misc/deactivated-002": _FOCUS,
    "misc/severity-001": _FOCUS,
    "node/class-002": _FOCUS,
    "node/datatype-001": _FOCUS,
    "node/datatype-002": _FOCUS,
    "node/hasValue-001": _FOCUS,
    "node/nodeKind-001": _FOCUS,
    "node/pattern-001": _FOCUS,
    "node/pattern-002": _FOCUS,
    "property/datatype-ill-formed": _FOCUS,
    "property/nodeKind-001": _FOCUS,
    "property/property-001": _TWICE,
    "targets/targetObjectsOf-001": _FOCUS,
    "validation-reports/shared": _TWICE,
}


def _tests() -> list[tuple[str, Path]]:
    if not (SUITE / "core" / "manifest.ttl").is_file():
        return []
    out = []
    top = Graph().parse(SUITE / "core" / "manifest.ttl", format="turtle")
    for included in sorted(top.objects(None, MF.include), key=str):
        path = Path(str(included).removeprefix("file://"))
        sub = Graph().parse(path, format="turtle")
        for entry in sorted(sub.objects(None, MF.include), key=str):
            out.append((f"{path.parent.name}/{Path(str(entry)).stem}", Path(str(entry).removeprefix("file://"))))
    return out


def _node(n) -> str:
    return "_" if isinstance(n, BNode) else str(n)


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "path"), _tests() or [pytest.param("absent", None, marks=pytest.mark.skip(
    reason=f"W3C SHACL test suite not found at {SUITE}"))], ids=lambda v: v if isinstance(v, str) else "")
def test_w3c_core(name, path, request):
    g = Graph().parse(path, format="turtle")
    (test,) = [t for t in g.subjects(RDF.type, SHT.Validate)]
    action = g.value(test, MF.action)
    data_ref, shapes_ref = g.value(action, SHT.dataGraph), g.value(action, SHT.shapesGraph)
    base = URIRef(path.as_uri())
    data = g if data_ref == base else Graph().parse(path.parent / Path(str(data_ref)).name, format="turtle")
    shapes = g if shapes_ref == base else Graph().parse(path.parent / Path(str(shapes_ref)).name, format="turtle")
    try:
        compile_shapes(shapes)
    except UnsupportedShapeError as exc:
        pytest.skip(f"unsupported by the compiled engine: {exc.message}")
    if name in KNOWN_FAILURES:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_FAILURES[name], strict=True))
    result = g.value(test, MF.result)
    expected_conforms = g.value(result, SH.conforms)
    expected = Counter((_node(g.value(r, SH.focusNode)), _node(g.value(r, SH.value)) if g.value(r, SH.value) is not None
                        else None, str(g.value(r, SH.resultSeverity)).rsplit("#", 1)[-1])
                       for r in g.objects(result, SH.result))
    findings = CompiledEngine().validate(data, shapes, Graph())
    got = Counter((f.focus, f.value, f.severity) for f in findings)
    assert isinstance(expected_conforms, Literal)
    assert (not findings) == expected_conforms.value
    assert got == expected


def test_the_suite_lists_its_tests():
    if not SUITE.is_dir():
        pytest.skip(f"W3C SHACL test suite not found at {SUITE}")
    assert len(_tests()) > 90
