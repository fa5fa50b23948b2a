"""Inflection-aware word keys for term matching in sv, sl, lt and other languages.

A word's *key* is the stem of its lemma: simplemma maps inflected forms to the dictionary
form ("socialinių" -> "socialinis", "Evropskega" -> "evropski", "socialfondens" -> "socialfond"),
and a Snowball stemmer (or a light suffix stripper where Snowball has no stemmer, as for
Slovenian) folds what the lemma dictionary does not know. The same function runs on both
the term and the running text, so the keys meet even for words neither tool knows.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import simplemma
import snowballstemmer
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries import TrieDictionaryFactory

#: Words: letters/digits, inner hyphens, colons ("EU:s"), apostrophes, and a trailing "+" ("ESF+").
TOKEN_RE = re.compile(r"\w+(?:[-:'’]\w+)*\+?", re.UNICODE)

_SNOWBALL = {
    "sv": "swedish", "lt": "lithuanian", "en": "english", "hu": "hungarian", "da": "danish",
    "nl": "dutch", "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "it": "italian",
    "no": "norwegian", "nb": "norwegian", "pt": "portuguese", "ro": "romanian", "es": "spanish",
    "et": "estonian", "ga": "irish", "ca": "catalan", "cs": "czech", "pl": "polish",
    "hr": "serbian", "sr": "serbian", "bs": "serbian",
}

#: simplemma's names for languages it files under another code.
_LEMMA_CODES = {"hr": "hbs", "sr": "hbs", "bs": "hbs", "no": "nb"}

#: Inflectional endings stripped (longest first) where Snowball has no stemmer.
_LIGHT_SUFFIXES = {
    "sl": ("ega", "emu", "ih", "im", "imi", "ov", "om", "ami", "ah", "e", "a", "i", "o", "u"),
    "sk": ("ého", "ému", "ými", "ých", "om", "ov", "a", "e", "i", "o", "u", "y"),
    "lv": ("iem", "ām", "ās", "as", "am", "os", "us", "ai", "a", "s", "š", "u", "i", "e"),
}
_MIN_STEM = 3

#: simplemma reading its dictionaries as tries cached on disk (built once per machine): one
#: loads in milliseconds instead of the half second a decoded dictionary takes, so a short
#: command (a lookup) does not pay seconds for the languages it tries. Same lemmas.
LEMMA_STRATEGY = DefaultStrategy(dictionary_factory=TrieDictionaryFactory())
_LEMMATIZER = simplemma.Lemmatizer(lemmatization_strategy=LEMMA_STRATEGY)


@dataclass(frozen=True)
class Token:
    """A word and its character span in the text it came from."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens with their offsets (punctuation is not a token)."""
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def _base(lang: str | None) -> str:
    return (lang or "").split("-")[0].lower()


def simplemma_code(lang: str | None) -> str:
    """The code simplemma files a language under ('hr' -> 'hbs'), from any BCP 47 tag."""
    base = _base(lang)
    return _LEMMA_CODES.get(base, base)


@functools.lru_cache(maxsize=None)
def has_lemmas(lang: str) -> bool:
    """True when simplemma has a dictionary for this (simplemma) language code."""
    try:
        _LEMMATIZER.lemmatize("test", lang)
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=None)
def _stemmer(lang: str):
    name = _SNOWBALL.get(lang)
    return snowballstemmer.stemmer(name) if name else None


@functools.lru_cache(maxsize=500_000)
def lemma(word: str, lang: str | None) -> str:
    """The dictionary form of a word, lowercased; the word itself when no lemma is known."""
    low = word.lower()
    base = simplemma_code(lang)
    if base and has_lemmas(base):
        return _LEMMATIZER.lemmatize(low, base).lower()
    return low


def stem(word: str, lang: str | None) -> str:
    """A Snowball stem (or a light suffix strip) of a lowercased word."""
    base = _base(lang)
    stemmer = _stemmer(base)
    if stemmer is not None:
        return stemmer.stemWord(word)
    for suffix in _LIGHT_SUFFIXES.get(base, ()):
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=500_000)
def word_key(word: str, lang: str | None) -> str:
    """The matching key of one word: stem(lemma(word)). Acronyms and numbers stay as they are."""
    if is_acronym(word) or (not word.isalpha() and any(ch.isdigit() for ch in word)):
        return word
    return stem(lemma(word, lang), lang)


def is_acronym(word: str) -> bool:
    """Acronyms ("ESF", "ESS+", "EaSI", "CLLD", "NVO") are matched exactly and case-sensitively."""
    if not word[:1].isupper():
        return False
    core = word.rstrip("+")
    letters = [c for c in core if c.isalpha()]
    if len(letters) < 2 or len(core) > 10:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper >= 2 and upper >= len(letters) / 2
