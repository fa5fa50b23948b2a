"""Term-shaped spans of a sentence: the words a term may start and end with, and acronym pairs.

Without a part-of-speech tagger, a span is term-shaped when
- it stays inside one phrase: no punctuation between its words, except what a language puts
  inside terms (quotes; in a translation also a comma before a relative clause, as in
  Slovenian "lokalni razvoj, ki ga vodi skupnost");
- it starts and ends with a content word: not a stopword of the language (stopwordsiso
  lists), not a bare number, not a code identifier ("verbose_name"), not a verb form
  (esfterm.text.morphology.looks_like_verb); placeholders and inline tags hold no words;
- the function words inside it are the prepositions and relative words terms hold
  (esfterm/data/termwords.tsv: "pelaren för sociala rättigheter"), never a verb, and never a
  coordinating conjunction, which joins two terms ("fattigdom och diskriminering") except in
  a suspended compound ("hälso- och sjukvårdstjänster").
An acronym in parentheses ("Europeiska socialfonden+ (ESF+)") marks the words before it as
its expansion.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import simplemma
import stopwordsiso

from esfterm.langs import primary
from esfterm.terms.termhood import form_zipf, zipf
from esfterm.text.placeholders import placeholder_spans
from esfterm.text.morphology import (Token, compound_parts, has_lemmas, is_acronym, looks_like_adjective, looks_like_verb,
                                     simplemma_code, tokenize)

#: What may stand between two words of one term: spaces and quotes ("strategija „Europa 2020“").
_INSIDE = re.compile(r"^[\s\"'„“”«»‘’]*$")
_COMMA = re.compile(r"^\s*,\s*$")
#: The hyphen of a suspended compound before its conjunction ("hälso- och sjukvårdstjänster").
_SUSPENDED = re.compile(r"^-\s+$")
_LETTER = re.compile(r"[^\W\d_]")
#: Content words that stopwordsiso files as stopwords in some lists ("lika möjligheter",
#: "Member State", "early school leaving", "call for proposals"): adjectives and nouns, never
#: function words, so a term may start or end with them.
_NOT_STOPWORDS = {
    "en": {"member", "members", "state", "states", "working", "early", "call", "making", "plus", "work",
           "world", "information", "area", "areas", "part", "parts", "group", "groups", "case", "cases",
           "place", "places", "point", "points", "problem", "problems", "right", "system", "order",
           "interest", "interests", "line", "present", "general", "large", "small", "new", "old", "young",
           "high", "open", "end", "side", "sides", "number", "numbers", "research", "results", "section"},
    "sv": {"lika", "del", "delen", "delar", "beslut", "bättre", "viktig", "viktiga", "nödvändig"},
}


@dataclass(frozen=True)
class Span:
    """Words start..end (exclusive) of a tokenised sentence."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end


@functools.lru_cache(maxsize=None)
def stopwords(lang: str) -> frozenset[str]:
    """The stopwords of a language: stopwordsiso's list with the function words it lacks
    (esfterm/data/termwords.tsv, kind "stop"); empty when neither has the language."""
    base = primary(lang)
    words = set(stopwordsiso.stopwords(base)) if stopwordsiso.has_lang(base) else set()
    words |= _term_words().get((base, "stop"), frozenset())
    return frozenset(words) - _NOT_STOPWORDS.get(base, set())


