"""Pre-translation: fill the empty targets of PO and XLIFF files from the translation memory.

A target is filled with the best TM match at or above `min_score`:

- exact (100%, and for PO the same msgctxt as the stored unit): marked translated;
- fuzzy: marked for review with the score. PO: the `fuzzy` flag, the TM source as the previous
  msgid (`#| msgid`, as msgmerge writes it, so Poedit or Lokalize show what changed) and a
  translator comment "esfterm: 87% TM match". XLIFF 1.2: `state="needs-review-translation"`,
  `state-qualifier="fuzzy-match"` and a note; SDLXLIFF segments get conf Draft, percent and
  origin "tm"; XLIFF 2.0: `state="initial"`, subState "esfterm:fuzzy-87" and a note.

Entries already translated are left as they are; so are XLIFF segments whose source holds inline
codes (a plain TM target would lose them) and PO plural entries unless the TM unit carries all
their forms. Every output is built in memory first and written atomically only once all files
have been read, so a bad input leaves no file, half-written or otherwise.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import polib
from lxml import etree

from esfterm.errors import InputError
from esfterm.fileio import read_text, write_bytes_atomic, write_text_atomic
from esfterm.formats.detect import detect_format
from esfterm.formats.filelang import lang_from_path
from esfterm.formats.xliff import NS12, NS20, SDL
from esfterm.langs import normalize_lang
from esfterm.tm.store import Match, TranslationMemory
from esfterm.xmlsafe import parse_xml

#: Where PO fuzzy matches say their score.
NOTE = "esfterm: {score}% TM match"


@dataclass
class FileResult:
    """What pre-translating one file did."""

    path: str
    output: str
    src: str
    tgt: str
    exact: int = 0
    fuzzy: int = 0
    none: int = 0
    kept: int = 0
    skipped: int = 0
    data: bytes | str = field(default=b"", repr=False)

    def as_dict(self) -> dict:
        return {"file": self.path, "output": self.output, "src": self.src, "tgt": self.tgt,
                "exact": self.exact, "fuzzy": self.fuzzy, "none": self.none,
                "already_translated": self.kept, "skipped": self.skipped}


class _Lookup:
    """TM look-ups for one run, each distinct source asked once."""

    def __init__(self, tm: TranslationMemory, src: str, tgt: str, min_score: int) -> None:
        self.tm, self.src, self.tgt, self.min_score = tm, src, tgt, min_score
        self.cache: dict[str, list[Match]] = {}

    def matches(self, text: str) -> list[Match]:
        if text not in self.cache:
            self.cache[text] = self.tm.search(text, self.src, self.tgt, min_score=self.min_score, limit=5) \
                if text.strip() else []
        return self.cache[text]


def output_paths(files: list[str], output: str | None = None, output_dir: str | None = None,
                 suffix: str | None = None) -> list[Path]:
    """Where each input's pre-translated copy goes: -o for one file; an output folder (paths
    below the inputs' common folder kept); or a suffix added before the extension."""
    if sum(x is not None for x in (output, output_dir, suffix)) != 1:
        raise InputError("say where to write: -o FILE (one input), --output-dir DIR or --suffix SUFFIX")
    paths = [Path(f) for f in files]
    if output is not None:
        if len(paths) != 1:
            raise InputError("-o takes one input file", hint="use --output-dir or --suffix for several")
        return [Path(output)]
    if suffix is not None:
        if not suffix.strip("."):
            raise InputError(f"--suffix {suffix!r} would overwrite the inputs")
        return [p.with_name(p.stem + "." + suffix.strip(".") + p.suffix) for p in paths]
    absolute = [p.resolve() for p in paths]
    common = Path(os.path.commonpath([str(p.parent) for p in absolute]))
    return [Path(output_dir) / p.relative_to(common) for p in absolute]


def pretranslate_files(tm: TranslationMemory, files: list[str], outputs: list[Path], *,
                       src: str | None = None, tgt: str | None = None, min_score: int = 75,
                       on_file: Callable[[str], None] | None = None) -> list[FileResult]:
    """Pre-translate every file, then write all outputs (nothing is written if any input is bad)."""
    lookups: dict[tuple[str, str], _Lookup] = {}
    results = []
    for path, out in zip(files, outputs):
        if on_file:
            on_file(path)
        kind = detect_format(path)
        if kind == "po":
            results.append(_po(tm, path, out, src, tgt, min_score, lookups))
        elif kind == "xliff":
            results.append(_xliff(tm, path, out, src, tgt, min_score, lookups))
        else:
            raise InputError(f"cannot pre-translate a {kind.upper()} file", path=path,
                             hint="pre-translation fills PO and XLIFF files")
    for result in results:
        if isinstance(result.data, str):
            write_text_atomic(result.output, result.data)
        else:
            write_bytes_atomic(result.output, result.data)
        result.data = b""
    return results


def _lookup(tm, lookups, src: str, tgt: str, min_score: int) -> _Lookup:
    key = (src, tgt)
    if key not in lookups:
        lookups[key] = _Lookup(tm, src, tgt, min_score)
    return lookups[key]


