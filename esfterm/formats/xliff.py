"""XLIFF 1.0-1.2 (with SDLXLIFF and memoQ extensions) and XLIFF 2.0 read into two-language units.

XLIFF 1.0 and 1.1 (Passolo, translate-toolkit, old Trados) have 1.2's structure and are read
the same way, in their own namespace or in none.

Only units with a non-empty target are read, unless `keep_untranslated`: then a unit with a
source but an empty or missing target is read with an empty target variant, so QA can report
it. `translate="no"` units are always skipped. Each unit
carries its workflow state in the prop `x-state` (XLIFF `state`, SDL `conf`, memoQ `mq:status`)
so callers decide what counts as translated: see `is_draft`. Inline codes are converted to their
TMX equivalents (g/pc -> bpt/ept, x/ph -> ph, bx/sc -> bpt, ex/ec -> ept, esfterm's
<mrk mtype="x-tmx-hi"> -> hi), so Variant.markup is
always TMX <seg> content and the plain text keeps only translatable text.

Unit.id: XLIFF 1.2 `trans-unit/@id`, with `#mid` added for SDLXLIFF/segmented units (one unit per
<mrk mtype="seg">); XLIFF 2.0 `unit/@id`, with `#segment-id` when a unit has several segments.
"""

from __future__ import annotations

import os
from typing import Iterator

from lxml import etree

from esfterm.errors import InputError
from esfterm.formats.filelang import lang_from_path
from esfterm.formats.tmx import BadUnitHandler, bad_unit_handler, seg_content
from esfterm.langs import normalize_lang
from esfterm.model import Note, Unit, Variant
from esfterm.xmlsafe import XML_LANG, local, parse_xml

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
#: The namespaces of XLIFF 1.x ("" for files that declare none, as 1.0 files often do).
NS1X = ("urn:oasis:names:tc:xliff:document:1.0", "urn:oasis:names:tc:xliff:document:1.1", NS12, "")
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
MQ = "MQXliff"
#: The <mrk> type esfterm's writer gives a TMX <hi> ("x-tmx-hi", or "x-tmx-hi-TYPE").
HI_MTYPE = "x-tmx-hi"
#: The context-group purpose under which esfterm's XLIFF writer keeps a unit's props.
PROP_PURPOSE = "x-esfterm-prop"
#: The restype translate-toolkit's po2xliff gives the PO header it carries over: metadata, not a
#: message (its "target" is the header again).
PO_HEADER_RESTYPE = "x-gettext-domain-header"
#: States (XLIFF 1.2/2.0, SDL conf, memoQ status) meaning "not a finished translation".
DRAFT_STATES = frozenset({"new", "needs-translation", "needs-l10n", "needs-adaptation", "initial",
                          "Draft", "Unspecified", "RejectedTranslation", "RejectedSignOff",
                          "NotStarted", "Rejected"})


def is_draft(unit: Unit) -> bool:
    """True when the unit's XLIFF workflow state says its target is not a finished translation."""
    return unit.prop("x-state") in DRAFT_STATES


def _append_text(parent: etree._Element, text: str | None) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _code(parent: etree._Element, tag: str, attrs: dict[str, str], native: str = "") -> etree._Element:
    el = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
    el.text = native or None
    return el


def _native(el: etree._Element) -> str:
    return "".join(t for t in el.itertext())


def _convert(src: etree._Element, dst: etree._Element, pairs: list[int]) -> None:
    """Append the content of XLIFF inline-bearing `src` to TMX <seg> `dst`."""
    _append_text(dst, src.text)
    for child in src:
        name = local(child)
        cid = child.get("id")
        if name in ("g", "pc"):
            pairs[0] += 1
            i = str(pairs[0])
            _code(dst, "bpt", {"i": i, "x": cid, "type": child.get("ctype") or child.get("type")})
            _convert(child, dst, pairs)
            _code(dst, "ept", {"i": i})
        elif name in ("x", "ph"):
            _code(dst, "ph", {"x": cid, "type": child.get("ctype") or child.get("type")}, _native(child))
        elif name in ("bx", "sc", "bpt"):
            _code(dst, "bpt", {"i": child.get("rid") or cid or "0", "x": cid,
                               "type": child.get("ctype") or child.get("type")}, _native(child))
        elif name in ("ex", "ec", "ept"):
            _code(dst, "ept", {"i": child.get("rid") or child.get("startRef") or cid or "0"},
                  _native(child))
        elif name == "it":
            _code(dst, "it", {"pos": "end" if child.get("pos") == "close" else "begin", "x": cid,
                              "type": child.get("ctype")}, _native(child))
        elif name == "cp":
            _append_text(dst, chr(int(child.get("hex", "20"), 16)))
        elif name == "mrk" and child.get("mtype", "").startswith(HI_MTYPE):
            hi = _code(dst, "hi", {"type": child.get("mtype")[len(HI_MTYPE) + 1:] or None})
            _convert(child, hi, pairs)
        elif name in ("mrk", "sub"):
            _convert(child, dst, pairs)
        _append_text(dst, child.tail)


