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
from typing import Iterator

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

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


def _changes(a: list[str], b: list[str]) -> Iterator[tuple[str, str, str]]:
    """(operation, a words, b words) runs from a longest-common-subsequence alignment of words."""
    old: list[str] = []
    new: list[str] = []
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            if old or new:
                yield _tag(old, new), " ".join(old), " ".join(new)
                old, new = [], []
            yield "equal", "", " ".join(b[op.dest_start:op.dest_end])
        else:
            old += a[op.src_start:op.src_end]
            new += b[op.dest_start:op.dest_end]
    if old or new:
        yield _tag(old, new), " ".join(old), " ".join(new)


def _tag(old: list[str], new: list[str]) -> str:
    return "replace" if old and new else ("delete" if old else "insert")


def word_diff(query: str, candidate: str) -> list[tuple[str, str, str]]:
    """The words that differ, as (operation, query words, candidate words); operations are
    'replace', 'delete' (only in the query) and 'insert' (only in the candidate)."""
    return [c for c in _changes(_TOKEN.findall(query), _TOKEN.findall(candidate)) if c[0] != "equal"]


def highlight(query: str, candidate: str) -> str:
    """The candidate with its differences marked wdiff-style: [-query words-]{+candidate words+}."""
    out = []
    for tag, old, new in _changes(_TOKEN.findall(query), _TOKEN.findall(candidate)):
        if tag == "equal":
            out.append(new)
        else:
            out.append(("[-" + old + "-]" if old else "") + ("{+" + new + "+}" if new else ""))
    return re.sub(r" ([,.;:!?)])", r"\1", " ".join(out))
