"""TMX 1.1-1.4b: streamed reading and writing (atomic, valid against the LISA 1.4b DTD).

Language tags are written exactly as normalised BCP 47 everywhere (header srclang and every
xml:lang), because readers such as translate-toolkit match srclang to xml:lang literally.

Reading keeps everything a round trip needs: every <tu>/<tuv> attribute, <prop>s and <note>s in
order with their xml:lang/o-encoding, the <seg> content verbatim (whitespace, character
references resolved) and its inline codes as markup, and XML comments: those inside a <tu> or
<tuv> stay with it, those between units in <body> go with the unit that follows (the last unit
takes the ones after it), and are written back inside that <tu>. The deprecated TMX 1.1 `lang`
attribute is read as xml:lang; codes are normalised ('EN_us' -> 'en-US'). Writing drops
attributes the DTD does not allow (Heartsome's `<ph id=..>`; Trados' `<prop type2=..>` is
written as the `type` it names), so what esfterm writes always validates.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from lxml import etree

import esfterm
from esfterm.errors import InputError
from esfterm.fileio import atomic_writer
from esfterm.langs import normalize_lang
from esfterm.model import Note, Prop, Unit, Variant
from esfterm.model.serial import notes_from_json, notes_to_json, props_from_json, props_to_json
from esfterm.xmlsafe import XML_LANG, iterparse, safe_parser

TUV_ATTRS = ("o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
             "creationtoolversion", "creationdate", "creationid", "changedate", "o-tmf", "changeid")
TU_ATTRS = ("o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
            "creationtoolversion", "creationdate", "creationid", "changedate", "segtype",
            "changeid", "o-tmf", "srclang")
HEADER_EXTRA_ATTRS = ("o-encoding", "creationid", "changedate", "changeid")
#: Inline elements and the attributes the 1.4b DTD allows on each.
INLINE_ATTRS = {"bpt": ("i", "x", "type"), "ept": ("i",), "sub": ("datatype", "type"),
                "it": ("pos", "x", "type"), "ph": ("x", "assoc", "type"), "hi": ("x", "type"),
                "ut": ("x",)}
#: Inline codes whose content is native markup, not translatable text.
CODE_TAGS = frozenset({"bpt", "ept", "it", "ph", "ut"})
SEGTYPES = frozenset({"block", "paragraph", "sentence", "phrase"})
#: Attributes the DTD allows on <note> and <prop> besides `type`.
META_ATTRS = (XML_LANG, "o-encoding")

BadUnitHandler = Callable[[InputError], None]


def log_bad_unit(error: InputError) -> None:
    """The default for skipped units: a warning naming the file and place."""
    logging.getLogger("esfterm").warning("skipped unit: %s", error)


def bad_unit_handler(strict: bool, on_bad: BadUnitHandler | None) -> BadUnitHandler:
    """What a reader does with a unit it cannot use: raise with `strict`, else hand it to
    `on_bad` (default: log a warning) and skip it."""
    def handle(error: InputError) -> None:
        if strict:
            raise error
        (on_bad or log_bad_unit)(error)
    return handle


def tmx_date(default: float | None = None) -> str:
    """A TMX date (YYYYMMDDThhmmssZ, UTC) of SOURCE_DATE_EPOCH when set (reproducible builds),
    else of `default` (e.g. the newest input's time), else of now."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    epoch = float(env) if env.isdigit() else time.time() if default is None else default
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(epoch))


@dataclass
class TmxHeader:
    """The attributes of <header>; the defaults describe esfterm's own output."""

    srclang: str = "*all*"
    creationtool: str = "esfterm"
    creationtoolversion: str = esfterm.__version__
    segtype: str = "sentence"
    o_tmf: str = "esfterm"
    adminlang: str = "en"
    datatype: str = "plaintext"
    creationdate: str | None = None
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Optional DTD attributes (o-encoding, creationid, changedate, changeid) as read.
    extra: dict[str, str] = field(default_factory=dict)

    def attributes(self) -> dict[str, str]:
        src = self.srclang if self.srclang == "*all*" else normalize_lang(self.srclang)
        attrs = {
            "creationtool": self.creationtool,
            "creationtoolversion": self.creationtoolversion,
            "segtype": self.segtype if self.segtype in SEGTYPES else "sentence",
            "o-tmf": self.o_tmf,
            "adminlang": normalize_lang(self.adminlang),
            "srclang": src,
            "datatype": self.datatype,
            "creationdate": self.creationdate or tmx_date(),
        }
        attrs.update((k, v) for k, v in self.extra.items() if k in HEADER_EXTRA_ATTRS)
        return attrs

    def to_json(self) -> dict:
        """The header as JSON-ready values (props' and notes' attributes kept)."""
        data = {k: v for k, v in self.__dict__.items() if k not in ("props", "notes")}
        return {**data, "props": props_to_json(self.props), "notes": notes_to_json(self.notes)}

    @classmethod
    def from_json(cls, data: dict) -> "TmxHeader":
        """The header that to_json gave."""
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        fields["props"] = props_from_json(data.get("props", []))
        fields["notes"] = notes_from_json(data.get("notes", []))[0]
        return cls(**fields)


