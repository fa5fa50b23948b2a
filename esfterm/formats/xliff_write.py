"""Units as an XLIFF 1.2 file for one language pair, as CAT tools and translate-toolkit read it.

One <file> holds one <trans-unit> per unit with both sides. Its id is the unit's id when that is
free (so a round trip keeps it), else "u" and the unit's place; whitespace is preserved
(xml:space). A finished translation is
`state="translated"` and `approved="yes"` (what tools count as translated); a draft keeps its
XLIFF state and no approval. Notes are <note>s; every prop is a <context-group> of purpose
`x-esfterm-prop` (named for the prop's type) that esfterm's reader turns back into the prop.
TMX inline codes become XLIFF 1.2 codes with their native content: bpt/ept/it/ph as they are
(id from x, pairs by rid = i), hi as <mrk mtype="x-tmx-hi-TYPE">, ut as ph.
"""

from __future__ import annotations

import os
from typing import Iterable

from lxml import etree

from esfterm.errors import InputError
from esfterm.fileio import atomic_writer
from esfterm.formats.xliff import HI_MTYPE, NS12, PROP_PURPOSE, is_draft
from esfterm.langs import normalize_lang
from esfterm.model import Unit, Variant
from esfterm.xmlsafe import XML_LANG, safe_parser

#: xml:space, set to "preserve" on every trans-unit: segment whitespace is content.
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

#: XLIFF 1.2 `state` values; other workflow states (SDL, memoQ, XLIFF 2.0) are not written.
STATES_12 = frozenset({"final", "needs-adaptation", "needs-l10n", "needs-review-adaptation",
                       "needs-review-l10n", "needs-review-translation", "needs-translation", "new",
                       "signed-off", "translated"})
#: TMX inline `type` values with an XLIFF 1.2 `ctype` of their own; others become "x-TYPE".
CTYPES = {"bold": "bold", "italic": "italic", "ulined": "underlined", "link": "link", "image": "image",
          "lb": "lb", "pb": "pb"}


def _q(name: str) -> str:
    return f"{{{NS12}}}{name}"


def _ctype(kind: str | None) -> dict[str, str]:
    if not kind:
        return {}
    return {"ctype": CTYPES.get(kind, kind if kind.startswith("x-") else f"x-{kind}")}


class _Codes:
    """Converts TMX <seg> content to XLIFF inline content. A code's id is its TMX x (what ties
    codes across languages), an ept's "e" + its pair number i, else kind + order in the segment."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def code_id(self, el: etree._Element) -> str:
        if el.get("x"):
            return el.get("x")
        if el.tag in ("bpt", "ept") and el.get("i"):
            return f"{el.tag[0]}{el.get('i')}"
        self.counts[el.tag] = self.counts.get(el.tag, 0) + 1
        return f"{el.tag}{self.counts[el.tag]}"

    def convert(self, src: etree._Element, dst: etree._Element) -> None:
        dst.text = src.text
        for child in src:
            if not isinstance(child.tag, str):
                continue
            out = self.element(child, dst)
            out.tail = child.tail

    def element(self, el: etree._Element, parent: etree._Element) -> etree._Element:
        tag = el.tag
        if tag == "hi":
            kind = el.get("type")
            out = etree.SubElement(parent, _q("mrk"), mtype=f"{HI_MTYPE}-{kind}" if kind else HI_MTYPE)
            self.convert(el, out)
            return out
        if tag == "sub":
            out = etree.SubElement(parent, _q("sub"))
            self.convert(el, out)
            return out
        attrs = {"id": self.code_id(el), **_ctype(el.get("type"))}
        if tag in ("bpt", "ept"):
            attrs["rid"] = el.get("i") or attrs["id"]
            if tag == "ept":
                attrs.pop("ctype", None)
        elif tag == "it":
            attrs["pos"] = "close" if el.get("pos") == "end" else "open"
        out = etree.SubElement(parent, _q(tag if tag in ("bpt", "ept", "it", "ph") else "ph"), attrs)
        self.convert(el, out)
        return out


def _content(el: etree._Element, variant: Variant) -> etree._Element:
    if variant.markup is None:
        el.text = variant.text
        return el
    seg = etree.fromstring(f"<seg>{variant.markup}</seg>".encode("utf-8"), safe_parser())
    _Codes().convert(seg, el)
    return el


def _state(unit: Unit) -> dict[str, str]:
    state = unit.prop("x-state")
    if is_draft(unit):
        return {"state": state if state in STATES_12 else "needs-review-translation"}
    return {"state": state if state in ("final", "signed-off") else "translated"}


def trans_unit(unit: Unit, src: str, tgt: str, ident: str) -> etree._Element | None:
    """The <trans-unit> for a unit's src/tgt pair (None when it lacks one side)."""
    source, target = unit.variant(src), unit.variant(tgt)
    if source is None or target is None:
        return None
    tu = etree.Element(_q("trans-unit"), {"id": ident, XML_SPACE: "preserve"}, nsmap={None: NS12})
    if not is_draft(unit):
        tu.set("approved", "yes")
    _content(etree.SubElement(tu, _q("source"), {XML_LANG: src}), source)
    _content(etree.SubElement(tu, _q("target"), {XML_LANG: tgt, **_state(unit)}), target)
    for note in unit.notes:
        lang = getattr(note, "attrs", {}).get(XML_LANG)
        etree.SubElement(tu, _q("note"), {XML_LANG: lang} if lang else {}).text = note
    for kind, value in unit.props:
        if kind == "x-state":
            continue
        group = etree.SubElement(tu, _q("context-group"), name=kind, purpose=PROP_PURPOSE)
        etree.SubElement(group, _q("context"), {"context-type": "x-value"}).text = value
    return tu


def _free_id(own: str | None, position: int, used: set[str]) -> str:
    """The unit's own id when no earlier trans-unit has it, else "u<place>" (made unique)."""
    ident = own if own and own not in used else f"u{position}"
    n = 1
    while ident in used:
        n += 1
        ident = f"u{position}-{n}"
    return ident


def write_xliff(path: str | os.PathLike, units: Iterable[Unit], src: str, tgt: str,
                original: str = "esfterm translation memory") -> int:
    """Stream the src->tgt pairs of `units` to an XLIFF 1.2 file, atomically; returns the count."""
    src, tgt = normalize_lang(src), normalize_lang(tgt)
    used: set[str] = set()
    count = 0
    with atomic_writer(path, "wb", encoding=None) as fh:
        with etree.xmlfile(fh, encoding="UTF-8") as xf:
            xf.write_declaration()
            with xf.element(_q("xliff"), version="1.2", nsmap={None: NS12}):
                with xf.element(_q("file"), {"original": original, "source-language": src,
                                             "target-language": tgt, "datatype": "plaintext"}):
                    with xf.element(_q("body")):
                        for position, unit in enumerate(units, 1):
                            ident = _free_id(unit.id, position, used)
                            try:
                                tu = trans_unit(unit, src, tgt, ident)
                            except ValueError as exc:
                                raise InputError(f"unit {unit.ref or unit.id}: cannot be written as XML "
                                                 f"({exc})", path=path) from None
                            if tu is None:
                                continue
                            used.add(ident)
                            xf.write(tu)
                            count += 1
        fh.write(b"\n")
    return count
