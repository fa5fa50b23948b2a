"""inconsistent-target and inconsistent-source: one text, several translations, across files.

Segments are compared after normalisation: "exact" compares text with whitespace collapsed,
"case" also ignores case, "loose" (the default) also ignores punctuation, so a missing full
stop is not reported as a different translation. A source's closing ":", "?" or "!" is kept
in every mode: "Time:" (a label), "Delete?" (a question) and "Delete" are different strings.

What the checks then leave alone, because it is no terminology problem (see `legitimate`):
one-word renderings of one word that are forms of one word (sv "Filter"/"Filtrera", sl
"poldne"/"opoldne", abbreviations "geg"/"gegužė": the form depends on where the string is
used); for inconsistent-source, short sources that are wordings of one label ("Email" and
"Email address", "Change password" and "Password change", "user" and "users") and renderings
too short to tell meanings apart (sl "pet" for "five" and "Fri").
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import compress, count
from operator import itemgetter
from typing import Callable, Iterable

import regex

from esfterm.qa import placeholders
from esfterm.text.memo import Memo
from esfterm.text.morphology import TOKEN_RE, word_key

NORMALISATIONS = ("exact", "case", "loose")
_PUNCT = regex.compile(r"\p{P}+")
#: Closing marks that make another string of a text: a label, a question, an exclamation.
CLOSING = (":", "?", "!")

#: The comparison form of one whitespace-free chunk of text, per mode. NFC composition,
#: case folding and dropping punctuation work within chunks and never make or remove
#: whitespace, so a text is compared chunk by chunk; chunks recur, so each is folded once.
_CHUNK_FORMS = {
    "exact": Memo(lambda chunk: unicodedata.normalize("NFC", chunk)),
    "case": Memo(lambda chunk: unicodedata.normalize("NFC", chunk).casefold()),
    "loose": Memo(lambda chunk: _PUNCT.sub("", unicodedata.normalize("NFC", chunk).casefold())),
}


def normalise(text: str, mode: str = "loose", *, source: bool = False) -> str:
    """The comparison form of a segment under one of NORMALISATIONS (of a source: with its
    closing mark, see closing_mark)."""
    form = " ".join(filter(None, map(chunk_form(mode), text.split())))
    mark = closing_mark(text) if source and mode == "loose" else ""
    return f"{form} {mark}" if form and mark else form


def closing_mark(text: str) -> str:
    """The ":", "?" or "!" a text ends with ("" for none)."""
    end = text.rstrip()[-1:]
    return end if end in CLOSING else ""


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


#: Content words of a source are at most this many for its wordings to be one label's.
_LABEL_WORDS = 4
_CAMEL = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})")


def _letters(text: str) -> str:
    return "".join(c for c in placeholders.blank(text).casefold() if c.isalpha())


def forms_of_one_word(a: str, b: str) -> bool:
    """Two one-word texts that are forms of one word: one is the other's abbreviation, or
    they share a beginning or an end of at least four letters and two thirds of the shorter."""
    a, b = a.split(), b.split()
    if len(a) != 1 or len(b) != 1:
        return False
    x, y = sorted((_letters(a[0]), _letters(b[0])), key=len)
    if len(x) < 3 or x == y:
        return False
    if y.startswith(x):
        return True
    shared = max(_common(x, y), _common(x[::-1], y[::-1]))
    return shared >= 4 and shared * 3 >= len(x) * 2


def _common(x: str, y: str) -> int:
    n = 0
    while n < len(x) and n < len(y) and x[n] == y[n]:
        n += 1
    return n


def _content_keys(text: str, lang: str) -> set[str]:
    words = TOKEN_RE.findall(_CAMEL.sub(" ", placeholders.blank(text)))
    return {word_key(w.lower(), lang) for w in words if any(c.isalpha() for c in w)}


def label_variants(a: str, b: str, lang: str) -> bool:
    """Two short sources of which one says no more than the other ("Email"/"Email address",
    "Password change"/"Change password", "LogEntry Object"/"log entry"): one label."""
    x, y = sorted((_content_keys(a, lang), _content_keys(b, lang)), key=len)
    return bool(x) and len(y) <= _LABEL_WORDS and x <= y


def legitimate(check: str, text: str, other: str, rendering: str, lang: str) -> bool:
    """Is a difference one the consistency checks leave alone (see the module doc)? `text`
    and `other` are the two texts that differ (renderings for inconsistent-target, sources
    for inconsistent-source, where `rendering` is their shared target); `lang` is theirs."""
    if forms_of_one_word(text, other):
        return True
    if check == "inconsistent-source":
        return len(_letters(rendering)) <= 3 or label_variants(text, other, lang)
    return False
