"""Safe YAML loading that keeps locations and never corrupts values.

* Only plain data: no Python tags (``!!python/...``), no custom tags.
* Duplicate mapping keys are an error, with the line of the second occurrence.
* Scalars load as :class:`MarkedStr` (a ``str``) that remembers its line, column and whether it
  was quoted; no YAML 1.1 coercion is applied (``1.10`` stays ``"1.10"``, ``NO`` stays ``"NO"``).
  Typing happens later, by the vocabulary (see :func:`plain_value`).
* Aliases are limited (alias bombs), and so are depth and node count.

>>> data = load_yaml("version: 1.10\\ncountry: NO\\n", source="m.yaml")
>>> data["version"], data["country"], data["version"].line
('1.10', 'NO', 1)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import yaml

from ..errors import InputError
from .limits import DEFAULT_LIMITS, Limits


class MarkedStr(str):
    """A YAML scalar's text with its position (1-based line and column) and quoting."""

    line: int
    column: int
    quoted: bool

    def __new__(cls, value: str, line: int = 0, column: int = 0, quoted: bool = False) -> MarkedStr:
        obj = super().__new__(cls, value)
        obj.line = line
        obj.column = column
        obj.quoted = quoted
        return obj

    def __reduce__(self):  # keep pickling and copying simple: a plain str
        return (str, (str(self),))


class MarkedDict(dict):
    """A YAML mapping that remembers the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class MarkedList(list):
    """A YAML sequence that remembers its line."""

    line: int = 0


_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
#: The YAML 1.2 core schema's non-finite floats (``.nan``, ``-.inf``): numbers, which records refuse.
_SPECIAL_FLOAT = re.compile(r"([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))\Z")


def plain_value(value: Any) -> Any:
    """Type an unquoted scalar by the YAML 1.2 core schema (null, true/false, int, float).

    Quoted scalars and anything else stay strings: ``"1.0"`` stays a string, ``NO`` stays "NO".

    >>> plain_value(MarkedStr("0.61")), plain_value(MarkedStr("true")), plain_value(MarkedStr("yes"))
    (0.61, True, 'yes')
    """
    if not isinstance(value, MarkedStr) or value.quoted:
        return value
    text = str(value)
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    if _SPECIAL_FLOAT.match(text):
        return float(text.replace(".", "").replace("+", ""))
    return text


#: The fastest YAML event parser available: libyaml's (C) when PyYAML was built with it.
_EVENT_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Tags a manifest may carry: the YAML core types PyYAML's safe loader resolves.
_ALLOWED_TAGS = frozenset({
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value",
})
#: Characters YAML 1.1 does not allow in a stream (PyYAML's Reader refuses them too): controls
#: other than tab and line breaks, lone surrogates, U+FFFE and U+FFFF.
_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


#: Up to this many characters, a syntax error is reported in the words of PyYAML's pure-Python parser
#: (as before the loader read libyaml's events); beyond, in libyaml's, so that a large broken file is
#: refused as fast as it is read.
_REWORD_LIMIT = 256 * 1024


def _mark(source: str, mark: Any) -> str:
    return f"{source}:{mark.line + 1}:{mark.column + 1}"


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def load_yaml(text: str, *, source: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse one YAML document into dicts, lists and :class:`MarkedStr` scalars.

    One pass over libyaml's events, building values with an explicit stack (never by recursion),
    so every limit holds while the document is read: size, depth, nodes, aliases, and the text that
    aliases expand to.

    :raises InputError: on a syntax error, a character YAML does not allow, a duplicate key, a tag,
        too many aliases or too much text expanded from them, too deep nesting, too many nodes, more
        than one document, or text larger than ``limits.max_bytes``.
    """
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise InputError(
            f"document is larger than the limit of {limits.max_bytes} bytes",
            location=source,
            hint="split it, or raise the limit (Limits(max_bytes=...)) if you trust the input",
        )
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        line, column = _position(text, bad.start())
        raise InputError(f"the document holds a character YAML does not allow (U+{ord(bad.group()):04X})",
                         location=f"{source}:{line}:{column}",
                         hint="remove it; in a double-quoted string it can be written as an escape such as \\u0007")
    try:
        return _Builder(source, limits).build(_events(text))
    except yaml.YAMLError as exc:
        if isinstance(exc, yaml.MarkedYAMLError) and "maximum nesting depth" in str(exc.problem):
            raise InputError(f"nesting deeper than {limits.max_depth} levels",
                             location=_mark(source, exc.problem_mark) if exc.problem_mark else source,
                             hint="release records are shallow; this input is probably not a manifest") from None
        if len(text) <= _REWORD_LIMIT:
            # Word and place the error as PyYAML's reference (pure-Python) parser does, as always.
            _raise_reference_error(text, source, limits)
        raise _syntax_error(exc, source) from None


