"""Units as a gettext PO file that `msgfmt -c` accepts, with a report of what had to be fitted.

PO holds one entry per key (msgctxt, msgid) and one plural rule per file, so:
  - a unit whose key is taken by an entry with another translation is kept apart with a msgctxt
    naming where it comes from (its document and id); one with the same translation is merged;
  - a unit with an empty source is left out (msgid "" is the header);
  - the Plural-Forms header comes from the plural entries' `x-plural-forms` (the most common),
    else from the target language's rule; a plural entry with fewer forms than nplurals gets
    empty ones, one with more is written fuzzy (msgfmt checks no fuzzy entry);
  - an entry whose msgid and msgstr differ in a leading or trailing newline, or whose
    translation breaks its format string (po_formats), both of which msgfmt -c refuses, is
    written fuzzy: a translator should look at it, and msgfmt checks no fuzzy entry;
  - without a plural rule for the language, plural entries are left out, and so are units
    holding \x04, gettext's context separator, which no PO string may contain.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

import polib
from babel import Locale, UnknownLocaleError

import esfterm
from esfterm.errors import InputError
from esfterm.fileio import write_text_atomic
from esfterm.formats.plurals import PluralRule, parse_plural_forms, plural_rule
from esfterm.formats.po_formats import formats_agree
from esfterm.formats.po import entry_key
from esfterm.langs import normalize_lang, primary
from esfterm.model import Unit


@dataclass
class PoWriteReport:
    """What write_po did besides writing one entry per unit."""

    written: int = 0
    merged: int = 0
    kept_apart: int = 0
    padded: int = 0
    fuzzy_forms: int = 0
    fuzzy_newlines: int = 0
    fuzzy_formats: int = 0
    no_source: int = 0
    no_plural_rule: int = 0
    separator: int = 0

    def notes(self) -> list[str]:
        """One readable line for each thing done to fit PO."""
        lines = {
            "merged": "units merged into an entry with the same msgctxt, msgid and translation",
            "kept_apart": "units kept apart with a msgctxt naming their origin (same msgid, another translation)",
            "padded": "plural entries given empty forms up to nplurals",
            "fuzzy_forms": "plural entries written fuzzy: more forms than the Plural-Forms header's nplurals",
            "fuzzy_newlines": "entries written fuzzy: msgid and msgstr differ in a leading or trailing newline",
            "fuzzy_formats": "entries written fuzzy: the translation does not use the msgid's format arguments "
                             "as msgfmt -c requires",
            "no_source": "units left out: empty source text (msgid \"\" is the PO header)",
            "no_plural_rule": "plural entries left out: no plural rule is known for the target language",
            "separator": "units left out: their text holds \\x04, the gettext context separator",
        }
        return [f"{getattr(self, name)} {text}" for name, text in lines.items() if getattr(self, name)]


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


def _texts(entry: polib.POEntry) -> list[str]:
    return [entry.msgctxt or "", entry.msgid, entry.msgid_plural, entry.msgstr, *entry.msgstr_plural.values()]


def _translation(entry: polib.POEntry) -> tuple:
    return entry.msgid_plural, entry.msgstr, tuple(sorted(entry.msgstr_plural.items()))


def _origin_label(unit: Unit, entry: polib.POEntry, position: int) -> str:
    """How a msgctxt names a unit kept apart: its document and its own id (not a PO key)."""
    own_id = unit.id if unit.id not in (None, entry.msgid, entry_key(entry)) else None
    parts = [p for p in (unit.origin, own_id) if p]
    return " ".join(parts) if parts else f"unit {position}"


def _keep_apart(entry: polib.POEntry, unit: Unit, position: int, taken: dict) -> None:
    label = _origin_label(unit, entry, position)
    base = label if entry.msgctxt is None else f"{entry.msgctxt} | {label}"
    context, n = base, 1
    while (context, entry.msgid) in taken:
        n += 1
        context = f"{base} #{n}"
    entry.msgctxt = context


def _rule(units_rules: Counter, tgt: str) -> PluralRule | None:
    for value, _ in units_rules.most_common():
        try:
            return parse_plural_forms(value)
        except InputError:
            continue
    return plural_rule(tgt) or plural_rule(primary(tgt))


def _newlines_differ(msgid: str, msgstr: str) -> bool:
    return bool(msgstr) and (msgid.startswith("\n") != msgstr.startswith("\n")
                             or msgid.endswith("\n") != msgstr.endswith("\n"))


def _fit_plural(entry: polib.POEntry, rule: PluralRule, report: PoWriteReport) -> None:
    forms = entry.msgstr_plural
    if len(forms) < rule.nplurals:
        for index in range(rule.nplurals):
            forms.setdefault(index, "")
        report.padded += 1
    elif len(forms) > rule.nplurals and "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
        report.fuzzy_forms += 1


def _fit_newlines(entry: polib.POEntry, report: PoWriteReport) -> None:
    if entry.msgid_plural:
        pairs = [(entry.msgid if i == 0 else entry.msgid_plural, text) for i, text in entry.msgstr_plural.items()]
    else:
        pairs = [(entry.msgid, entry.msgstr)]
    if any(_newlines_differ(a, b) for a, b in pairs) and "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
        report.fuzzy_newlines += 1


def _fit_formats(entry: polib.POEntry, rule: PluralRule | None, report: PoWriteReport) -> None:
    if "fuzzy" in entry.flags:
        return
    forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)] if entry.msgid_plural else [entry.msgstr]
    if not formats_agree(entry.flags, entry.msgid, entry.msgid_plural, forms, rule):
        entry.flags.append("fuzzy")
        report.fuzzy_formats += 1


def _language_name(tgt: str) -> str:
    try:
        return Locale.parse(tgt.replace("-", "_")).get_display_name("en") or tgt
    except (UnknownLocaleError, ValueError):
        return tgt


def _header(src: str, tgt: str, rule: PluralRule | None) -> dict[str, str]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = time.gmtime(int(epoch) if epoch.isdigit() else time.time())
    header = {"Project-Id-Version": "esfterm translation memory export",
              "PO-Revision-Date": time.strftime("%Y-%m-%d %H:%M+0000", when),
              "Last-Translator": "esfterm", "Language-Team": _language_name(tgt),
              "Language": tgt.replace("-", "_"), "MIME-Version": "1.0",
              "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
              "X-Source-Language": src, "X-Generator": f"esfterm {esfterm.__version__}"}
    if rule is not None:
        header["Plural-Forms"] = rule.header
    return header


def write_po(path: str | os.PathLike, units: Iterable[Unit], src: str, tgt: str) -> PoWriteReport:
    """Write the src->tgt pairs of `units` as a PO file, atomically; the report says what had
    to be merged, kept apart, padded, marked fuzzy or left out for PO and msgfmt to accept it."""
    src, tgt = normalize_lang(src), normalize_lang(tgt)
    report = PoWriteReport()
    entries: list[polib.POEntry] = []
    taken: dict[tuple[str | None, str], polib.POEntry] = {}
    rules: Counter = Counter()
    for position, unit in enumerate(units, 1):
        entry = unit_entry(unit, src, tgt)
        if entry is None:
            continue
        if entry.msgid == "":
            report.no_source += 1
            continue
        if any("\x04" in text for text in _texts(entry)):
            report.separator += 1
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in taken:
            if _translation(taken[key]) == _translation(entry):
                report.merged += 1
                continue
            _keep_apart(entry, unit, position, taken)
            report.kept_apart += 1
        taken[(entry.msgctxt, entry.msgid)] = entry
        if entry.msgid_plural and unit.prop("x-plural-forms"):
            rules[unit.prop("x-plural-forms")] += 1
        entries.append(entry)
    rule = _rule(rules, tgt)
    po = polib.POFile(wrapwidth=0)
    po.metadata = _header(src, tgt, rule)
    for entry in entries:
        if entry.msgid_plural:
            if rule is None:
                report.no_plural_rule += 1
                continue
            _fit_plural(entry, rule, report)
        _fit_newlines(entry, report)
        _fit_formats(entry, rule, report)
        po.append(entry)
    write_text_atomic(path, str(po))
    report.written = len(po)
    return report
