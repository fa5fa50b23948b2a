"""Confirming stem matches with the lemmatizer, where stemming folds different words together.

Stemmers fold derivations (en "participate" and "participant" both stem to "particip"). A key
match is kept unless the lemmatizer knows the text word and the term word as two different
dictionary entries; words it does not know (new compounds, names) keep their stem match.

Stemmers and lemmatizers also fold parts of speech: en "supports", "supported" and
"supporting" all lead to "support". A term is a noun phrase, so its words are not matched by
English forms that only a verb has ("supported", "reviewing"), and a final "-s" form is read
as a verb when an object follows it ("the ESF supports partnerships" has no "ESF support").
"""

from __future__ import annotations

import functools

import simplemma

from esfterm.langs import primary
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


#: English endings of verb forms (past, participles, gerund) that no inflected noun has.
_EN_VERB_ENDINGS = ("ed", "ing")
#: English words that start a noun phrase and never follow a plural noun phrase directly: after
#: "supports" they make it a verb with its object ("supports the ...", "supports their ...").
_EN_OBJECT_STARTERS = frozenset(
    "the a an these those its their our his her my your them him us me".split())


def noun_form(term_word: str, word: str, lang: str) -> bool:
    """Can `word` be a form of the noun-phrase word `term_word` (both lowercase)? False only
    for an English form with a verb ending that the term word lacks ("supported" for
    "support"; "shared" stays a form of "shared")."""
    if word == term_word or primary(lang) != "en":
        return True
    return not any(word.endswith(e) and not term_word.endswith(e) for e in _EN_VERB_ENDINGS)


def verb_ambiguous(term_word: str, word: str, lang: str) -> bool:
    """Is `word` the English "-s" form of `term_word` (both lowercase), which can be a plural
    noun or a verb ("supports")? Then the words after it decide (see `reads_as_verb`)."""
    if word == term_word or primary(lang) != "en" or term_word.endswith("s"):
        return False
    return word in (term_word + "s", term_word + "es")


def reads_as_verb(next_word: str | None, lang: str) -> bool:
    """Does an English "-s" form read as a verb before `next_word`: an article, possessive or
    object pronoun, or a regular plural noun ("supports partnerships")? A plural noun phrase
    is followed by neither (its verb agrees with it: "ESF projects involve ...")."""
    if next_word is None or primary(lang) != "en":
        return False
    low = next_word.lower()
    if low in _EN_OBJECT_STARTERS:
        return True
    if not low.endswith("s") or not low.isalpha():
        return False
    base = lemma(low, lang)
    return base != low and low in (base + "s", base + "es", base[:-1] + "ies")