def _syntax_error(exc: yaml.YAMLError, source: str) -> InputError:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return InputError(f"YAML error: {exc}", location=source)
    mark = exc.problem_mark or exc.context_mark
    where = _mark(source, mark) if mark else source
    problem = exc.problem or "invalid YAML"
    hint = "check the indentation and quoting on that line"
    if "expected a single document" in str(exc.context or ""):
        problem = "the file holds more than one YAML document (---)"
        hint = "put one release in each file"
    return InputError(f"YAML syntax error: {problem}", location=where, hint=hint)


def _raise_reference_error(text: str, source: str, limits: Limits) -> None:
    """Raise the error PyYAML's pure-Python scanner, then parser, finds in ``text`` (if any)."""
    try:
        aliases = sum(1 for token in yaml.scan(text, Loader=yaml.SafeLoader) if isinstance(token, yaml.AliasToken))
        if aliases > limits.max_aliases:
            raise _too_many_aliases(aliases, source, limits)
        for _event in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, source) from None


def _too_many_aliases(count: int, source: str, limits: Limits) -> InputError:
    return InputError(f"document uses {count} YAML aliases (limit {limits.max_aliases})", location=source,
                      hint="write the values out instead of using anchors and aliases")


class _Frame:
    """A mapping or sequence being built: its value, and the key waiting for its value.

    What an alias of this subtree expands to (nodes and scalar characters) is the growth of the
    builder's counters while the frame is open; its height (levels below it) is kept here.
    """

    __slots__ = ("anchor", "chars0", "height", "is_list", "key", "mark", "nodes0", "value")

    def __init__(self, value: MarkedDict | MarkedList, anchor: str | None, mark: Any, nodes0: int,
                 chars0: int) -> None:
        self.value = value
        self.is_list = type(value) is MarkedList
        self.anchor = anchor
        self.mark = mark
        self.key: str | None = None
        self.nodes0 = nodes0
        self.chars0 = chars0
        self.height = 0


def _events(text: str) -> Iterator[Any]:
    """libyaml's events of ``text``: its parser driven directly (no generator frame per event)."""
    if _CPARSER is None:
        return iter(yaml.parse(text, Loader=_EVENT_LOADER))
    return iter(_CPARSER(text).get_event, None)


_CPARSER: Any = getattr(getattr(yaml, "_yaml", None), "CParser", None) if _EVENT_LOADER is not yaml.SafeLoader else None


