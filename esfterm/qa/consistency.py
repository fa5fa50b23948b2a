"""inconsistent-target and inconsistent-source: one text, several translations, across files.

Segments are compared after normalisation: "exact" compares text with whitespace collapsed,
"case" also ignores case, "loose" (the default) also ignores punctuation, so a missing full
stop is not reported as a different translation.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import compress, count
from operator import itemgetter
from typing import Callable, Iterable

import regex

from esfterm.text.memo import Memo

NORMALISATIONS = ("exact", "case", "loose")
_PUNCT = regex.compile(r"\p{P}+")

#: The comparison form of one whitespace-free chunk of text, per mode. NFC composition,
#: case folding and dropping punctuation work within chunks and never make or remove
#: whitespace, so a text is compared chunk by chunk; chunks recur, so each is folded once.
_CHUNK_FORMS = {
    "exact": Memo(lambda chunk: unicodedata.normalize("NFC", chunk)),
    "case": Memo(lambda chunk: unicodedata.normalize("NFC", chunk).casefold()),
    "loose": Memo(lambda chunk: _PUNCT.sub("", unicodedata.normalize("NFC", chunk).casefold())),
}


def normalise(text: str, mode: str = "loose") -> str:
    """The comparison form of a segment under one of NORMALISATIONS."""
    return " ".join(filter(None, map(chunk_form(mode), text.split())))


def chunk_form(mode: str) -> Callable[[str], str]:
    """The comparison form of one whitespace-free chunk ("" when nothing of it is compared)."""
    return _CHUNK_FORMS[mode].__getitem__


@dataclass(frozen=True)
class Inconsistency:
    """Unit `index` renders a text differently from `other` (the most common rendering)."""

    index: int
    other: int
    variants: int


def inconsistencies(pairs: Iterable[tuple[str, str]]) -> list[Inconsistency]:
    """For (key, rendering) pairs in order — both already normalised — flag renderings that
    differ from the majority.

    The majority rendering (ties: the first seen) is taken as the reference; every unit with
    another rendering is reported once, pointing at the first unit with the reference.
    """
    pairs = list(pairs)
    keys = list(map(itemgetter(0), pairs))
    counts = Counter(keys)
    # keys seen more than once, found without a Python-level pass over every pair
    repeated = set(compress(counts.keys(), map((1).__lt__, counts.values())))
    repeated.discard("")
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i in compress(count(), map(repeated.__contains__, keys)):
        key, rendering = pairs[i]
        if rendering:
            groups[key].append((i, rendering))
    out: list[Inconsistency] = []
    for members in groups.values():
        counts = Counter(r for _, r in members)
        if len(counts) < 2:
            continue
        # a Counter keeps first-seen order and max() the first of equals: ties go to the first seen
        reference = max(counts, key=counts.__getitem__)
        ref_index = next(i for i, r in members if r == reference)
        for i, r in members:
            if r != reference:
                out.append(Inconsistency(i, ref_index, len(counts)))
    return sorted(out, key=lambda x: x.index)
