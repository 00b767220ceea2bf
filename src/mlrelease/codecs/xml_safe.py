"""The one way mlrelease reads XML: lxml with every door closed, errors as located ``InputError``.

CRIS exports (CERIF-XML, DataCite XML) arrive from other systems and are untrusted. The parser
(:func:`parse_xml`):

* refuses a ``<!DOCTYPE`` (and with it every DTD and entity declaration) before parsing: no
  external entities, no entity expansion ("billion laughs"), no DTD loading or validation;
* is an ``lxml.etree.XMLParser`` with ``resolve_entities=False``, ``no_network=True``,
  ``load_dtd=False``, ``dtd_validation=False``, ``huge_tree=False`` (libxml2's own depth and
  text-node limits stay on) and no XInclude;
* checks the size (``Limits.max_bytes``) before parsing, and the element depth
  (``Limits.max_depth``) and count (``Limits.max_nodes``) after.

Every failure is an :class:`~mlrelease.errors.InputError` whose location is ``file:line:column``.

XSD validation (:func:`validate_xsd`) loads schemas from local files only: a resolver refuses
every ``http(s)``/``ftp`` location, so an ``xs:import`` of a remote schema fails loudly instead
of touching the network; give a catalogue-like ``redirects`` mapping to point it at a local copy.

>>> root = parse_xml('<a xmlns="urn:x"><b>1</b></a>', source="x.xml")
>>> root.sourceline, root[0].text
(1, '1')
>>> parse_xml('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', source="x.xml")
Traceback (most recent call last):
...
mlrelease.errors.InputError: x.xml:1:1: XML with a DOCTYPE (DTD or entity declarations) is refused
  hint: remove the DOCTYPE; CRIS exports need none, and entities can expand without bound
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError
from .limits import DEFAULT_LIMITS, Limits

_DOCTYPE = re.compile(r"<!(DOCTYPE|ENTITY)\b")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=False, remove_pis=True, strip_cdata=True)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def parse_xml(text: str | bytes, *, source: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> etree._Element:
    """Parse untrusted XML ``text`` into its root element (with ``sourceline`` on every element).

    :raises InputError: too large, a DOCTYPE or entity declaration, not well-formed, too deep or
        too many elements; located ``file:line:column``.
    """
    raw = text.encode("utf-8") if isinstance(text, str) else text
    if len(raw) > limits.max_bytes:
        raise InputError(f"the XML document is larger than the limit of {limits.max_bytes} bytes", location=source,
                         hint="raise the limit (Limits(max_bytes=...)) if you trust the input")
    as_text = raw.decode("utf-8", errors="replace")
    found = _DOCTYPE.search(as_text)
    if found:
        line, col = _line_col(as_text, found.start())
        raise InputError("XML with a DOCTYPE (DTD or entity declarations) is refused",
                         location=f"{source}:{line}:{col}",
                         hint="remove the DOCTYPE; CRIS exports need none, and entities can expand without bound")
    try:
        root = etree.fromstring(raw, parser=_parser())
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (0, 0)
        message = re.sub(r", line \d+, column \d+$", "", str(exc.msg or exc))
        raise InputError(f"not well-formed XML: {message}", location=f"{source}:{line}:{col}",
                         hint="fix the XML syntax at this place") from None
    _check_shape(root, source, limits)
    return root


def _check_shape(root: etree._Element, source: str, limits: Limits) -> None:
    count = 0
    stack: list[tuple[etree._Element, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if depth > limits.max_depth or count > limits.max_nodes:
            what = (f"nested deeper than {limits.max_depth} elements" if depth > limits.max_depth
                    else f"more than {limits.max_nodes} elements")
            raise InputError(f"the XML document is {what}", location=f"{source}:{line_of(node)}:1",
                             hint="raise the limit (Limits(...)) if you trust the input")
        stack.extend((child, depth + 1) for child in node)


# -- XSD validation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchemaError:
    """One way a document breaks its schema, at ``file:line:column``."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


_XML_NAMESPACE_XSD = "http://www.w3.org/2001/xml.xsd"


class _LocalOnly(etree.Resolver):
    """Resolves schema locations to local files; a remote location is an error unless redirected."""

    def __init__(self, redirects: Mapping[str, Path]) -> None:
        super().__init__()
        self.redirects = dict(redirects)
        self.refused: list[str] = []

    def resolve(self, system_url: str, public_id: str, context: object) -> object:  # type: ignore[override]
        target = self.redirects.get(system_url)
        if target is not None:
            return self.resolve_filename(str(target), context)  # type: ignore[attr-defined]
        if re.match(r"(?i)(https?|ftp):", system_url or ""):
            # lxml turns an exception here into "failed to parse the resource": an empty string
            # does the same without pretending to be a network error.
            self.refused.append(system_url)
            return self.resolve_string("", context)  # type: ignore[call-arg]
        return None


def load_xsd(path: str | Path, redirects: Mapping[str, Path] | None = None) -> etree.XMLSchema:
    """Load the XML Schema at ``path`` (local files only; see the module text).

    :raises InputError: the schema cannot be read or compiled (a remote import without a redirect).
    """
    parser = _parser()
    local = dict(redirects or {})
    if _XML_NAMESPACE_XSD not in local:
        # The schema of the xml: namespace, imported by most schemas from w3.org: use the copy
        # that schema distributions ship beside their schemas (cached/xml.xsd, include/xml.xsd).
        found = sorted(Path(path).parent.rglob("xml.xsd"))
        if found:
            local[_XML_NAMESPACE_XSD] = found[0]
    resolver = _LocalOnly(local)
    parser.resolvers.add(resolver)
    try:
        return etree.XMLSchema(etree.parse(str(path), parser=parser))
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as exc:
        remote = f" (it imports {', '.join(resolver.refused)}, and mlrelease never fetches schemas)" \
            if resolver.refused else ""
        raise InputError(f"cannot load the XML schema{remote}: {exc}", location=str(path),
                         hint="give a folder holding the schema and every file it includes") from None


def validate_xsd(root: etree._Element, schema: etree.XMLSchema, source: str) -> list[SchemaError]:
    """Validate ``root`` against ``schema``; each error at ``file:line:column`` of ``source``."""
    if schema.validate(root.getroottree()):
        return []
    return [SchemaError(f"{source}:{e.line}:{e.column + 1 if e.column >= 0 else 0}", e.message)
            for e in schema.error_log]  # type: ignore[attr-defined]


def line_of(el: etree._Element) -> int:
    """The line ``el`` starts on (0 when unknown)."""
    line: object = el.sourceline
    return line if isinstance(line, int) else 0


def text_of(el: etree._Element) -> str:
    """All the text inside ``el``, stripped."""
    return "".join(str(t) for t in el.itertext()).strip()


__all__ = ["SchemaError", "line_of", "load_xsd", "parse_xml", "text_of", "validate_xsd"]
