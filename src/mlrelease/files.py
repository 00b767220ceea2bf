"""Files in and out: reading an input within the size limit, and writing output atomically.

Only :func:`read_text` opens the files users name, so every entry point refuses the same things
in the same words (a missing file, a file over the limit, text that is not UTF-8).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .codecs.limits import DEFAULT_LIMITS, Limits
from .errors import InputError
from .formats import input_suffixes


def read_bytes(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Return the bytes of the regular file at ``path``, reading at most ``limits.max_bytes``.

    The size is capped while reading, whatever the file system says (``/dev/zero`` reports size 0),
    and only regular files are opened (a FIFO would block, a device never end).

    :raises InputError: the file is missing, not a regular file, unreadable or larger than the limit.
    """
    target = Path(path)
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        raise InputError("no such file", location=str(target), hint="check the path") from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", location=str(target)) from None
    if not stat.S_ISREG(mode):
        kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file (a device, FIFO or socket)"
        raise InputError(f"the path is {kind}", location=str(target), hint="give a file that holds a record")
    try:
        with target.open("rb") as fh:
            data = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", location=str(target)) from None
    if len(data) > limits.max_bytes:
        raise InputError(f"file is larger than the limit of {limits.max_bytes} bytes (limit max_bytes)",
                         location=str(target), hint=limits.hint("max_bytes"))
    return data


def read_text(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> str:
    """Return the UTF-8 text of the regular file at ``path`` (see :func:`read_bytes`).

    :raises InputError: as :func:`read_bytes`, or the file is not UTF-8.
    """
    data = read_bytes(path, limits)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"the file is not UTF-8 text (byte {exc.start})", location=str(path),
                         hint="save it as UTF-8") from None


def _is_model_card(path: Path) -> bool:
    """Markdown counts as a record only as a model card, which opens with YAML front matter."""
    try:
        with path.open("rb") as fh:
            return fh.read(4).lstrip(b"\xef\xbb\xbf").startswith(b"---")
    except OSError:
        return True  # let reading it report the problem


def folder_files(folder: Path, *, follow_symlinks: bool = False) -> list[Path]:
    """The files below ``folder`` that mlrelease reads (harvest, assess), sorted.

    Files count when a registered input format claims their suffix. Hidden files and folders are
    skipped, and so is Markdown without front matter (a folder's README is documentation, not a
    model card). A symbolic link that leads out of ``folder`` is skipped unless ``follow_symlinks``
    (symlinked folders are never entered), so a folder cannot make mlrelease read ``/etc/passwd``.
    """
    suffixes = input_suffixes()
    inside = folder.resolve()

    def contained(p: Path) -> bool:
        return follow_symlinks or not p.is_symlink() or p.resolve().is_relative_to(inside)

    return sorted(
        p for p in folder.rglob("*")
        if p.suffix.lower() in suffixes and contained(p) and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and (p.suffix.lower() != ".md" or _is_model_card(p))
    )


def write_atomically(text: str, path: str | os.PathLike[str]) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one, never part."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
