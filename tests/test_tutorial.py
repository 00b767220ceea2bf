"""docs/tutorial.md runs: its shell blocks, in order, in one empty folder (issue 15)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "docs" / "tutorial.md"


def shell_blocks(text: str) -> list[str]:
    """The ```sh blocks of a Markdown text, in order."""
    return re.findall(r"^```sh\n(.*?)^```", text, flags=re.M | re.S)


@pytest.mark.skipif(shutil.which("bash") is None, reason="the tutorial's blocks are bash")
def test_the_tutorial_runs(tmp_path):
    blocks = shell_blocks(TUTORIAL.read_text(encoding="utf-8"))
    assert len(blocks) >= 8
    script = "set -euo pipefail\n" + "\n".join(blocks)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "HOME": str(tmp_path), "COLUMNS": "100"}
    proc = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode == 0, f"stdout:\n{proc.stdout[-3000:]}\nstderr:\n{proc.stderr[-3000:]}"
    assert (tmp_path / "tiny-lm.jsonld").is_file()
    assert (tmp_path / "report.html").is_file()
    assert "release" in (tmp_path / "roles.csv").read_text(encoding="utf-8")
