"""Gettext PO through polib: entries become two-language units (writing is in po_write).

A file is checked first as strictly as msgfmt reads it (po_syntax: polib alone would keep half
of a broken file) and decoded by the charset its header declares. An entry keeps everything a
PO round trip needs in props: the context (`x-context`), the plural msgid and the other plural
forms, the header's Plural-Forms (`x-plural-forms`, on plural entries), flags, references and
extracted comments; translator comments become notes. Unit.id is the message key,
"msgctxt::msgid" (or msgid alone): context and msgid together make entries distinct. Obsolete
entries (#~) are ignored; fuzzy ones are skipped unless `fuzzy="flag"`, which keeps them with
the prop `x-fuzzy` = `yes`; untranslated ones are skipped unless `keep_untranslated`, which
yields them with an empty target (QA reports them).
"""

from __future__ import annotations

import codecs
import functools
import os
import re
from typing import Iterator

import polib
from babel import Locale

from esfterm.errors import InputError
from esfterm.fileio import decode_text, read_bytes
from esfterm.formats.filelang import lang_from_path
from esfterm.formats.po_syntax import check_po
from esfterm.langs import is_known_language, normalize_lang
from esfterm.model import Unit, Variant

#: Between msgctxt and msgid in Unit.id (gettext uses \x04, which XML - hence a TMX tuid - cannot hold).
CONTEXT_SEP = "::"
_SYNTAX_LINE = re.compile(r"line (\d+)")
_CHARSET = re.compile(rb"Content-Type:[^\"\n]*?charset=([A-Za-z0-9_.:-]+)", re.IGNORECASE)
#: gettext's script modifiers (sr@latin) as BCP 47 script subtags.
_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl"}
#: A language tag in a team's address: a URL path segment (/language/sv/) or a mail box (tp-sv@, sl@).
_TEAM_TAG = re.compile(r"/([A-Za-z]{2,3}(?:[_-][A-Za-z]{2,4})?)/|(?:^|[<\s.-])([A-Za-z]{2,3})@")


class _PoText(str):
    """PO text that polib splits into lines at \\n only. str.splitlines, which polib uses, also
    breaks at \\x1c-\\x1e, \\x85, U+2028 and U+2029: in a PO string they are text, and splitting
    there cut entries short or lost them."""

    def splitlines(self, keepends: bool = False) -> list[str]:
        lines = self.split("\n")
        return [line + "\n" for line in lines[:-1]] + lines[-1:] if keepends else lines


def _declared_charset(data: bytes, path: str | os.PathLike) -> str | None:
    """The charset the header's Content-Type declares (None when absent or the CHARSET template)."""
    found = _CHARSET.search(data[:65536])
    if found is None or found.group(1).upper() == b"CHARSET":
        return None
    name = found.group(1).decode("ascii")
    try:
        codecs.lookup(name)
    except LookupError:
        raise InputError(f"unknown charset {name!r} in the header", path=path,
                         line=data[:found.start()].count(b"\n") + 1) from None
    return name


def load_po(path: str | os.PathLike) -> polib.POFile:
    """A PO file decoded by its declared charset, refused (InputError with the line) when
    msgfmt would refuse its syntax, then read by polib."""
    data = read_bytes(path)
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise InputError("file is empty", path=path)
    charset = _declared_charset(data, path)
    text = decode_text(data, path, charset or "utf-8", declared=charset is not None)
    messages = check_po(text, str(path))
    try:
        po = polib.pofile(_PoText(text), wrapwidth=0)
    except (OSError, ValueError) as exc:
        found = _SYNTAX_LINE.search(str(exc))
        raise InputError(f"not a valid PO file: {exc}", path=path,
                         line=int(found.group(1)) if found else None) from None
    expected = sum(1 for m in messages if not m.obsolete and not m.is_header)
    if sum(1 for e in po if not e.obsolete) != expected:
        raise InputError(f"cannot be read reliably: the syntax holds {expected} entries, polib read "
                         f"{sum(1 for e in po if not e.obsolete)}", path=path)
    return po


