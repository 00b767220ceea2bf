"""Writing a static catalogue: landing pages, index, DCAT catalogue, sitemap (``mlrelease publish``).

Publishing is deterministic and incremental: the same records give the same bytes, a file whose
content did not change is not rewritten (its modification time stays), and the date a release last
changed (``lastmod``, ``dcterms:modified``) is kept in ``publish-state.json`` across runs. Releases
published before and not given any more are removed with their files.

Site layout::

    index.html              the releases, filterable (inline CSS and script, nothing from the network)
    catalog.jsonld, .ttl    the DCAT catalogue
    sitemap.xml             landing pages with lastmod
    publish-state.json      what the last run published (digest and date of each release)
    releases/SLUG/index.html          landing page: embedded schema.org JSON-LD, signposting, assessment
    releases/SLUG/record.jsonld, record.ttl, manifest.yaml, schema.jsonld
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import InputError, UsageError
from ..exports.schema_org import dumps as schema_org_text
from ..files import write_atomically
from ..formats import writer
from ..record import ReleaseRecord
from .catalogue import Entry, catalogue_jsonld, catalogue_turtle, sitemap
from .facts import ReleaseFacts, facts_of
from .pages import SITE_TITLE, render_index, render_release

STATE_FILE = "publish-state.json"
#: The files of one release's folder, besides its landing page, and the format each is written in.
RECORD_FILES: tuple[tuple[str, str], ...] = (("record.jsonld", "jsonld"), ("record.ttl", "turtle"),
                                             ("manifest.yaml", "yaml"))


@dataclass
class PublishSummary:
    """What a run did: the releases' folders, and the files written, left unchanged and removed."""

    site: Path
    releases: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def today() -> str:
    """Today's UTC date (``YYYY-MM-DD``), the date a changed release is given."""
    return _dt.datetime.now(_dt.UTC).date().isoformat()


def check_base_url(base_url: str) -> str:
    """``base_url`` as an http(s) URL ending in ``/``; :class:`UsageError` otherwise."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise UsageError(f"the base URL must be an http(s) URL without query or fragment: {base_url!r}",
                         hint="give the URL the site will be served at, e.g. https://models.example.org/")
    return base_url if base_url.endswith("/") else base_url + "/"


def release_files(release: ReleaseFacts) -> dict[str, str]:
    """The files of one release's folder (name -> text)."""
    files = {"index.html": render_release(release)}
    for name, fmt in RECORD_FILES:
        files[name] = writer(fmt)(release.record)
    files["schema.jsonld"] = schema_org_text(release.record)
    return files


def _digest(files: dict[str, str]) -> str:
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name].encode("utf-8") + b"\0")
    return h.hexdigest()


def _read_state(site: Path) -> dict[str, dict[str, str]]:
    path = site / STATE_FILE
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the state of the last run: {exc}", location=str(path),
                         hint="remove the file to publish every release afresh") from None
    releases = data.get("releases") if isinstance(data, dict) else None
    if not isinstance(releases, dict):
        raise InputError("the state of the last run has no 'releases' object", location=str(path),
                         hint="remove the file to publish every release afresh")
    return releases


class _Writer:
    def __init__(self, site: Path, summary: PublishSummary) -> None:
        self.site = site
        self.summary = summary

    def write(self, relative: str, text: str) -> None:
        path = self.site / relative
        data = text.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            self.summary.unchanged.append(relative)
            return
        write_atomically(text, path)
        self.summary.written.append(relative)


def publish(records: Sequence[ReleaseRecord], site: str | Path, *, base_url: str, title: str = SITE_TITLE,
            clock: Callable[[], str] = today) -> PublishSummary:
    """Publish ``records`` as a static site in the folder ``site`` served at ``base_url``.

    :raises UsageError: a bad base URL, or no record to publish.
    :raises InputError: the state file of the last run is unreadable.
    """
    base_url = check_base_url(base_url)
    if not records:
        raise UsageError("no release records to publish", hint="give manifests, JSON-LD or Turtle files or folders")
    root = Path(site)
    summary = PublishSummary(site=root)
    out = _Writer(root, summary)
    old = _read_state(root)
    releases = facts_of(records)
    state: dict[str, dict[str, str]] = {}
    entries = []
    for release in releases:
        files = release_files(release)
        digest = _digest(files)
        before = old.get(release.slug, {})
        modified = before["modified"] if before.get("digest") == digest and "modified" in before else clock()
        state[release.slug] = {"release": release.iri, "digest": digest, "modified": modified}
        for name, text in files.items():
            out.write(f"releases/{release.slug}/{name}", text)
        summary.releases.append(release.slug)
        date = release.record.date_published
        entries.append(Entry(release=release.iri, title=release.name, slug=release.slug,
                             publisher=release.publisher_iri, issued=date.isoformat() if date else None,
                             modified=modified))
    out.write("index.html", render_index(releases, title=title))
    doc = catalogue_jsonld(entries, base_url, title)
    out.write("catalog.jsonld", json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    out.write("catalog.ttl", catalogue_turtle(doc))
    out.write("sitemap.xml", sitemap(entries, base_url))
    for slug in sorted(set(old) - set(state)):
        folder = root / "releases" / slug
        for name in ["index.html", "schema.jsonld", *(n for n, _ in RECORD_FILES)]:
            if (folder / name).is_file():
                (folder / name).unlink()
                summary.removed.append(f"releases/{slug}/{name}")
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    out.write(STATE_FILE, json.dumps({"releases": state}, indent=2, sort_keys=True) + "\n")
    return summary
