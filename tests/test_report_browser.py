"""The HTML validation report in headless Chromium at 1,400 px: the summary is in the first screen (issue 15)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from browser_support import CHROMIUM_FLAGS, chromium

from mlrelease.validation.batch import validate_files
from mlrelease.validation.report import to_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1400, 900



def _report() -> str:
    return to_html(validate_files(sorted((ROOT / "examples").glob("*.yaml")), ["all"]))


def test_the_summary_and_contents_are_in_the_first_screen(tmp_path):
    # The report has no scripts; a copy with one measures the layout Chromium computed.
    probe = ("<script>const r = e => document.getElementById(e).getBoundingClientRect();"
             "document.title = 'summary-bottom=' + Math.round(r('summary').bottom) + ';contents-top=' + "
             "Math.round(r('contents').top) + ';width=' + document.documentElement.scrollWidth;</script>")
    page = tmp_path / "report.html"
    page.write_text(_report().replace("</body>", probe + "</body>"), encoding="utf-8")
    proc = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'p'}",
                           f"--window-size={WIDTH},{HEIGHT}", "--virtual-time-budget=2000", "--dump-dom",
                           page.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    m = re.search(r"<title>summary-bottom=(\d+);contents-top=(\d+);width=(\d+)</title>", proc.stdout)
    assert m, proc.stdout[:500]
    summary_bottom, contents_top, width = map(int, m.groups())
    assert summary_bottom < HEIGHT, "the summary is below the first screen"
    assert contents_top < HEIGHT, "the table of contents starts below the first screen"
    assert width <= WIDTH, "something (a long IRI) is wider than the window"


def test_screenshot_at_1400_px(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(_report(), encoding="utf-8")
    shot = tmp_path / "report-1400.png"
    proc = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'p'}",
                           f"--window-size={WIDTH},{HEIGHT}", "--virtual-time-budget=2000",
                           f"--screenshot={shot}", page.as_uri()], capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
