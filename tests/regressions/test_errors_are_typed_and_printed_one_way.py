"""Every failure is a typed error with its exit code, printed in one format (issue 9).

What broke: plain ``ValueError``s escaped from the store's term checks, an unknown assessment format
raised ``ValueError``, ``VocabularyError`` exited 2, and errors were printed in three formats
(``mlrelease: error: ...``, click's ``Error: ...`` and ``mlrelease: ...``). Now the store raises
``UnsafeValueError`` (an ``InputError`` that is still a ``ValueError``), and the command line prints
``mlrelease: error: WHERE: WHAT`` with a hint for every error.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from mlrelease.cli import main
from mlrelease.errors import InputError, UnknownTermError, UnsafeValueError
from mlrelease.openness import render
from mlrelease.store.graphs import sparql_iri
from mlrelease.store.terms import sparql_term


def test_store_term_checks_raise_typed_errors():
    with pytest.raises(UnsafeValueError) as info:
        sparql_term(ox.NamedNode("file:///etc/passwd"))
    assert isinstance(info.value, InputError) and info.value.exit_code == 2
    with pytest.raises(UnsafeValueError):
        sparql_iri("https://example.org/not minted")


def test_unknown_assessment_format_suggests():
    with pytest.raises(UnknownTermError, match="unknown assessment format 'jsn'") as info:
        render([], "jsn")
    assert "json" in (info.value.hint or "")


@pytest.mark.parametrize("argv", [
    ["validate", "--no-such-option", "x.yaml"],           # click's own usage error
    ["licenses", "show", "apache-2.1"],                   # an unknown licence (was 'mlrelease: ...')
    ["query", "withheld-weights", "--param", "publisher"],  # a malformed KEY=VALUE
    ["convert", "missing.yaml", "--to", "yaml"],          # a missing file
])
def test_every_error_is_printed_in_one_format(argv, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith("mlrelease: error: "), err
    assert lines[1].startswith("  hint: "), err