class _Builder:
    """Builds plain data from YAML events, checking limits as it goes."""

    def __init__(self, source: str, limits: Limits) -> None:
        self.source = source
        self.limits = limits
        self.nodes = 0
        self.chars = 0
        self.aliases = 0
        self.alias_nodes = 0
        self.max_chars = limits.max_bytes
        #: anchor -> (value, node count, character count, height)
        self.anchors: dict[str, tuple[Any, int, int, int]] = {}
        self.open_anchors: set[str] = set()

    def where(self, mark: Any) -> str:
        return _mark(self.source, mark)

    def duplicate_key(self, key: str, container: MarkedDict, mark: Any) -> InputError:
        """The error for ``key`` given a second time in the mapping ``container``."""
        return InputError(f"duplicate key {key!r} (first on line {container.key_lines[key]})",
                          location=self.where(mark), hint="a key may appear once per mapping; keep the value you mean")

    def count(self, nodes: int, chars: int, depth: int, mark: Any) -> None:
        self.nodes += nodes
        self.chars += chars
        self.check(depth, mark)

    def check(self, depth: int, mark: Any) -> None:
        """Raise the error of the first limit the counters (or ``depth``) are beyond, if any."""
        if self.nodes > self.limits.max_nodes:
            raise InputError(f"document has more than {self.limits.max_nodes} nodes (limit max_nodes)",
                             location=self.where(mark), hint=self.limits.hint("max_nodes"))
        if depth > self.limits.max_depth:
            raise InputError(
                f"nesting deeper than {self.limits.max_depth} levels (limit max_depth)", location=self.where(mark),
                hint=self.limits.hint("max_depth"),
            )
        if self.chars > self.max_chars:
            raise InputError(f"the document's aliases expand to more than {self.max_chars} characters",
                             location=self.where(mark),
                             hint="write the values out instead of repeating large anchored values")

    def check_tag(self, tag: str | None, mark: Any) -> None:
        if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
            raise InputError(f"YAML tag {tag!r} is not allowed", location=self.where(mark),
                             hint="manifests hold plain data only; remove the tag")

    def build(self, events: Iterable[Any]) -> Any:
        """The value of the one document of ``events``.

        The hot loop of reading a manifest: scalars are put into their container here, inline; the
        rarer events (aliases, a container or alias as a key) go through :meth:`attach`.
        """
        stack: list[_Frame] = []
        result: Any = None
        documents = 0
        limits = self.limits
        max_nodes, max_depth, max_chars = limits.max_nodes, limits.max_depth, self.max_chars
        max_digits = limits.max_number_digits
        event: Any
        for event in events:
            cls = type(event)
            mark: Any = event.start_mark
            if cls is _SCALAR:
                text = event.value
                self.nodes += 1
                self.chars += len(text)
                depth = len(stack)
                if self.nodes > max_nodes or depth > max_depth or self.chars > max_chars:
                    self.check(depth, mark)
                style = event.style
                if len(text) > max_digits and style in (None, "", ":") and (_INT.match(text) or _FLOAT.match(text)):
                    raise InputError(f"a number of {len(text)} digits (limit max_number_digits "
                                     f"{max_digits})", location=self.where(mark),
                                     hint=limits.hint("max_number_digits"))
                tag = event.tag
                if tag is not None:
                    self.check_tag(tag, mark)
                if stack:
                    parent = stack[-1]
                    if parent.height == 0:
                        parent.height = 1
                    container: Any = parent.value
                    if parent.key is None and not parent.is_list:  # a key: its text is all that is kept
                        if event.anchor is not None:
                            self.anchors[event.anchor] = (MarkedStr(text, mark.line + 1, mark.column + 1,
                                                                    style == "'" or style == '"'), 1, len(text), 0)
                        if text == "<<" and tag is None and event.implicit[0]:
                            raise InputError("YAML merge keys (<<) are not allowed", location=self.where(mark),
                                             hint="write the keys out")
                        if text in container:
                            raise self.duplicate_key(text, container, mark)
                        parent.key = text
                        container.key_lines[text] = mark.line + 1
                        continue
                # MarkedStr(text, line, column, quoted), built inline: three times as fast as calling it
                value = _new_str(MarkedStr, text)
                value.line = mark.line + 1
                value.column = mark.column + 1
                value.quoted = style == "'" or style == '"'
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1, len(text), 0)
                if not stack:
                    result = value
                elif parent.is_list:
                    container.append(value)
                else:
                    container[parent.key] = value
                    parent.key = None
            elif cls is _MAPPING_START or cls is _SEQUENCE_START:
                nodes0, chars0 = self.nodes, self.chars
                self.nodes += 1
                depth = len(stack)
                if self.nodes > max_nodes or depth > max_depth or self.chars > max_chars:
                    self.check(depth, mark)
                if event.tag is not None:
                    self.check_tag(event.tag, mark)
                opened: MarkedDict | MarkedList
                if cls is _MAPPING_START:
                    opened = MarkedDict()
                    opened.key_lines = {}
                else:
                    opened = MarkedList()
                opened.line = mark.line + 1
                if event.anchor is not None:
                    self.open_anchors.add(event.anchor)
                stack.append(_Frame(opened, event.anchor, mark, nodes0, chars0))
            elif cls is _MAPPING_END or cls is _SEQUENCE_END:
                frame = stack.pop()
                nodes, chars = self.nodes - frame.nodes0, self.chars - frame.chars0
                if frame.anchor is not None:
                    self.open_anchors.discard(frame.anchor)
                    self.anchors[frame.anchor] = (frame.value, nodes, chars, frame.height)
                if stack:
                    self.attach(stack, frame.value, frame.height, frame.mark)
                else:
                    result = frame.value
            elif cls is _ALIAS:
                result = self.alias(stack, event)
            elif cls is _DOCUMENT_START:
                documents += 1
                if documents > 1:
                    raise InputError("YAML syntax error: the file holds more than one YAML document (---)",
                                     location=self.where(mark), hint="put one release in each file")
        return result

    def alias(self, stack: list[_Frame], event: Any) -> Any:
        self.aliases += 1
        if self.aliases > self.limits.max_aliases:
            raise _too_many_aliases(self.aliases, self.source, self.limits)
        anchor = event.anchor
        if anchor in self.open_anchors:  # an alias inside its own anchor: infinitely deep
            raise InputError(f"nesting deeper than {self.limits.max_depth} levels",
                             location=self.where(event.start_mark),
                             hint="release records are shallow; this input is probably not a manifest")
        if anchor not in self.anchors:
            raise InputError(f"YAML syntax error: found undefined alias {anchor!r}",
                             location=self.where(event.start_mark),
                             hint="check the indentation and quoting on that line")
        value, nodes, chars, height = self.anchors[anchor]
        self.alias_nodes += nodes
        if self.alias_nodes > self.limits.max_alias_nodes:
            raise InputError(f"the document's aliases expand to more than {self.limits.max_alias_nodes} nodes "
                             "(limit max_alias_nodes)", location=self.where(event.start_mark),
                             hint=self.limits.hint("max_alias_nodes"))
        self.count(nodes, chars, len(stack) + height, event.start_mark)
        copy = _copy(value)
        self.attach(stack, copy, height, event.start_mark)
        return copy

    def attach(self, stack: list[_Frame], value: Any, height: int, mark: Any) -> None:
        """Put a finished container or an alias's copy into the open container (as a key or a value)."""
        if not stack:
            return
        parent = stack[-1]
        parent.height = max(parent.height, height + 1)
        container: Any = parent.value
        if parent.is_list:
            container.append(value)
            return
        if parent.key is None:  # value is a key
            if not isinstance(value, MarkedStr):
                raise InputError("mapping keys must be plain strings", location=self.where(mark))
            key = str(value)
            if key in container:
                raise self.duplicate_key(key, container, mark)
            parent.key = key
            container.key_lines[key] = mark.line + 1
            return
        container[parent.key] = value
        parent.key = None


