"""Reading TBX v3 (<tbx>, ISO 30042:2019) and TBX v2 (<martif>) into the termbase model.

Both versions share element names (termEntry/langSet/tig in v2 map to conceptEntry/langSec/
termSec in v3), so one walker over local names reads both. An element becomes a model field
only when it fits that field exactly (right type, no extra attributes, no nested markup the
field cannot hold); everything else is kept as an `Extra`, so nothing in a file is lost.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

from lxml import etree

from esfterm.errors import InputError
from esfterm.langs import normalize_lang
from esfterm.model import Concept, Extra, LangSection, Sourced, Term, Termbase
from esfterm.xmlsafe import XML_LANG, local, parse_xml

TBX_NS = "urn:iso:std:iso:30042:ed-2"

#: Every spelling of a term status in TBX v2/v3 (administrativeStatus, normativeAuthorization,
#: TBX-Min usageStatus) mapped to the model's four statuses.
STATUS_VALUES = {
    "preferredTerm-admn-sts": "preferred", "admittedTerm-admn-sts": "admitted",
    "deprecatedTerm-admn-sts": "deprecated", "supersededTerm-admn-sts": "superseded",
    "preferred": "preferred", "admitted": "admitted", "deprecated": "deprecated",
    "superseded": "superseded", "notRecommended": "deprecated", "obsolete": "superseded",
}
STATUS_CATEGORIES = ("administrativeStatus", "normativeAuthorization", "usageStatus")
_TERM_NOTES = {"termType": "term_type", "partOfSpeech": "part_of_speech",
               "grammaticalGender": "grammatical_gender", "grammaticalNumber": "grammatical_number"}


def squeeze(text: str | None) -> str:
    """Text with runs of whitespace folded to one space: TBX text has no significant layout,
    and pretty-printed files break long definitions across indented lines."""
    return " ".join((text or "").split())


def detect_version(root: etree._Element, path: str | os.PathLike) -> int:
    """3 for <tbx>, 2 for <martif>; anything else is not TBX."""
    name = local(root)
    if name == "tbx":
        return 3
    if name == "martif":
        return 2
    raise InputError(f"not a TBX file: the root element is <{name}>, expected <tbx> (v3) or <martif> (v2)",
                     path=path, line=root.sourceline)


def to_extra(el: etree._Element) -> Extra:
    """Keep an element verbatim, without the TBX namespace and insignificant whitespace."""
    clone = copy.deepcopy(el)
    clone.tail = None
    for node in clone.iter():
        if isinstance(node.tag, str) and node.tag.startswith("{" + TBX_NS + "}"):
            node.tag = local(node)
        if len(node) and node.text is not None and not node.text.strip():
            node.text = None
        if node is not clone and node.tail is not None and not node.tail.strip():
            node.tail = None
    etree.cleanup_namespaces(clone)
    text = " ".join(squeeze(piece) for piece in el.itertext() if piece.strip())
    return Extra(kind=local(el), type=el.get("type"), text=text,
                 xml=etree.tostring(clone, encoding="unicode"))


def _children(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str)]


def _plain(el: etree._Element, *allowed_attrs: str) -> bool:
    """True when the element holds only text and no attributes beyond `allowed_attrs`."""
    return not len(el) and all(a in allowed_attrs for a in el.attrib)


def _inner_markup(el: etree._Element) -> str:
    """The content of an element (text and inline elements) as XML, without the TBX namespace."""
    wrapper = etree.fromstring(to_extra(el).xml)
    parts = [etree.tostring(c, encoding="unicode", with_tail=True) for c in wrapper]
    return (wrapper.text or "") + "".join(parts)


def _sourced(el: etree._Element, dtype: str) -> Sourced | None:
    """A descrip of `dtype` (optionally in a descripGrp with one admin source) as Sourced."""
    name = local(el)
    if name == "descrip":
        descrip, source = el, None
    elif name == "descripGrp" and not el.attrib:
        kids = _children(el)
        if not kids or local(kids[0]) != "descrip" or len(kids) > 2:
            return None
        descrip, source = kids[0], None
        if len(kids) == 2:
            source = kids[1]
            if local(source) != "admin" or source.get("type") != "source" or not _plain(source, "type"):
                return None
            source = squeeze(source.text)
    else:
        return None
    if descrip.get("type") != dtype or any(a != "type" for a in descrip.attrib):
        return None
    if len(descrip):
        if any(not isinstance(c.tag, str) for c in descrip.iter()):
            return None
        return Sourced(squeeze("".join(descrip.itertext())), source, _inner_markup(descrip))
    return Sourced(squeeze(descrip.text), source)


def _aux(el: etree._Element, holder, definitions: bool) -> bool:
    """Put an auxiliary element (note, source, definition) into `holder`; False if it does not fit."""
    name = local(el)
    if name == "note" and _plain(el):
        holder.notes.append(squeeze(el.text))
        return True
    if name == "admin" and el.get("type") == "source" and _plain(el, "type"):
        holder.sources.append(squeeze(el.text))
        return True
    if definitions:
        found = _sourced(el, "definition")
        if found is not None:
            holder.definitions.append(found)
            return True
    return False


class TbxReader:
    """Walks one parsed TBX document (v2 or v3) into a Termbase."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = str(path)
        self.seen_ids: set[str] = set()

    def lang_of(self, el: etree._Element, inherited: str | None) -> str:
        raw = el.get(XML_LANG) or el.get("lang") or inherited
        if not raw:
            raise InputError(f"<{local(el)}> has no xml:lang", path=self.path, line=el.sourceline)
        try:
            return normalize_lang(raw)
        except InputError as exc:
            raise InputError(exc.message, path=self.path, line=el.sourceline, hint=exc.hint) from None

    def termbase(self, root: etree._Element) -> Termbase:
        tb = Termbase(lang=self.lang_of(root, "en"), dialect=root.get("type") or "TBX")
        for part in _children(root):
            name = local(part)
            if name in ("tbxHeader", "martifHeader"):
                self.header(part, tb)
            elif name == "text":
                for section in _children(part):
                    if local(section) == "body":
                        tb.concepts.extend(self.concept(e, i)
                                           for i, e in enumerate(_children(section), 1))
                    else:
                        tb.extra.append(to_extra(section))
            else:
                tb.extra.append(to_extra(part))
        return tb

    def header(self, header: etree._Element, tb: Termbase) -> None:
        for part in _children(header):
            if local(part) != "fileDesc":
                tb.extra.append(to_extra(part))
                continue
            for stmt in _children(part):
                name = local(stmt)
                paras = [p for p in _children(stmt) if local(p) == "p" and _plain(p, "type")]
                if name == "titleStmt" and _children(stmt) and local(_children(stmt)[0]) == "title":
                    tb.title = squeeze("".join(_children(stmt)[0].itertext()))
                elif name == "sourceDesc" and len(paras) == len(_children(stmt)):
                    tb.source_desc.extend(squeeze(p.text) for p in paras)
                elif name == "publicationStmt" and len(paras) == len(_children(stmt)):
                    tb.publication.extend(squeeze(p.text) for p in paras)
                else:
                    tb.extra.append(to_extra(stmt))

    def concept(self, el: etree._Element, number: int) -> Concept:
        if local(el) not in ("conceptEntry", "termEntry"):
            raise InputError(f"unexpected <{local(el)}> in <body>, expected <conceptEntry> or <termEntry>",
                             path=self.path, line=el.sourceline)
        cid = el.get("id") or f"c{number}"
        if cid in self.seen_ids:
            raise InputError(f"duplicate concept id {cid!r}", path=self.path, line=el.sourceline)
        self.seen_ids.add(cid)
        concept = Concept(id=cid)
        for child in _children(el):
            name = local(child)
            if name in ("langSec", "langSet"):
                concept.languages.append(self.lang_section(child))
            elif (name == "descrip" and child.get("type") == "subjectField" and _plain(child, "type")
                  and concept.subject_field is None):
                concept.subject_field = squeeze(child.text)
            elif not _aux(child, concept, definitions=True):
                concept.extra.append(to_extra(child))
        return concept

    def lang_section(self, el: etree._Element) -> LangSection:
        sec = LangSection(lang=self.lang_of(el, None))
        for child in _children(el):
            if local(child) in ("termSec", "tig", "ntig"):
                sec.terms.append(self.term(child, sec.lang))
            elif not _aux(child, sec, definitions=True):
                sec.extra.append(to_extra(child))
        return sec

    def term(self, el: etree._Element, lang: str) -> Term:
        kids = _children(el)
        head = kids
        if local(el) == "ntig":
            group = kids[0] if kids and local(kids[0]) == "termGrp" else None
            if group is None:
                raise InputError("<ntig> without <termGrp>", path=self.path, line=el.sourceline)
            head, kids = _children(group), kids[1:]
        else:
            kids = kids[1:]
        if not head or local(head[0]) != "term":
            raise InputError(f"<{local(el)}> does not start with <term>", path=self.path, line=el.sourceline)
        term = Term(text=squeeze("".join(head[0].itertext())), lang=lang, id=el.get("id"))
        for note in head[1:] if local(el) == "ntig" else []:
            self.term_child(note, term)
        for child in kids:
            self.term_child(child, term)
        return term

    def term_child(self, el: etree._Element, term: Term) -> None:
        name, dtype = local(el), el.get("type")
        if name == "termNote" and _plain(el, "type"):
            value = squeeze(el.text)
            attr = _TERM_NOTES.get(dtype or "")
            if attr and getattr(term, attr) is None:
                setattr(term, attr, value)
                return
            if dtype in STATUS_CATEGORIES and value in STATUS_VALUES and term.status is None:
                term.status = STATUS_VALUES[value]
                return
        context = _sourced(el, "context")
        if context is not None:
            term.contexts.append(context)
        elif not _aux(el, term, definitions=False):
            term.extra.append(to_extra(el))


def read_tbx(path: str | os.PathLike) -> Termbase:
    """Read a TBX v3 or v2 file (detected from its root element) into a Termbase.

    Raises InputError (naming file and line) for malformed XML, files that are not TBX,
    language sections without a language, and duplicate concept ids.
    """
    tree = parse_xml(path)
    root = tree.getroot()
    detect_version(root, path)
    return TbxReader(Path(path)).termbase(root)
