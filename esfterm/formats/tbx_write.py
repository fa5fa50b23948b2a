"""Writing the termbase model as TBX v3 (TBX-Basic, DCA style) or TBX v2 (<martif>, TBX-Basic).

v3 follows the TBX-Basic RELAX NG and Schematron of ISO 30042:2019. v2 is the no-namespace
<martif> form of TBX-Basic (2008) that OmegaT, MultiTerm and memoQ import; OmegaT 3.6 rejects
both a v3 file and a namespaced <martif>, so v2 output carries no namespace at all.
Data categories kept as `Extra` are written back where TBX allows them.
"""

from __future__ import annotations

import os

from lxml import etree

from esfterm.errors import InputError
from esfterm.fileio import write_bytes_atomic
from esfterm.formats.tbx_read import TBX_NS
from esfterm.model import Concept, Extra, LangSection, Sourced, Term, Termbase
from esfterm.xmlsafe import XML_LANG, parse_xml_bytes

#: Status values written in TBX-Basic `administrativeStatus`.
STATUS_OUT = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
              "deprecated": "deprecatedTerm-admn-sts", "superseded": "supersededTerm-admn-sts"}
_BASIC_NAMES = ("TBX", "TBX-Basic", "TBX-Basic-V1", "TBX-Min", "TBX-Core")
_V3_MODEL_PIS = (
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
    'TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"',
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
    'TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"',
)
#: Elements that hold only other elements, so indentation inside them is insignificant.
_STRUCTURAL = frozenset(
    "tbx martif tbxHeader martifHeader fileDesc titleStmt publicationStmt sourceDesc encodingDesc "
    "revisionDesc change text body back conceptEntry termEntry langSec langSet termSec tig ntig "
    "termGrp descripGrp adminGrp transacGrp termNoteGrp refObjectSec refObject itemSet itemGrp".split())
_TERM_NOTE_KINDS = ("termNote", "termNoteGrp")


