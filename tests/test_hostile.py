"""Hostile input through every entry point: refused cleanly (exit 2, the expected message), fast and small.

The committed cases are in ``tests/hostile/<case>/`` (``expected.txt`` holds the message, one
alternative per line; ``make_cases.py`` writes them); the deep and huge cases are generated here,
into a temporary folder, never committed. ``tests/hostile_driver.py`` runs every case through one
entry point in one interpreter, each case in its own forked child with its memory and CPU capped,
and reports exit code, output, wall time, peak memory and the files the case left behind.

Each case and entry point must: exit 2 with the expected message, take at most 2 s (CPU time of
the case's process, on one core, so that a busy machine does not fail it; wall time has a looser
bound that catches hangs) and 256 MiB, print no traceback, write nothing but what the entry point
writes (the harvest's store) in its working folder, and never connect to the listener on
127.0.0.1 that the cases point at.
"""

from __future__ import annotations

import functools
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
CASES = HERE / "hostile"
DRIVER = HERE / "hostile_driver.py"
ENTRY_POINTS = ("load", "convert", "convert-o", "validate", "assess", "harvest")
#: CPU seconds of one case ("2 s on one core"; CPU time, so that a busy CI machine does not fail it).
SECONDS = 2.0
#: Wall seconds of one case: a hang (a FIFO, a socket) shows here, not in CPU time.
WALL_SECONDS = 15.0
MEMORY_MIB = 256
LISTENER = ("127.0.0.1", 47819)
R = "https://w3id.org/mlrelease/vocab#Release"


# -- generated cases (deep, huge): name -> (file name, writer, expected) ------------------------

def _yaml_flow_deep(n: int) -> str:
    return "a: " + "[" * n + "]" * n + "\n"


def _yaml_block_deep(n: int) -> str:
    return "".join(f"{' ' * i}k{i}:\n" for i in range(n)) + f"{' ' * n}v\n"


def _alias_string_bomb() -> str:
    return "a: &a '" + "x" * 1_000_000 + "'\nb: [" + ", ".join(["*a"] * 54) + "]\n"


def _card(front: str) -> str:
    return f"---\n{front}---\n\n# Model\n"


def _type_scoped(terms: int, nodes: int) -> str:
    return json.dumps({"@context": {"@version": 1.1, "@vocab": "http://e/", "T": {"@id": "http://e/T", "@context": {
        f"t{i}": f"http://e/t{i}" for i in range(terms)}}},
        "@graph": [{"@type": "T", "@id": f"https://e.org/n{i}", "name": "x"} for i in range(nodes)]})


def _rdfxml_deep(n: int) -> str:
    return ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="http://schema.org/">'
            '<rdf:Description rdf:about="https://e.org/r">' + "<s:p><rdf:Description>" * n
            + "</rdf:Description></s:p>" * n + "</rdf:Description></rdf:RDF>\n")


def _ttl_deep(n: int) -> str:
    return "<https://e.org/r> <http://e/p> " + "[ <http://e/p> " * n + "1" + " ]" * n + " .\n"


def _ttl_million() -> str:
    return (f"@prefix : <http://e/> .\n<https://e.org/r> a <{R}> .\n<https://e.org/r> :p "
            + ",".join(f":{i:x}" for i in range(1_000_000)) + " .\n")


def _bnode_trees(n: int) -> str:
    return "".join(f"<e:r> <e:p> _:t{i} .\n_:t{i} <e:q> _:u{i} .\n" for i in range(n))


def _clique(n: int) -> str:
    return "".join(f"_:b{i} <http://e/p> _:b{j} .\n" for i in range(n) for j in range(n) if i != j)


def _chain(n: int) -> str:
    head = f"<https://e.org/r> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{R}> .\n"
    return head + "<https://e.org/r> <http://e/p> _:b0 .\n" + "".join(
        f"_:b{i} <http://e/p> _:b{i + 1} .\n" for i in range(n))


