"""``mlrelease --version`` and ``mlrelease vocab`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

from rdflib import Graph, Namespace

from mlrelease import VOCAB_VERSION, __version__
from mlrelease.cli import main

MLR = Namespace("https://w3id.org/mlrelease/vocab#")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mlrelease", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_version():
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"mlrelease {__version__} (vocabulary {VOCAB_VERSION})"


def test_vocab_turtle_prints_the_whole_vocabulary(vocab):
    proc = run("vocab", "--format", "turtle")
    assert proc.returncode == 0, proc.stderr
    g = Graph().parse(data=proc.stdout, format="turtle")
    assert len(g) == len(vocab.graph)
    assert (MLR.Release, None, None) in g
    assert len(set(g.subjects(predicate=None, object=None))) > 300


def test_vocab_jsonld_and_ntriples_hold_the_same_triples(vocab):
    for fmt, parse_as in (("jsonld", "json-ld"), ("ntriples", "nt")):
        proc = run("vocab", "--format", fmt)
        assert proc.returncode == 0, proc.stderr
        g = Graph().parse(data=proc.stdout, format=parse_as)
        assert len(g) == len(vocab.graph), fmt


def test_vocab_context_is_the_bundled_context():
    proc = run("vocab", "--context")
    assert proc.returncode == 0
    ctx = json.loads(proc.stdout)["@context"]
    assert ctx["accessTier"]["@context"]["@vocab"] == "https://w3id.org/mlrelease/scheme/access-tier/"
    assert ctx["role"]["@type"] == "@vocab"


def test_vocab_html_writes_the_reference(tmp_path):
    proc = run("vocab", "--html", str(tmp_path / "ref"))
    assert proc.returncode == 0, proc.stderr
    page = tmp_path / "ref" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert 'id="accessTier"' in text
    assert "http://" not in text.split("<body>")[0].replace("http://schema.org", "").replace(
        "http://www.w3.org", ""
    ), "the page head must load nothing from the network"


def test_unknown_format_is_a_usage_error(capsys):
    code = main(["vocab", "--format", "rdfxml"])
    assert code == 2
    assert "rdfxml" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys):
    assert main(["frobnicate"]) == 2
    assert "No such command" in capsys.readouterr().err
