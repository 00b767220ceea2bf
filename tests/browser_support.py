"""Headless Chromium for the browser tests: the one home of its flags (DEVELOPERS.md) and of finding it.

Every browser test starts Debian ``chromium`` with :data:`CHROMIUM_FLAGS` and a fresh
``--user-data-dir``, on pages served from files or 127.0.0.1.
"""

from __future__ import annotations

import shutil

import pytest

#: The flags DEVELOPERS.md prescribes: no network of Chromium's own, no sandbox, no GPU.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium() -> str:
    """The path of Debian's ``chromium``; the test is skipped, saying why, when it is not installed."""
    exe = shutil.which("chromium")
    if exe is None:
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    return exe
