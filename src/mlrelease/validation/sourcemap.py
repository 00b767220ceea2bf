"""Where in its source file a finding points: the line and column of the offending key or value.

Manifests (YAML, and JSON, which the YAML reader reads too) are read again with the marking
loader of :mod:`mlrelease.codecs.yaml_safe`, whose mappings remember the line of each key and
whose scalars remember their line and column. A finding's focus node is found by the derived IRI
fragment the manifest reader gave it (``#artifact/<type>``, ``#stages/2``, ``#gate``; see
docs/manifest.md, "IRIs") and its path by the manifest key of the property. A key that is
missing points at the mapping that should hold it.

>>> text = "identifier: org/m\\nversion: '1'\\naccessTier: open\\n"
>>> SourceMap(text).position("https://w3id.org/mlrelease/release/org%2Fm/1",
...     "https://w3id.org/mlrelease/release/org%2Fm/1", "https://w3id.org/mlrelease/vocab#accessTier")
(3, 13)
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..codecs.yaml_safe import MarkedDict, MarkedList, MarkedStr, load_yaml
from ..vocabulary import load as load_vocabulary

#: Formats whose files are manifests this map reads.
MANIFEST_FORMATS = ("yaml", "json")

_NUMBERED = re.compile(r"^(?P<code>.+?)(?:-(?P<n>\d+))?$")


@functools.cache
def _keys_by_iri() -> dict[str, str]:
    return {iri: term.key for iri, term in load_vocabulary().terms.items() if term.key}


class SourceMap:
    """Positions in one manifest's text (1-based line and column)."""

    def __init__(self, text: str, source: str = "<string>") -> None:
        self.lines = text.splitlines()
        self.root: Any = load_yaml(text, source=source)
        self.by_id: dict[str, MarkedDict] = {}
        self._index(self.root)

    def _index(self, node: Any) -> None:
        """Remember the mappings that state their own ``id``."""
        if isinstance(node, dict):
            if isinstance(node, MarkedDict) and isinstance(node.get("id"), str):
                self.by_id.setdefault(str(node["id"]), node)
            for value in node.values():
                self._index(value)
        elif isinstance(node, list):
            for value in node:
                self._index(value)

    def _key_position(self, node: MarkedDict, key: str) -> tuple[int, int | None]:
        value = node.get(key)
        if isinstance(value, MarkedStr) and value.line:
            return value.line, value.column
        line = node.key_lines.get(key, node.line)
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        found = text.find(key)
        return line, (found + 1 if found >= 0 else None)

    def node_of(self, release: str, focus: str) -> Any:
        """The mapping ``focus`` was read from (the whole manifest when it cannot be told)."""
        if focus in self.by_id and focus != release:
            return self.by_id[focus]
        if not isinstance(self.root, dict) or focus == release or "#" not in focus:
            return self.root
        node: Any = self.root
        parts = focus.split("#", 1)[1].split("/")
        i = 0
        while i < len(parts):
            key = parts[i]
            if key == "artifact" and node is self.root and i + 1 < len(parts):
                m = _NUMBERED.match(parts[i + 1])
                assert m is not None
                wanted, nth = m.group("code"), int(m.group("n") or 1)
                same = [a for a in _as_list(node.get("artifacts")) if isinstance(a, dict)
                        and str(a.get("artifactType", "")) == wanted]
                if len(same) < nth:
                    return node
                node, i = same[nth - 1], i + 2
                continue
            if not isinstance(node, dict) or key not in node:
                return node
            child = node[key]
            if i + 1 < len(parts) and parts[i + 1].isdigit():
                items = _as_list(child)
                index = int(parts[i + 1])
                if not 0 < index <= len(items):
                    return node
                child, i = items[index - 1], i + 2
            else:
                i += 1
            if not isinstance(child, dict):
                return node
            node = child
        return node

    def position(self, release: str, focus: str, path: str | None) -> tuple[int, int | None] | None:
        """(line, column or None) of the key ``path`` on the node ``focus``, or of that node."""
        node = self.node_of(release, focus)
        if not isinstance(node, MarkedDict):
            return None
        key = _keys_by_iri().get(path or "")
        if key is not None and key in node:
            return self._key_position(node, key)
        # A missing key: point at the mapping that should hold it (its first key).
        first = next(iter(node), None)
        if isinstance(first, str):
            return self._key_position_of_key(node, first)
        return (node.line, None) if node.line else None

    def _key_position_of_key(self, node: MarkedDict, key: str) -> tuple[int, int | None]:
        line = node.key_lines.get(key, node.line)
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        found = text.find(key)
        return line, (found + 1 if found >= 0 else None)


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, (list, MarkedList)):
        return list(value)
    return [] if value is None else [value]


__all__ = ["MANIFEST_FORMATS", "SourceMap"]