def _variant(el: etree._Element, lang: str) -> Variant:
    seg = etree.Element("seg")
    _convert(el, seg, [0])
    text, markup = seg_content(seg)
    return Variant(lang, text, markup)


def _langs(file_el: etree._Element, src_attr: str, tgt_attr: str, src_lang: str | None,
           tgt_lang: str | None, path: str) -> tuple[str, str]:
    """Languages from the file, else the arguments; a target the file leaves out (XLIFF 1.x makes
    target-language optional) may come from its path (sl/strings.xlf, strings.sl.xlf)."""
    src = file_el.get(src_attr) or src_lang
    tgt = file_el.get(tgt_attr) or tgt_lang or lang_from_path(path)
    if not src or not tgt:
        missing = " and ".join(name for name, value in (("source", src), ("target", tgt)) if not value)
        options = " and ".join(opt for opt, value in (("--src", src), ("--tgt", tgt)) if not value)
        raise InputError(f"the XLIFF file does not say its {missing} language", path=path,
                         line=file_el.sourceline, hint=f"give it with {options}")
    return normalize_lang(src, source=path), normalize_lang(tgt, source=path)


def _q(ns: str, name: str) -> str:
    """An element name in namespace `ns` ("" for none) as lxml spells it."""
    return f"{{{ns}}}{name}" if ns else name


def _notes(el: etree._Element, ns: str) -> list[str]:
    return [Note(n.text or "", {XML_LANG: n.get(XML_LANG)} if n.get(XML_LANG) else None)
            for n in el.iter(_q(ns, "note"))]


def _props_back(tu: etree._Element, ns: str) -> list[tuple[str, str]]:
    """Props that esfterm's XLIFF writer stored as context groups (purpose PROP_PURPOSE)."""
    return [(group.get("name", ""), "".join(c.text or "" for c in group.iter(_q(ns, "context"))))
            for group in tu.iterchildren(_q(ns, "context-group")) if group.get("purpose") == PROP_PURPOSE]


def _empty(v: Variant) -> bool:
    return not v.text.strip() and v.markup is None


def _target(el: etree._Element | None, lang: str) -> Variant:
    """The target variant; a missing <target> reads as an empty one."""
    return _variant(el, lang) if el is not None else Variant(lang, "")


def _wanted(pair: list[Variant], keep_untranslated: bool) -> bool:
    """A pair to yield: translated, or untranslated with a source when those are kept."""
    return not _empty(pair[1]) or (keep_untranslated and not _empty(pair[0]))


def _units_12(root: etree._Element, path: str, src_lang, tgt_lang, bad: BadUnitHandler,
              keep_untranslated: bool) -> Iterator[Unit]:
    ns = etree.QName(root).namespace or ""
    for file_el in root.iter(_q(ns, "file")):
        src, tgt = _langs(file_el, "source-language", "target-language", src_lang, tgt_lang, path)
        for tu in file_el.iter(_q(ns, "trans-unit")):
            if tu.get("translate") == "no" or tu.get("restype") == PO_HEADER_RESTYPE:
                continue
            try:
                units = list(_trans_unit(tu, ns, src, tgt, path, file_el.get("original"), keep_untranslated))
            except InputError as exc:
                bad(exc)
                continue
            yield from units