_new_str = str.__new__
_SCALAR, _ALIAS, _DOCUMENT_START = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
_MAPPING_START, _SEQUENCE_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent


def _copy(value: Any) -> Any:
    """A deep copy of built data that keeps the positions (an alias gives a value of its own)."""
    if isinstance(value, MarkedStr):
        return MarkedStr(str(value), value.line, value.column, value.quoted)
    if isinstance(value, MarkedDict):
        out = MarkedDict((k, _copy(v)) for k, v in value.items())
        out.line = value.line
        out.key_lines = dict(value.key_lines)
        return out
    if isinstance(value, MarkedList):
        out_list = MarkedList(_copy(v) for v in value)
        out_list.line = value.line
        return out_list
    return value


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every string that :func:`plain_value` would read as another type."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # PyYAML quotes what YAML 1.1 would type, but leaves e.g. ``1e5`` and ``6.7E1`` plain, which the
    # YAML 1.2 core schema (and so this loader) reads as numbers.
    if not isinstance(plain_value(MarkedStr(data)), str):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="'")
    return dumper.represent_str(data)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    """Write plain data as YAML that :func:`load_yaml` reads back unchanged (strings stay strings).

    >>> print(dump_yaml({"value": "1e5", "version": "1.10", "n": 1e21}), end="")
    value: '1e5'
    version: '1.10'
    n: 1.0e+21
    """
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