@functools.lru_cache(maxsize=None)
def _term_words() -> dict[tuple[str, str], frozenset[str]]:
    text = (resources.files("esfterm") / "data" / "termwords.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lang, kind, *words = line.split("\t")
            table[(lang, kind)] = frozenset(" ".join(words).split())
    return table


def inner_words(lang: str) -> frozenset[str] | None:
    """Function words allowed inside a term, or None when the language has no list (then any is)."""
    return _term_words().get((primary(lang), "inner"))


def relative_words(lang: str) -> frozenset[str]:
    """Relative words that may follow a comma inside a term ("ki" in Slovenian)."""
    return _term_words().get((primary(lang), "relative"), frozenset())


def verb_markers(lang: str) -> frozenset[str]:
    """Words a verb follows in the language ("att", "ska", "to"); empty when it has no list."""
    return _term_words().get((primary(lang), "before-verb"), frozenset())


def conjunctions(lang: str) -> frozenset[str]:
    """Coordinating conjunctions of the language (empty when it has no list)."""
    return _term_words().get((primary(lang), "conjunction"), frozenset())


@functools.lru_cache(maxsize=200_000)
def _word_class(word: str, lang: str) -> str:
    """'acronym', 'content', 'adjective' (starts a term, never ends one), 'verb', 'conjunction',
    'inner' (may stand inside a term) or 'stop'."""
    low = word.lower()
    if is_acronym(word):
        return "acronym"
    if low in conjunctions(lang):
        return "conjunction"
    if not _LETTER.search(word) or len(word) < 2 or low in stopwords(lang) or "_" in word:
        allowed = inner_words(lang)
        return "inner" if allowed is None or low in allowed else "stop"
    if looks_like_verb(word, lang):
        return "verb"
    return "adjective" if looks_like_adjective(word, lang) else "content"


def word_classes(tokens: list[Token], lang: str) -> list[str]:
    """The class of each word in its sentence: a content word right after a verb marker
    ("att stödja", "kan hitta") is a verb."""
    classes = [_word_class(t.text, lang) for t in tokens]
    markers = verb_markers(lang)
    for k in range(1, len(tokens)):
        if classes[k] in _CONTENT and classes[k] != "acronym" and tokens[k - 1].text.lower() in markers:
            classes[k] = "verb"
    return classes


def is_content(token: Token, lang: str) -> bool:
    """A word a term may start or end with: an acronym, or a word with letters that is no
    stopword and no verb form."""
    return _word_class(token.text, lang) in _CONTENT


def joins(text: str, left: Token, right: Token, lang: str, target: bool = False) -> bool:
    """True when nothing but what may stand inside a term separates two neighbouring words:
    spaces or quotes, and in a target a comma before a relative word ("razvoj, ki ga vodi")."""
    gap = text[left.end:right.start]
    if _INSIDE.match(gap) or (_SUSPENDED.match(gap) and right.text.lower() in conjunctions(lang)):
        return True
    return target and bool(_COMMA.match(gap)) and right.text.lower() in relative_words(lang)


def term_spans(text: str, tokens: list[Token], lang: str, max_len: int, target: bool = False,
               min_len: int = 1) -> list[Span]:
    """Every term-shaped span of min_len..max_len words."""
    classes = word_classes(tokens, lang)
    spans = []
    for start in range(len(tokens)):
        if classes[start] not in _CONTENT:
            continue
        for end in range(start + 1, min(len(tokens), start + max_len) + 1):
            last = end - 1
            if last > start:
                if not joins(text, tokens[last - 1], tokens[last], lang, target):
                    break
                kind = classes[last]
                if kind in ("verb", "stop") or (kind == "conjunction" and not tokens[last - 1].text.endswith("-")
                                                and not text[tokens[last - 1].end:tokens[last].start].startswith("-")):
                    break
            if classes[last] in _ENDS and end - start >= min_len:
                spans.append(Span(start, end))
    return spans


CONTENT_CLASSES = _CONTENT = ("acronym", "content", "adjective")
_ENDS = ("acronym", "content")
_PAREN = re.compile(r"^\s*\(\s*$")


def acronym_expansions(text: str, tokens: list[Token], lang: str, max_len: int) -> list[tuple[Span, int]]:
    """(span of words before it, index of the acronym) for each "words (ACRONYM)" in the text:
    the spans of 1..max_len words that end right before the parenthesis and start with a
    content word."""
    found = []
    for i, token in enumerate(tokens):
        if i == 0 or not is_acronym(token.text):
            continue
        if not _PAREN.match(text[tokens[i - 1].end:token.start]) or not text[token.end:].lstrip().startswith(")"):
            continue
        for start in range(i - 1, max(-1, i - 1 - max_len), -1):
            if start < i - 1 and not joins(text, tokens[start], tokens[start + 1], lang):
                break
            if is_content(tokens[start], lang):  # "The European Social Fund+ (ESF+)" starts at "European"
                found.append((Span(start, i), i))
    return found


def tokens_of(text: str, lang: str | None = None) -> list[Token]:
    """The words of a sentence (see esfterm.text.morphology.tokenize) outside placeholders
    and inline tags ("%(class_name)s", "<a href=...>"); given the language,
    a word glued to a neighbouring function word by a lost space is split
    ("avundervisningen" -> "av" + "undervisningen", "tillentreprenörskapi" -> "till" +
    "entreprenörskap" + "i")."""
    codes = placeholder_spans(text)
    tokens = [t for t in tokenize(text) if not any(a < t.end and t.start < b for a, b in codes)]
    if lang is None:
        return tokens
    return [part for token in tokens for part in _unglued(token, lang)]


_MIN_GLUED = 6


def _unglued(token: Token, lang: str) -> list[Token]:
    """The token, or its pieces when it is an unknown word made of a known word and function
    words: unknown to the lemma dictionary and to the general word list, no compound, and a
    common word of at least four letters once a stopword is peeled off either end or both."""
    word = token.text
    if len(word) < _MIN_GLUED or not word.isalpha() or not word.islower() or _known(word, lang) \
            or compound_parts(word, lang):
        return [token]
    stops = stopwords(lang)
    n = len(word)
    heads = [0] + [k for k in range(2, n - 3) if word[:k] in stops]
    tails = [n] + [k for k in range(n - 1, 3, -1) if word[k:] in stops]
    for a in heads:
        for b in tails:
            if (a, b) != (0, n) and b - a >= 4 and _common(word[a:b], lang):
                bounds = sorted({0, a, b, n})
                return [Token(word[x:y], token.start + x, token.start + y) for x, y in zip(bounds, bounds[1:])]
    return [token]


#: The word left after peeling must be a word of general language at least this frequent
#: (Zipf): a lost space is no reason to split a long inflected form at a short stopword
#: (lt "suinteresuotiesiems" holds "su" and "tiesiems").
_GLUED_CORE_ZIPF = 2.0


def _common(word: str, lang: str) -> bool:
    z = form_zipf(word, lang)
    return z is not None and z >= _GLUED_CORE_ZIPF


@functools.lru_cache(maxsize=100_000)
def _known(word: str, lang: str) -> bool:
    """True when the lemma dictionary or the general word list has the word."""
    code = simplemma_code(lang)
    if code and has_lemmas(code) and simplemma.is_known(word.lower(), lang=code):
        return True
    z = zipf(word, lang)
    return z is not None and z > 0