class TbxWriter:
    """Builds the element tree of one termbase for TBX version 3 or 2."""

    def __init__(self, version: int) -> None:
        if version not in (2, 3):
            raise ValueError(f"TBX version must be 2 or 3, not {version!r}")
        self.version = version
        self.ns = TBX_NS if version == 3 else None
        self.names = ({"concept": "conceptEntry", "lang": "langSec", "term": "termSec", "header": "tbxHeader"}
                      if version == 3 else
                      {"concept": "termEntry", "lang": "langSet", "term": "tig", "header": "martifHeader"})

    def tag(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name

    def sub(self, parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> etree._Element:
        el = etree.SubElement(parent, self.tag(name), attrs)
        el.text = text
        return el

    def into_ns(self, el: etree._Element) -> etree._Element:
        """Move un-namespaced TBX elements into the TBX namespace (v3); foreign ones stay."""
        if self.ns:
            for node in el.iter():
                if isinstance(node.tag, str) and not node.tag.startswith("{"):
                    node.tag = self.tag(node.tag)
        return el

    def kept(self, item: Extra) -> etree._Element:
        return self.into_ns(parse_xml_bytes(item.xml.encode("utf-8"), source=f"<kept {item.kind}>"))

    def extra(self, parent: etree._Element, item: Extra) -> None:
        """Append a kept element where it was found."""
        parent.append(self.kept(item))

    def sourced(self, parent: etree._Element, dtype: str, item: Sourced) -> None:
        holder = self.sub(parent, "descripGrp") if item.source is not None else parent
        el = self.sub(holder, "descrip", type=dtype)
        if item.markup is not None:
            wrapper = parse_xml_bytes(f"<descrip>{item.markup}</descrip>".encode("utf-8"),
                                      source="<descrip markup>")
            el.text = wrapper.text
            for child in list(wrapper):
                el.append(self.into_ns(child))
        else:
            el.text = item.text
        if item.source is not None:
            self.sub(holder, "admin", item.source, type="source")

    def aux(self, parent: etree._Element, holder, definitions: list[Sourced]) -> None:
        for d in definitions:
            self.sourced(parent, "definition", d)
        for source in holder.sources:
            self.sub(parent, "admin", source, type="source")
        for note in holder.notes:
            self.sub(parent, "note", note)

    def root(self, tb: Termbase) -> etree._Element:
        if self.version == 3:
            dialect = "TBX-Basic" if tb.dialect in _BASIC_NAMES or not tb.dialect.startswith("TBX-") else tb.dialect
            root = etree.Element(self.tag("tbx"), {"type": dialect, "style": "dca", XML_LANG: tb.lang},
                                 nsmap={None: TBX_NS})
        else:
            root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: tb.lang})
        self.header(root, tb)
        text = self.sub(root, "text")
        body = self.sub(text, "body")
        for concept in tb.concepts:
            self.concept(body, concept)
        for item in tb.extra:
            if item.kind == "back":
                self.extra(text, item)
        return root

    def header(self, root: etree._Element, tb: Termbase) -> None:
        header = self.sub(root, self.names["header"])
        file_desc = self.sub(header, "fileDesc")
        kept = {item.kind: item for item in tb.extra}
        if tb.title is not None:
            self.sub(self.sub(file_desc, "titleStmt"), "title", tb.title)
        elif "titleStmt" in kept:
            self.extra(file_desc, kept["titleStmt"])
        if tb.publication:
            stmt = self.sub(file_desc, "publicationStmt")
            for p in tb.publication:
                self.sub(stmt, "p", p)
        for item in tb.extra:
            if item.kind in ("publicationStmt", "sourceDesc"):
                self.extra(file_desc, item)
        if tb.source_desc or "sourceDesc" not in kept:
            stmt = self.sub(file_desc, "sourceDesc")
            for p in tb.source_desc or ["Written by esfterm."]:
                self.sub(stmt, "p", p)
        for kind in ("encodingDesc", "revisionDesc"):
            if kind in kept:
                self.extra(header, kept[kind])
            elif kind == "encodingDesc" and self.version == 2:
                self.sub(self.sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")

    def concept(self, body: etree._Element, concept: Concept) -> None:
        el = self.sub(body, self.names["concept"], id=concept.id)
        if concept.subject_field is not None:
            self.sub(el, "descrip", concept.subject_field, type="subjectField")
        self.aux(el, concept, concept.definitions)
        for item in concept.extra:
            self.extra(el, item)
        for sec in concept.languages:
            self.lang_section(el, sec)

    def lang_section(self, parent: etree._Element, sec: LangSection) -> None:
        el = self.sub(parent, self.names["lang"], **{XML_LANG: sec.lang})
        self.aux(el, sec, sec.definitions)
        for item in sec.extra:
            self.extra(el, item)
        for term in sec.terms:
            self.term(el, term)

    def term(self, parent: etree._Element, term: Term) -> None:
        el = self.sub(parent, self.names["term"], **({"id": term.id} if term.id is not None else {}))
        self.sub(el, "term", term.text)
        notes = (("termType", term.term_type),
                 ("administrativeStatus", STATUS_OUT.get(term.status or "")),
                 ("partOfSpeech", term.part_of_speech),
                 ("grammaticalGender", term.grammatical_gender),
                 ("grammaticalNumber", term.grammatical_number))
        for dtype, value in notes:
            if value is not None:
                self.sub(el, "termNote", value, type=dtype)
        kept = [self.kept(item) for item in term.extra]
        after = []
        for node in kept:
            name = etree.QName(node)
            if name.localname in _TERM_NOTE_KINDS or name.namespace not in (None, TBX_NS):
                el.append(node)
            else:
                after.append(node)
        for context in term.contexts:
            self.sourced(el, "context", context)
        self.aux(el, term, [])
        for node in after:
            el.append(node)


def _indent(el: etree._Element, level: int = 0, space: str = "  ") -> None:
    """Indent structural elements only: text-bearing elements keep their content untouched."""
    if etree.QName(el).localname not in _STRUCTURAL or not len(el):
        return
    inner = "\n" + space * (level + 1)
    el.text = inner
    for child in el:
        _indent(child, level + 1, space)
        child.tail = inner
    el[-1].tail = "\n" + space * level


def tbx_bytes(termbase: Termbase, version: int = 3) -> bytes:
    """The termbase serialised as a complete TBX document (UTF-8).

    Raises InputError for a termbase without concepts: TBX requires at least one entry.
    """
    if not termbase.concepts:
        raise InputError("the termbase holds no concepts, and a TBX body needs at least one")
    writer = TbxWriter(version)
    root = writer.root(termbase)
    _indent(root)
    root.tail = None
    head = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    if version == 3:
        head += b"".join(b"<?xml-model " + pi.encode() + b"?>\n" for pi in _V3_MODEL_PIS)
    return head + etree.tostring(root, encoding="utf-8") + b"\n"


def write_tbx(termbase: Termbase, path: str | os.PathLike, version: int = 3) -> None:
    """Write the termbase as TBX v3 (TBX-Basic) or v2 (<martif>, TBX-Basic), atomically."""
    write_bytes_atomic(path, tbx_bytes(termbase, version))
