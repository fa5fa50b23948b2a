"""A multi-pattern index of termbase terms over inflection-insensitive word keys.

Every term is turned into the sequence of its word keys (esfterm.text.morphology.word_key),
and the index is an Aho–Corasick automaton over those keys (a short code per key). Matching
a segment is one dict lookup per word and one pass of the automaton in C: the cost grows with
the segment length, not with the size of the termbase. Matches are leftmost-longest and never
overlap, so "ESF+" is not also an "ESF" hit and "Europeiska socialfonden plus" is not also
"Europeiska socialfonden". A hyphenated compound that is no term itself names the term that
one of its parts is: sv "ESF-stöd", "ESF-aktiviteterna", "Eruf-stödet" and "Easi-programmet"
are occurrences of ESF, ERDF and EaSI (a compound that is a term, "ESF-projekt", is that term).
A match the lemmatizer or the part of speech rules out (see lemmacheck: en "the ESF supports
partnerships" is no "ESF support") gives way to the shorter terms inside it ("ESF").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain, islice
from typing import Iterable, NamedTuple, Sequence

import ahocorasick

from esfterm.errors import InputError
from esfterm.langs import primary
from esfterm.model.limits import MAX_TERM_CHARS
from esfterm.terms.lemmacheck import noun_form, reads_as_verb, same_word, verb_ambiguous
from esfterm.text.memo import Memo
from esfterm.text.morphology import TOKEN_RE, is_acronym, lemma, word_key

#: Statuses whose terms a translation should use; None (no status given) counts as admitted.
APPROVED = frozenset({"preferred", "admitted", None})
FORBIDDEN = frozenset({"deprecated", "superseded"})

#: Words as morphology.tokenize sees them, plus a free-standing "+": it is part of names such
#: as lt "Europos socialinis fondas +" (ESF+), which must not read as "Europos socialinis fondas".
WORD_RE = re.compile(TOKEN_RE.pattern + r"|(?<!\S)\+(?!\w)")

#: An acronym with an inflection ending: "ESF:s" (sv genitive), "ESS-a", "ESS-u" (sl cases),
#: or an English plural "s" ("NGOs", "SMEs").
_INFLECTED_ACRONYM = re.compile(r"^(.+?)[:\-'’]([a-zåäöšžčćđėęįųūą]{1,3})$|^([A-Z][A-Z0-9]*[A-Z0-9+])s$")

_KEYS: dict[str, Memo] = {}
_tuple_new = tuple.__new__


def match_key(word: str, lang: str) -> str:
    """The key of a running-text word; an inflected acronym ("ESS-a") keys as the acronym.

    Hyphenated compounds ("ESF-rådet", "ESF-projekt") keep their own key here; an index then
    reads their parts when the whole is no term (see OccurrenceIndex).
    """
    if not word.islower():
        m = _INFLECTED_ACRONYM.match(word)
        if m:
            acronym = m.group(1) or m.group(3)
            if is_acronym(acronym):
                return acronym
    return word_key(word, lang)


def word_keys(words: Sequence[str], lang: str) -> tuple[str, ...]:
    """The keys of words of running text (memoised per language)."""
    memo = _KEYS.get(lang)
    if memo is None:
        memo = _KEYS[lang] = Memo(lambda word: match_key(word, lang))
    return tuple(map(memo.__getitem__, words))


#: The words of a whitespace-free chunk of text. No word spans whitespace, and WORD_RE looks
#: around a word only for whitespace, so the words of a text are those of its chunks in order;
#: chunks recur (words with their punctuation), so each is run through the regex once.
_CHUNK_WORDS = Memo(lambda chunk: tuple(WORD_RE.findall(chunk)))


def segment_words(text: str) -> list[str]:
    """The words of a segment, in order (what keys and matches are counted in)."""
    return chunk_words(text.split())


def chunk_words(chunks: Sequence[str]) -> list[str]:
    """The words of a text given as its whitespace-separated chunks, in order."""
    return list(chain.from_iterable(map(_CHUNK_WORDS.__getitem__, chunks)))


def token_spans(text: str, count: int | None = None) -> list[tuple[int, int]]:
    """Character spans of the words `segment_words` returns, index for index (the first
    `count` of them, if given)."""
    return [m.span() for m in islice(WORD_RE.finditer(text), count)]


@dataclass(frozen=True, eq=False)
class IndexedTerm:
    """A term as the matcher sees it: its concept, text, status and key sequence.

    Compared and hashed by identity: every term is indexed once, and memo keys stay cheap.
    """

    concept: str
    text: str
    status: str | None
    keys: tuple[str, ...]
    acronym: bool
    #: Dictionary forms of the term's words (None for acronyms, numbers and signs).
    lemmas: tuple[str | None, ...] = ()
    #: The term's words, lowercase (for the part-of-speech rules of lemmacheck).
    words: tuple[str, ...] = ()
    #: The termbase says the term is a noun (partOfSpeech): its words are not read as verbs.
    noun: bool = False

    @property
    def approved(self) -> bool:
        return self.status in APPROVED

    @property
    def forbidden(self) -> bool:
        return self.status in FORBIDDEN


class Match(NamedTuple):
    """Words [start, end) of a segment matched one key sequence: every term that has it.

    `approved` holds the concepts with an approved term here, `forbidden` the deprecated or
    superseded terms, so the checks read them without walking the terms.
    """

    start: int
    end: int
    terms: tuple[IndexedTerm, ...]
    concepts: frozenset[str]
    approved: frozenset[str]
    forbidden: tuple[IndexedTerm, ...]


def match_of(start: int, end: int, terms: tuple[IndexedTerm, ...]) -> Match:
    return Match(start, end, terms, frozenset(t.concept for t in terms),
                 frozenset(t.concept for t in terms if t.approved), tuple(t for t in terms if t.forbidden))


def index_term(concept: str, text: str, status: str | None, lang: str,
               acronym: bool = False, part_of_speech: str | None = None) -> IndexedTerm | None:
    """Key a term for `lang`; None when the term has no word in it. A term over the size limit
    is refused: the automaton of one would crash the native library when freed."""
    if len(text) > MAX_TERM_CHARS:
        raise InputError(f"a term of concept {concept} has {len(text)} characters; the limit is {MAX_TERM_CHARS}")
    words = segment_words(text)
    if not words:
        return None
    keys = tuple(match_key(w, lang) for w in words)
    lemmas = tuple(None if key != key.lower() or not word.isalpha() else lemma(word, lang)
                   for word, key in zip(words, keys))
    return IndexedTerm(concept, text, status, keys, acronym or (len(keys) == 1 and is_acronym(text.strip())),
                       lemmas, tuple(w.lower() for w in words), part_of_speech == "noun")


class OccurrenceIndex:
    """Terms of one language in an Aho–Corasick automaton over word keys; leftmost-longest.

    Every distinct key of the indexed terms gets a fixed-width code over a 64-letter alphabet;
    a word is written as a separator plus its code, so every match starts and ends on a word
    boundary and its word positions follow from its character positions. Words no term uses
    get a filler code. A small alphabet keeps the automaton's nodes narrow, so one C pass over
    a segment costs microseconds.

    A word's code also settles, once per distinct word, whether the lemmatizer lets it stand
    for the term words with its key (see lemmacheck): a word it rules out for all of them gets
    the filler code. Only a word it rules out for some of them ("ambiguous") leaves the choice
    to each match, with the words at hand.
    """

    def __init__(self, terms: Iterable[IndexedTerm], lang: str) -> None:
        self.lang = lang
        groups: dict[tuple[str, ...], tuple[IndexedTerm, ...]] = {}
        #: per key, the (lemma, lowercase word, noun?) of every term word with that key
        forms: dict[str, set[tuple[str | None, str, bool]]] = {}
        for term in terms:
            groups[term.keys] = groups.get(term.keys, ()) + (term,)
            for key, term_lemma, term_word in zip(term.keys, term.lemmas, term.words):
                forms.setdefault(key, set()).add((term_lemma, term_word, term.noun))
        self._forms = forms
        distinct = sorted({k for keys in groups for k in keys})
        width = 1
        while len(_ALPHABET) ** width < len(distinct):
            width += 1
        self._code = {k: _SEP + _encode(n, width) for n, k in enumerate(distinct)}
        self._filler = _SEP + _FILLER * width
        #: Keys matched case-sensitively (acronyms, names such as "EaSI"): kept in all-caps text.
        self._cased = frozenset(k for k in distinct if k != k.lower())
        self._step = width + 1
        self._ambiguous: set[str] = set()
        self._ambiguous_chunks: set[str] = set()
        self._word_code = Memo(self._code_of)
        self._chunk_code = Memo(self._chunk_code_of)
        self._automaton = None
        # an English "-s" form may be a verb ("supports"): an English noun may need its context
        english = primary(lang) == "en"
        if groups:
            automaton = ahocorasick.Automaton()
            for keys, group in groups.items():
                # only a key whose term words have several forms can meet an ambiguous word
                sensitive = (english and any(t.noun for t in group)) or any(len(forms.get(k, ())) > 1 for k in keys)
                automaton.add_word("".join(self._code[k] for k in keys),
                                   (len(keys), *match_of(0, 0, group)[2:], sensitive))
            automaton.make_automaton()
            self._automaton = automaton
        self.size = sum(len(g) for g in groups.values())

    def _code_of(self, word: str) -> str:
        key = match_key(word, self.lang)
        code = self._code.get(key)
        if code is None:
            return self._part_code(word) if "-" in word else self._filler
        term_forms = self._forms.get(key)
        if not term_forms:
            return code
        low = word.lower()
        fits = [(tw, noun) for tl, tw, noun in term_forms if tl is None or self._word_fits(tl, tw, noun, word, low)]
        if not fits:
            return self._filler
        if len(fits) < len(term_forms) or any(noun and verb_ambiguous(tw, low, self.lang) for tw, noun in fits):
            self._ambiguous.add(word)
        return code

    def _word_fits(self, term_lemma: str, term_word: str, noun: bool, word: str, low: str) -> bool:
        """Can the text word be a form of the term word (lemma, and part of speech)?"""
        return same_word(term_lemma, word, self.lang) and (not noun or noun_form(term_word, low, self.lang))

    def _part_code(self, compound: str) -> str:
        """The code of a hyphenated compound that is no term: that of its first part that is
        a one-word term ("ESF-stöd" -> "ESF", "Eruf-stödet" -> "Eruf"), else the filler."""
        for part in compound.split("-"):
            if part:
                code = self._code_of(part)
                if code != self._filler:
                    return code
        return self._filler

    def _chunk_code_of(self, chunk: str) -> str:
        words = _CHUNK_WORDS[chunk]
        code = "".join(map(self._word_code.__getitem__, words))
        if not self._ambiguous.isdisjoint(words):
            self._ambiguous_chunks.add(chunk)
        return code

    def match(self, words: Sequence[str]) -> list[Match]:
        """Every non-overlapping term occurrence among a segment's words, leftmost-longest."""
        if self._automaton is None:
            return []
        matches, sensitive = self._hits("".join(map(self._word_code.__getitem__, words)))
        if sensitive and not self._ambiguous.isdisjoint(words):
            return self._confirm(matches, words)
        return matches

    def uncap(self, text: str) -> str:
        """An all-caps text (a heading: "EUROPEISKA SOCIALFONDEN") with its words lowercased,
        except the index's case-sensitive terms ("ESF", "CLLD"), so that its terms are found
        as in running text rather than read as acronyms. Other texts are returned as they are.
        Words whose lowercase form has another length stay, so word positions do not move.
        """
        if not text.isupper():
            return text

        def lowered(m: re.Match) -> str:
            word = m.group()
            low = word.lower()
            return word if word in self._cased or len(low) != len(word) else low

        return WORD_RE.sub(lowered, text)

    def chunk_code(self, chunk: str) -> str:
        """The codes of the words of one whitespace-free chunk of text (memoised)."""
        return self._chunk_code[chunk]

    def match_chunks(self, chunks: Sequence[str], codes: str | None = None) -> list[Match]:
        """`match` for a text given as its whitespace-separated chunks (`text.split()`) and,
        if the caller has them, their joined `chunk_code`s. The words are only listed when
        an ambiguous word has to be decided."""
        if self._automaton is None:
            return []
        if codes is None:
            codes = "".join(map(self._chunk_code.__getitem__, chunks))
        matches, sensitive = self._hits(codes)
        if sensitive and not self._ambiguous_chunks.isdisjoint(chunks):
            return self._confirm(matches, chunk_words(chunks))
        return matches

    def _confirm(self, matches: list[Match], words: Sequence[str]) -> list[Match]:
        """The matches (and their terms) whose words really are forms of the term's words.

        A match none of whose terms fits is not simply dropped: the words that ruled it out
        are blanked and the segment is matched again, so the shorter terms inside it are
        found ("the ESF supports partnerships": not "ESF support", but "ESF").
        """
        blocked: set[int] = set()
        while True:
            out, rejected = [], set()
            for m in matches:
                misfits = [self._misfit(t, words, m.start, m.end) for t in m.terms]
                terms = tuple(t for t, bad in zip(m.terms, misfits) if bad is None)
                if len(terms) == len(m.terms):
                    out.append(m)
                elif terms:
                    out.append(match_of(m.start, m.end, terms))
                else:
                    rejected.update(misfits)
            if not rejected:
                return out
            blocked |= rejected
            matches = self._hits("".join(self._filler if i in blocked else self._word_code[w]
                                         for i, w in enumerate(words)))[0]

    def _misfit(self, term: IndexedTerm, words: Sequence[str], start: int, end: int) -> int | None:
        """The position of the first word of words[start:end] that cannot be the term's word
        there, or None when the term fits."""
        for i, (term_lemma, term_word, key) in enumerate(zip(term.lemmas, term.words, term.keys), start):
            word = words[i]
            if term_lemma is None or ("-" in word and match_key(word, self.lang) != key):
                continue  # an acronym, number or sign; a compound read by one of its parts
            if not self._word_fits(term_lemma, term_word, term.noun, word, word.lower()):
                return i
        if term.noun and term.lemmas[-1] is not None and verb_ambiguous(term.words[-1], words[end - 1].lower(), self.lang) \
                and reads_as_verb(words[end] if end < len(words) else None, self.lang):
            return end - 1
        return None

    def _hits(self, codes: str) -> tuple[list[Match], bool]:
        """The matches in a code string, and whether one of them has to be confirmed when
        an ambiguous word is around."""
        step = self._step
        out = []
        confirm = False
        for last, (length, terms, concepts, approved, forbidden, sensitive) in self._automaton.iter_long(codes):
            end = (last + 1) // step
            # tuple.__new__ skips the Python-level __new__ of a NamedTuple (one per occurrence)
            out.append(_tuple_new(Match, (end - length, end, terms, concepts, approved, forbidden)))
            confirm = confirm or sensitive
        return out, confirm


_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-"
_SEP, _FILLER = "|", "#"


def _encode(n: int, width: int) -> str:
    digits = []
    for _ in range(width):
        n, r = divmod(n, len(_ALPHABET))
        digits.append(_ALPHABET[r])
    return "".join(digits)