# ------------------------------------------------------------------ PO

def _po(tm, path: str, out: Path, src_opt, tgt_opt, min_score: int, lookups) -> FileResult:
    text = read_text(path)
    try:
        po = polib.pofile(text, wrapwidth=_wrap_width(text))
    except (OSError, ValueError) as exc:
        raise InputError(f"not a valid PO file: {exc}", path=path) from None
    src = normalize_lang(po.metadata.get("X-Source-Language", "").strip() or src_opt or "en")
    raw_tgt = po.metadata.get("Language", "").strip() or tgt_opt or lang_from_path(path)
    if not raw_tgt:
        raise InputError("the target language is unknown: the PO header has no Language", path=path,
                         hint="give it with --tgt")
    tgt = normalize_lang(raw_tgt, source=path)
    result = FileResult(str(path), str(out), src, tgt)
    lookup = _lookup(tm, lookups, src, tgt, min_score)
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.translated() or entry.fuzzy:
            result.kept += 1
            continue
        found = _po_match(tm, entry, lookup.matches(entry.msgid))
        if found is None:
            result.none += 1
            continue
        match, forms, exact = found
        if entry.msgid_plural:
            entry.msgstr_plural = forms
        else:
            entry.msgstr = match.target
        if exact:
            result.exact += 1
            continue
        result.fuzzy += 1
        entry.flags.insert(0, "fuzzy")
        if match.source != entry.msgid:
            entry.previous_msgid = match.source
        if entry.msgid_plural and forms is not None:
            entry.previous_msgid_plural = _props(tm, match).get("x-msgid-plural")
        note = NOTE.format(score=match.score) + ("" if match.score < 100 else ", other context")
        entry.tcomment = f"{entry.tcomment}\n{note}" if entry.tcomment else note
    result.data = str(po) + "\n"
    return result


def _wrap_width(text: str) -> int:
    """Keep the file's own wrapping: gettext's 79 columns when its strings are wrapped, else none."""
    return 79 if '\nmsgid ""\n"' in text[text.find('\n\n'):] else 0


def _props(tm: TranslationMemory, match: Match) -> dict[str, str]:
    unit = next(tm.iter_units(unit_id=match.unit_id), None)
    return dict(unit.props) if unit else {}


def _po_match(tm, entry: polib.POEntry, matches: list[Match]):
    """(match, plural forms or None, exact?) for an entry, or None when nothing fits."""
    for match in matches:
        props = _props(tm, match) if (match.score == 100 or entry.msgid_plural) else {}
        if entry.msgid_plural:
            forms = _plural_forms(entry, match, props)
            if forms is None:
                continue
        else:
            forms = None
        exact = match.score == 100 and props.get("x-context") == entry.msgctxt
        if match.score == 100 and not exact and any(
                m.score == 100 and _props(tm, m).get("x-context") == entry.msgctxt for m in matches):
            continue
        return match, forms, exact
    return None


def _plural_forms(entry: polib.POEntry, match: Match, props: dict[str, str]) -> dict[int, str] | None:
    """All plural forms from a TM unit that has each form the entry needs, else None."""
    if props.get("x-msgid-plural") is None:
        return None
    forms = {0: match.target}
    for index in sorted(entry.msgstr_plural)[1:]:
        value = props.get(f"x-msgstr-plural-{index}")
        if not value:
            return None
        forms[index] = value
    return forms


# ------------------------------------------------------------------ XLIFF

def _empty(el: etree._Element | None) -> bool:
    return el is None or (not (el.text or "").strip() and not len(el))


def _plain(el: etree._Element) -> str | None:
    """The text of a source with no inline elements, else None (a plain target would lose codes)."""
    return None if len(el) else (el.text or "")


def _xliff(tm, path: str, out: Path, src_opt, tgt_opt, min_score: int, lookups) -> FileResult:
    tree = parse_xml(path)
    root = tree.getroot()
    ns = etree.QName(root).namespace
    result = FileResult(str(path), str(out), "", "")
    if ns == NS20:
        result.src, result.tgt = _xliff_langs(root, "srcLang", "trgLang", src_opt, tgt_opt, path)
        _fill_20(root, _lookup(tm, lookups, result.src, result.tgt, min_score), result)
    elif ns == NS12:
        for file_el in root.iter(f"{{{NS12}}}file"):
            result.src, result.tgt = _xliff_langs(file_el, "source-language", "target-language",
                                                  src_opt, tgt_opt, path)
            _fill_12(file_el, _lookup(tm, lookups, result.src, result.tgt, min_score), result)
    else:
        raise InputError(f"unsupported XLIFF namespace {ns!r}", path=path, hint="XLIFF 1.2 and 2.0 are supported")
    result.data = etree.tostring(tree, xml_declaration=True, encoding=tree.docinfo.encoding or "UTF-8")
    return result


