"""The term index: every term of a termbase under the keys a query can meet it by.

Built once per termbase, then queried many times:
- exact: the case-folded, Unicode-normalised text, and the forms a terminologist listed for
  hard cases in a term note "Inflected forms: ...";
- inflected: per language, the keys of every word (stem of lemma, plain stem, surface form),
  so "socialinių inovacijų" meets "socialinės inovacijos": a multiword term matches when each
  of its words meets the query word in the same position;
- acronym: acronym terms by their case-folded text, for queries such as "ESS-a", "ESF:s", "NGOs";
- compound: a one-word query whose first part is a term ("Eruf-stödet", "Easi-programmet",
  "socialfondsstödet"), looked up by that part;
- partial: the same word keys, for a query that is part of a longer term ("socialfonden"
  within "Europeiska socialfonden") or that holds a whole term among other words ("den
  europeiska pelaren för sociala rättigheter");
- fuzzy: a FuzzyIndex over the normalised strings and the word-key strings, for typos (the
  keys catch a typo in an inflected form: "Evropskega socialnega skalda").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from itertools import compress

from esfterm.langs import primary
from esfterm.model import Concept, Term, Termbase
from esfterm.terms.fuzzy import FuzzyIndex
from esfterm.text.morphology import TOKEN_RE, compound_parts, is_acronym, stem, word_key

_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2212": "-", "\u2019": "'", "\u02bc": "'", "\u00a0": " "})
#: An acronym with a case ending after a separator ("ESS-a", "ESS-ju", "EaSI-ja", "ESF:s",
#: "ESF'o") or glued on in lower case ("NGOs", "NVOs").
_INFLECTED_ACRONYM = re.compile(r"^(?P<base>\w+\+?)[-:'](?P<ending>\w{1,4})$"
                                r"|^(?P<glued>[A-Z]\w*[A-Z]\+?)(?P<lower>[a-zà-ž]{1,2})$")
#: Surface forms live beside the stems under this mark, so that a cut-off query word meets
#: only a real word of a term, never a stem.
_SURFACE = "="
_MAX_ENDING, _MIN_BASE = 4, 5
#: The shortest word that may find the longer terms containing it.
_MIN_PARTIAL = 4

Words = tuple[tuple[str, ...], ...]


def normal_form(text: str) -> str:
    """Case-folded NFKC text with unified dashes/apostrophes and single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_DASHES).casefold().split())


@functools.lru_cache(maxsize=500_000)
def _word_keys(word: str, lang: str) -> tuple[str, ...]:
    folded = word.casefold()
    plain = folded if is_acronym(word) else stem(folded, lang)
    return tuple(dict.fromkeys((word_key(word, lang).casefold(), plain, _SURFACE + folded)))


def word_alternatives(text: str, lang: str) -> Words:
    """Per word, the keys it may meet another form by: the stem of its lemma, its plain stem,
    and the surface form itself.

    Several keys because no single normaliser knows every form: a lemmatizer can send the
    dictionary form and an inflected form to different lemmas (Spanish "abierto" -> "abrir",
    "abiertos" -> "abierto"), and neither lemmatizer nor stemmer knows most compounds.
    """
    return tuple(_word_keys(word, lang) for word in TOKEN_RE.findall(text))


def _surface(alts: tuple[str, ...]) -> str:
    return next(a for a in alts if a.startswith(_SURFACE))[len(_SURFACE):]


def with_endings_removed(words: Words) -> Words:
    """A query word's keys plus the word without a short ending (1 to 4 letters, leaving at
    least 5), as a surface form: an inflected compound the stemmer leaves alone
    ("socialfondsprogrammet") then meets the dictionary form of the term ("socialfondsprogram")."""
    out = []
    for alts in words:
        word = _surface(alts)
        cut = tuple(_SURFACE + word[:-n] for n in range(1, _MAX_ENDING + 1) if len(word) - n >= _MIN_BASE)
        out.append(alts + cut)
    return tuple(out)


