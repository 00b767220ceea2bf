"""`mlrelease convert` over the shared corpus, through the real command-line entry point.

Every Model Openness Framework manifest of ``../shared/corpus/mof/models/`` (273, detected as MOF)
and every card of ``../shared/corpus/hf-hub/tests/fixtures/cards/`` (9, detected as Hugging Face
cards) is converted with ``mlrelease convert FILE --to jsonld -o OUT``, as a user would run it:
:func:`mlrelease.cli.main` (what the ``mlrelease`` script calls, and which maps errors to exit
codes) inside click's :class:`~click.testing.CliRunner` isolation, which captures the output
streams. The counts are exact (the corpus is fixed; a change in them is a change in behaviour).
A failure must exit with 2, name the file and the line, and leave no output file behind.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from mlrelease.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MOF_MODELS = CORPUS / "mof" / "models"
CARDS = CORPUS / "hf-hub" / "tests" / "fixtures" / "cards"

#: Cards that cannot be converted: two are templates, one has a list for its metadata.
FAILING_CARDS = {"sample_datasetcard_template.md", "sample_invalid_card_data.md", "sample_template.md"}

pytestmark = pytest.mark.corpus


@dataclass
class Run:
    """One `mlrelease convert` run: exit code, what it printed, and where it was to write."""

    path: Path
    out: Path
    code: int
    stdout: str
    stderr: str


def convert(path: Path, out: Path) -> Run:
    """Run ``mlrelease convert PATH --to jsonld -o OUT`` through the CLI's entry point."""
    runner = CliRunner()
    with runner.isolation() as streams:
        code = main(["convert", str(path), "--to", "jsonld", "-o", str(out)])
        stdout, stderr = streams[0], streams[1]
        # click < 8.2 mixes standard error into the output unless told otherwise
        err_text = (stderr if stderr is not None else stdout).getvalue().decode("utf-8")
        out_text = stdout.getvalue().decode("utf-8") if stderr is not None else ""
    return Run(path, out, code, out_text, err_text)


def _corpus(folder: Path, pattern: str, what: str) -> list[Path]:
    if not folder.is_dir():
        pytest.skip(f"{what} not found at {folder} (CI lays the shared corpus beside the checkout)")
    return sorted(folder.glob(pattern))


@pytest.fixture(scope="module")
def mof_runs(tmp_path_factory) -> list[Run]:
    paths = _corpus(MOF_MODELS, "*.yml", "Model Openness Tool corpus")
    out = tmp_path_factory.mktemp("mof-out")
    return [convert(p, out / f"{p.stem}.jsonld") for p in paths]


@pytest.fixture(scope="module")
def card_runs(tmp_path_factory) -> list[Run]:
    paths = _corpus(CARDS, "*.md", "huggingface_hub card fixtures")
    out = tmp_path_factory.mktemp("cards-out")
    return [convert(p, out / f"{p.stem}.jsonld") for p in paths]


def _check(runs: list[Run]) -> tuple[list[Run], list[Run]]:
    """Check every run as a user would see it; return (converted, failed)."""
    converted = [r for r in runs if r.code == 0]
    failed = [r for r in runs if r.code != 0]
    for r in converted:
        assert r.stdout == "", r.path.name
        assert r.stderr.endswith(f"wrote {r.out}\n"), r.stderr
        doc = json.loads(r.out.read_text(encoding="utf-8"))
        assert isinstance(doc["@context"], dict) and doc["type"] == "Release" and doc["id"], r.path.name
    for r in failed:
        assert r.code == 2, f"{r.path.name}: exit {r.code}\n{r.stderr}"
        match = re.match(rf"mlrelease: error: {re.escape(str(r.path))}:(\d+)(:\d+)?: \S", r.stderr)
        assert match and int(match.group(1)) > 0, f"{r.path.name}: no file and line in {r.stderr!r}"
        assert "\n  hint: " in r.stderr, r.stderr
        assert not r.out.exists(), f"{r.path.name}: a failed run left {r.out}"
    # nothing else in the output folder: no output of a failed run, no temporary file
    folders = {r.out.parent for r in runs}
    assert sorted(p for f in folders for p in f.iterdir()) == sorted(r.out for r in converted)
    return converted, failed


def test_every_mof_manifest_converts(mof_runs):
    converted, failed = _check(mof_runs)
    assert (len(mof_runs), len(converted), len(failed)) == (273, 273, 0)
    assert all(r.path.suffix == ".yml" for r in mof_runs)
    # detected as MOF manifests: the importer's warnings are printed, located in the file
    warned = [r for r in converted if "warning: " in r.stderr]
    assert warned and all(f"warning: {r.path}:" in r.stderr for r in warned)


def test_hugging_face_cards_convert_or_fail_located(card_runs):
    converted, failed = _check(card_runs)
    assert (len(card_runs), len(converted), len(failed)) == (9, 6, 3)
    assert {r.path.name for r in failed} == FAILING_CARDS


def test_corpus_totals(mof_runs, card_runs):
    converted, failed = _check(mof_runs + card_runs)
    assert (len(converted), len(failed)) == (279, 3)


def test_converting_twice_gives_the_same_bytes(mof_runs, card_runs, tmp_path):
    """A sample (every 20th MOF manifest and every convertible card) converted again, in this process."""
    sample = [r for r in mof_runs[::20] + card_runs if r.code == 0]
    assert len(sample) == 14 + 6
    for r in sample:
        again = convert(r.path, tmp_path / r.out.name)
        assert again.code == 0, again.stderr
        assert again.out.read_bytes() == r.out.read_bytes(), r.path.name


@pytest.mark.parametrize("name", ["BLOOM.yml", "sample_simple.md"])
def test_converting_in_another_process_gives_the_same_bytes(mof_runs, card_runs, tmp_path, name):
    """`mlrelease convert` in fresh processes with different hash seeds writes the same bytes."""
    (first,) = [r for r in mof_runs + card_runs if r.path.name == name]
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.jsonld"
        proc = subprocess.run([sys.executable, "-m", "mlrelease", "convert", str(first.path), "--to", "jsonld",
                               "-o", str(out)], capture_output=True, text=True, timeout=120, check=False,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr
        assert out.read_bytes() == first.out.read_bytes(), f"{name}, PYTHONHASHSEED={seed}"
