"""Concordance: the stored units whose source holds a phrase, the search translators use when
no whole segment matches ("how did we translate 'lokala partnerskap' before?").

The phrase's words must follow one another in the segment (punctuation between them is allowed,
case is ignored, numbers must be the same number). With `lemma`, each word matches any inflected
form with the same lemma key (esfterm.text.morphology: simplemma, then a stemmer), so
"lokalt partnerskap" also finds "lokala partnerskapen". Candidates come from the fuzzy index's
postings; the stored text is then checked and the phrase located in it as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from esfterm.errors import InputError
from esfterm.langs import normalize_lang, primary
from esfterm.tm.fuzzy import NUMBER, Token, tokenize, word_tokens
from esfterm.tm.index import lemma_key
from esfterm.tm.store import TranslationMemory

#: Candidates whose texts are read per round.
_ROUND = 200


@dataclass
class Occurrence:
    """A unit holding the phrase: both sides, where the phrase is in the source, and origin."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    spans: list[tuple[int, int]]
    origin: str
    tuid: str | None
    unit_id: int

    def to_dict(self) -> dict:
        """JSON-ready, as `esfterm tm concordance --json` and the server give it."""
        return {"source": self.source, "target": self.target, "source_lang": self.source_lang,
                "target_lang": self.target_lang, "spans": [list(s) for s in self.spans], "origin": self.origin,
                "tuid": self.tuid}


def _keys(tokens: list[Token], base: str, lemma: bool) -> list[str]:
    """What a phrase word and a segment word must share: the number itself, else the word
    case-folded (or its lemma key)."""
    out = []
    for t in tokens:
        if t.kind == NUMBER:
            out.append(t.text)
        else:
            word = t.text.casefold()
            out.append(lemma_key(word, base) if lemma else word)
    return out


def find_spans(phrase: list[str], tokens: list[Token], base: str, lemma: bool) -> list[tuple[int, int]]:
    """Character spans where the phrase keys occur as consecutive words."""
    keys = _keys(tokens, base, lemma)
    n = len(phrase)
    return [(tokens[i].start, tokens[i + n - 1].end) for i in range(len(keys) - n + 1) if keys[i:i + n] == phrase]


def concordance(tm: TranslationMemory, phrase: str, src: str, tgt: str, *, lemma: bool = False,
                limit: int = 20) -> list[Occurrence]:
    """Up to `limit` units (newest first) whose `src` side holds `phrase` and that have a `tgt` side."""
    words = word_tokens(tokenize(phrase))
    if not words:
        raise InputError(f"the phrase {phrase!r} has no words to look for")
    base = primary(normalize_lang(src))
    wanted = _keys(words, base, lemma)
    index_words = [t.key for t in words]
    found: list[Occurrence] = []
    with tm.snapshot():
        candidates = tm.index.phrase_candidates(index_words, base, lemma=lemma)
        while len(found) < limit:
            batch = [vid for _, vid in zip(range(_ROUND), candidates)]
            if not batch:
                break
            rows = tm.pairs(batch, tgt)
            for vid in batch:
                if vid not in rows or len(found) >= limit:
                    continue
                unit_id, slang, stext, _, tlang, ttext, origin, tuid, _ = rows[vid]
                spans = find_spans(wanted, word_tokens(tokenize(stext)), base, lemma)
                if spans:
                    found.append(Occurrence(stext, ttext, slang, tlang, spans, origin, tuid, unit_id))
    return found


def mark(text: str, spans: list[tuple[int, int]], before: str = "[[", after: str = "]]") -> str:
    """The text as stored with each span wrapped in markers."""
    out, pos = [], 0
    for start, end in spans:
        out += [text[pos:start], before, text[start:end], after]
        pos = end
    out.append(text[pos:])
    return "".join(out)
