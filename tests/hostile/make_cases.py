# ruff: noqa: E501 - case data reads best one case per line
"""Write the committed hostile-input cases of tests/hostile/ (run once; review the diff).

Each case is a folder ``<case>/`` with ``input.<suffix>`` (the suffix names the format) and
``expected.txt``, a substring of the error every entry point must report (one per line when the
entry points word it differently: any line may match). Large and deep cases
are not committed: ``tests/test_hostile.py`` generates them.

    .venv/bin/python tests/hostile/make_cases.py
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

HERE = Path(__file__).parent
#: The listener of tests/test_hostile.py: every reference to a remote resource points here.
LISTENER = "http://127.0.0.1:47819"
R = "https://w3id.org/mlrelease/vocab#Release"
MINI_YAML = "identifier: org/m\nversion: '1'\nlicense: MIT\n"
MINI_TTL = f"<https://e.org/r> a <{R}> ;\n  <http://schema.org/name> \"R\" .\n"

CASES: dict[str, tuple[str, bytes | str, str]] = {}


def case(name: str, suffix: str, data: bytes | str, expected: str) -> None:
    assert name not in CASES, name
    CASES[name] = (suffix, data, expected)


def deep_yaml_block(n: int) -> str:
    return "".join(f"{'  ' * i}k{i}:\n" for i in range(n)) + f"{'  ' * n}v\n"


def card(front: str, body: str = "# Model\n\nText.\n") -> str:
    return f"---\n{front}---\n\n{body}"


def mof(extra: str) -> str:
    return ("framework:\n  name: Model Openness Framework\n  version: '1.0'\nrelease:\n  name: m\n"
            "  version: '1'\n  producer: P\n  contact: a@b.c\n" + extra)


# -- YAML -----------------------------------------------------------------------------------
case("yaml-nul", ".yaml", "identifier: org/m\x00\n", "U+0000")
case("yaml-bell", ".yaml", "identifier: org/m\x07\n", "U+0007")
case("yaml-escape-char", ".yaml", "name: \x1b[31mred\n", "U+001B")
case("yaml-not-utf8", ".yaml", b"identifier: org/\xff\xfe\n", "not UTF-8")
case("yaml-utf16", ".yaml", "identifier: org/m\n".encode("utf-16"), "not UTF-8")
case("yaml-latin1", ".yaml", "name: caf\u00e9\n".encode("latin-1"), "not UTF-8")
case("yaml-python-tag", ".yaml", "x: !!python/object/apply:os.system ['id']\n", "tag")
case("yaml-python-name", ".yaml", "x: !!python/name:os.system\n", "tag")
case("yaml-custom-tag", ".yaml", "identifier: !secret org/m\n", "tag")
case("yaml-set-tag", ".yaml", "x: !!set {a, b}\n", "tag")
case("yaml-billion-laughs", ".yaml",
     "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
     + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)),
     "max_alias_nodes")
case("yaml-string-laughs", ".yaml",
     "a: &a '" + "x" * 4000 + "'\n"
     + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(6)),
     "expand")
case("yaml-too-many-aliases", ".yaml", "a: &a x\nb: [" + ", ".join(["*a"] * 150) + "]\n", "aliases")
case("yaml-self-alias", ".yaml", "a: &a [1, *a]\n", "nesting deeper")
case("yaml-undefined-alias", ".yaml", "a: *nothing\n", "undefined alias")
case("yaml-merge-key", ".yaml", "base: &b {name: x}\nrel:\n  <<: *b\n", "merge keys")
case("yaml-duplicate-key", ".yaml", "identifier: org/m\nidentifier: org/n\n", "duplicate key")
case("yaml-two-documents", ".yaml", MINI_YAML + "---\n" + MINI_YAML, "more than one YAML document")
case("yaml-deep-block-100", ".yaml", deep_yaml_block(100), "nesting deeper")
case("yaml-deep-flow-100", ".yaml", "a: " + "[" * 100 + "]" * 100 + "\n", "nesting deeper")
case("yaml-deep-flow-map", ".yaml", "a: " + "{b: " * 100 + "c" + "}" * 100 + "\n", "nesting deeper")
case("yaml-complex-key", ".yaml", "? [a, b]\n: c\n", "mapping keys must be plain strings")
case("yaml-not-mapping", ".yaml", "- a\n- b\n", "must be a mapping")
case("yaml-scalar", ".yaml", "just text\n", "must be a mapping")
case("yaml-syntax", ".yaml", "a: [b\nc: d\n", "YAML syntax error")
case("yaml-bad-indent", ".yaml", "a:\n  b: 1\n c: 2\n", "YAML syntax error")
case("yaml-nan", ".yaml", MINI_YAML + "evaluationResults:\n  - metric: accuracy\n    value: .nan\n", "not a finite number")
case("yaml-inf", ".yaml", MINI_YAML + "evaluationResults:\n  - metric: accuracy\n    value: -.inf\n", "not a finite number")
case("yaml-huge-int", ".yaml", MINI_YAML + "artifacts:\n  - artifactType: model-parameters-final\n    byteSize: "
     + "9" * 5000 + "\n", "digits")
case("yaml-huge-quoted-int", ".yaml", MINI_YAML + "artifacts:\n  - artifactType: model-parameters-final\n"
     "    byteSize: '" + "9" * 5000 + "'\n", "digits")
case("yaml-huge-float", ".yaml", MINI_YAML + "evaluationResults:\n  - metric: accuracy\n    value: 1" + "0" * 400 + ".5\n",
     "digits")
case("yaml-javascript-url", ".yaml", MINI_YAML + "url: javascript:alert(document.cookie)\n", "javascript:")
case("yaml-javascript-upper", ".yaml", MINI_YAML + "url: JavaScript:alert(1)\n", "javascript:")
case("yaml-vbscript-url", ".yaml", MINI_YAML + "url: vbscript:msgbox(1)\n", "vbscript:")
case("yaml-file-release-id", ".yaml", "id: file:///etc/passwd\nname: x\n", "file:")
case("yaml-remote-context", ".yaml", f"'@context': {LISTENER}/context.jsonld\n" + MINI_YAML, "@context")
case("yaml-long-iri-id", ".yaml", "id: https://e.org/" + "a" * 10000 + "\nname: x\n", "max_iri_length")
case("yaml-empty", ".yaml", "", "must be a mapping")

# -- JSON -----------------------------------------------------------------------------------
MINI_JSON = {"identifier": "org/m", "version": "1", "license": "MIT"}
case("json-nan", ".json", '{"identifier": "org/m", "x": NaN}', "NaN")
case("json-infinity", ".json", '{"identifier": "org/m", "x": -Infinity}', "Infinity")
case("json-duplicate-key", ".json", '{"identifier": "org/m", "identifier": "org/n"}', "duplicate key")
case("json-deep-array", ".json", '{"a": ' + "[" * 100 + "]" * 100 + "}", "nesting deeper")
case("json-deep-object", ".json", '{"a": ' + '{"b": ' * 100 + "1" + "}" * 100 + "}", "nesting deeper")
case("json-huge-int", ".json", '{"identifier": "org/m", "artifacts": [{"byteSize": ' + "9" * 5000 + "}]}", "digits")
case("json-huge-exponent", ".json", '{"identifier": "org/m", "evaluationResults": [{"metric": "accuracy", "value": 1e99999}]}',
     "not a finite number")
case("json-lone-surrogate", ".json", '{"identifier": "org/m", "name": "a\\ud800b"}', "lone surrogate")
case("json-lone-low-surrogate", ".json", '{"identifier": "org/m", "name": "a\\udc00"}', "lone surrogate")
case("json-escaped-nul", ".json", '{"identifier": "org/m\\u0000"}', "NUL")
case("json-raw-nul", ".json", '{"identifier": "org/m\x00"}', "U+0000")
case("json-raw-control", ".json", '{"identifier": "org/m\x01"}', "U+0001")
case("json-not-utf8", ".json", b'{"identifier": "org/\xc3\x28"}', "not UTF-8")
case("json-utf16", ".json", json.dumps(MINI_JSON).encode("utf-16"), "not UTF-8")
case("json-trailing", ".json", json.dumps(MINI_JSON) + " {}", "JSON syntax error")
case("json-unterminated", ".json", '{"identifier": "org/m"', "JSON syntax error")
case("json-unterminated-string", ".json", '{"identifier": "org/m', "JSON syntax error")
case("json-single-quotes", ".json", "{'identifier': 'org/m'}", "JSON syntax error")
case("json-comment", ".json", '{"identifier": "org/m" /* x */}', "JSON syntax error")
case("json-array", ".json", "[1, 2, 3]", "expected one release\nno release")
case("json-string", ".json", '"org/m"', "not valid JSON-LD")
case("json-javascript-url", ".json", json.dumps({**MINI_JSON, "url": "javascript:alert(1)"}), "javascript:")
case("json-file-release-id", ".json", json.dumps({"id": "file:///etc/shadow", "name": "x"}), "file:")

# -- JSON-LD --------------------------------------------------------------------------------
CTX = {"@vocab": "http://schema.org/"}
def jsonld(doc: object) -> str:
    return json.dumps(doc)
case("jsonld-remote-context", ".jsonld", jsonld({"@context": f"{LISTENER}/ctx.jsonld", "@id": "https://e.org/r"}),
     "remote JSON-LD context")
case("jsonld-remote-context-list", ".jsonld",
     jsonld({"@context": [CTX, f"{LISTENER}/ctx2.jsonld"], "@id": "https://e.org/r"}), "remote JSON-LD context")
case("jsonld-import", ".jsonld", jsonld({"@context": {"@version": 1.1, "@import": f"{LISTENER}/imp.jsonld"},
                                         "@id": "https://e.org/r"}), "remote JSON-LD context")
case("jsonld-nested-remote", ".jsonld", jsonld({"@context": CTX, "@graph": [{"@context": f"{LISTENER}/n.jsonld",
                                                                            "@id": "https://e.org/r"}]}),
     "remote JSON-LD context")
case("jsonld-scoped-remote", ".jsonld", jsonld({"@context": {"@version": 1.1, "T": {"@id": "http://e/T",
                                                "@context": f"{LISTENER}/scoped.jsonld"}}, "@id": "https://e.org/r"}),
     "remote JSON-LD context")
case("jsonld-type-scoped-bomb", ".jsonld", jsonld({
    "@context": {"@version": 1.1, "@vocab": "http://e/", "T": {"@id": "http://e/T", "@context": {
        f"t{i}": f"http://e/t{i}" for i in range(600)}}},
    "@graph": [{"@type": "T", "@id": f"https://e.org/n{i}", "name": "x"} for i in range(600)]}),
    "max_context_cost")
case("jsonld-many-terms", ".jsonld", jsonld({"@context": {f"t{i}": f"http://e/t{i}" for i in range(3000)},
                                            "@id": "https://e.org/r"}), "max_context_terms")
case("jsonld-invalid-id", ".jsonld", jsonld({"@context": CTX, "@id": 5, "name": "x"}), "not valid JSON-LD")
case("jsonld-invalid-context", ".jsonld", jsonld({"@context": 5, "@id": "https://e.org/r"}), "not valid JSON-LD")
case("jsonld-cyclic-context", ".jsonld", jsonld({"@context": {"a": "b:x", "b": "a:y"}, "a": 1}), "not valid JSON-LD")
case("jsonld-javascript", ".jsonld", jsonld({"@context": CTX, "@id": "https://e.org/r", "@type": R,
                                             "url": {"@id": "javascript:alert(1)"}}), "javascript:")
case("jsonld-file-release", ".jsonld", jsonld({"@context": CTX, "@id": "file:///etc/passwd", "@type": R}), "file:")
case("jsonld-deep", ".jsonld", jsonld({"@context": CTX, "@id": "https://e.org/r", "a": json.loads(
    '{"b": ' * 80 + "1" + "}" * 80)}), "nesting deeper")
case("jsonld-huge-number", ".jsonld", '{"@context": {"@vocab": "http://schema.org/"}, "@id": "https://e.org/r", '
     '"n": ' + "7" * 3000 + "}", "digits")
case("jsonld-surrogate", ".jsonld", '{"@context": {"@vocab": "http://schema.org/"}, "@id": "https://e.org/r", '
     '"name": "\\udfff"}', "lone surrogate")

# -- Turtle ---------------------------------------------------------------------------------
case("ttl-deep-brackets", ".ttl", "<https://e.org/r> <http://e/p> " + "[ <http://e/p> " * 200 + "1" + " ]" * 200
     + " .\n", "nesting deeper")
case("ttl-deep-lists", ".ttl", "<https://e.org/r> <http://e/p> " + "( " * 200 + "1" + " )" * 200 + " .\n",
     "nesting deeper")
case("ttl-syntax", ".ttl", "<https://e.org/r> <http://e/p> .\n", "turtle syntax error")
case("ttl-undefined-prefix", ".ttl", "ex:r a ex:Release .\n", "turtle syntax error")
case("ttl-not-utf8", ".ttl", b"<https://e.org/r> <http://e/p> \"caf\xe9\" .\n", "not UTF-8")
case("ttl-nul", ".ttl", "<https://e.org/r> <http://e/p> \"a\x00b\" .\n", "U+0000")
case("ttl-escaped-nul", ".ttl", "<https://e.org/r> <http://e/p> \"a\\u0000b\" .\n", "NUL")
case("ttl-surrogate", ".ttl", "<https://e.org/r> <http://e/p> \"a\\uD800b\" .\n", "surrogate")
case("ttl-huge-integer", ".ttl", MINI_TTL + "<https://e.org/r> <http://schema.org/size> " + "9" * 5000 + " .\n",
     "digits")
case("ttl-huge-typed", ".ttl", MINI_TTL + "<https://e.org/r> <http://schema.org/size> \"" + "9" * 5000
     + "\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .\n", "digits")
case("ttl-long-iri", ".ttl", MINI_TTL + "<https://e.org/r> <http://schema.org/url> <https://e.org/" + "a" * 10000
     + "> .\n", "max_iri_length")
case("ttl-javascript", ".ttl", MINI_TTL + "<https://e.org/r> <http://schema.org/url> <javascript:alert(1)> .\n",
     "script scheme")
case("ttl-file-release", ".ttl", f"<file:///etc/passwd> a <{R}> .\n", "file:")
case("ttl-blank-chain", ".ttl", MINI_TTL + "<https://e.org/r> <http://e/p> _:b0 .\n"
     + "".join(f"_:b{i} <http://e/p> _:b{i + 1} .\n" for i in range(300)), "chain of more than")
case("ttl-blank-clique", ".ttl", MINI_TTL + "".join(f"_:b{i} <http://e/p> _:b{j} .\n" for i in range(70)
                                                    for j in range(70) if i != j), "blank nodes on cycles")
case("ttl-base-file", ".ttl", "@base <file:///etc/> .\n<passwd> a <" + R + "> .\n", "file:")
case("ttl-triple-term", ".ttl", "<https://e.org/r> <http://e/p> <<( <http://e/a> <http://e/b> <http://e/c> )>> .\n",
     "triple terms")

# -- N-Triples, N-Quads, TriG --------------------------------------------------------------------
case("nt-syntax", ".nt", "<https://e.org/r> <http://e/p> \"x\"\n", "ntriples syntax error")
case("nt-relative-iri", ".nt", "<r> <http://e/p> \"x\" .\n", "ntriples syntax error")
case("nt-nul", ".nt", "<https://e.org/r> <http://e/p> \"\x00\" .\n", "U+0000")
case("nt-huge-integer", ".nt", "<https://e.org/r> <http://e/p> \"" + "1" * 3000
     + "\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n", "digits")
case("nt-javascript", ".nt", "<https://e.org/r> <http://schema.org/url> <javascript:void(0)> .\n", "script scheme")
case("nt-file-release", ".nt", f"<file:///proc/self/environ> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{R}> .\n",
     "file:")
case("nt-not-utf8", ".nt", b"<https://e.org/r> <http://e/p> \"\xff\" .\n", "not UTF-8")
case("nt-blank-cycle", ".nt", "".join(f"_:b{i} <http://e/p> _:b{(i + 1) % 100} .\n" for i in range(100)),
     "blank nodes on cycles")
case("nq-syntax", ".nq", "<https://e.org/r> <http://e/p> \"x\" <g> <h> .\n", "nquads syntax error")
case("nq-nul", ".nq", "<https://e.org/r> <http://e/p> \"\x00\" <https://e.org/g> .\n", "U+0000")
case("nq-huge-integer", ".nq", "<https://e.org/r> <http://e/p> \"" + "1" * 3000
     + "\"^^<http://www.w3.org/2001/XMLSchema#integer> <https://e.org/g> .\n", "digits")
case("nq-file-release", ".nq", f"<file:///etc/passwd> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{R}> "
     "<https://e.org/g> .\n", "file:")
case("trig-deep", ".trig", "<https://e.org/g> { <https://e.org/r> <http://e/p> " + "[ <http://e/p> " * 200 + "1"
     + " ]" * 200 + " . }\n", "nesting deeper")
case("trig-syntax", ".trig", "<https://e.org/g> { <https://e.org/r> <http://e/p> 1 .\n", "trig syntax error")
case("trig-surrogate", ".trig", "<https://e.org/g> { <https://e.org/r> <http://e/p> \"\\uDBFF\" . }\n", "surrogate")
case("trig-javascript", ".trig", "<https://e.org/g> { <https://e.org/r> <http://e/p> <javascript:x> . }\n",
     "script scheme")

# -- RDF/XML --------------------------------------------------------------------------------
RDF_OPEN = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="http://schema.org/">'
case("rdfxml-xxe-file", ".rdf", '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
     + RDF_OPEN + '<rdf:Description rdf:about="https://e.org/r"><s:name>&x;</s:name></rdf:Description></rdf:RDF>\n',
     "DOCTYPE")
case("rdfxml-xxe-http", ".rdf", f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "{LISTENER}/xxe">]>\n'
     + RDF_OPEN + '<rdf:Description rdf:about="https://e.org/r"><s:name>&x;</s:name></rdf:Description></rdf:RDF>\n',
     "DOCTYPE")
case("rdfxml-external-dtd", ".rdf", f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "{LISTENER}/x.dtd">\n'
     + RDF_OPEN + "</rdf:RDF>\n", "DOCTYPE")
case("rdfxml-billion-laughs", ".rdf", '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "lol">'
     + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>\n"
     + RDF_OPEN + '<rdf:Description rdf:about="https://e.org/r"><s:name>&j;</s:name></rdf:Description></rdf:RDF>\n',
     "DOCTYPE")
case("rdfxml-deep", ".rdf", RDF_OPEN + '<rdf:Description rdf:about="https://e.org/r">'
     + "<s:p><rdf:Description>" * 100 + "</rdf:Description></s:p>" * 100 + "</rdf:Description></rdf:RDF>\n",
     "nesting deeper")
case("rdfxml-syntax", ".rdf", RDF_OPEN + "<rdf:Description>\n", "expected one release\nno release")
case("rdfxml-not-utf8", ".rdf", (RDF_OPEN + '<rdf:Description rdf:about="https://e.org/r"><s:name>\xe9'
                                 '</s:name></rdf:Description></rdf:RDF>').encode("latin-1"), "not UTF-8")
case("rdfxml-file-release", ".rdf", RDF_OPEN + f'<rdf:Description rdf:about="file:///etc/passwd"><rdf:type '
     f'rdf:resource="{R}"/></rdf:Description></rdf:RDF>\n', "file:")
case("rdfxml-javascript", ".rdf", RDF_OPEN + '<rdf:Description rdf:about="https://e.org/r"><s:url '
     'rdf:resource="javascript:alert(1)"/></rdf:Description></rdf:RDF>\n', "script scheme")
case("rdfxml-nul-ref", ".rdf", RDF_OPEN + '<rdf:Description rdf:about="https://e.org/r"><s:name>&#0;</s:name>'
     "</rdf:Description></rdf:RDF>\n", "rdfxml syntax error")
case("rdfxml-huge-int", ".rdf", RDF_OPEN + '<rdf:Description rdf:about="https://e.org/r"><s:size rdf:datatype='
     '"http://www.w3.org/2001/XMLSchema#integer">' + "9" * 3000 + "</s:size></rdf:Description></rdf:RDF>\n", "digits")

# -- Hugging Face model cards -----------------------------------------------------------------
case("card-alias-bomb", ".md", card("a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
     + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))), "max_alias_nodes")
case("card-deep", ".md", card("a: " + "[" * 200 + "]" * 200 + "\n"), "nesting deeper")
case("card-python-tag", ".md", card("license: !!python/object/apply:os.system ['id']\n"), "tag")
case("card-nul", ".md", card("license: mit\x00\n"), "U+0000")
case("card-not-utf8", ".md", b"---\nlicense: mit\nmodel_name: caf\xe9\n---\n\n# M\n", "not UTF-8")
case("card-duplicate-key", ".md", card("license: mit\nlicense: apache-2.0\n"), "duplicate key")
case("card-huge-int", ".md", card("license: mit\nmodel-index:\n  - name: m\n    results:\n      - task: {type: x}\n"
     "        metrics:\n          - type: accuracy\n            value: " + "9" * 5000 + "\n"), "digits")
case("card-not-mapping", ".md", card("- a\n- b\n"), "must be a mapping")
case("card-syntax", ".md", card("license: [mit\n"), "YAML syntax error")

# -- MOF manifests ----------------------------------------------------------------------------
case("mof-deep", ".yaml", mof("  components:\n    - name: x\n      extra: " + "[" * 200 + "]" * 200 + "\n"),
     "nesting deeper")
case("mof-alias-bomb", ".yaml", mof("  components: &c0 [{name: a}, {name: b}]\n"
     + "".join(f"  x{i}: &c{i + 1} [*c{i}, *c{i}, *c{i}, *c{i}, *c{i}, *c{i}, *c{i}, *c{i}, *c{i}, *c{i}]\n"
               for i in range(8))), "max_alias_nodes")
case("mof-python-tag", ".yaml", mof("  license: !!python/object/apply:os.system ['id']\n"), "tag")
case("mof-nul", ".yaml", mof("  description: a\x00b\n"), "U+0000")
case("mof-huge-int", ".yaml", mof("  size: " + "9" * 5000 + "\n"), "digits")
case("mof-duplicate-key", ".yaml", mof("  name: again\n"), "duplicate key")


def main() -> None:
    for old in HERE.iterdir():
        if old.is_dir() and (old / "expected.txt").exists():
            shutil.rmtree(old)
    for name, (suffix, data, expected) in CASES.items():
        folder = HERE / name
        folder.mkdir()
        target = folder / ("README.md" if suffix == ".md" else f"input{suffix}")
        if isinstance(data, str):
            target.write_bytes(data.encode("utf-8", "surrogatepass"))
        else:
            target.write_bytes(data)
        (folder / "expected.txt").write_text(expected + "\n", encoding="utf-8")
    print(f"{len(CASES)} cases")


if __name__ == "__main__":
    main()
