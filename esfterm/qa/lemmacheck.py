"""Confirming stem matches with the lemmatizer, where stemming folds different words together.

Stemmers fold derivations (en "participate" and "participant" both stem to "particip"). A key
match is kept unless the lemmatizer knows the text word and the term word as two different
dictionary entries; words it does not know (new compounds, names) keep their stem match.
"""

from __future__ import annotations

import functools
from typing import Sequence

import simplemma

from esfterm.qa.termindex import IndexedTerm, Match, match_of
from esfterm.text.morphology import lemma


@functools.lru_cache(maxsize=100_000)
def _known(word: str, lang: str) -> bool:
    try:
        return simplemma.is_known(word, lang=lang)
    except ValueError:
        return False


@functools.lru_cache(maxsize=500_000)
def same_word(term_lemma: str, word: str, lang: str) -> bool:
    """Can `word` be a form of the term word whose lemma is `term_lemma`?"""
    word_lemma = lemma(word, lang)
    return word_lemma == term_lemma or not (_known(word_lemma, lang) and _known(term_lemma, lang))


def _same_words(term: IndexedTerm, words: Sequence[str], lang: str) -> bool:
    return all(t is None or same_word(t, w, lang) for t, w in zip(term.lemmas, words))


#: (terms of a match, its words, language) -> the terms confirmed; emptied when it grows large.
_CONFIRMED: dict[tuple, tuple[IndexedTerm, ...]] = {}
_CONFIRMED_LIMIT = 200_000


def confirm(matches: list[Match], words: Sequence[str], lang: str) -> list[Match]:
    """The matches (and their terms) whose words really are forms of the term's words."""
    if len(_CONFIRMED) > _CONFIRMED_LIMIT:
        _CONFIRMED.clear()
    out = []
    for m in matches:
        span = tuple(words[m.start:m.end])
        memo = (m.terms, span, lang)
        terms = _CONFIRMED.get(memo)
        if terms is None:
            terms = _CONFIRMED[memo] = tuple(t for t in m.terms if _same_words(t, span, lang))
        if len(terms) == len(m.terms):
            out.append(m)
        elif terms:
            out.append(match_of(m.start, m.end, terms))
    return out
