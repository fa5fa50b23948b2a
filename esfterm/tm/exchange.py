"""Files in and out of the translation memory: import any supported format, export TMX, TSV,
PO or XLIFF 1.2."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from esfterm.errors import InputError
from esfterm.formats.bitext import write_bitext
from esfterm.formats.detect import detect_format, read_units
from esfterm.formats.po_write import write_po
from esfterm.formats.tmx import TmxHeader, read_tmx_header, write_tmx
from esfterm.formats.xliff import is_draft
from esfterm.formats.xliff_write import write_xliff
from esfterm.langs import normalize_lang
from esfterm.model import Unit
from esfterm.tm.controlchars import cleaned_units, writable_units
from esfterm.tm.store import ImportStats, TranslationMemory

EXPORT_FORMATS = ("tmx", "tsv", "po", "xliff")


@dataclass
class ExportReport:
    """What an export wrote, and what it had to change to fit the format (one line each)."""

    written: int
    notes: list[str] = field(default_factory=list)


def origin_of(path: str | os.PathLike) -> str:
    """The origin recorded for an imported file: its path as given (normalised, not made
    absolute), so 36 catalogues all named django.po stay apart."""
    return os.path.normpath(os.fspath(path))


def _kept(units: Iterable[Unit], stats: ImportStats, drafts: bool, positional_ids: bool) -> Iterator[Unit]:
    for unit in units:
        if not drafts and is_draft(unit):
            stats.drafts += 1
            continue
        if positional_ids:  # a TSV line number locates a row; it does not identify a unit
            unit.id = None
        yield unit


def import_files(tm: TranslationMemory, paths: Iterable[str | os.PathLike], *, src_lang: str | None = None,
                 tgt_lang: str | None = None, strict: bool = False, fuzzy: str = "skip",
                 drafts: bool = False, document: str | None = None,
                 on_bad: Callable[[InputError], None] | None = None,
                 on_clean: Callable[[str], None] | None = None,
                 on_warning: Callable[[str], None] | None = None) -> ImportStats:
    """Import files into `tm` in ONE transaction: any refused file leaves the store unchanged.

    Bad units are skipped and reported (`on_bad`, and in stats.problems), or refuse the whole
    import with `strict`. Control characters XML cannot hold are removed and reported
    (`on_clean`, stats.cleaned), or refuse the import with `strict` (see controlchars).
    XLIFF units in a draft state are left out unless `drafts`.
    `document` overrides the origin recorded for the units (default: the path as given).
    `tgt_lang` wins over the target language a PO, XLIFF or TSV file names; each such file is
    said in stats.problems and to `on_warning` (see esfterm.formats.targetlang).
    """
    stats = ImportStats()

    def cleaned(message: str) -> None:
        stats.cleaned += 1
        stats.problems.append(message)
        if on_clean is not None:
            on_clean(message)

    def warned(message: str) -> None:
        stats.problems.append(message)
        if on_warning is not None:
            on_warning(message)

    def bad(exc: InputError) -> None:
        stats.skipped += 1
        stats.problems.append(str(exc))
        if on_bad is not None:
            on_bad(exc)

    with tm.transaction():
        for path in paths:
            kind = detect_format(path)
            units = cleaned_units(read_units(path, src_lang, tgt_lang, strict, fuzzy=fuzzy, on_bad=bad,
                                             on_warning=warned),
                                  str(path), strict=strict, on_clean=cleaned)
            origin = document or origin_of(path)
            tm.import_units(_kept(units, stats, drafts, kind == "tsv"), origin, stats)
            if kind == "tmx":
                tm.set_header(origin, read_tmx_header(path).to_json())
    return stats


def tmx_day(date: str | None) -> str | None:
    """'2024-05-01' or '20240501' (or a full TMX date) as a TMX date for comparisons."""
    if not date:
        return None
    digits = date.replace("-", "")
    if len(digits) == 8 and digits.isdigit():
        return f"{digits}T000000Z"
    if len(digits) == 16 and digits[8] == "T":
        return digits
    raise InputError(f"not a date: {date!r}", hint="use YYYY-MM-DD")


def export_tm(tm: TranslationMemory, path: str | os.PathLike, *, fmt: str = "tmx", src: str | None = None,
              tgt: str | None = None, document: str | None = None, since: str | None = None,
              until: str | None = None) -> ExportReport:
    """Write (part of) the TM atomically as TMX 1.4b, TSV, PO or XLIFF 1.2.

    A unit holding a character XML forbids is left out and named in the report's notes
    rather than failing the whole export (see controlchars)."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}", hint="use " + ", ".join(EXPORT_FORMATS))
    if bool(src) != bool(tgt):
        raise InputError("give both --src and --tgt, or neither")
    if fmt != "tmx" and not (src and tgt):
        raise InputError(f"{fmt} export needs a language pair", hint="give --src and --tgt")
    left_out: list[str] = []
    units = writable_units(tm.iter_units(src, tgt, document, tmx_day(since), tmx_day(until)), left_out.append)
    if fmt == "tsv":
        report = ExportReport(write_bitext(path, units, src, tgt))
    elif fmt == "po":
        written = write_po(path, units, src, tgt)
        report = ExportReport(written.written, written.notes())
    elif fmt == "xliff":
        report = ExportReport(write_xliff(path, units, src, tgt))
    else:
        report = ExportReport(write_tmx(path, units, _tmx_header(tm, document, src)))
    report.notes[:0] = left_out
    return report


def _tmx_header(tm: TranslationMemory, document: str | None, src: str | None) -> TmxHeader:
    """The header of the one document exported, as imported (its tool, props and notes), else
    esfterm's own; srclang is the source asked for, else `*all*` for a fresh header."""
    kept = tm.header(document)
    header = TmxHeader.from_json(kept) if kept else TmxHeader()
    if src or not kept:
        header.srclang = normalize_lang(src) if src else "*all*"
    return header
