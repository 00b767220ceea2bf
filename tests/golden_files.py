"""Golden files: one layout and one switch for every test that compares output with a kept file.

Layout (see tests/golden/README.md): ``tests/golden/<suite>/<case>/`` holds ``input.<ext>`` beside
``expected.<ext>`` (or several ``expected.*`` files when a case has several outputs). Where the
input lives elsewhere by nature (an example in ``examples/<case>.yaml``, the licence catalogue, the
fixture graphs of tests/kg/fixtures/), the case folder holds only ``expected.*``.

Tests compare through the ``golden`` fixture (tests/conftest.py)::

    def test_something(golden):
        golden.check("mof", case, actual, ext="json")   # tests/golden/mof/<case>/expected.json

By default a difference fails with a unified diff; ``pytest --regen-golden`` rewrites the expected
file instead (only when it differs, so regenerating a clean tree changes nothing) and the check
passes. Review the diff (``git diff tests/golden``) before committing.

The module-level functions (``cases``, ``case_dir``, ``input_path``, ``expected_path``) are for
collection time, where fixtures are not available (``pytest.mark.parametrize``).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
REGEN_OPTION = "--regen-golden"


def suite_dir(suite: str) -> Path:
    """``tests/golden/<suite>``."""
    return GOLDEN / suite


def cases(suite: str) -> list[str]:
    """The case names of ``suite``: its sub-folders, sorted."""
    return sorted(p.name for p in suite_dir(suite).iterdir() if p.is_dir())


def case_dir(suite: str, case: str) -> Path:
    """``tests/golden/<suite>/<case>``."""
    return suite_dir(suite) / case


def input_path(suite: str, case: str) -> Path:
    """The one ``input.<ext>`` file of a case (it is an error to have none or several)."""
    found = sorted(p for p in case_dir(suite, case).iterdir() if p.name.startswith("input."))
    if len(found) != 1:
        raise AssertionError(f"{case_dir(suite, case)}: expected exactly one input.* file, found "
                             f"{[p.name for p in found]}")
    return found[0]


def expected_path(suite: str, case: str, ext: str = "txt") -> Path:
    """``tests/golden/<suite>/<case>/expected.<ext>`` (``ext`` may have dots: ``body.json``)."""
    return case_dir(suite, case) / f"expected.{ext}"


def _diff(expected: str, actual: str, path: Path) -> str:
    lines = difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                 fromfile=f"{path} (expected)", tofile="actual", n=3)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


class Golden:
    """Compare-or-rewrite: the one way tests check output against a golden file."""

    def __init__(self, regen: bool = False) -> None:
        self.regen = regen

    def check(self, suite: str, case: str, actual: str, ext: str = "txt", *, message: str = "") -> None:
        """Check ``actual`` against ``tests/golden/<suite>/<case>/expected.<ext>``."""
        __tracebackhide__ = True
        self.check_file(expected_path(suite, case, ext), actual, message=message)

    def check_file(self, expected: Path, actual: str, *, message: str = "") -> None:
        """Check ``actual`` against the file ``expected``, wherever it is (e.g. shapes/fixtures/).

        The file is read as UTF-8 text with universal newlines, as the tests always have. With
        ``--regen-golden`` it is written (parents created) when it is missing or differs, and the
        check passes.
        """
        __tracebackhide__ = True
        current = expected.read_text(encoding="utf-8") if expected.is_file() else None
        if current == actual:
            return
        if self.regen:
            expected.parent.mkdir(parents=True, exist_ok=True)
            expected.write_text(actual, encoding="utf-8")
            return
        hint = f"if the change is deliberate (or the case is new), run pytest with {REGEN_OPTION} and review the diff"
        head = f"{message}\n" if message else ""
        if current is None:
            pytest.fail(f"{head}no golden file {expected}; {hint}")
        pytest.fail(f"{head}output differs from the golden file {expected}; {hint}:\n"
                    f"{_diff(current, actual, expected)}")
