"""Where in its source file a finding points: the line and column of the offending key or value.

Manifests (YAML, and JSON, which the YAML reader reads too) are read again with the marking
loader of :mod:`mlrelease.codecs.yaml_safe`, whose mappings remember the line of each key and
whose scalars remember their line and column. A finding's focus node is found by the derived IRI
fragment the manifest reader gave it (``#artifact/<type>``, ``#stages/2``, ``#gate``; see
docs/manifest.md, "IRIs") and its path by the manifest key of the property. A key that is
missing points at the mapping that should hold it.

Releases imported from another YAML format are located in that format's file: the importer says
which of its fields a manifest part comes from, as a dotted path (for MOF manifests,
:class:`mlrelease.importers.mof.MofSources`: ``release.components.5.license``), which
:meth:`SourceMap.path_position` finds in the same marked tree.

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
from ..importers.mof import FORMAT as MOF_FORMAT
from ..importers.mof import MofSources
from ..vocabulary import load as load_vocabulary

#: Formats whose files are manifests this map reads.
MANIFEST_FORMATS = ("yaml", "json")
#: Formats read by an importer that names the source field of each manifest part (see above).
_SOURCE_FIELDS = {MOF_FORMAT: MofSources}
#: Every format whose findings this map locates.
LOCATED_FORMATS = (*MANIFEST_FORMATS, *_SOURCE_FIELDS)

_NUMBERED = re.compile(r"^(?P<code>.+?)(?:-(?P<n>\d+))?$")


@functools.cache
def _keys_by_iri() -> dict[str, str]:
    return {iri: term.key for iri, term in load_vocabulary().terms.items() if term.key}


class SourceMap:
    """Positions in one manifest's text (1-based line and column)."""

    def __init__(self, text: str, source: str = "<string>", format: str = "yaml") -> None:
        self.lines = text.splitlines()
        self.root: Any = load_yaml(text, source=source)
        self.by_id: dict[str, MarkedDict] = {}
        fields = _SOURCE_FIELDS.get(format)
        #: The importer's map from manifest parts to its own fields, for a format other than a manifest.
        self.fields = fields(self.root, text, source) if fields is not None else None
        if self.fields is None:
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
        key = _keys_by_iri().get(path or "")
        if self.fields is not None:
            return self.path_position(self.fields.path(release, focus, key or path))
        node = self.node_of(release, focus)
        if not isinstance(node, MarkedDict):
            return None
        if key is not None and key in node:
            return self._key_position(node, key)
        return self._mapping_position(node)

    def path_position(self, dotted: str) -> tuple[int, int | None] | None:
        """(line, column or None) of the field ``a.b.3.c`` (list items counted from 0).

        A key that is present points at its value (a string) or at the key itself (a mapping or
        list); a key that is missing, at the mapping that should hold it (its first key); a path
        that ends at a list item, at the item's first key.

        >>> text = "release:\\n  name: x\\n  components:\\n    - name: y\\n"
        >>> SourceMap(text).path_position("release.components.0.license")
        (4, 7)
        """
        node: Any = self.root
        parts = dotted.split(".") if dotted else []
        for i, part in enumerate(parts):
            if isinstance(node, dict) and isinstance(node, MarkedDict):
                if part not in node:
                    return self._mapping_position(node)
                child = node[part]
                if i + 1 == len(parts) or not isinstance(child, (dict, list)):
                    return self._key_position(node, part)
                node = child
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                break
        return self._mapping_position(node) if isinstance(node, MarkedDict) else None

    def _mapping_position(self, node: MarkedDict) -> tuple[int, int | None] | None:
        """Where a mapping is: its first key (a key it lacks is located here)."""
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


__all__ = ["LOCATED_FORMATS", "MANIFEST_FORMATS", "SourceMap"]
