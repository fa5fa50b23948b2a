"""CAT-style match percentages: a word-level edit score with small fixed penalties.

Segments are split into tokens as CAT tools see them: words (``can’t``, ``EU:s`` and ``e-post`` are
one word), numbers, placeholders (``%(name)s``, ``%s``, ``{0}``, ``{name}``, ``{{ count }}``: they
stand for words), markup tags and entities (``<strong>``, ``</a>``, ``&amp;``) and punctuation.
The score of a candidate C for a query Q is

    base  = floor(100 * (L - d) / L), where d is the Levenshtein distance between the sequences
            of words, numbers and placeholders (words compared case-insensitively, any number
            matching any number, any placeholder any placeholder) and L the longer sequence's
            length; markup tags and punctuation do not count here
    score = min(base - penalties, 99), at least 0; exactly 100 only for identical text (and
            identical inline codes). Between two segments without words (markup or punctuation
            only) d and L count all tokens as written, and no penalty applies but spacing.

    penalties: CASE_PENALTY once if aligned words differ in case only; PUNCT_PENALTY once if the
    punctuation differs; SPACE_PENALTY once if only the spacing differs; NUMBER_PENALTY for each
    aligned number with another value; PLACEHOLDER_PENALTY for each aligned placeholder written
    otherwise; TAG_PENALTY for each markup tag edit (Levenshtein over the tags as written) and
    for each TMX inline code present on one side only.

So "Enter a valid URL." is 99% for "enter a valid url." (case only), "Enter a valid value." 74%
(a word in four changed, and the case), "web site" against "website" two word edits (0% alone,
50% in "Visit our web site."), and a match with another year 98% (the number must be corrected,
which is why it costs more than case); "Changed:" against "Changed {fields}." is 49%, a word
(the placeholder) and the punctuation apart.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel, Levenshtein

CASE_PENALTY = 1
PUNCT_PENALTY = 1
SPACE_PENALTY = 1
NUMBER_PENALTY = 2
PLACEHOLDER_PENALTY = 1
TAG_PENALTY = 1

WORD, NUMBER, PLACEHOLDER, TAG, PUNCT = "word", "number", "placeholder", "tag", "punct"
#: The keys of every number and every placeholder: they align with their kind (a different
#: value or name is a penalty, not a word change).
NUMBER_KEY, PLACEHOLDER_KEY = "#", "{}"

_TAG = r"""
        </?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>            # XML/HTML tags
      | &(?:[A-Za-z]+|\#\d+|\#x[0-9A-Fa-f]+);            # &amp; &#160;
"""
_PLACEHOLDER = r"""
        %\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa] # %(name)s
      | %\d+\$[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]   # %1$s
      | %[-#0+]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa@]         # %s %d %.2f %@
      | \{\{[^{}]*\}\} | \{\d*\} | \{[A-Za-z_][\w.:]*\} | \$\{\w+\}  # {{ x }} {0} {name} ${x}
"""
_NUMBER = r"\d+(?:[.,:]\d+)*(?!\w)"
_WORD = r"\w+(?:['’:-]\w+)*"
_TOKEN = re.compile(f"(?P<tag>{_TAG})|(?P<placeholder>{_PLACEHOLDER})|(?P<number>{_NUMBER})|(?P<word>{_WORD})"
                    "|(?P<punct>[^\\w\\s])", re.VERBOSE)
#: The same tokens, placeholders, numbers and words captured: index_keys without Token objects.
_KEYS = re.compile(f"(?:{_TAG})|({_PLACEHOLDER})|({_NUMBER})|({_WORD})", re.VERBOSE)
_INLINE_CODE = re.compile(r"<(bpt|ept|ph|it|hi|ut)\b")


@dataclass(frozen=True, slots=True)
class Token:
    """A token and its character span in the text it came from."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        """What the word score compares: words case-folded, every number alike, every placeholder
        alike, the rest as written."""
        if self.kind == WORD:
            return self.text.casefold()
        return NUMBER_KEY if self.kind == NUMBER else PLACEHOLDER_KEY if self.kind == PLACEHOLDER else self.text


def tokenize(text: str) -> list[Token]:
    """Every token of a text (whitespace is not a token), with offsets into it."""
    return [Token(m.lastgroup, m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def word_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens the word score counts: words, numbers and placeholders."""
    return [t for t in tokens if t.kind == WORD or t.kind == NUMBER or t.kind == PLACEHOLDER]


def index_keys(text: str) -> list[str]:
    """The word score's key sequence of a text (what the index stores, in order); the same as
    the keys of word_tokens(tokenize(text)), three times faster."""
    return [word.casefold() if word else NUMBER_KEY if number else PLACEHOLDER_KEY
            for placeholder, number, word in _KEYS.findall(text) if placeholder or number or word]


def base_score(distance: int, length: int) -> int:
    """floor(100 * (L - d) / L) in integers; two empty sequences are equal."""
    return 100 if length == 0 else (100 * (length - distance)) // length


def max_distance(length: int, min_score: int) -> int:
    """The largest word distance that still reaches `min_score` for sequences of `length`."""
    return length * (100 - min_score) // 100


@dataclass
class Score:
    """A match percentage and how it came about."""

    score: int
    base: int
    penalties: dict[str, int] = field(default_factory=dict)


def _inline_codes(markup: str | None) -> Counter[str]:
    return Counter(_INLINE_CODE.findall(markup or ""))


class Scorer:
    """Scores candidates against one query, its tokens worked out once."""

    def __init__(self, query: str, markup: str | None = None) -> None:
        self.query = query
        self.codes = _inline_codes(markup)
        self.tokens = tokenize(query)
        self.words = word_tokens(self.tokens)
        self.keys = [t.key for t in self.words]
        self.tags = [t.text for t in self.tokens if t.kind == TAG]
        self.punct = [t.text for t in self.tokens if t.kind == PUNCT]

    def __call__(self, candidate: str, markup: str | None = None) -> Score:
        codes = _inline_codes(markup)
        if candidate == self.query and codes == self.codes:
            return Score(100, 100)
        tc = tokenize(candidate)
        wc = word_tokens(tc)
        kc = [t.key for t in wc]
        if not self.keys and not kc:  # no words on either side: the tags and punctuation are the text
            texts = [t.text for t in tc]
            base = base_score(Levenshtein.distance([t.text for t in self.tokens], texts), max(len(self.tokens), len(texts)))
            spacing = {"spacing": SPACE_PENALTY} if base == 100 else {}
            return Score(min(base - sum(spacing.values()), 99), base, spacing)
        base = base_score(Levenshtein.distance(self.keys, kc), max(len(self.keys), len(kc)))
        penalties: Counter[str] = Counter()
        for op in Levenshtein.opcodes(self.keys, kc):
            if op.tag != "equal":
                continue
            for a, b in zip(self.words[op.src_start:op.src_end], wc[op.dest_start:op.dest_end]):
                if a.text != b.text:
                    if a.kind == WORD:
                        penalties["case"] = CASE_PENALTY
                    elif a.kind == NUMBER:
                        penalties["number"] += NUMBER_PENALTY
                    else:
                        penalties["placeholder"] += PLACEHOLDER_PENALTY
        tags = Levenshtein.distance(self.tags, [t.text for t in tc if t.kind == TAG])
        tags += sum(((self.codes - codes) + (codes - self.codes)).values())
        if tags:
            penalties["tag"] = TAG_PENALTY * tags
        if self.punct != [t.text for t in tc if t.kind == PUNCT]:
            penalties["punctuation"] = PUNCT_PENALTY
        if not penalties and [t.text for t in self.tokens] == [t.text for t in tc]:
            penalties["spacing"] = SPACE_PENALTY
        return Score(max(min(base - sum(penalties.values()), 99), 0), base, dict(penalties))


def score(query: str, candidate: str, query_markup: str | None = None,
          candidate_markup: str | None = None) -> Score:
    """The match percentage (0-100) of `candidate` for `query`, with its base and penalties."""
    return Scorer(query, query_markup)(candidate, candidate_markup)


def cat_score(query: str, candidate: str, query_markup: str | None = None,
              candidate_markup: str | None = None) -> int:
    """The match percentage alone."""
    return score(query, candidate, query_markup, candidate_markup).score


def _blocks(tq: list[Token], tc: list[Token]) -> list[tuple[str, int, int, int, int]]:
    """Aligned runs over all tokens (compared as written; a longest common subsequence, which
    keeps shared words aligned), adjacent differences joined: (tag, query start, query end,
    candidate start, candidate end) in token positions."""
    out: list[list] = []
    for op in Indel.opcodes([t.text for t in tq], [t.text for t in tc]):
        if op.tag != "equal" and out and out[-1][0] != "equal":
            out[-1][2], out[-1][4] = op.src_end, op.dest_end
        else:
            out.append([op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end])
    for block in out:
        if block[0] != "equal":
            block[0] = "replace" if block[1] < block[2] and block[3] < block[4] else (
                "delete" if block[1] < block[2] else "insert")
    return [tuple(b) for b in out]


def _span(text: str, tokens: list[Token], start: int, end: int) -> str:
    """The stored characters from token `start` to token `end` (exclusive), as written."""
    return text[tokens[start].start:tokens[end - 1].end] if start < end else ""


def word_diff(query: str, candidate: str) -> list[tuple[str, str, str]]:
    """What differs, as (operation, query text, candidate text), both as written; operations are
    'replace', 'delete' (only in the query) and 'insert' (only in the candidate)."""
    tq, tc = tokenize(query), tokenize(candidate)
    return [(tag, _span(query, tq, a, b), _span(candidate, tc, c, d))
            for tag, a, b, c, d in _blocks(tq, tc) if tag != "equal"]


def pieces(query: str, candidate: str) -> list[tuple[str, str, str]]:
    """The candidate cut into (operation, candidate text, query text) pieces that join back into
    it exactly: 'equal' runs (spacing included), 'replace' and 'insert' runs of the candidate,
    and 'delete' pieces (empty candidate text) where the query has words the candidate lacks.
    What a page needs to mark the differences on the stored text."""
    tq, tc = tokenize(query), tokenize(candidate)
    out: list[tuple[str, str, str]] = []
    pos = 0
    for tag, a, b, c, d in _blocks(tq, tc):
        if c < d:
            start, end = tc[c].start, tc[d - 1].end
            out.append(("equal", candidate[pos:start], candidate[pos:start]))
            out.append((tag, candidate[start:end], candidate[start:end] if tag == "equal" else _span(query, tq, a, b)))
            pos = end
        else:
            out.append((tag, "", _span(query, tq, a, b)))
    out.append(("equal", candidate[pos:], candidate[pos:]))
    joined: list[tuple[str, str, str]] = []
    for op, text, asked in out:
        if op == "equal" and not text:
            continue
        if op == "equal" and joined and joined[-1][0] == "equal":
            joined[-1] = ("equal", joined[-1][1] + text, joined[-1][2] + asked)
        else:
            joined.append((op, text, asked))
    return joined


def highlight(query: str, candidate: str) -> str:
    """The candidate exactly as stored, its differences marked wdiff-style: [-query words-] where
    the query has words the candidate lacks, {+candidate words+} around what the query lacks."""
    tq, tc = tokenize(query), tokenize(candidate)
    out: list[str] = []
    pos = 0
    for tag, a, b, c, d in _blocks(tq, tc):
        if c < d:
            start, end = tc[c].start, tc[d - 1].end
            out.append(candidate[pos:start])
            piece = candidate[start:end]
            pos = end
        else:
            piece = ""
        if tag == "equal":
            out.append(piece)
            continue
        deleted = "[-" + _span(query, tq, a, b) + "-]" if a < b else ""
        if deleted and not piece:  # the marker goes in the gap, the stored spacing kept around it
            following = tc[c].start if c < len(tc) else len(candidate)
            gap = candidate[pos:following]
            out.append((gap or " ") + deleted + gap if pos else deleted + (gap or " "))
            pos = following
            continue
        out.append(deleted + ("{+" + piece + "+}" if piece else ""))
    out.append(candidate[pos:])
    return "".join(out)
