"""A string given to ``mlrelease.load`` is the document, never guessed to be a path (issue 9).

What broke: ``mlrelease.load("org/model")`` was read as YAML text while ``load("x.yaml")`` was read
as a file when one existed, so the same call meant two things depending on the disk. Cause:
``convert._read_source`` guessed. Now a ``str`` is text, and a file is named by ``path=`` (or a
``pathlib.Path``), as in pyoxigraph.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import mlrelease

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "olmo-7b.yaml"


def test_a_string_naming_an_existing_file_is_still_text():
    with pytest.raises(mlrelease.InputError, match="a release manifest must be a mapping of keys to values"):
        mlrelease.load(str(EXAMPLE))


def test_path_keyword_and_path_object_read_the_file():
    by_keyword = mlrelease.load(path=str(EXAMPLE))
    by_object = mlrelease.load(EXAMPLE)
    assert by_keyword.identifier == by_object.identifier == "allenai/OLMo-7B"
    assert by_keyword.source == str(EXAMPLE)


def test_path_and_input_together_are_a_usage_error():
    with pytest.raises(mlrelease.MlreleaseError, match="either input") as info:
        mlrelease.load("identifier: org/m\n", path=str(EXAMPLE))
    assert info.value.exit_code == 2


def test_a_missing_path_names_the_file():
    with pytest.raises(mlrelease.InputError, match="no such file") as info:
        mlrelease.load(path="org/model")
    assert info.value.location == "org/model"
