"""Markdown documents with YAML front matter, as importers read them: the metadata block, headings, sections.

:func:`front_matter` finds the YAML block between the leading ``---`` lines; :func:`headings` lists
the ATX (``## Uses``), setext (a line underlined with ``===`` or ``---``) and one-line HTML
(``<h2>Uses</h2>``) headings outside fenced code and HTML comments; :func:`outline` cuts a body
into its title, the text under the title and the sections that a ``classify`` function names.

>>> lines = ["---", "license: mit", "---", "# Demo", "", "A demo.", "", "## Uses", "", "Try it.", "### More", "x"]
>>> meta = front_matter(lines, "README.md")
>>> meta.yaml_text(), meta.body_start
('\\nlicense: mit\\n', 3)
>>> doc = outline(lines[3:], 3, lambda raw: {"uses": "uses"}.get(raw.lower()))
>>> doc.title.raw, doc.lead, [(s.code, s.heading.line, s.lines) for s in doc.sections]
('Demo', ['', 'A demo.', ''], [('uses', 8, ['', 'Try it.', '### More', 'x'])])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import InputError
from .report import Location

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*\Z")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*\Z")
_HTML_HEADING = re.compile(r" {0,3}<h([1-6])(?:\s[^>]*)?>(.*?)</h\1>\s*\Z", re.I)


# ---------------------------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrontMatter:
    """The YAML metadata block of a Markdown file: the lines between its leading ``---`` lines."""

    opening: int  # index of the opening --- line (blank lines may come before it)
    lines: list[str]  # the lines between the --- lines
    body_start: int  # index of the first line after the closing ---

    def line_of(self, offset: int) -> int:
        """The 1-based line in the file of ``lines[offset]``."""
        return self.opening + 2 + offset

    def yaml_text(self) -> str:
        """The block padded with empty lines, so that the YAML loader's line numbers are the file's."""
        return "\n" * (self.opening + 1) + "\n".join(self.lines) + "\n"


def front_matter(lines: Sequence[str], source: str) -> FrontMatter | None:
    """Return the metadata block of a file's ``lines``, or None when the first non-blank line is not ``---``.

    :raises InputError: the block is never closed (``source:line:1`` of the opening ``---``).
    """
    opening = 0
    while opening < len(lines) and not lines[opening].strip():
        opening += 1
    if opening == len(lines) or lines[opening].rstrip() != "---":
        return None
    for end in range(opening + 1, len(lines)):
        if lines[end].rstrip() == "---":
            break
    else:
        raise InputError(f"the metadata block opened by --- on line {opening + 1} is never closed",
                         location=str(Location(source, opening + 1, 1)),
                         hint="end the YAML metadata with a line holding only ---, before the Markdown")
    return FrontMatter(opening, list(lines[opening + 1:end]), end + 1)


# ---------------------------------------------------------------------------------------------
# Headings
# ---------------------------------------------------------------------------------------------


@dataclass
class Heading:
    """A heading of a Markdown body."""

    line: int  # 1-based line in the file
    index: int  # index into the body lines of the heading's (first) line
    level: int
    raw: str  # the heading's text as written, without the # marks or HTML tags
    end: int  # index of the heading's last line (the underline of a setext heading)


def headings(body: Sequence[str], offset: int) -> list[Heading]:
    """ATX, setext and one-line HTML headings of ``body`` outside fenced code and HTML comments.

    ``offset`` is the index in the file of ``body[0]`` (so that :attr:`Heading.line` is the file's).
    """
    out: list[Heading] = []
    fence: str | None = None
    in_comment = False
    for i, line in enumerate(body):
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        fence_match = _FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence) \
                    and not line.strip()[len(fence_match.group(1)):].strip():
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        stripped = line.strip()
        if stripped.startswith("<!--") and "-->" not in stripped:
            in_comment = True
            continue
        atx = _ATX.match(line)
        if atx:
            text = (atx.group(2) or "").strip()
            if text:
                out.append(Heading(offset + i + 1, i, len(atx.group(1)), text, i))
            continue
        html = _HTML_HEADING.match(line)
        if html:
            text = re.sub(r"<[^>]*>", " ", html.group(2)).strip()
            if text:
                out.append(Heading(offset + i + 1, i, int(html.group(1)), text, i))
            continue
        setext = _SETEXT.match(line)
        if setext and i > 0 and _setext_text(body[i - 1]) and not (out and out[-1].index == i - 1):
            prev_blank = i < 2 or not body[i - 2].strip()
            if prev_blank:
                level = 1 if setext.group(1)[0] == "=" else 2
                out.append(Heading(offset + i, i - 1, level, body[i - 1].strip(), i))
    return out


def _setext_text(line: str) -> bool:
    """Whether ``line`` can be the text of a setext heading (not indented code, a list item, a quote, ...)."""
    stripped = line.strip()
    if not stripped or line.startswith(("    ", "\t")):
        return False
    return not re.match(r"([-*+>|<]|\d+[.)])(\s|$)", stripped)


def is_atx_heading(line: str) -> bool:
    """Whether ``line`` is an ATX heading line (``## Uses``, or only ``#`` marks)."""
    return _ATX.match(line) is not None


def normalise_heading(text: str) -> str:
    """Return a heading's text as ``mlr:headingPattern`` literals are written.

    Lower-cased, without emphasis markup, links, HTML tags, leading numbering or symbols, a
    trailing "[optional]" or trailing colons and full stops, with runs of white space collapsed.

    >>> normalise_heading("**Out-of-Scope Use** [optional]:")
    'out-of-scope use'
    >>> normalise_heading("2.1 📊 Evaluation Results")
    'evaluation results'
    """
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("`", "").replace("*", "")
    text = re.sub(r"(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])", "", text)
    text = " ".join(text.split()).lower()
    while True:
        before = text
        text = re.sub(r"\s*\[optional\]\s*$", "", text)
        text = text.rstrip(" :.")
        text = re.sub(r"^(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)]|[a-z][.)])\s+", "", text)
        text = re.sub(r"^[^\w(\[]+", "", text)
        text = re.sub(r"[^\w)\]?!]+$", "", text)
        if text == before:
            return text


def display_text(heading: str) -> str:
    """A heading's text as a reader sees it: without HTML tags, images, link targets and emphasis markup."""
    text = re.sub(r"<[^>]*>", " ", heading)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("`", "").replace("**", "").replace("__", "")
    text = re.sub(r"(?<![A-Za-z0-9])[*_]|[*_](?![A-Za-z0-9])", "", text)
    return " ".join(text.split())


def strip_comments(text: str) -> str:
    """``text`` without its HTML comments (``<!-- ... -->``, across lines)."""
    return _COMMENT.sub("", text)


# ---------------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A heading that names a section (``code``) with the body lines under it, or one that names none.

    A section runs to the next heading that names a section, names none at its level or above,
    or is the title; a heading that names no section has ``code`` None and no ``lines``.
    """

    heading: Heading
    code: str | None
    lines: list[str]


@dataclass(frozen=True)
class Outline:
    """A Markdown body cut into its title, the text under it (``lead``) and its sections."""

    title: Heading | None
    lead: list[str]
    sections: list[Section]


def outline(body: Sequence[str], offset: int, classify: Callable[[str], str | None]) -> Outline:
    """Cut ``body`` (starting at index ``offset`` of the file) into title, lead and sections.

    ``classify`` maps a heading's raw text to the code of the section it names, or None. The title
    is the first level-1 heading that names no section; the lead is the text under it (or, without
    a title, the text before the first heading). A heading that names no section under a section
    of a higher level belongs to that section; any other is listed in ``sections`` with code None,
    in document order (the title is not listed).
    """
    found = headings(body, offset)
    title = next((h for h in found if h.level == 1 and classify(h.raw) is None), None)
    if title is not None:
        after = [h.index for h in found if h.index > title.index]
        lead = body[title.end + 1:after[0] if after else len(body)]
    else:
        lead = body[:found[0].index if found else len(body)]
    sections: list[Section] = []
    current: tuple[Heading, str] | None = None
    for heading in found:
        code = classify(heading.raw)
        if heading is title:
            code = None
        elif code is None and current is not None and heading.level > current[0].level:
            continue  # a sub-heading without a section of its own belongs to the section above it
        if current is not None:
            sections.append(Section(current[0], current[1], list(body[current[0].end + 1:heading.index])))
            current = None
        if code is None:
            if heading is not title:
                sections.append(Section(heading, None, []))
            continue
        current = (heading, code)
    if current is not None:
        sections.append(Section(current[0], current[1], list(body[current[0].end + 1:])))
    return Outline(title, list(lead), sections)


__all__ = ["FrontMatter", "Heading", "Outline", "Section", "display_text", "front_matter", "headings",
           "is_atx_heading", "normalise_heading", "outline", "strip_comments"]
