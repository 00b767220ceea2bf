"""Docstring examples run as tests (as pyoxigraph's test_doc does)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import mlrelease

ROOT = Path(__file__).resolve().parents[1]

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(mlrelease.__path__, "mlrelease.")
    if not m.name.endswith("__main__") and ".build" not in m.name and ".cli" not in m.name
)


@pytest.mark.parametrize("name", ["mlrelease", *MODULES])
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


DOCS = sorted(p for p in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")] if ">>> " in p.read_text("utf-8"))


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_documentation_examples(path, monkeypatch):
    """The ``>>>`` examples in README.md and docs/*.md run, from the repository root."""
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(path), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} example(s) failed in {path.name}"
