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


#: Parts shorter than this are not split off a closed compound ("del", "upp" would split too much).
_MIN_PART = 4
_MIN_COMPOUND = 9


@functools.lru_cache(maxsize=200_000)
def compound_parts(word: str, lang: str | None) -> tuple[str, ...]:
    """The parts of a compound: the pieces of a hyphenated word ("ESF-stödet" -> "ESF",
    "stödet"), or the two dictionary words of a closed compound, the left one with its
    linking -s kept ("utvecklingsstrategi" -> "utvecklings", "strategi"), longest head first.
    Empty when the word is no compound (or its language has no dictionary)."""
    if "-" in word.strip("-"):
        parts = tuple(p for p in word.split("-") if p)
        return parts if len(parts) > 1 else ()
    low = word.lower()
    base = simplemma_code(lang)
    if len(low) < _MIN_COMPOUND or not base or not has_lemmas(base) or not low.isalpha():
        return ()
    whole = lemma(low, lang)
    for cut in range(_MIN_PART, len(low) - _MIN_PART + 1):
        left, right = low[:cut], low[cut:]
        if simplemma.is_known(right, lang=base) and (
                simplemma.is_known(left, lang=base) or (left.endswith("s") and simplemma.is_known(left[:-1], lang=base))) \
                and (whole == low or whole.endswith(lemma(right, lang))):
            return (left, right)
    return ()


#: Infinitive endings of dictionary forms, for languages whose lemmatizer gives verbs as infinitives.
_INFINITIVES = {"sl": ("ti", "či"), "hr": ("ti", "ći"), "sr": ("ti", "ći"), "bs": ("ti", "ći"),
                "lt": ("ti",), "lv": ("t",), "cs": ("t",), "sk": ("ť",), "pl": ("ć",)}
#: Lithuanian forms that end like declined nouns are nouns even when the dictionary sends them
#: to a verb ("sąlygos" -> "sąlygoti", "įtraukties" -> "įtraukti").
_NOUN_LIKE = {"lt": ("os", "ės", "ies", "imi", "į", "ą", "ių")}
#: Swedish (and Danish, Norwegian) verbs: present, passive, past and supine forms of an
#: infinitive in -a ("visa": "visar", "visas", "visade", "visat"; "genomföra": "genomför").
_SCANDINAVIAN = ("sv", "da", "nb", "no")


def looks_like_verb(word: str, lang: str | None) -> bool:
    """True when the lemmatizer makes the word a finite or infinitive verb form: a term (a
    noun phrase) neither starts nor ends with one. Decided from the dictionary form alone, so
    it abstains (False) for languages it has no rule for and for words the dictionary lacks."""
    base = _base(lang)
    low = word.lower()
    lem = lemma(word, lang)
    if base in _SCANDINAVIAN and lem == low and low.endswith("a"):
        # an infinitive: its present and past forms lead back to it ("utöka": "utökar", "utökade")
        # (and the second conjugation's: "bedöma": "bedömer", "bedömde")
        return any(lemma(low + ending, lang) == low for ending in ("r", "de")) or any(
            lemma(low[:-1] + ending, lang) == low for ending in ("er", "de", "te"))
    if lem == low and not (low.endswith(_INFINITIVES.get(base, ("\0",)))
                           and simplemma.is_known(low, lang=simplemma_code(lang))):
        return False
    if base in _SCANDINAVIAN:
        stem_ = lem[:-1]
        # verbs in -ja may drop the j ("stödja": "stöder", "stödde")
        stems = (stem_, lem[:-2]) if lem.endswith("ja") else (stem_,)
        return lem.endswith("a") and lem != low and (low in {lem + "r", lem + "s", lem + "de", lem + "des", lem + "t"}
                                                     or any(low in {st, st + "er", st + "de", st + "te", st + "es",
                                                                    st + "ts", st + "ds"} for st in stems))
    if base in _INFINITIVES and lem.endswith(_INFINITIVES[base]):
        return not low.endswith(_NOUN_LIKE.get(base, ("\0",)))
    return False


#: Dictionary-form endings of adjectives, for languages whose adjectives end that way.
_ADJECTIVE_LEMMAS = {"sl": ("ski", "ški", "čki", "ni", "en"), "hr": ("ski", "ški", "čki", "ni"),
                     "lt": ("inis", "iškas", "ingas")}


def looks_like_adjective(word: str, lang: str | None) -> bool:
    """True for a form that is (almost) only ever an adjective: a noun phrase does not end with
    it. Swedish, Danish, Norwegian: the weak form, lemma + "a" ("lokala", "sociala", "nya"),
    and the past participle of a verb in -a ("baserad");
    Slovenian, Croatian, Lithuanian: a dictionary form with an adjective ending ("lokalnih" ->
    "lokalen", "socialinių" -> "socialinis"). Abstains (False) elsewhere."""
    base = _base(lang)
    low = word.lower()
    if not low.isalpha() or is_acronym(word):
        return False
    lem = lemma(word, lang)
    if base in _SCANDINAVIAN:
        # also the past participle of an -a verb ("baserad", "integrerad", "delad")
        return lem != low and (low in (lem + "a", lem + lem[-1:] + "a")  # "gemensam": "gemensamma"
                               or (lem.endswith("a") and low == lem + "d"))
    endings = _ADJECTIVE_LEMMAS.get(base)
    if not endings:
        return False
    if lem == low:  # the dictionary form itself ("evropski"); "-en" is also a noun ending
        return low.endswith(tuple(e for e in endings if e != "en"))
    return lem.endswith(endings)
