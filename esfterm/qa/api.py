"""The library entry points of `esfterm check`: files (or units) in, a Report out.

    report = check_files(["new.po"], src="sv", tgt="sl")          # the ESF termbase
    report = check_files(paths, termbase="my.tbx", tm="build/esf-tm.sqlite", fail_on="warning")
    findings = check(units, termbase, src="sv", tgt="sl")
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Iterable, Sequence

from esfterm.errors import InputError
from esfterm.formats.termfile import read_termbase
from esfterm.langs import require_known
from esfterm.model import Termbase, Unit
from esfterm.qa.baseline import split_new
from esfterm.qa.findings import Finding
from esfterm.qa.report import FAIL_ON, Report
from esfterm.qa.runner import CheckConfig, ExactLookup, check_segments
from esfterm.qa.segments import read_segments, segments_from_units
from esfterm.terms import default_termbase_path
from esfterm.tm import TranslationMemory

PathLike = str | os.PathLike


def load_termbase(termbase: Termbase | PathLike | None, src: str | None = None,
                  tgt: str | None = None) -> Termbase:
    """A Termbase object, a termbase file (TBX, TSV, CSV), or None for the ESF termbase."""
    if isinstance(termbase, Termbase):
        return termbase
    return read_termbase(termbase if termbase is not None else default_termbase_path(), src, tgt)


def tm_exact_lookup(tm: TranslationMemory) -> ExactLookup:
    """Exact-match lookup in a TM store: the targets of units whose source is identical."""

    def lookup(text: str, src: str, tgt: str) -> list[str]:
        return [m.target for m in tm.search(text, src, tgt, min_score=100, limit=10) if m.source == text]

    return lookup


def check(units: Iterable[Unit], termbase: Termbase | PathLike | None = None, *, src: str | None = None,
          tgt: str | None = None, file: str = "<units>", config: CheckConfig | None = None,
          tm_lookup: ExactLookup | None = None) -> list[Finding]:
    """Findings for units already in memory (the languages default to each unit's first two)."""
    segments = list(segments_from_units(units, file, src, tgt))
    return check_segments(segments, load_termbase(termbase, src, tgt), config=config, tm_lookup=tm_lookup)


def check_files(paths: Sequence[PathLike], *, src: str | None = None, tgt: str | None = None,
                termbase: Termbase | PathLike | None = None, tm: PathLike | None = None,
                config: CheckConfig | None = None, baseline: Counter | None = None,
                fail_on: str = "error") -> Report:
    """Read and check every file; InputError when a file, the termbase or the TM is unusable."""
    if fail_on not in FAIL_ON:
        raise InputError(f"unknown --fail-on value {fail_on!r}", hint="use " + ", ".join(FAIL_ON))
    if not paths:
        raise InputError("no files to check")
    src = require_known(src, option="--src") if src else None
    tgt = require_known(tgt, option="--tgt") if tgt else None
    skipped: list[InputError] = []
    warnings: list[str] = []
    segments = read_segments(paths, src, tgt, skipped, warnings)
    tb = load_termbase(termbase, src, tgt)
    memory = TranslationMemory(tm, readonly=True) if tm is not None else None
    try:
        lookup = tm_exact_lookup(memory) if memory is not None else None
        findings = check_segments(segments, tb, config=config, tm_lookup=lookup)
    finally:
        if memory is not None:
            memory.close()
    new, known = split_new(findings, baseline or Counter())
    return Report(new, segments, known, [str(e) for e in skipped], fail_on, [str(p) for p in paths], warnings)
