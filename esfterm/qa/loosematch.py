"""Is a term present in a target segment, allowing what translators legitimately do to it?

The strict matcher (terms.occurrence) finds a term as a contiguous sequence of word keys. To decide
that a term is *absent* — a term-missing finding — the checker also accepts:
  - the term's words re-ordered or with a few words between them (sl "lokalnega razvoja, ki ga
    vodijo skupnosti"), each in a compatible form: the same key, or the same beginning up to an
    ending the lemmatizer did not know (sl "vodijo" ~ "vodi", "razvojni" ~ "razvoj");
  - a word inside a hyphenated compound (sv "ESF-stödet" names ESF) or, for words of five
    letters or more, inside a closed compound (sv "arbetsmarknadspolitik");
  - the words of a hyphenated term apart (sv "ESF-projekt" ~ "projekt inom ESF").
Acronyms, numbers and signs are only ever matched exactly and case-sensitively, and a word
with a "+" ("socialfonden+") names another fund than the word without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

from esfterm.terms.occurrence import match_key, segment_words
from esfterm.text.morphology import is_acronym

#: Content words: words this long, or acronyms, numbers and signs ("+"). Shorter words
#: (sl "ki", "za", sv "i") are function words that translators move or drop.
CONTENT_MIN = 3
#: Words of a term may spread over the term's own length plus this many other words.
WINDOW_SLACK = 3
#: Compatible forms share a beginning this long at least ...
MIN_PREFIX = 4
#: ... and differ after it by at most this many characters on the longer side.
MAX_TAIL = 3
#: A word this long is also found inside a closed compound.
MIN_INFIX = 5


def compatible(a: str, b: str) -> bool:
    """Same word up to an unknown ending: a common beginning of MIN_PREFIX+ and a short rest."""
    if a == b:
        return True
    p = 0
    for x, y in zip(a, b):
        if x != y:
            break
        p += 1
    return p >= MIN_PREFIX and max(len(a), len(b)) - p <= MAX_TAIL


def _exact(part: str, key: str) -> bool:
    return is_acronym(part) or key != key.lower() or not part.isalpha()


def _parts(word: str) -> list[str]:
    return [p for p in word.split("-") if p] if "-" in word.strip("-") else [word]


@dataclass(frozen=True)
class Piece:
    """One content word of a term: its key, its lowercase form, and whether only exact counts."""

    key: str
    word: str
    exact: bool


@dataclass(frozen=True)
class LooseTerm:
    """A term as the loose matcher sees it: its content words and its length in words."""

    pieces: tuple[Piece, ...]
    length: int


def loose_term(text: str, lang: str) -> LooseTerm:
    """Prepare a term for loose matching (hyphenated words are split into their parts)."""
    parts = [p for w in segment_words(text) for p in _parts(w)]
    pieces = []
    for part in parts:
        key = match_key(part, lang)
        exact = _exact(part, key)
        if exact or len(part) >= CONTENT_MIN:
            pieces.append(Piece(key, part.lower(), exact))
    if not pieces:
        pieces = [Piece(match_key(p, lang), p.lower(), _exact(p, match_key(p, lang))) for p in parts]
    return LooseTerm(tuple(pieces), len(parts))


class LooseTarget:
    """The words of a target segment (and the parts of its hyphenated words), by position.

    Most terms checked loosely are really absent, so a term is first tested against the
    segment's keys and lowercase words joined into two strings: a piece whose beginning
    occurs in neither cannot be there, and the word-by-word scan is not built at all.
    """

    def __init__(self, words: list[str], keys: tuple[str, ...], lang: str) -> None:
        lows = list(map(str.lower, words))
        self._entries = list(zip(range(len(words)), keys, lows, lows))
        self.low_text = "\0".join(lows)
        if "-" in self.low_text:
            for i, (word, low) in enumerate(zip(words, lows)):
                if "-" in word.strip("-"):
                    self._entries += [(i, match_key(part, lang), part.lower(), low) for part in _parts(word)]
        self.key_text = "\0".join(map(itemgetter(1), self._entries))
        self._by_key: dict[str, set[int]] | None = None

    def _could_hold(self, piece: Piece) -> bool:
        """False when no word can match the piece (a cheap test that never misses one)."""
        if piece.exact:
            return piece.key in self.key_text
        key_head, word_head = piece.key[:MIN_PREFIX], piece.word[:MIN_PREFIX]
        return key_head in self.key_text or key_head in self.low_text or word_head in self.low_text

    def _same_key(self, key: str) -> set[int]:
        """Positions of the words (and word parts) with this key, except "+" forms."""
        if self._by_key is None:
            self._by_key = {}
            for i, k, low, _ in self._entries:
                if not low.endswith("+"):
                    self._by_key.setdefault(k, set()).add(i)
        return self._by_key.get(key, set())

    def _positions(self, piece: Piece, taken: frozenset[int], quick: bool) -> set[int]:
        if piece.exact:
            return {i for i, key, _, _ in self._entries if key == piece.key and i not in taken}
        if quick:
            return self._same_key(piece.key) - taken
        word, key = piece.word, piece.key
        long, long_key = len(word) >= MIN_INFIX, len(key) >= MIN_INFIX
        # compatible() needs a common beginning of MIN_PREFIX (or equality): the cheap
        # startswith tests spare the call for the words that cannot pass it.
        key_head, word_head = key[:MIN_PREFIX], word[:MIN_PREFIX]
        return {i for i, k, low, whole in self._entries
                if i not in taken and not low.endswith("+") and (
                    (k.startswith(key_head) and compatible(k, key))
                    or (low.startswith(word_head) and compatible(low, word))
                    or (long and (word in whole or (long_key and key in whole))))}

    def contains(self, term: LooseTerm, taken: frozenset[int] = frozenset()) -> bool:
        """Every content word of the term occurs, in a compatible form, within a short window.

        Words at `taken` positions are not available: they already render another term.
        Same-key positions are tried first (a dict lookup); the full scan for compatible
        forms runs only when they do not suffice.
        """
        if not all(map(self._could_hold, term.pieces)):
            return False
        return self._contains(term, taken, True) or self._contains(term, taken, False)

    def _contains(self, term: LooseTerm, taken: frozenset[int], quick: bool) -> bool:
        found = []
        for piece in term.pieces:
            positions = self._positions(piece, taken, quick)
            if not positions:
                return False
            found.append(sorted(positions))
        window = term.length + WINDOW_SLACK
        return any(all(any(start - window < p < start + window for p in hits) for hits in found[1:])
                   for start in found[0])
