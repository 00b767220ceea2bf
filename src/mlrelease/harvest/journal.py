"""The harvest journal: which documents a store already holds, and where OAI-PMH listings stopped.

A JSON Lines file, appended and fsynced after every confirmed write, so an interrupted harvest
resumes without reading again what it had stored. A line cut short by a crash is ignored.
Correctness never depends on the journal: a document is skipped only when the store's catalogue
still holds every graph the journal lists with the same checksum, and re-writing is idempotent.

Each entry is keyed by the document's source, its content checksum and the evaluation options
(:class:`.evaluation.EvaluationKey`: validation, profiles, keep-invalid, mlrelease version), so a
run with other options re-evaluates the document instead of calling it unchanged. Lines written
before the options were journalled have none and never match.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .evaluation import EvaluationKey


@dataclass
class DocumentEntry:
    """What a harvest did with one document: the graphs it stored and the releases it rejected."""

    source: str
    digest: str
    profiles: tuple[str, ...]
    graphs: dict[str, str] = field(default_factory=dict)
    rejected: dict[str, list[str]] = field(default_factory=dict)
    options: EvaluationKey | None = None

    def key(self) -> tuple[str, str, str]:
        """(source, checksum, options): what the journal looks entries up by."""
        return self.source, self.digest, _token(self.options)


def _token(options: EvaluationKey | None) -> str:
    return options.token() if options is not None else "-"


class Journal:
    """The journal at ``path``, or an in-memory one (nothing kept) when ``path`` is None."""

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        self.path = Path(path) if path is not None else None
        self._docs: dict[tuple[str, str, str], DocumentEntry] = {}
        self._latest: dict[tuple[str, str], DocumentEntry] = {}
        self._tokens: dict[str, str | None] = {}
        self._fh = None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists():
                self._read()
            self._fh = self.path.open("a", encoding="utf-8")

    def _read(self) -> None:
        assert self.path is not None
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by a crash
            if not isinstance(item, dict):
                continue
            if item.get("kind") == "doc":
                entry = DocumentEntry(item["source"], item["sha256"], tuple(item.get("profiles", ())),
                                      dict(item.get("graphs", {})), dict(item.get("rejected", {})),
                                      EvaluationKey.from_dict(item.get("options")))
                self._remember(entry)
            elif item.get("kind") == "oai":
                self._tokens[item["key"]] = item.get("token")

    def _remember(self, entry: DocumentEntry) -> None:
        self._docs[entry.key()] = entry
        self._latest[(entry.source, entry.digest)] = entry

    def lookup(self, source: str, digest: str, options: EvaluationKey) -> DocumentEntry | None:
        """The entry for this exact document content evaluated with these options, if a run stored it."""
        return self._docs.get((source, digest, _token(options)))

    def earlier(self, source: str, digest: str) -> DocumentEntry | None:
        """The last entry for this exact document content, whatever its options."""
        return self._latest.get((source, digest))

    def oai_token(self, key: str) -> str | None:
        """The resumption token to continue the OAI-PMH listing ``key`` from, if it was cut short."""
        return self._tokens.get(key)

    def _append(self, items: list[dict]) -> None:
        if self._fh is None:
            return
        self._fh.write("".join(json.dumps(i, ensure_ascii=False, sort_keys=True) + "\n" for i in items))
        self._fh.flush()
        with contextlib.suppress(OSError):  # not every file can be synced (e.g. /dev/null)
            os.fsync(self._fh.fileno())

    def add_documents(self, entries: list[DocumentEntry]) -> None:
        """Journal documents whose graphs the store has confirmed."""
        for e in entries:
            self._remember(e)
        self._append([{"kind": "doc", "source": e.source, "sha256": e.digest, "profiles": list(e.profiles),
                       "options": e.options.as_dict() if e.options is not None else None,
                       "graphs": e.graphs, "rejected": e.rejected} for e in entries])

    def set_token(self, key: str, token: str | None) -> None:
        """Journal that the listing ``key`` has been stored up to ``token`` (None: to the end)."""
        self._tokens[key] = token
        self._append([{"kind": "oai", "key": key, "token": token}])

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