GENERATED: dict[str, tuple[str, Callable[[], str], str]] = {
    "gen-yaml-flow-100000": ("input.yaml", lambda: _yaml_flow_deep(100_000), "nesting deeper"),
    "gen-yaml-block-2000": ("input.yaml", lambda: _yaml_block_deep(2000), "nesting deeper"),
    "gen-yaml-alias-string-bomb": ("input.yaml", _alias_string_bomb, "expand"),
    "gen-yaml-nodes-near-million": ("input.yaml", lambda: "a: [" + ",".join(["0"] * 999_000) + "]\n", "max_nodes"),
    "gen-card-front-matter-50000": ("README.md", lambda: _card("a: " + "[" * 50_000 + "]" * 50_000 + "\n"),
                                    "nesting deeper"),
    "gen-card-alias-string-bomb": ("README.md", lambda: _card(_alias_string_bomb()), "expand"),
    "gen-mof-deep-5000": ("input.yaml", lambda: "framework: {name: Model Openness Framework}\nrelease:\n  x: "
                          + "[" * 5000 + "]" * 5000 + "\n", "nesting deeper"),
    "gen-json-deep-100000": ("input.json", lambda: '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "nesting deeper"),
    "gen-json-surrogate-big": ("input.json", lambda: json.dumps({"identifier": "org/m", "description": "x" * 200_000})
                               [:-1] + ', "name": "\\ud800"}', "lone surrogate"),
    "gen-jsonld-type-scoped-3000": ("input.jsonld", lambda: _type_scoped(3000, 2000), "max_context"),
    "gen-rdfxml-deep-100000": ("input.rdf", lambda: _rdfxml_deep(100_000), "nesting deeper"),
    "gen-ttl-deep-10000": ("input.ttl", lambda: _ttl_deep(10_000), "nesting deeper"),
    "gen-ttl-million-triples": ("input.ttl", _ttl_million, "max_triples"),
    "gen-nt-bnode-trees-150000": ("input.nt", lambda: _bnode_trees(150_000), "max_blank_nodes\nmax_triples"),
    "gen-nt-clique-250": ("input.nt", lambda: _clique(250), "blank nodes on cycles"),
    "gen-nt-chain-5000": ("input.nt", lambda: _chain(5000), "chain of more than"),
    "gen-too-large": ("input.ttl", lambda: "# " + "x" * (11 * 1024 * 1024) + "\n", "larger than the limit"),
}

COMMITTED = sorted(p.name for p in CASES.iterdir() if (p / "expected.txt").is_file())
ALL_CASES = COMMITTED + sorted(GENERATED)


def _input_of(folder: Path) -> Path:
    return next(p for p in sorted(folder.iterdir()) if p.name != "expected.txt")


@pytest.fixture(scope="module")
def listener() -> Iterator[list[str]]:
    """A TCP listener on 127.0.0.1:47819 (the cases' remote contexts, DTDs and entities point here)."""
    seen: list[str] = []
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(LISTENER)
    server.listen(16)
    server.settimeout(0.2)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, addr = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            seen.append(f"{addr[0]}:{addr[1]}")
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield seen
    stop.set()
    thread.join(2)
    server.close()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated cases, written once per run into a temporary folder."""
    root = tmp_path_factory.mktemp("hostile-generated")
    for name, (file_name, make, expected) in GENERATED.items():
        folder = root / name
        folder.mkdir()
        (folder / file_name).write_bytes(make().encode("utf-8", "surrogatepass"))
        (folder / "expected.txt").write_text(expected + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def results(generated: Path, listener: list[str], tmp_path_factory: pytest.TempPathFactory
            ) -> Callable[[str], dict[str, dict]]:
    """``results(entry)``: every case run through ``entry`` by the driver, by case name (computed once)."""
    folders = {name: CASES / name for name in COMMITTED} | {name: generated / name for name in GENERATED}

    @functools.cache
    def run(entry: str) -> dict[str, dict]:
        names = list(folders)
        inputs = [str(_input_of(folders[n])) for n in names]
        work = tmp_path_factory.mktemp(f"hostile-{entry}")
        env = {**os.environ, "HOME": str(work), "MLRELEASE_STORE_PASSWORD": ""}
        done = subprocess.run([sys.executable, str(DRIVER), entry, str(work), *inputs], capture_output=True,
                              text=True, timeout=900, env=env, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
        lines = [json.loads(line) for line in done.stdout.splitlines()]
        assert len(lines) == len(names), done.stderr[-3000:]
        return dict(zip(names, lines, strict=True))

    return run


def _expected(name: str, generated: Path) -> list[str]:
    folder = CASES / name if name in COMMITTED else generated / name
    return [line for line in (folder / "expected.txt").read_text(encoding="utf-8").splitlines() if line]


def _allowed_files(entry: str, files: list[str]) -> list[str]:
    """The files a case left that the entry point did not write by design (the harvest's store)."""
    if entry == "harvest":
        return [f for f in files if f != "store" and not f.startswith("store/") and f != "journal.jsonl"]
    return files


def test_the_corpus_is_large_and_covers_every_format():
    suffixes = {_input_of(CASES / n).suffix for n in COMMITTED}
    assert len(ALL_CASES) >= 100
    assert {".yaml", ".json", ".jsonld", ".ttl", ".nt", ".nq", ".trig", ".rdf", ".md"} <= suffixes
    assert any(n.startswith("mof-") for n in COMMITTED)
    for name in COMMITTED:
        assert _expected(name, CASES), f"{name}: expected.txt is empty"


@pytest.mark.slow
@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("case", ALL_CASES)
def test_hostile_input_is_refused_cleanly(results, generated, entry, case):
    got = results(entry)[case]
    text = got["stderr"] + got["stdout"]
    problems = []
    if got["exit"] != 2:
        problems.append(f"exit {got['exit']}, not 2")
    expected = _expected(case, generated)
    if not any(e.lower() in text.lower() for e in expected):
        problems.append(f"none of {expected} in the output")
    if "Traceback" in text:
        problems.append("a traceback")
    if got["cpu_seconds"] > SECONDS:
        problems.append(f"{got['cpu_seconds']} s of CPU > {SECONDS} s")
    if got["seconds"] > WALL_SECONDS:
        problems.append(f"{got['seconds']} s > {WALL_SECONDS} s of wall time")
    if got["maxrss_mib"] > MEMORY_MIB:
        problems.append(f"{got['maxrss_mib']} MiB > {MEMORY_MIB} MiB")
    stray = _allowed_files(entry, got["files"])
    if stray:
        problems.append(f"files written: {stray}")
    assert not problems, f"{case} via {entry}: {'; '.join(problems)}\n{text[-1500:]}"


@pytest.mark.slow
def test_no_case_connected_to_the_listener(results, listener):
    for entry in ENTRY_POINTS:
        results(entry)
    assert listener == [], f"connections to {LISTENER}: {listener}"


@pytest.mark.slow
def test_the_committed_cases_are_unchanged_by_the_runs(results):
    for entry in ENTRY_POINTS:
        results(entry)
    left = sorted(str(p.relative_to(CASES)) for p in CASES.rglob("*") if p.is_file())
    expected = sorted([f"{n}/{_input_of(CASES / n).name}" for n in COMMITTED] + [f"{n}/expected.txt" for n in COMMITTED]
                      + ["make_cases.py"])
    assert left == expected