def _xliff_langs(el: etree._Element, src_attr: str, tgt_attr: str, src_opt, tgt_opt, path: str) -> tuple[str, str]:
    """The element's languages, else the options (else the path for the target); a target
    language that came from outside is written into the file."""
    src, tgt = el.get(src_attr) or src_opt, el.get(tgt_attr) or tgt_opt or lang_from_path(path)
    if not src or not tgt:
        raise InputError("the XLIFF file does not say its source/target language", path=path,
                         line=el.sourceline, hint="give them with --src and --tgt")
    tgt = normalize_lang(tgt, source=path)
    if not el.get(tgt_attr):
        el.set(tgt_attr, tgt)
    return normalize_lang(src, source=path), tgt


def _best(lookup: _Lookup, text: str | None, result: FileResult) -> Match | None:
    if text is None:
        result.skipped += 1
        return None
    matches = lookup.matches(text)
    if not matches:
        result.none += 1
        return None
    if matches[0].score == 100:
        result.exact += 1
    else:
        result.fuzzy += 1
    return matches[0]


def _filled(source: etree._Element, target: etree._Element | None, ns: str, lookup: _Lookup,
            result: FileResult) -> tuple[etree._Element, Match] | None:
    """An empty target filled with the best match (made right after <source> when missing)."""
    if not _empty(target):
        result.kept += 1
        return None
    match = _best(lookup, _plain(source), result)
    if match is None:
        return None
    if target is None:
        target = etree.Element(f"{{{ns}}}target")
        source.addnext(target)
        target.tail = source.tail
    target.text = match.target
    return target, match


def _note(parent: etree._Element, ns: str, match: Match) -> None:
    note = etree.SubElement(parent, f"{{{ns}}}note", {"from": "esfterm"} if ns == NS12 else {"category": "esfterm"})
    note.text = f"{match.score}% TM match: {match.source}"


def _fill_12(file_el: etree._Element, lookup: _Lookup, result: FileResult) -> None:
    q = f"{{{NS12}}}"
    for tu in file_el.iter(f"{q}trans-unit"):
        source, target = tu.find(f"{q}source"), tu.find(f"{q}target")
        if tu.get("translate") == "no" or source is None:
            continue
        seg_source = tu.find(f"{q}seg-source")
        if seg_source is not None:
            _fill_segmented(tu, seg_source, target, lookup, result)
            continue
        found = _filled(source, target, NS12, lookup, result)
        if found is None:
            continue
        target, match = found
        if match.score == 100:
            target.set("state", "translated")
            target.set("state-qualifier", "exact-match")
        else:
            target.set("state", "needs-review-translation")
            target.set("state-qualifier", "fuzzy-match")
            _note(tu, NS12, match)


def _fill_segmented(tu, seg_source, target, lookup: _Lookup, result: FileResult) -> None:
    """SDLXLIFF-style units: one <mrk mtype="seg"> per segment in seg-source and target."""
    q = f"{{{NS12}}}"
    if target is None:
        target = etree.Element(f"{q}target")
        seg_source.addnext(target)
    targets = {m.get("mid"): m for m in target.iter(f"{q}mrk") if m.get("mtype") == "seg"}
    confs = {s.get("id"): s for s in tu.iter(f"{{{SDL}}}seg")}
    for smrk in (m for m in seg_source.iter(f"{q}mrk") if m.get("mtype") == "seg"):
        mid = smrk.get("mid")
        tmrk = targets.get(mid)
        if not _empty(tmrk):
            result.kept += 1
            continue
        match = _best(lookup, _plain(smrk), result)
        if match is None:
            continue
        if tmrk is None:
            tmrk = etree.SubElement(target, f"{q}mrk", {"mtype": "seg", "mid": mid})
        tmrk.text = match.target
        conf = confs.get(mid)
        if conf is not None:
            conf.set("conf", "Translated" if match.score == 100 else "Draft")
            conf.set("percent", str(match.score))
            conf.set("origin", "tm")
        if match.score < 100:
            _note(tu, NS12, match)


def _fill_20(root: etree._Element, lookup: _Lookup, result: FileResult) -> None:
    q = f"{{{NS20}}}"
    for unit in root.iter(f"{q}unit"):
        if unit.get("translate") == "no":
            continue
        for segment in unit.iter(f"{q}segment"):
            source, target = segment.find(f"{q}source"), segment.find(f"{q}target")
            if source is None:
                continue
            found = _filled(source, target, NS20, lookup, result)
            if found is None:
                continue
            match = found[1]
            if match.score == 100:
                segment.set("state", "translated")
                continue
            segment.set("state", "initial")
            segment.set("subState", f"esfterm:fuzzy-{match.score}")
            notes = unit.find(f"{q}notes")
            if notes is None:  # after module elements, before originalData and the segments
                notes = etree.Element(f"{q}notes")
                first = next(c for c in unit if c.tag in (f"{q}originalData", f"{q}segment", f"{q}ignorable"))
                first.addprevious(notes)
            _note(notes, NS20, match)