# ---------------------------------------------------------------- writing

def _valid_inline(seg: etree._Element) -> None:
    for el in seg.iter():
        allowed = INLINE_ATTRS.get(el.tag)
        if allowed is None:
            continue
        for name in [n for n in el.attrib if n not in allowed]:
            del el.attrib[name]


def _seg_element(variant: Variant) -> etree._Element:
    if variant.markup is not None:
        seg = etree.fromstring(f"<seg>{variant.markup}</seg>".encode("utf-8"), safe_parser())
        _valid_inline(seg)
    else:
        seg = etree.Element("seg")
        seg.text = variant.text
    return seg


def _meta_attrs(attrs: dict[str, str]) -> dict[str, str]:
    """The attributes of a note or prop that TMX allows (xml:lang, o-encoding)."""
    return {k: v for k, v in attrs.items() if k in META_ATTRS}


def _add_meta(parent: etree._Element, props: Iterable[tuple[str, str]], notes: Iterable[str],
              comments: Iterable[str] = ()) -> None:
    for comment in comments:
        parent.append(etree.Comment(comment))
    for note in notes:
        etree.SubElement(parent, "note", _meta_attrs(getattr(note, "attrs", {}))).text = note
    for prop in props:
        etree.SubElement(parent, "prop", {"type": prop[0], **_meta_attrs(getattr(prop, "attrs", {}))}).text = prop[1]


def unit_element(unit: Unit) -> etree._Element:
    """Build the <tu> element for one unit (attributes, notes, props, then the variants)."""
    try:
        return _unit_element(unit)
    except ValueError as exc:
        raise InputError(f"unit {unit.ref or unit.id}: cannot be written as XML ({exc})") from None


def _unit_element(unit: Unit) -> etree._Element:
    tu = etree.Element("tu")
    if unit.id is not None:
        tu.set("tuid", unit.id)
    for key in TU_ATTRS:
        if key in unit.attrs:
            tu.set(key, unit.attrs[key])
    _add_meta(tu, unit.props, unit.notes, unit.comments)
    for variant in unit.variants:
        tuv = etree.SubElement(tu, "tuv")
        tuv.set(XML_LANG, normalize_lang(variant.lang))
        for key in TUV_ATTRS:
            if key in variant.attrs:
                tuv.set(key, variant.attrs[key])
        _add_meta(tuv, variant.props, variant.notes, variant.comments)
        tuv.append(_seg_element(variant))
    return tu


def write_tmx(path: str | os.PathLike, units: Iterable[Unit], header: TmxHeader | None = None) -> int:
    """Stream `units` to a TMX 1.4b file, atomically; returns the number of units written."""
    header = header or TmxHeader()
    count = 0
    with atomic_writer(path, "wb", encoding=None) as fh:
        with etree.xmlfile(fh, encoding="UTF-8") as xf:
            xf.write_declaration()
            with xf.element("tmx", version="1.4"):
                xf.write("\n  ")
                head = etree.Element("header", header.attributes())
                _add_meta(head, header.props, header.notes)
                xf.write(head)
                xf.write("\n  ")
                with xf.element("body"):
                    for unit in units:
                        xf.write("\n    ")
                        try:
                            xf.write(unit_element(unit))
                        except InputError as exc:  # name the file being written, not only the unit
                            raise InputError(exc.message, path=path, hint=exc.hint) from None
                        count += 1
                    xf.write("\n  ")
                xf.write("\n")
        fh.write(b"\n")
    return count


# ---------------------------------------------------------------- reading

def seg_content(seg: etree._Element) -> tuple[str, str | None]:
    """(plain text, markup or None) of a <seg>: markup only when it holds inline elements."""
    children = [c for c in seg if isinstance(c.tag, str)]
    if not children:
        return "".join(t for t in seg.itertext() if isinstance(t, str)), None
    markup = etree.tostring(seg, encoding="unicode", with_tail=False)
    inner = markup[markup.index(">") + 1: markup.rindex("</")]
    return plain_text(seg), inner


