"""The validation profiles and the bundled shapes graphs behind them."""

from __future__ import annotations

import functools

from rdflib import Graph

from .. import package_data
from ..errors import UnknownTermError
from ..hints import suggest
from ..vocabulary import load as load_vocabulary

#: Profiles, in the order they are usually applied. See docs/validation.md.
PROFILES = ("core", "recommended", "consistency", "cris")
DEFAULT_PROFILES = ("core",)


def check_profiles(profiles: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Return the profiles as a tuple, or raise :class:`UnknownTermError` naming the valid ones."""
    out: list[str] = []
    for p in profiles:
        if p == "all":
            out.extend(PROFILES)
            continue
        if p not in PROFILES:
            raise UnknownTermError(f"unknown validation profile {p!r}", hint=suggest(p, [*PROFILES, "all"]))
        out.append(p)
    return tuple(dict.fromkeys(out))


@functools.cache
def shapes_graph(profile: str) -> Graph:
    """Return the bundled shapes graph of one profile (parsed once per process)."""
    check_profiles([profile])
    return package_data.graph(f"data/shapes/{profile}.ttl")


@functools.cache
def combined_shapes(profiles: tuple[str, ...]) -> Graph:
    """The union of the shapes graphs of ``profiles`` (built once per process; do not change it)."""
    g = Graph()
    for p in profiles:
        g += shapes_graph(p)
    return g


def profile_of_shapes(profiles: tuple[str, ...]) -> dict[str, str]:
    """Map each shape IRI to the profile that defines it."""
    out: dict[str, str] = {}
    for p in profiles:
        for s in set(shapes_graph(p).subjects()):
            out.setdefault(str(s), p)
    return out


@functools.cache
def reference_graph() -> Graph:
    """The vocabulary and the licence catalogue: what constraints read besides the record."""
    g = Graph()
    g += load_vocabulary().graph
    g += package_data.graph("data/licenses.ttl")
    return g