def _trans_unit(tu, ns: str, src: str, tgt: str, path: str, original: str | None,
                keep_untranslated: bool) -> Iterator[Unit]:
    tid = tu.get("id")
    source = tu.find(_q(ns, "source"))
    target = tu.find(_q(ns, "target"))
    if source is None:
        raise InputError(f"trans-unit {tid} has no <source>", path=path, line=tu.sourceline)
    base_props = [("x-original", original)] if original else []
    if tu.get("resname"):
        base_props.append(("x-resname", tu.get("resname")))
    base_props += _props_back(tu, ns)
    notes = _notes(tu, ns)
    seg_source = tu.find(_q(ns, "seg-source"))
    if seg_source is not None:
        yield from _segmented(tu, ns, seg_source, target, src, tgt, base_props, notes, keep_untranslated)
        return
    state = (target.get("state") if target is not None else None) or tu.get(f"{{{MQ}}}status")
    props = base_props + ([("x-state", state)] if state else [])
    pair = [_variant(source, src), _target(target, tgt)]
    if _wanted(pair, keep_untranslated):
        yield Unit(pair, tid, props=props, notes=notes, ref=f"trans-unit {tid}", line=tu.sourceline)


def _mrks(el: etree._Element, ns: str) -> dict[str, etree._Element]:
    return {m.get("mid"): m for m in el.iter(_q(ns, "mrk")) if m.get("mtype") == "seg"}


def _segmented(tu, ns: str, seg_source, target, src, tgt, base_props, notes,
               keep_untranslated: bool) -> Iterator[Unit]:
    tid = tu.get("id")
    targets = _mrks(target, ns) if target is not None else {}
    confs = {s.get("id"): s for s in tu.iter(f"{{{SDL}}}seg")}
    for mid, smrk in _mrks(seg_source, ns).items():
        tmrk = targets.get(mid)
        props = list(base_props)
        sdl = confs.get(mid)
        if sdl is not None:
            props += [(f"x-sdl-{k}", v) for k, v in sdl.attrib.items() if k not in ("id", "conf")]
            if sdl.get("conf"):
                props.append(("x-state", sdl.get("conf")))
        pair = [_variant(smrk, src), _target(tmrk, tgt)]
        if _wanted(pair, keep_untranslated):
            yield Unit(pair, f"{tid}#{mid}", props=props, notes=notes,
                       ref=f"trans-unit {tid} segment {mid}", line=smrk.sourceline)


def _units_20(root: etree._Element, path: str, src_lang, tgt_lang, bad: BadUnitHandler,
              keep_untranslated: bool) -> Iterator[Unit]:
    src, tgt = _langs(root, "srcLang", "trgLang", src_lang, tgt_lang, path)
    for file_el in root.iter(f"{{{NS20}}}file"):
        original = file_el.get("original")
        for unit in file_el.iter(f"{{{NS20}}}unit"):
            if unit.get("translate") == "no":
                continue
            uid = unit.get("id")
            segments = list(unit.iter(f"{{{NS20}}}segment"))
            notes = _notes(unit, NS20)
            for index, segment in enumerate(segments, 1):
                source = segment.find(f"{{{NS20}}}source")
                target = segment.find(f"{{{NS20}}}target")
                if source is None:
                    bad(InputError(f"unit {uid} has a segment without <source>", path=path,
                                   line=segment.sourceline))
                    continue
                sid = segment.get("id") or str(index)
                ident = uid if len(segments) == 1 else f"{uid}#{sid}"
                props = [("x-original", original)] if original else []
                props += [("x-state", segment.get("state", "initial"))]
                if segment.get("subState"):
                    props.append(("x-substate", segment.get("subState")))
                pair = [_variant(source, src), _target(target, tgt)]
                if _wanted(pair, keep_untranslated):
                    ref = f"unit {uid}" if ident == uid else f"unit {uid} segment {sid}"
                    yield Unit(pair, ident, props=props, notes=notes, ref=ref, line=segment.sourceline)


def read_xliff(path: str | os.PathLike, src_lang: str | None = None, tgt_lang: str | None = None,
               *, strict: bool = False, on_bad: BadUnitHandler | None = None,
               keep_untranslated: bool = False) -> Iterator[Unit]:
    """Units (with targets, or all with `keep_untranslated`) of an XLIFF 1.x or 2.0 file;
    languages from the file, else the arguments."""
    source = str(path)
    root = parse_xml(path).getroot()
    ns = etree.QName(root).namespace or ""
    if local(root) != "xliff":
        raise InputError("not an XLIFF file: the root element is not <xliff>", path=source)
    if ns == NS20:
        reader = _units_20
    elif ns in NS1X and not root.get("version", "").startswith("2"):
        reader = _units_12
    else:
        raise InputError(f"unsupported XLIFF namespace {ns!r}", path=source,
                         hint="XLIFF 1.0, 1.1, 1.2 and 2.0 are supported")
    yield from reader(root, source, src_lang, tgt_lang, bad_unit_handler(strict, on_bad), keep_untranslated)
