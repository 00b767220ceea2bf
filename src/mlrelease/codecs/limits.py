"""Limits applied to untrusted input before and while it is parsed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Size and shape limits for one input document.

    The defaults suit release records (a large one is a few hundred kilobytes); raise them for
    whole-graph inputs with ``Limits(max_bytes=...)``.
    """

    max_bytes: int = 10 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 1_000_000
    max_aliases: int = 100


DEFAULT_LIMITS = Limits()
