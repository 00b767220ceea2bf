"""The HTML reference renders in headless Chromium, offline, with a known term's section."""

from __future__ import annotations

import subprocess

import pytest
from browser_support import CHROMIUM_FLAGS, chromium

pytestmark = pytest.mark.browser



def test_reference_renders_with_known_sections(tmp_path):
    from mlrelease.reference import write_reference

    page = write_reference(tmp_path / "ref")
    profile = tmp_path / "profile"
    proc = subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=2000",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    # The DOM Chromium built (not the file we wrote) holds the term's section and a concept row.
    assert '<section class="term" id="accessTier">' in dom
    assert 'id="scheme-access-tier--gated-manual"' in dom
    assert 'id="scheme-contributor-role--software"' in dom
    assert "<title>mlrelease vocabulary" in dom


def test_reference_screenshot_is_not_blank(tmp_path):
    from mlrelease.reference import write_reference

    page = write_reference(tmp_path / "ref")
    shot = tmp_path / "shot.png"
    proc = subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900",
         "--virtual-time-budget=3000",
         f"--screenshot={shot}", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000, "a rendered reference page is far larger than a blank screenshot"
