"""The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit on a temporary repository (issue 15).

``pre-commit try-repo`` clones this checkout (locally: no network) and runs a hook on the files
of a new git repository. The hooks are ``language: system``: they run the ``mlrelease`` of this
virtual environment, put first on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None or not (BIN / "pre-commit").exists(),
                                reason="needs git and pre-commit (pip install -e '.[test]')")


def _run(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "HOME": str(home),
           "PRE_COMMIT_HOME": str(home / "pre-commit"), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    work = tmp_path / "manifests"
    work.mkdir()
    (tmp_path / "home").mkdir()
    assert _run(["git", "init", "-q"], work, tmp_path / "home").returncode == 0
    return work


def _try(repo: Path, hook: str) -> subprocess.CompletedProcess[str]:
    assert _run(["git", "add", "-A"], repo, repo.parent / "home").returncode == 0
    return _run([str(BIN / "pre-commit"), "try-repo", str(ROOT), hook, "--all-files", "--verbose"],
                repo, repo.parent / "home")


def test_the_validate_hook_passes_a_good_manifest_and_fails_a_bad_one(repo):
    (repo / "release.yaml").write_text((ROOT / "examples" / "gpt2.yaml").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    (repo / "notes.yaml").write_text("not: a manifest\n", encoding="utf-8")  # not matched by the hook
    good = _try(repo, "mlrelease-validate")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "mlrelease validate" in good.stdout and "Passed" in good.stdout

    (repo / "model.release.yaml").write_text("identifier: org/m\nversion: '1'\nlicence: MIT\n", encoding="utf-8")
    bad = _try(repo, "mlrelease-validate")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and "model.release.yaml:3:1" in bad.stdout


def test_the_fix_hook_fixes_in_place(repo):
    path = repo / "release.yaml"
    path.write_text("identifier: org/m  # keep\nversion: '1'\nlicence: Apache 2\n", encoding="utf-8")
    result = _try(repo, "mlrelease-fix")
    assert result.returncode == 1, result.stdout + result.stderr  # files were modified: pre-commit fails the run
    assert path.read_text(encoding="utf-8") == "identifier: org/m  # keep\nversion: '1'\nlicense: Apache-2.0\n"
