"""TMX 1.4b: writing (streamed, atomic, valid against the LISA DTD).

Language tags are written exactly as normalised BCP 47 everywhere (header srclang and every
xml:lang), because readers such as translate-toolkit match srclang to xml:lang literally.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Iterable

from lxml import etree

import esfterm
from esfterm.fileio import atomic_writer
from esfterm.langs import normalize_lang
from esfterm.model import Unit, Variant
from esfterm.xmlsafe import safe_parser

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TUV_ATTRS = ("o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
             "creationtoolversion", "creationdate", "creationid", "changedate", "o-tmf", "changeid")
TU_ATTRS = ("o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
            "creationtoolversion", "creationdate", "creationid", "changedate", "segtype",
            "changeid", "o-tmf", "srclang")


def tmx_date(epoch: float | None = None) -> str:
    """A TMX date (YYYYMMDDThhmmssZ, UTC); SOURCE_DATE_EPOCH pins it for reproducible builds."""
    if epoch is None:
        env = os.environ.get("SOURCE_DATE_EPOCH")
        epoch = float(env) if env and env.strip().isdigit() else time.time()
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

    def attributes(self) -> dict[str, str]:
        src = self.srclang if self.srclang == "*all*" else normalize_lang(self.srclang)
        return {
            "creationtool": self.creationtool,
            "creationtoolversion": self.creationtoolversion,
            "segtype": self.segtype,
            "o-tmf": self.o_tmf,
            "adminlang": normalize_lang(self.adminlang),
            "srclang": src,
            "datatype": self.datatype,
            "creationdate": self.creationdate or tmx_date(),
        }


def _seg_element(variant: Variant) -> etree._Element:
    if variant.markup is not None:
        seg = etree.fromstring(f"<seg>{variant.markup}</seg>".encode("utf-8"), safe_parser())
    else:
        seg = etree.Element("seg")
        seg.text = variant.text
    return seg


def _add_meta(parent: etree._Element, props: Iterable[tuple[str, str]], notes: Iterable[str]) -> None:
    for note in notes:
        etree.SubElement(parent, "note").text = note
    for key, value in props:
        etree.SubElement(parent, "prop", type=key).text = value


def unit_element(unit: Unit) -> etree._Element:
    """Build the <tu> element for one unit (attributes, notes, props, then the variants)."""
    tu = etree.Element("tu")
    if unit.id is not None:
        tu.set("tuid", unit.id)
    for key in TU_ATTRS:
        if key in unit.attrs:
            tu.set(key, unit.attrs[key])
    _add_meta(tu, unit.props, unit.notes)
    for variant in unit.variants:
        tuv = etree.SubElement(tu, "tuv")
        tuv.set(XML_LANG, normalize_lang(variant.lang))
        for key in TUV_ATTRS:
            if key in variant.attrs:
                tuv.set(key, variant.attrs[key])
        _add_meta(tuv, variant.props, variant.notes)
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
                        xf.write(unit_element(unit))
                        count += 1
                    xf.write("\n  ")
                xf.write("\n")
            xf.write("\n")
    return count
