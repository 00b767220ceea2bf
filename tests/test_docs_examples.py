"""Docstring examples run as tests (as pyoxigraph's test_doc does)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import mlrelease

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(mlrelease.__path__, "mlrelease.")
    if not m.name.endswith("__main__") and ".build" not in m.name and ".cli" not in m.name
)


@pytest.mark.parametrize("name", ["mlrelease", *MODULES])
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
