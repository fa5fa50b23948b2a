"""How term-like a phrase is, from outside the memory: the general-language frequency of its
words (wordfreq's word lists, shipped inside the package, for sv, sl, lt, hr, hu, en and
about forty other languages).

A term is made of words that general language uses less than the domain does: "kapacitets-
uppbyggnad", "socialpolitik", "diskriminering". A phrase of the commonest words of the
language ("lokala behov", "nya lösningar") is more often just a description. Frequency is read
on the Zipf scale (log10 of occurrences per billion words: 7 for "och", 5 for "lösning", 3
for "fattigdom", 0 for a word wordfreq never saw), so a language without a list abstains.
"""

from __future__ import annotations

import functools

import wordfreq

from esfterm.langs import primary
from esfterm.text.morphology import lemma

#: Mean Zipf frequency at and below which words count as fully specialised, and the span over
#: which specificity falls to its floor (a phrase of words at Zipf 5.5 and above: "hela året").
SPECIALISED_ZIPF = 3.5
ZIPF_SPAN = 2.0
SPECIFICITY_FLOOR = 0.25
#: A single word is a term candidate only when it is at most this common: one general word
#: ("projekt", "lösningar", "behov") is a word, not a term.
SINGLE_WORD_ZIPF = 4.5
#: wordfreq's code where it differs from ours (it files Croatian, Serbian and Bosnian together).
_CODES = {"no": "nb", "hr": "sh", "sr": "sh", "bs": "sh"}


@functools.lru_cache(maxsize=None)
def frequency_code(lang: str) -> str | None:
    """wordfreq's code for the language, or None when it has no list of its own (wordfreq
    would answer for a 'nearest' language, English for Maltese: that is no answer)."""
    base = primary(lang)
    code = _CODES.get(base, base)
    return code if code in wordfreq.available_languages() else None


def form_zipf(word: str, lang: str) -> float | None:
    """General-language Zipf frequency of this very form (None when the language has no list)."""
    code = frequency_code(lang)
    return None if code is None else wordfreq.zipf_frequency(word.lower(), code)


@functools.lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float | None:
    """General-language Zipf frequency of a word, the higher of its own form's and its
    lemma's (an inflected form is rarer than the word: "erfarenheten" 3.2, "erfarenhet" 4.3);
    None when the language has no list."""
    own = form_zipf(word, lang)
    return None if own is None else max(own, form_zipf(lemma(word, lang), lang))


def mean_zipf(words: list[str], lang: str) -> float | None:
    """Mean Zipf frequency of the words (None when there are none or no list)."""
    values = [z for w in words if (z := zipf(w, lang)) is not None]
    return sum(values) / len(values) if values else None


def specificity(words: list[str], lang: str) -> float:
    """1 for specialised words, falling linearly to SPECIFICITY_FLOOR as their mean Zipf
    frequency rises by ZIPF_SPAN above SPECIALISED_ZIPF; 1 when nothing is known."""
    m = mean_zipf(words, lang)
    if m is None:
        return 1.0
    fall = (m - SPECIALISED_ZIPF) / ZIPF_SPAN
    return max(SPECIFICITY_FLOOR, min(1.0, 1.0 - (1.0 - SPECIFICITY_FLOOR) * fall))


def is_general_word(word: str, lang: str) -> bool:
    """True for a word too common to be a term on its own (see SINGLE_WORD_ZIPF)."""
    z = zipf(word, lang)
    return z is not None and z > SINGLE_WORD_ZIPF
