"""Files in and out: reading an input within the size limit, and writing output atomically.

Only :func:`read_text` opens the files users name, so every entry point refuses the same things
in the same words (a missing file, a file over the limit, text that is not UTF-8).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .codecs.limits import DEFAULT_LIMITS, Limits
from .errors import InputError
from .formats import input_suffixes


def read_text(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> str:
    """Return the UTF-8 text of the file at ``path``.

    :raises InputError: the file is missing, unreadable, larger than ``limits.max_bytes`` or not UTF-8.
    """
    target = Path(path)
    try:
        size = target.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file", location=str(target), hint="check the path") from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", location=str(target)) from None
    if size > limits.max_bytes:
        raise InputError(f"file is larger than the limit of {limits.max_bytes} bytes", location=str(target),
                         hint="raise the limit (Limits(max_bytes=...)) if you trust the input")
    try:
        return target.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"the file is not UTF-8 text (byte {exc.start})", location=str(target),
                         hint="save it as UTF-8") from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", location=str(target)) from None


def _is_model_card(path: Path) -> bool:
    """Markdown counts as a record only as a model card, which opens with YAML front matter."""
    try:
        with path.open("rb") as fh:
            return fh.read(4).lstrip(b"\xef\xbb\xbf").startswith(b"---")
    except OSError:
        return True  # let reading it report the problem


def folder_files(folder: Path) -> list[Path]:
    """The files below ``folder`` that mlrelease reads (harvest, assess), sorted.

    Files count when a registered input format claims their suffix. Hidden files and folders are
    skipped, and so is Markdown without front matter (a folder's README is documentation, not a
    model card).
    """
    suffixes = input_suffixes()
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in suffixes
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