def _tag(value: str, *, known_only: bool = False) -> str | None:
    """A language tag as PO headers write it ("sl", "pt_BR", "sr@latin", "de_DE.UTF-8"), or None
    for what is none ("LANGUAGE", ""); `known_only` also refuses codes CLDR does not list."""
    base, _, modifier = value.strip().partition("@")
    base = base.split(".")[0]
    if modifier in _MODIFIERS:
        base += "-" + _MODIFIERS[modifier]
    try:
        tag = normalize_lang(base)
    except InputError:
        return None
    return tag if not known_only or is_known_language(tag.split("-")[0]) else None


@functools.lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    """English language name (lower case) -> code, from Babel's CLDR data."""
    return {name.lower(): code for code, name in Locale("en").languages.items() if "_" not in code}


@functools.lru_cache(maxsize=1)
def _territory_names() -> dict[str, str]:
    return {name.lower(): code for code, name in Locale("en").territories.items() if code.isalpha()}


def lang_from_team(value: str) -> str | None:
    """The language a Language-Team header names: "Slovenian <sl@li.org>", "Swedish
    (http://app.transifex.com/django/django/language/sv/)", "Spanish (Mexico) (...)"."""
    name, _, rest = value.partition("<")
    words = [w.strip() for w in re.split(r"[()]", name) if w.strip() and "://" not in w]
    code = _language_names().get(words[0].lower()) if words else None
    if code:
        region = _territory_names().get(words[1].lower()) if len(words) > 1 else None
        return normalize_lang(f"{code}-{region}" if region else code)
    for found in _TEAM_TAG.finditer(value):
        tag = _tag(found.group(1) or found.group(2), known_only=True)
        if tag:
            return tag
    return None


def po_target_lang(po: polib.POFile, path: str | os.PathLike, tgt_lang: str | None = None) -> str:
    """The target language: the Language header, else Language-Team, else `tgt_lang`, else the
    file's path (locale/sl/LC_MESSAGES/, sl.po, django-sl.po); InputError when none says."""
    found = (_tag(po.metadata.get("Language", "")) or lang_from_team(po.metadata.get("Language-Team", ""))
             or (normalize_lang(tgt_lang) if tgt_lang else None) or lang_from_path(path))
    if found is None:
        raise InputError("the target language is unknown: neither the PO header (Language, Language-Team) "
                         "nor the file's path names it", path=path, hint="give it with --tgt")
    return found


def _props(entry: polib.POEntry, plural_forms: str) -> list[tuple[str, str]]:
    props: list[tuple[str, str]] = []
    if entry.msgctxt is not None:
        props.append(("x-context", entry.msgctxt))
    if entry.msgid_plural:
        props.append(("x-msgid-plural", entry.msgid_plural))
        for index in sorted(entry.msgstr_plural)[1:]:
            props.append((f"x-msgstr-plural-{index}", entry.msgstr_plural[index]))
        if plural_forms:
            props.append(("x-plural-forms", plural_forms))
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
    """Translated entries of a PO file as units. Source from `src_lang`, else X-Source-Language,
    else 'en' (gettext msgids are English by convention); target as po_target_lang says (a file
    with no entry to read, such as a template, needs none).

    With `keep_untranslated` an entry with an empty msgstr (msgstr[0] for plurals) is yielded
    too, its target variant empty, so a QA run can report it; a TM import must not store it.
    """
    po = load_po(path)
    src = normalize_lang(src_lang or po.metadata.get("X-Source-Language", "").strip() or "en",
                         source=str(path))
    tgt: str | None = None  # asked for at the first entry read: a template (.pot) needs none
    plural_forms = po.metadata.get("Plural-Forms", "").strip()
    for entry in po:
        if entry.obsolete or (entry.fuzzy and fuzzy != "flag"):
            continue
        target = entry.msgstr_plural[min(entry.msgstr_plural)] if entry.msgid_plural else entry.msgstr
        if not target and not (keep_untranslated and entry.msgid):
            continue
        tgt = tgt or po_target_lang(po, path, tgt_lang)
        props = _props(entry, plural_forms)
        if entry.fuzzy:
            props.append(("x-fuzzy", "yes"))
        notes = [entry.tcomment] if entry.tcomment else []
        yield Unit([Variant(src, entry.msgid), Variant(tgt, target)], entry_key(entry),
                   props=props, notes=notes, ref=_ref(entry), line=entry.linenum)
