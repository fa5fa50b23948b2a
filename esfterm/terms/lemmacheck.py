"""Confirming stem matches with the lemmatizer, where stemming folds different words together.

Stemmers fold derivations (en "participate" and "participant" both stem to "particip"). A key
match is kept unless the lemmatizer knows the text word and the term word as two different
dictionary entries; words it does not know (new compounds, names) keep their stem match.
"""

from __future__ import annotations

import functools

import simplemma

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
    # the term's lemma first: there are few of them, so that answer is nearly always cached
    return word_lemma == term_lemma or not (_known(term_lemma, lang) and _known(word_lemma, lang))
