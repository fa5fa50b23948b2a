"""The segment pairs a QA run checks, read from PO, XLIFF, TMX or TSV through esfterm.formats.

A pair remembers the file and the unit it came from, so every finding can point back to it.
Languages come from the options or, when not given, from each file: the PO header, each XLIFF
<file>'s target-language, the TSV language row, the `locale/LL/LC_MESSAGES` path where a reader
finds none; a unit's target is its other language. A TMX unit gives one pair per target
language of its file (every language but the source), so a three-language TMX is checked as
two language pairs, and a unit lacking one of them is untranslated there.

A PO plural entry gives one pair per plural form (see plural_segments). Units with an empty or
missing target are read too (`keep_untranslated`), so the `untranslated` check sees them in
every format.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Sequence

from esfterm.errors import InputError
from esfterm.formats.detect import detect_format, read_units
from esfterm.formats.plurals import PluralRule, parse_plural_forms, plural_rule
from esfterm.formats.targetlang import missing_target
from esfterm.formats.tmx import read_tmx_header
from esfterm.langs import normalize_lang, primary
from esfterm.model import Unit

#: Unit props that tell two units with the same source apart (PO msgctxt; TMX x-context as
#: translate-toolkit writes it, Trados' x-ContextContent, OmegaT's prev/next/id of alternative
#: translations): units that differ in one are different strings.
CONTEXT_PROPS = frozenset({"x-context", "context", "x-contextcontent", "prev", "next", "id", "x-id"})


@dataclass(frozen=True)
class PluralForm:
    """Which plural form of a PO entry a pair is, and what it is checked against."""

    index: int
    nplurals: int
    #: The one number the form stands for (en/sv/de form 0: 1), None when it covers several:
    #: such a form is compared with msgid and may leave out the count.
    number: int | None
    singular: str
    plural: str


@dataclass
class Segment:
    """One source/target pair as checked (target None when the unit has no target)."""

    file: str
    unit: str
    ref: str
    line: int | None
    src: str
    tgt: str
    source: str
    target: str | None
    source_markup: str | None = None
    target_markup: str | None = None
    #: What tells units with the same source apart (msgctxt, a context prop; "" for none).
    context: str = ""
    #: PO format flags ("python-format", "python-brace-format", "c-format", ...).
    flags: frozenset[str] = frozenset()
    #: The plural form this pair is, for a PO plural entry.
    plural: PluralForm | None = None
    #: The `untranslated` message when only some forms of a plural entry are empty.
    gap: str | None = None


def _unit_id(unit: Unit, position: int) -> tuple[str, str]:
    ref = unit.ref or f"unit #{position}"
    return (unit.id if unit.id is not None else ref), ref


def unit_context(unit: Unit) -> str:
    """The context props of a unit as one string ("" when it has none)."""
    return "\x1f".join(f"{k}={v}" for k, v, *_ in unit.props if k.lower() in CONTEXT_PROPS)


def _flags(unit: Unit) -> frozenset[str]:
    value = unit.prop("x-po-flags") or ""
    return frozenset(f.strip() for f in value.split(",") if f.strip())


def _rule(unit: Unit, tgt: str, file: str) -> PluralRule | None:
    header = unit.prop("x-plural-forms")
    if header:
        try:
            return parse_plural_forms(header, path=file)
        except InputError:
            pass
    return plural_rule(tgt)


def plural_segments(base: Segment, unit: Unit) -> list[Segment]:
    """The pairs of a PO plural entry: one per form the target language has (the file's
    Plural-Forms, else the language's usual rule), each against the source it translates.

    A form that stands for exactly one number (n=1) translates msgid; every other form
    translates msgid_plural (in sl form 0 is 1, 101, 201...: it needs the count). Forms the
    entry lacks or leaves empty make one `untranslated` pair naming them; an entry with every
    form empty is one untranslated pair, as a singular entry is.
    """
    singular, plural = base.source, unit.prop("x-msgid-plural") or base.source
    forms = {0: base.target or ""}
    for key, value, *_ in unit.props:
        if key.startswith("x-msgstr-plural-"):
            forms[int(key.rsplit("-", 1)[1])] = value
    rule = _rule(unit, base.tgt, base.file)
    nplurals = rule.nplurals if rule else max(len(forms), 2)
    out: list[Segment] = []
    empty: list[int] = []
    for index in range(nplurals):
        text = forms.get(index, "")
        if rule is not None:
            number = rule.single_number(index)
        else:
            number = 1 if index == 0 and nplurals == 2 else None
        source = singular if number == 1 else plural
        if not text.strip():
            empty.append(index)
            continue
        out.append(replace(base, source=source, target=text, ref=f"{base.ref} msgstr[{index}]",
                            plural=PluralForm(index, nplurals, number, singular, plural)))
    if len(empty) == nplurals:
        return [replace(base, target=forms.get(0, ""))]
    if empty:
        names = ", ".join(f"msgstr[{i}]" for i in empty)
        first = empty[0]
        number = rule.single_number(first) if rule else None
        out.append(replace(base, source=singular if number == 1 else plural, target="",
                            ref=f"{base.ref} {names}",
                            gap=f"plural form{'s' if len(empty) > 1 else ''} {names} empty "
                                f"({nplurals} forms in {base.tgt})"))
    return out


def _targets(unit: Unit, src: str) -> list[str]:
    """A unit's own target languages: its variants in other languages than the source."""
    seen: dict[str, None] = {}
    for v in unit.variants:
        if primary(v.lang) != primary(src):
            seen.setdefault(v.lang, None)
    return list(seen)


def segments_from_units(units: Iterable[Unit], file: str, src: str | None = None, tgt: str | None = None,
                        *, multilingual: bool = False) -> Iterator[Segment]:
    """Pairs of units in `src` -> each target language; without `src` a unit's first variant
    is the source. Without `tgt` a unit's targets are its other languages or, for the units of
    a `multilingual` file (TMX), every language of the file but the source."""
    units = list(units)
    file_targets: list[str] = []
    if multilingual and not tgt:
        seen: dict[str, None] = {}
        for unit in units:
            if unit.variants:
                for lang in _targets(unit, src or unit.variants[0].lang):
                    seen.setdefault(lang, None)
        file_targets = list(seen)
    for position, unit in enumerate(units, 1):
        if not unit.variants:
            continue
        unit_src = src or unit.variants[0].lang
        source = unit.variant(unit_src)
        if source is None or not source.text.strip():
            continue
        uid, ref = _unit_id(unit, position)
        context = unit_context(unit)
        flags = _flags(unit)
        langs = [tgt] if tgt else ([l for l in file_targets if primary(l) != primary(source.lang)]
                                   if multilingual else _targets(unit, unit_src))
        for lang in langs or [None]:
            target = unit.variant(lang) if lang else None
            seg = Segment(file, uid, ref, unit.line, source.lang, target.lang if target else (lang or "und"),
                          source.text, target.text if target else None, source.markup,
                          target.markup if target else None, context, flags)
            if unit.prop("x-msgid-plural") is not None and target is not None:
                yield from plural_segments(seg, unit)
            else:
                yield seg


def _file_source_lang(path: str | os.PathLike, kind: str) -> str | None:
    if kind != "tmx":
        return None
    srclang = read_tmx_header(path).srclang
    return None if srclang in ("*all*", "", None) else normalize_lang(srclang, source=str(path))


def read_segments(paths: Sequence[str | os.PathLike], src: str | None = None, tgt: str | None = None,
                  skipped: list[InputError] | None = None, warnings: list[str] | None = None) -> list[Segment]:
    """Every pair of every file, in order; units a reader cannot use go to `skipped`. A given
    `tgt` wins over the target language a bilingual file names; such a file, and a TMX with no
    `tgt` text, is named in `warnings` (see esfterm.formats.targetlang)."""
    out: list[Segment] = []
    bad = skipped.append if skipped is not None else None
    said = warnings.append if warnings is not None else None  # None: read_units logs them
    for path in paths:
        kind = detect_format(path)
        file_src = src or _file_source_lang(path, kind)
        units = list(read_units(path, src_lang=src, tgt_lang=tgt, on_bad=bad, keep_untranslated=True,
                                on_warning=said))
        if tgt and kind == "tmx" and warnings is not None and (note := missing_target(units, tgt, path)):
            warnings.append(note)
        out.extend(segments_from_units(units, str(path), file_src, tgt, multilingual=kind == "tmx"))
    return out
