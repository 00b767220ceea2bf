"""HTML pages of releases and of the index, from the templates shipped in ``mlrelease/templates``.

Pages are self-contained: CSS and the filtering script are inline, nothing is fetched from the
network, and links between pages are relative (so a site works from files and from any server).
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from jinja2 import Environment, FunctionLoader, select_autoescape

from .. import package_data
from .._version import VOCAB_VERSION, __version__
from .facts import PAGE_PROFILES, ReleaseFacts

SITE_TITLE = "Model releases"
#: The index's facets: key (the ``data-`` attribute), label, and how a release's values are read.
FACETS: tuple[tuple[str, str], ...] = (("tier", "Access tier"), ("family", "Licence family"),
                                       ("class", "Openness class"), ("publisher", "Publisher"), ("year", "Year"))


@functools.cache
def environment() -> Environment:
    """The Jinja environment of every page (autoescaped; templates read from the package)."""
    env = Environment(loader=FunctionLoader(lambda name: package_data.read_text(f"templates/{name}")),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(version=__version__, vocab_version=VOCAB_VERSION, site_title=SITE_TITLE)
    return env


def script_json(value: Any) -> str:
    """JSON to put inside ``<script>``: sorted keys, and ``</`` written ``<\\/`` so it cannot end the element."""
    text = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def facet_values(release: ReleaseFacts, key: str) -> list[str]:
    """The values of facet ``key`` of a release (a licence family facet may have several)."""
    return {"tier": [release.tier], "family": release.families, "class": [release.openness_class],
            "publisher": [release.publisher], "year": [release.year]}[key]


def facets(releases: Sequence[ReleaseFacts]) -> list[tuple[str, str, list[tuple[str, int]]]]:
    """Each facet with its values and how many releases have each, values sorted."""
    out = []
    for key, label in FACETS:
        counts = Counter(v for r in releases for v in facet_values(r, key))
        out.append((key, label, sorted(counts.items())))
    return out


def render_release(release: ReleaseFacts, *, root: str = "../../", nav: Sequence[tuple[str, str]] = ()) -> str:
    """The landing page of one release (``root``: the relative path from the page to the site root)."""
    return environment().get_template("release.html.j2").render(
        r=release, jsonld=script_json(release.schema_org()), root=root, profiles=PAGE_PROFILES,
        nav=list(nav), title=release.name)


def render_index(releases: Sequence[ReleaseFacts], *, root: str = "", catalogue: bool = True,
                 nav: Sequence[tuple[str, str]] = (), title: str = SITE_TITLE) -> str:
    """The index of ``releases`` with the facet filters."""
    return environment().get_template("index.html.j2").render(
        releases=list(releases), facets=facets(releases), root=root, catalogue=catalogue, nav=list(nav),
        title=title)
