"""Scoring term checks against a labelled set: precision and recall of (pair, check, concept).

The set is a TSV with columns id, kind, src, tgt, source, target, expected, origin, where
`expected` lists the term findings a correct checker reports as `check:concept;...`.
"""

from __future__ import annotations

import csv
import os

from esfterm.model import Termbase
from esfterm.qa.findings import CHECKS
from esfterm.qa.runner import CheckConfig, check_segments
from esfterm.qa.segments import Segment

TERM_CHECKS = ("term-missing", "term-forbidden")
Label = tuple[str, str, str]


def load_labelled(path: str | os.PathLike) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))


def expected(rows: list[dict[str, str]]) -> set[Label]:
    out = set()
    for r in rows:
        for label in filter(None, r["expected"].split(";")):
            check, concept = label.split(":", 1)
            out.add((r["id"], check, concept))
    return out


def predicted(rows: list[dict[str, str]], termbase: Termbase) -> set[Label]:
    """What the term checks report for the rows (every other check off)."""
    segments = [Segment("eval", r["id"], r["id"], None, r["src"], r["tgt"], r["source"], r["target"]) for r in rows]
    config = CheckConfig(disabled=frozenset(set(CHECKS) - set(TERM_CHECKS)))
    return {(f.unit, f.check, f.concept) for f in check_segments(segments, termbase, config=config)}
