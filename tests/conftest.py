"""Shared fixtures: the repository root, the shared corpus, the bundled vocabulary, golden files.

``--regen-golden`` rewrites golden files instead of comparing (see tests/golden/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_files import REGEN_OPTION, Golden

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(REGEN_OPTION, action="store_true", default=False,
                     help="rewrite golden files (tests/golden/, shapes/fixtures/*.expected) with the current "
                          "output instead of comparing; review the diff before committing")


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root (the directory holding pyproject.toml)."""
    return ROOT


@pytest.fixture(scope="session")
def corpus() -> Path:
    """``../shared/corpus``; tests that need it are skipped, with the reason, when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (CI lays it beside the checkout as ../shared)")
    return CORPUS


@pytest.fixture(scope="session")
def vocab():
    """The bundled vocabulary as the package loads it."""
    from mlrelease import vocabulary

    return vocabulary.load()


@pytest.fixture(scope="session")
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare output with a golden file, or rewrite it under ``--regen-golden`` (tests/golden_files.py)."""
    return Golden(regen=request.config.getoption(REGEN_OPTION))
