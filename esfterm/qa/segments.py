"""The segment pairs a QA run checks, read from PO, XLIFF, TMX or TSV through esfterm.formats.

A pair remembers the file and the unit it came from, so every finding can point back to it.
Languages come from the options or, when not given, from the files: the PO/XLIFF header, the
TMX header's srclang, the TSV language row; a unit's target is then its other language.
Units with an empty or missing target are read too (`keep_untranslated`), so the `untranslated`
check sees them in every format.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Iterator

from esfterm.errors import InputError
from esfterm.formats.detect import detect_format, read_units
from esfterm.formats.tmx import read_tmx_header
from esfterm.langs import normalize_lang, primary
from esfterm.model import Unit


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


def _unit_id(unit: Unit, position: int) -> tuple[str, str]:
    ref = unit.ref or f"unit #{position}"
    return (unit.id if unit.id is not None else ref), ref


def _target_lang(unit: Unit, src: str, tgt: str | None, file: str) -> str | None:
    if tgt:
        return tgt
    others = sorted({v.lang for v in unit.variants if primary(v.lang) != primary(src)})
    if len(others) > 1:
        raise InputError(f"unit {unit.ref or unit.id} has several target languages ({', '.join(others)})",
                         path=file, line=unit.line, hint="choose one with --tgt")
    return others[0] if others else None


def segments_from_units(units: Iterable[Unit], file: str, src: str | None = None,
                        tgt: str | None = None) -> Iterator[Segment]:
    """Pairs of units in `src` -> `tgt`; without `src` a unit's first variant is the source."""
    for position, unit in enumerate(units, 1):
        if not unit.variants:
            continue
        unit_src = src or unit.variants[0].lang
        source = unit.variant(unit_src)
        if source is None or not source.text.strip():
            continue
        unit_tgt = _target_lang(unit, unit_src, tgt, file)
        target = unit.variant(unit_tgt) if unit_tgt else None
        uid, ref = _unit_id(unit, position)
        yield Segment(file, uid, ref, unit.line, source.lang, target.lang if target else (unit_tgt or "und"),
                      source.text, target.text if target else None, source.markup,
                      target.markup if target else None)


def _file_source_lang(path: str | os.PathLike) -> str | None:
    if detect_format(path) != "tmx":
        return None
    srclang = read_tmx_header(path).srclang
    return None if srclang in ("*all*", "", None) else normalize_lang(srclang, source=str(path))


def read_segments(paths: Iterable[str | os.PathLike], src: str | None = None, tgt: str | None = None,
                  skipped: list[InputError] | None = None) -> list[Segment]:
    """Every pair of every file, in order; units a reader cannot use go to `skipped`."""
    out: list[Segment] = []
    bad = skipped.append if skipped is not None else None
    for path in paths:
        file_src = src or _file_source_lang(path)
        units = read_units(path, src_lang=src, tgt_lang=tgt, on_bad=bad, keep_untranslated=True)
        out.extend(segments_from_units(units, str(path), file_src, tgt))
    return out
