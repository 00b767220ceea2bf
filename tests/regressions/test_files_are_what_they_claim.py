"""Only regular files are read, capped while reading, and a folder never leads outside itself (issue 16).

What broke: ``/dev/zero`` as INPUT passed the size check (its size is 0) and was read until memory
ran out; a FIFO hung; ``harvest`` of a folder followed a symlink to ``/etc/passwd`` and quoted its
first line in an error. Cause: the size came from ``stat``, files were opened whatever they were,
and ``rglob`` results were read without checking where their symlinks lead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import mlrelease
from mlrelease.harvest import FetchOptions, HarvestOptions, harvest
from mlrelease.store import EmbeddedStore

MANIFEST = "identifier: org/{name}\nversion: '1.0'\n"


def test_a_device_is_refused_without_reading_it():
    with pytest.raises(mlrelease.InputError, match="not a regular file") as info:
        mlrelease.load(path="/dev/zero")
    assert info.value.location == "/dev/zero"


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "release.yaml"
    os.mkfifo(fifo)
    with pytest.raises(mlrelease.InputError, match="not a regular file"):
        mlrelease.load(path=fifo)


def test_the_size_is_capped_while_reading(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(mlrelease.InputError, match="larger than the limit of 1000 bytes"):
        mlrelease.load(path=big, limits=mlrelease.Limits(max_bytes=1000))


def _harvest(folder: Path, **fetch: bool) -> tuple[set[str], list[tuple[str, str]]]:
    store = EmbeddedStore()
    summary = harvest([str(folder)], store, HarvestOptions(validator=None, reference=False,
                                                           fetch=FetchOptions(**fetch)))
    stored = {o.release for o in summary.outcomes if o.status == "new"}
    return stored, summary.failures


def test_a_harvested_folder_does_not_follow_symlinks_out_of_it(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(MANIFEST.format(name="secret"))
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "own.yaml").write_text(MANIFEST.format(name="own"))
    (folder / "inside-link.yaml").symlink_to(folder / "own.yaml")
    (folder / "leak.yaml").symlink_to(outside / "secret.yaml")
    (folder / "passwd.yaml").symlink_to("/etc/passwd")

    stored, failures = _harvest(folder)
    assert stored == {"https://w3id.org/mlrelease/id/org%2Fown/1.0"}
    assert failures == []  # the links out were never opened, so nothing of theirs is quoted

    stored, _failures = _harvest(folder, follow_symlinks=True)
    assert "https://w3id.org/mlrelease/id/org%2Fsecret/1.0" in stored