def plain_text(seg: etree._Element) -> str:
    """The translatable text of a segment: inline-code content (native markup) left out."""
    parts: list[str] = [seg.text or ""]
    for child in seg:
        if isinstance(child.tag, str) and child.tag not in CODE_TAGS:
            parts.append(plain_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _lang_of(el: etree._Element, path: str) -> str:
    raw = el.get(XML_LANG) or el.get("lang")
    if raw is None:
        raise InputError("<tuv> without xml:lang", path=path, line=el.sourceline)
    try:
        return normalize_lang(raw)
    except InputError as exc:
        raise InputError(exc.message, path=path, line=el.sourceline, hint=exc.hint) from None


def _meta(el: etree._Element) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """The props, notes and XML comments among an element's children."""
    props: list[tuple[str, str]] = []
    notes: list[str] = []
    comments: list[str] = []
    for child in el:
        if child.tag == "prop":
            kind = child.get("type")
            if kind is None:  # Trados writes <prop type2="..">: keep the name it gives
                kind = next(iter(child.attrib.values()), "x-unknown")
            props.append(Prop(kind, child.text or "", _meta_attrs(child.attrib)))
        elif child.tag == "note":
            notes.append(Note(child.text or "", _meta_attrs(child.attrib)))
        elif child.tag is etree.Comment:
            comments.append(child.text or "")
    return props, notes, comments


def tu_to_unit(tu: etree._Element, path: str, position: int) -> Unit:
    """Convert one <tu> element; InputError (with its line) when it cannot be used."""
    variants = []
    for tuv in tu.iter("tuv"):
        seg = tuv.find("seg")
        if seg is None:
            raise InputError("<tuv> without <seg>", path=path, line=tuv.sourceline)
        text, markup = seg_content(seg)
        props, notes, comments = _meta(tuv)
        attrs = {k: v for k, v in tuv.attrib.items() if k not in (XML_LANG, "lang")}
        variants.append(Variant(_lang_of(tuv, path), text, markup, attrs, props, notes, comments))
    if not variants:
        raise InputError("<tu> without any <tuv>", path=path, line=tu.sourceline)
    props, notes, comments = _meta(tu)
    tuid = tu.get("tuid")
    attrs = {k: v for k, v in tu.attrib.items() if k != "tuid"}
    ref = f"tuid {tuid}" if tuid is not None else f"tu #{position}"
    return Unit(variants, tuid, attrs, props, notes, comments, ref=ref, line=tu.sourceline)


def _header(el: etree._Element) -> TmxHeader:
    props, notes, _ = _meta(el)
    get = el.get
    return TmxHeader(
        srclang=get("srclang", "*all*"), creationtool=get("creationtool", ""),
        creationtoolversion=get("creationtoolversion", ""), segtype=get("segtype", "sentence"),
        o_tmf=get("o-tmf", ""), adminlang=get("adminlang", "en"), datatype=get("datatype", "unknown"),
        creationdate=get("creationdate"), props=props, notes=notes,
        extra={k: get(k) for k in HEADER_EXTRA_ATTRS if get(k) is not None})


def read_tmx_header(path: str | os.PathLike) -> TmxHeader:
    """The <header> of a TMX file (reads only up to it)."""
    events = iterparse(path, tag="header")
    try:
        for _, el in events:
            return _header(el)
    finally:
        events.close()
    raise InputError("not a TMX file: no <header>", path=path)


def _comments_before(el: etree._Element) -> list[str]:
    """The XML comments between `el` and the element before it (in <body>: the previous <tu>)."""
    found = []
    for sibling in el.itersiblings(preceding=True):
        if sibling.tag is not etree.Comment:
            break
        found.append(sibling.text or "")
    return found[::-1]


def read_tmx(path: str | os.PathLike, *, strict: bool = False,
             on_bad: BadUnitHandler | None = None) -> Iterator[Unit]:
    """Stream the units of a TMX file with flat memory (each <tu> is freed once converted).

    A unit that cannot be used raises InputError with `strict`, else goes to `on_bad` and is skipped.
    Each unit is yielded once the next one is read, so comments after the last unit reach it.
    """
    source = str(path)
    bad = bad_unit_handler(strict, on_bad)
    position = 0
    root_seen = False
    pending: Unit | None = None
    for event, el in iterparse(path, events=("start", "end"), tag=("tmx", "body", "tu")):
        if event == "start":
            if el.tag == "tmx":
                root_seen = True
            continue
        if el.tag == "tmx":
            break
        if not root_seen:
            raise InputError("not a TMX file: the root element is not <tmx>", path=source)
        if el.tag == "body":
            if pending is not None and len(el) and el[-1].tag is etree.Comment:
                pending.comments.extend(_comments_before(el[-1]) + [el[-1].text or ""])
            continue
        position += 1
        try:
            unit = tu_to_unit(el, source, position)
            unit.comments[:0] = _comments_before(el)
        except InputError as exc:
            bad(exc)
            unit = None
        el.clear(keep_tail=False)
        parent = el.getparent()
        while el.getprevious() is not None:
            del parent[0]
        if unit is not None:
            if pending is not None:
                yield pending
            pending = unit
    if not root_seen:
        raise InputError("not a TMX file: the root element is not <tmx>", path=source)
    if pending is not None:
        yield pending
