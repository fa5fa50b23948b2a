"""The term index: every term of a termbase under the keys a query can meet it by.

Built once per termbase, then queried many times:
- exact: the case-folded, Unicode-normalised text;
- inflected: per language, the word keys (stem of lemma, and plain stem) of every word, so
  "socialinių inovacijų" meets "socialinės inovacijos": a multiword term matches when each of
  its words meets the query word in the same position;
- acronym: acronym terms by their case-folded text, for queries such as "ESS-a" or "ESF:s";
- partial: the same word keys, for queries that name part of a longer term
  ("socialfonden" within "Europeiska socialfonden");
- fuzzy: a FuzzyIndex over the normalised strings, for typos.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from esfterm.langs import primary
from esfterm.model import Concept, Term, Termbase
from esfterm.terms.fuzzy import FuzzyIndex
from esfterm.text.morphology import is_acronym, stem, tokenize, word_key

_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2212": "-", "\u2019": "'", "\u02bc": "'", "\u00a0": " "})
#: An acronym followed by a case ending: "ESS-a", "ESS-ju", "EaSI-ja", "ESF:s", "ESF'o".
_INFLECTED_ACRONYM = re.compile(r"^(?P<base>\w+\+?)[-:'](?P<ending>\w{1,4})$")


def normal_form(text: str) -> str:
    """Case-folded NFKC text with unified dashes/apostrophes and single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_DASHES).casefold().split())


def word_alternatives(text: str, lang: str) -> tuple[tuple[str, ...], ...]:
    """Per word, the keys it may meet another form by: the stem of its lemma, and its plain stem.

    Two keys because a lemmatizer can send the dictionary form and an inflected form to
    different lemmas (Spanish "abierto" -> "abrir", "abiertos" -> "abierto"); the plain stems
    still meet.
    """
    out = []
    for token in tokenize(text):
        primary_key = word_key(token.text, lang).casefold()
        plain = token.text.casefold() if is_acronym(token.text) else stem(token.text.casefold(), lang)
        out.append((primary_key,) if plain == primary_key else (primary_key, plain))
    return tuple(out)


class TermIndex:
    """All terms of a termbase indexed for lookup; build once, query with `esfterm.terms.lookup`."""

    def __init__(self, termbase: Termbase) -> None:
        self.termbase = termbase
        self.entries: list[tuple[Concept, Term]] = list(termbase.iter_terms())
        self.langs: list[str] = list(dict.fromkeys(primary(t.lang) for _, t in self.entries))
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.alternatives: list[tuple[tuple[str, ...], ...]] = []
        self.acronyms: dict[str, list[int]] = defaultdict(list)
        self.words: dict[tuple[str, str], list[int]] = defaultdict(list)
        strings: dict[str, list[int]] = defaultdict(list)
        for i, (_, term) in enumerate(self.entries):
            norm = normal_form(term.text)
            lang = primary(term.lang)
            alternatives = word_alternatives(term.text, lang)
            self.alternatives.append(alternatives)
            if not norm:
                continue
            self.exact[norm].append(i)
            strings[norm].append(i)
            for key in dict.fromkeys(k for alts in alternatives for k in alts):
                self.words[(lang, key)].append(i)
            if term.is_acronym or is_acronym(term.text):
                self.acronyms[norm].append(i)
        self.fuzzy_strings = list(strings)
        self.fuzzy_entries = list(strings.values())
        self.fuzzy = FuzzyIndex(self.fuzzy_strings)

    def __len__(self) -> int:
        return len(self.entries)

    def match_exact(self, query: str) -> list[int]:
        return list(self.exact.get(normal_form(query), ()))

    def _containing(self, query: str, lang: str) -> tuple[tuple[tuple[str, ...], ...], list[int]]:
        """The query's word alternatives in `lang`, and the terms that meet every query word."""
        words = word_alternatives(query, lang)
        if not words:
            return words, []
        sets = []
        for alts in words:
            ids: set[int] = set()
            for key in alts:
                ids.update(self.words.get((lang, key), ()))
            sets.append(ids)
        return words, sorted(set.intersection(*sets))

    def match_inflected(self, query: str, langs: list[str]) -> list[int]:
        """Terms with as many words as the query, each meeting the query word in its position."""
        found = []
        for lang in langs:
            words, ids = self._containing(query, lang)
            for i in ids:
                term_words = self.alternatives[i]
                if len(term_words) == len(words) and all(
                        set(a) & set(b) for a, b in zip(term_words, words)):
                    found.append(i)
        return found

    def match_acronym(self, query: str) -> list[int]:
        """Acronym terms met by an acronym with a case ending ("ESS-ju" -> "ESS")."""
        m = _INFLECTED_ACRONYM.match(unicodedata.normalize("NFKC", query).translate(_DASHES).strip())
        if m is None or not is_acronym(m.group("base")):
            return []
        return list(self.acronyms.get(m.group("base").casefold(), ()))

    def match_partial(self, query: str, langs: list[str]) -> list[int]:
        """Terms containing every word of the query (inflected), and longer than the query."""
        found = []
        for lang in langs:
            words, ids = self._containing(query, lang)
            if all(len(alts[0]) < 3 for alts in words):
                continue
            found.extend(i for i in ids if len(self.alternatives[i]) > len(words))
        return found

    def match_fuzzy(self, query: str, min_score: float, limit: int) -> list[tuple[int, float]]:
        """(entry id, score) for terms within typo distance of the query."""
        out = []
        for sid, score in self.fuzzy.search(normal_form(query), min_score=min_score, limit=limit):
            out.extend((i, score) for i in self.fuzzy_entries[sid])
        return out
