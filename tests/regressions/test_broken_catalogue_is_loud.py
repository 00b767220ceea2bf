"""Regression (issue 9): with the licence catalogue broken, ``license: [Not-A-Licence]`` loaded silently.

``codecs/manifest_rdf.py`` caught every exception of the licence lookup and fell back to an empty
set of licence ids, so a broken installation accepted any licence string. Now a broken bundled
catalogue is a :class:`~mlrelease.errors.VocabularyError` (exit 3 on the command line), never an
empty answer. The test breaks a real copy of the package (its ``data/licenses.ttl``) and runs it in a
fresh interpreter.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import mlrelease

PACKAGE = Path(mlrelease.__file__).parent


def broken_copy(tmp_path: Path, content: str | None) -> Path:
    """A copy of the mlrelease package whose licence catalogue is replaced by ``content`` (None: deleted)."""
    root = tmp_path / "site"
    shutil.copytree(PACKAGE, root / "mlrelease", ignore=shutil.ignore_patterns("__pycache__"))
    catalogue = root / "mlrelease" / "data" / "licenses.ttl"
    if content is None:
        catalogue.unlink()
    else:
        catalogue.write_text(content, encoding="utf-8")
    return root


def run(root: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          check=False, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})


def test_api_raises_vocabulary_error_when_the_catalogue_is_not_turtle(tmp_path):
    root = broken_copy(tmp_path, "this is not turtle\n")
    code = ("import mlrelease\n"
            "try:\n"
            "    mlrelease.load('identifier: org/m\\nversion: \"1\"\\nlicense: [Not-A-Licence]\\n', format='yaml')\n"
            "except mlrelease.VocabularyError as exc:\n"
            "    print('VocabularyError', exc.exit_code, exc.message)\n"
            "else:\n"
            "    print('loaded')\n")
    proc = run(root, "-c", code, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("VocabularyError 3 the bundled file mlrelease/data/licenses.ttl is not valid Turtle")


def test_cli_exits_3_naming_the_missing_catalogue(tmp_path):
    root = broken_copy(tmp_path, None)
    manifest = tmp_path / "release.yaml"
    manifest.write_text("identifier: org/m\nversion: '1'\nlicense: [Not-A-Licence]\n", encoding="utf-8")
    proc = run(root, "-m", "mlrelease", "convert", str(manifest), "--to", "jsonld", cwd=tmp_path)
    assert proc.returncode == 3
    assert proc.stdout == ""
    assert "mlrelease: error: the bundled file mlrelease/data/licenses.ttl is missing" in proc.stderr