def _meets(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return not set(a).isdisjoint(b)


class TermIndex:
    """All terms of a termbase indexed for lookup; build once, query with `esfterm.terms.lookup`."""

    def __init__(self, termbase: Termbase) -> None:
        self.termbase = termbase
        self.entries: list[tuple[Concept, Term]] = list(termbase.iter_terms())
        primaries = {lang: primary(lang) for lang in {t.lang for _, t in self.entries}}
        self.langs: list[str] = list(dict.fromkeys(primaries[t.lang] for _, t in self.entries))
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.alternatives: list[tuple[tuple[str, ...], ...]] = []
        self.acronyms: dict[str, list[int]] = defaultdict(list)
        self.words: dict[tuple[str, str], list[int]] = defaultdict(list)
        strings: dict[str, list[int]] = defaultdict(list)
        key_strings: dict[str, list[int]] = defaultdict(list)
        for i, (_, term) in enumerate(self.entries):
            norm = normal_form(term.text)
            lang = primaries[term.lang]
            alternatives = word_alternatives(term.text, lang)
            self.alternatives.append(alternatives)
            if not norm:
                continue
            self.exact[norm].append(i)
            for form in term.extra_forms:
                self.exact[normal_form(form)].append(i)
            strings[norm].append(i)
            key_strings[" ".join(alts[0] for alts in alternatives)].append(i)
            for key in {k for alts in alternatives for k in alts}:
                self.words[(lang, key)].append(i)
            if term.is_acronym or (len(alternatives) == 1 and is_acronym(term.text)):
                self.acronyms[norm].append(i)
        # one fuzzy index over both spaces: they share most words, so one vocabulary serves both
        self.fuzzy_entries = list(strings.values()) + list(key_strings.values())
        self.fuzzy = FuzzyIndex(list(strings) + list(key_strings))

    def __len__(self) -> int:
        return len(self.entries)

    def match_exact(self, query: str) -> list[int]:
        return list(self.exact.get(normal_form(query), ()))

    def _postings(self, lang: str, alts: tuple[str, ...]) -> set[int]:
        ids: set[int] = set()
        for key in alts:
            ids.update(self.words.get((lang, key), ()))
        return ids

    def match_inflected(self, query: str, langs: list[str]) -> list[int]:
        """Terms with as many words as the query, each meeting the query word in its position."""
        found = []
        for lang in langs:
            words = with_endings_removed(word_alternatives(query, lang))
            if not words:
                continue
            for i in sorted(set.intersection(*(self._postings(lang, alts) for alts in words))):
                term_words = self.alternatives[i]
                if len(term_words) == len(words) and all(map(_meets, term_words, words)):
                    found.append(i)
        return found

    def match_acronym(self, query: str) -> list[int]:
        """Acronym terms met by an acronym with a case ending ("ESS-ju", "NGOs")."""
        m = _INFLECTED_ACRONYM.match(unicodedata.normalize("NFKC", query).translate(_DASHES).strip())
        base = m and (m.group("base") or m.group("glued"))
        if not base or not is_acronym(base):
            return []
        return list(self.acronyms.get(base.casefold(), ()))

    def match_compound(self, query: str, langs: list[str]) -> list[int]:
        """Terms named by the first part of a one-word compound query: the part before the
        hyphen ("Eruf-stödet" -> "Eruf"), or the left word of a closed compound without its
        linking -s ("socialfondsstödet" -> "socialfond"), matched exactly or inflected."""
        words = TOKEN_RE.findall(query)
        if len(words) != 1:
            return []
        found: list[int] = []
        for lang in langs:
            parts = compound_parts(words[0], lang)
            if not parts:
                continue
            head = parts[0]
            heads = [head] if "-" in words[0] else [head, head[:-1]] if head.endswith("s") else [head]
            for part in heads:
                found += self.match_exact(part) + self.match_inflected(part, [lang])
        return list(dict.fromkeys(found))

    def match_partial(self, query: str, langs: list[str]) -> list[tuple[int, float]]:
        """(entry id, share of the longer side covered, 0-100) for terms that contain the whole
        query, or that the query contains among other words; words may be inflected.

        Words shorter than four letters ("and", "och", "za") cannot make a partial match alone.
        """
        found = []
        for lang in langs:
            words = with_endings_removed(word_alternatives(query, lang))
            content = [len(_surface(alts)) >= _MIN_PARTIAL for alts in words]
            if not any(content):
                continue
            postings = [self._postings(lang, alts) for alts in words]
            longer = set.intersection(*postings)
            found.extend((i, 100.0 * len(words) / len(self.alternatives[i])) for i in sorted(longer)
                         if len(self.alternatives[i]) > len(words))
            for i in sorted(set.union(*compress(postings, content)) - longer):
                span = self._span_in(self.alternatives[i], words)
                if span:
                    found.append((i, 100.0 * span / len(words)))
        return found

    @staticmethod
    def _span_in(term_words: Words, query_words: Words) -> int:
        """len(term) when the term's words occur in the query as a contiguous run, else 0."""
        n = len(term_words)
        if not n or n >= len(query_words):
            return 0
        for start in range(len(query_words) - n + 1):
            if all(map(_meets, term_words, query_words[start:start + n])):
                return n
        return 0

    def match_fuzzy(self, query: str, langs: list[str], min_score: float,
                    limit: int) -> list[tuple[int, float]]:
        """(entry id, score) for terms within typo distance of the query, as written or inflected:
        the query is compared as written and as word keys in each language tried."""
        forms = [normal_form(query)] + [" ".join(alts[0] for alts in word_alternatives(query, lang))
                                        for lang in langs]
        found = self.fuzzy.search(list(dict.fromkeys(f for f in forms if f)), min_score=min_score, limit=limit)
        return [(i, score) for sid, score in found for i in self.fuzzy_entries[sid]]
