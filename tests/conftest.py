"""Shared fixtures: the repository root, the shared corpus, the bundled vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


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
