"""CAT-style match percentages: rapidfuzz similarity of the whole segment, with the penalties
translators expect.

100 means identical text (and identical inline codes); anything else is at most 99. Differing
numbers cost NUMBER_PENALTY points each (a match with another amount or year is a trap), and each
inline code present on one side only costs TAG_PENALTY.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

NUMBER_PENALTY = 2
TAG_PENALTY = 1
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_TAG = re.compile(r"<(bpt|ept|ph|it|hi|ut)\b")
_TOKEN = re.compile(r"\w+|[^\w\s]")


def _numbers(text: str) -> Counter[str]:
    return Counter(_NUMBER.findall(text))


def _tags(markup: str | None) -> Counter[str]:
    return Counter(_TAG.findall(markup or ""))


def penalties(query: str, candidate: str, query_markup: str | None = None,
              candidate_markup: str | None = None) -> int:
    """Points taken off for differing numbers and inline codes."""
    nq, nc = _numbers(query), _numbers(candidate)
    tq, tc = _tags(query_markup), _tags(candidate_markup)
    numbers = sum(((nq - nc) + (nc - nq)).values())
    tags = sum(((tq - tc) + (tc - tq)).values())
    return NUMBER_PENALTY * numbers + TAG_PENALTY * tags


def cat_score(query: str, candidate: str, query_markup: str | None = None,
              candidate_markup: str | None = None, *, ratio: float | None = None) -> int:
    """The match percentage (0-100) of `candidate` for `query`."""
    if query == candidate and _tags(query_markup) == _tags(candidate_markup):
        return 100
    base = fuzz.ratio(query, candidate) if ratio is None else ratio
    score = min(math.floor(base), 99) - penalties(query, candidate, query_markup, candidate_markup)
    return max(score, 0)


def word_diff(query: str, candidate: str) -> list[tuple[str, str, str]]:
    """The words that differ, as (operation, query words, candidate words); operations are
    'replace', 'delete' (only in the query) and 'insert' (only in the candidate)."""
    a, b = _TOKEN.findall(query), _TOKEN.findall(candidate)
    changes = []
    for op in Levenshtein.opcodes(a, b):
        if op.tag != "equal":
            changes.append((op.tag, " ".join(a[op.src_start:op.src_end]),
                            " ".join(b[op.dest_start:op.dest_end])))
    return changes


def highlight(query: str, candidate: str) -> str:
    """The candidate with its differences marked wdiff-style: [-query words-]{+candidate words+}."""
    a, b = _TOKEN.findall(query), _TOKEN.findall(candidate)
    out: list[str] = []
    for op in Levenshtein.opcodes(a, b):
        old, new = " ".join(a[op.src_start:op.src_end]), " ".join(b[op.dest_start:op.dest_end])
        if op.tag == "equal":
            out.append(new)
        else:
            out.append(("[-" + old + "-]" if old else "") + ("{+" + new + "+}" if new else ""))
    return re.sub(r" ([,.;:!?)])", r"\1", " ".join(x for x in out if x))
