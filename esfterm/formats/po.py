"""Gettext PO through polib: entries become two-language units, and units become a PO file.

An entry keeps everything a PO round trip needs in props: the context (`x-context`), the plural
msgid, the header's `Plural-Forms` (`x-plural-forms`, on plural entries), the other plural forms,
flags, references and extracted comments; translator comments become notes. Unit.id is the message key, "msgctxt::msgid" (or msgid alone): context and msgid
together make entries distinct. Obsolete entries (#~) are ignored; fuzzy ones are skipped unless
`fuzzy="flag"`, which keeps them with the prop `x-fuzzy` = `yes`; untranslated ones are skipped
unless `keep_untranslated`, which yields them with an empty target (QA reports them).
"""

from __future__ import annotations

import os
import re
from typing import Iterable, Iterator

import polib

from esfterm.errors import InputError
from esfterm.fileio import read_text, write_text_atomic
from esfterm.langs import normalize_lang
from esfterm.model import Unit, Variant

#: Between msgctxt and msgid in Unit.id (gettext uses \x04, which XML - hence a TMX tuid - cannot hold).
CONTEXT_SEP = "::"
_SYNTAX_LINE = re.compile(r"line (\d+)")


def _load(path: str | os.PathLike) -> polib.POFile:
    text = read_text(path)
    try:
        return polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        found = _SYNTAX_LINE.search(str(exc))
        raise InputError(f"not a valid PO file: {exc}", path=path,
                         line=int(found.group(1)) if found else None) from None


def _props(entry: polib.POEntry, plural_forms: str) -> list[tuple[str, str]]:
    props: list[tuple[str, str]] = []
    if entry.msgctxt is not None:
        props.append(("x-context", entry.msgctxt))
    if entry.msgid_plural:
        props.append(("x-msgid-plural", entry.msgid_plural))
        if plural_forms:
            props.append(("x-plural-forms", plural_forms))
        for index in sorted(entry.msgstr_plural)[1:]:
            props.append((f"x-msgstr-plural-{index}", entry.msgstr_plural[index]))
    if entry.flags:
        props.append(("x-po-flags", ", ".join(f for f in entry.flags if f != "fuzzy")))
    if entry.occurrences:
        props.append(("x-po-references", " ".join(f"{f}:{n}" if n else f for f, n in entry.occurrences)))
    if entry.comment:
        props.append(("x-po-extracted", entry.comment))
    return [(k, v) for k, v in props if v != "" or k.startswith("x-msgstr") or k == "x-context"]


def entry_key(entry: polib.POEntry) -> str:
    """The message key: context and msgid together make an entry distinct."""
    return entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}{CONTEXT_SEP}{entry.msgid}"


def _ref(entry: polib.POEntry) -> str:
    short = entry.msgid if len(entry.msgid) <= 40 else entry.msgid[:37] + "..."
    if entry.msgctxt is not None:
        return f"msgctxt {entry.msgctxt!r} msgid {short!r}"
    return f"msgid {short!r}"


def read_po(path: str | os.PathLike, src_lang: str | None = None, tgt_lang: str | None = None,
            *, fuzzy: str = "skip", keep_untranslated: bool = False) -> Iterator[Unit]:
    """Translated entries of a PO file as units. The header wins over the arguments: source from
    X-Source-Language, else `src_lang`, else 'en' (gettext msgids are English by convention);
    target from Language, else `tgt_lang`, else InputError.

    With `keep_untranslated` an entry with an empty msgstr (msgstr[0] for plurals) is yielded
    too, its target variant empty, so a QA run can report it; a TM import must not store it.
    """
    po = _load(path)
    src = normalize_lang(po.metadata.get("X-Source-Language", "").strip() or src_lang or "en")
    raw_tgt = po.metadata.get("Language", "").strip() or tgt_lang
    if not raw_tgt:
        raise InputError("the target language is unknown: the PO header has no Language",
                         path=path, hint="give it with --tgt")
    tgt = normalize_lang(raw_tgt, source=str(path))
    plural_forms = po.metadata.get("Plural-Forms", "").strip()
    for entry in po:
        if entry.obsolete or (entry.fuzzy and fuzzy != "flag"):
            continue
        target = entry.msgstr_plural[min(entry.msgstr_plural)] if entry.msgid_plural else entry.msgstr
        if not target and not (keep_untranslated and entry.msgid):
            continue
        props = _props(entry, plural_forms)
        if entry.fuzzy:
            props.append(("x-fuzzy", "yes"))
        notes = [entry.tcomment] if entry.tcomment else []
        yield Unit([Variant(src, entry.msgid), Variant(tgt, target)], entry_key(entry),
                   props=props, notes=notes, ref=_ref(entry), line=entry.linenum)


def unit_entry(unit: Unit, src: str, tgt: str) -> polib.POEntry | None:
    """The PO entry for a unit's src/tgt pair (None when it lacks one side)."""
    source, target = unit.variant(src), unit.variant(tgt)
    if source is None or target is None:
        return None
    props = dict(unit.props)
    entry = polib.POEntry(msgid=source.text, msgctxt=props.get("x-context"),
                          tcomment="\n".join(unit.notes), comment=props.get("x-po-extracted", ""))
    if "x-msgid-plural" in props:
        entry.msgid_plural = props["x-msgid-plural"]
        forms = {0: target.text}
        for key, value in unit.props:
            if key.startswith("x-msgstr-plural-"):
                forms[int(key.rsplit("-", 1)[1])] = value
        entry.msgstr_plural = forms
    else:
        entry.msgstr = target.text
    flags = [f.strip() for f in props.get("x-po-flags", "").split(",") if f.strip()]
    entry.flags = flags + (["fuzzy"] if props.get("x-fuzzy") == "yes" else [])
    refs = props.get("x-po-references", "")
    entry.occurrences = [tuple(r.rsplit(":", 1)) if ":" in r else (r, "") for r in refs.split()]
    return entry


def write_po(path: str | os.PathLike, units: Iterable[Unit], src: str, tgt: str) -> int:
    """Write the src->tgt pairs of `units` as a PO file, atomically; returns the entry count.

    Units sharing a gettext key (same context and msgid) keep only the first: PO allows one.
    """
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
                   "Language": normalize_lang(tgt), "X-Source-Language": normalize_lang(src),
                   "X-Generator": "esfterm"}
    seen: set[str] = set()
    for unit in units:
        entry = unit_entry(unit, src, tgt)
        if entry is None or entry_key(entry) in seen:
            continue
        seen.add(entry_key(entry))
        po.append(entry)
        if entry.msgid_plural and unit.prop("x-plural-forms"):
            po.metadata.setdefault("Plural-Forms", unit.prop("x-plural-forms"))
    write_text_atomic(path, str(po))
    return len(po)
