"""Secure XML parsing for every format reader: no entity expansion, no DTD or network fetches.

Files with entity declarations (billion laughs, XXE) are refused outright: no CAT-tool
exchange format needs them, and refusing is the only answer that is safe on every parser.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import Iterable, Iterator

from lxml import etree

from esfterm.errors import InputError

#: Refuse XML files larger than this (2 GiB); streaming readers handle everything below.
MAX_XML_BYTES = 2 * 1024 ** 3
_HEAD_BYTES = 256 * 1024
_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
#: Comments and processing instructions: text there declares nothing ("<!ENTITY" in a TMX note
#: or comment is text).
_INERT = re.compile(r"<!--.*?-->|<\?.*?\?>", re.DOTALL)
#: The first element start: a DTD (and its entity declarations) can only come before it.
_ELEMENT_START = re.compile(r"<[A-Za-z_:]")
#: The xml:lang attribute as lxml names it.
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def local(el: etree._Element) -> str:
    """The element name without namespace ('' for comments and processing instructions)."""
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def safe_parser(**options) -> etree.XMLParser:
    """An lxml parser with entity resolution, DTD loading and network access all off."""
    settings = dict(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                    huge_tree=False, remove_comments=False)
    settings.update(options)
    return etree.XMLParser(**settings)


def decode_head(head: bytes) -> str:
    """Decode the first bytes of an XML file by its BOM (UTF-8/16) or its first '<'; lenient."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, errors="replace")
    if head[:2] == b"<\x00":
        return head.decode("utf-16-le", errors="replace")
    if head[:2] == b"\x00<":
        return head.decode("utf-16-be", errors="replace")
    return head.decode("utf-8", errors="replace")


def check_xml_file(path: str | os.PathLike) -> None:
    """Refuse missing, empty, huge, non-XML and entity-declaring files before any parsing."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file", path=p) from None
    if p.is_dir():
        raise InputError("is a directory, expected a file", path=p)
    if size == 0:
        raise InputError("file is empty (0 bytes)", path=p)
    if size > MAX_XML_BYTES:
        raise InputError(f"file is too large ({size} bytes, limit {MAX_XML_BYTES})", path=p)
    with open(p, "rb") as fh:
        head = decode_head(fh.read(_HEAD_BYTES))
    if not head.strip():
        raise InputError("file is empty (only whitespace)", path=p)
    if not head.lstrip().startswith("<"):
        raise InputError("not an XML file (does not start with '<')", path=p, line=1)
    at = _entity_declaration(head)
    if at is not None:
        line = head.count("\n", 0, at) + 1
        raise InputError("refused: the DTD declares entities (entity expansion / external entity attack)",
                         path=p, line=line)


def _entity_declaration(head: str) -> int | None:
    """Where the prolog (before the root element) declares an entity, or None. Comments and
    processing instructions are blanked first, keeping offsets, so text in them never counts."""
    prolog = _INERT.sub(lambda m: " " * len(m.group()), head)
    start = _ELEMENT_START.search(prolog)
    match = _ENTITY_DECL.search(prolog, 0, start.start() if start else len(prolog))
    return match.start() if match else None


def _syntax_error(path: Path, exc: etree.XMLSyntaxError) -> InputError:
    line, column = (exc.position if getattr(exc, "position", None) else (None, None))
    message = str(exc.msg if hasattr(exc, "msg") and exc.msg else exc).split(", line ")[0]
    return InputError(f"malformed XML: {message}", path=path, line=line, column=column)


def parse_xml(path: str | os.PathLike) -> etree._ElementTree:
    """Parse a whole XML file safely; InputError (with line and column) on any problem."""
    p = Path(path)
    check_xml_file(p)
    try:
        tree = etree.parse(str(p), safe_parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(p, exc) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", path=p) from None
    _refuse_entities(p, tree)
    return tree


def parse_xml_bytes(data: bytes, *, source: str = "<bytes>") -> etree._Element:
    """Parse XML held in memory with the same protections as parse_xml."""
    if not data.strip():
        raise InputError("empty XML document", path=source)
    if _entity_declaration(decode_head(data[:_HEAD_BYTES])) is not None:
        raise InputError("refused: the DTD declares entities", path=source)
    try:
        return etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(Path(source), exc) from None


def _refuse_entities(path: Path, tree: etree._ElementTree) -> None:
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError("refused: the DTD declares entities", path=path)


def iterparse(path: str | os.PathLike, events: Iterable[str] = ("end",),
              tag: str | Iterable[str] | None = None) -> Iterator[tuple[str, etree._Element]]:
    """Stream (event, element) pairs with lxml iterparse, safely; syntax errors become InputError.

    Callers should clear elements they are done with to keep memory flat on huge files.
    """
    p = Path(path)
    check_xml_file(p)
    with open(p, "rb") as fh:  # closed when the caller stops early, not when garbage-collected
        context = etree.iterparse(fh, events=tuple(events), tag=tag, resolve_entities=False,
                                  no_network=True, load_dtd=False, huge_tree=False, remove_comments=False)
        try:
            yield from context
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(p, exc) from None
