"""How strongly each word of a source sentence links to each word of its translation (0..1).

Three kinds of evidence, the strongest one counting:
- identity: the same number, acronym or name on both sides, or acronyms that name the same
  thing in the two languages (ESF = ESS = ESZA, from esfterm/data/acronyms.tsv);
- cognates: words (or their lemmas) that share their first letters and most of their
  spelling once diacritics are folded ("innovation" ~ "inovacije", "kapacitetsuppbyggnad" ~
  "kapaciteta", "centrumet" ~ "centras" by their lemmas "centrum" and "centras");
- lexical translation probabilities learnt from the whole memory by IBM Model 1 (NLTK), in
  both directions, on lemma keys so that inflected forms share their statistics, with
  compounds split into their parts ("arbetsmarknad" -> "arbets" + "marknad"), so that a
  compound can link to each word of a multiword rendering ("trg dela") and shares what its
  parts learn elsewhere. A link is
  strong when each word explains the other (the geometric mean of the two probabilities).
"""

from __future__ import annotations

import math

from nltk.translate import AlignedSent, IBMModel1
from rapidfuzz import fuzz

from esfterm.align.anchors import AcronymTable, default_acronyms, fold
from esfterm.text.morphology import compound_parts, is_acronym, lemma, word_key

#: EM iterations of Model 1 (it converges in a handful on memories of any size).
IBM_ITERATIONS = 5
#: A word's translation probability mass splits over the words of a multiword rendering
#: ("arbetsmarknad" -> "trg" 0.2, "dela" 0.2), so the geometric mean of the two directions
#: is scaled up: 0.4 and more counts as a full link, a uniform guess among 20 words (0.05) stays weak.
MODEL_SCALE = 2.5
_COGNATE_PREFIX = 3
_COGNATE_LEN = 8
_COGNATE_MIN = 0.7
_MIN_COGNATE_WORD = 4


def key_of(word: str, lang: str, acronyms: AcronymTable) -> str:
    """The statistics key of a word: its acronym group, or the stem of its lemma."""
    if is_acronym(word):
        group = acronyms.key(lang, word)
        return "a:" + (group or word)
    return word_key(word, lang).casefold()


_SPELLING = str.maketrans({"z": "s", "y": "i", "j": "i", "q": "k", "x": "ks"})


def _spelling(word: str) -> str:
    """Folded spelling where the usual cross-language letter swaps meet ("resultat" ~ "rezultat")."""
    return fold(word).translate(_SPELLING)


def cognate(a: str, b: str) -> float:
    """Spelling similarity of two words from different languages (0 when not cognates)."""
    fa, fb = _spelling(a), _spelling(b)
    if min(len(fa), len(fb)) < _MIN_COGNATE_WORD or fa[:_COGNATE_PREFIX] != fb[:_COGNATE_PREFIX]:
        return 0.0
    score = fuzz.ratio(fa[:_COGNATE_LEN], fb[:_COGNATE_LEN]) / 100
    return score if score >= _COGNATE_MIN else 0.0


class WordLinker:
    """Learns translation probabilities from sentence pairs (as keys), then scores word links."""

    def __init__(self, pairs: list[tuple[list[str], list[str]]], src: str, tgt: str,
                 acronyms: AcronymTable | None = None) -> None:
        self.src, self.tgt = src, tgt
        self.acronyms = acronyms or default_acronyms()
        #: pairs are (source, target) training sentences of part keys (see training_sentence)
        forward = [AlignedSent(t, s) for s, t in pairs]
        backward = [AlignedSent(s, t) for s, t in pairs]
        self.t_given_s = IBMModel1(forward, IBM_ITERATIONS).translation_table if pairs else {}
        self.s_given_t = IBMModel1(backward, IBM_ITERATIONS).translation_table if pairs else {}

    def keys(self, words: list[str], lang: str) -> list[str]:
        """One statistics key per word (see key_of)."""
        return [key_of(w, lang, self.acronyms) for w in words]

    def part_keys(self, words: list[str], lang: str) -> list[list[str]]:
        """Per word, the keys the model learns it by: its compound parts' keys, else its own."""
        out = []
        for w in words:
            parts = compound_parts(w, lang)
            out.append([key_of(p, lang, self.acronyms) for p in parts] if parts else [key_of(w, lang, self.acronyms)])
        return out

    @staticmethod
    def training_sentence(part_keys: list[list[str]]) -> list[str]:
        return [k for keys in part_keys for k in keys]

    def links(self, src_words: list[str], tgt_words: list[str]) -> tuple[list[list[float]], list[list[list[float]]]]:
        """(links, part_links): links[i][j] is how strongly source word i and target word j
        translate each other; part_links[i] holds one such row per compound part of word i
        (a single row, equal to links[i], for a word that is no compound)."""
        sk, tk = self.keys(src_words, self.src), self.keys(tgt_words, self.tgt)
        sp, tp = self.part_keys(src_words, self.src), self.part_keys(tgt_words, self.tgt)
        s_forms = [list(compound_parts(w, self.src)) or [w] for w in src_words]
        t_forms = [[w, lemma(w, self.tgt)] + list(compound_parts(w, self.tgt)) for w in tgt_words]
        links, part_links = [], []
        for i, sw in enumerate(src_words):
            rows = []
            for n, skey in enumerate(sp[i]):
                row = []
                for j, tw in enumerate(tgt_words):
                    model = max(min(1.0, MODEL_SCALE * math.sqrt(self._p(self.t_given_s, t, skey)
                                                                 * self._p(self.s_given_t, skey, t)))
                                for t in tp[j])
                    same = 1.0 if sk[i] == tk[j] and (sk[i].startswith("a:") or not tw.isalpha()
                                                       or sw.casefold() == tw.casefold()) else 0.0
                    form = s_forms[i][n] if n < len(s_forms[i]) else sw
                    # a compound whose whole word is a cognate is rendered by it ("mikrofinansiering")
                    similar = max(cognate(a, b) for a in {form, lemma(form, self.src), sw} for b in t_forms[j])
                    row.append(max(model, same, similar))
                rows.append(row)
            part_links.append(rows)
            links.append([max(col) for col in zip(*rows)] if tgt_words else [])
        return links, part_links

    @staticmethod
    def _p(table, target: str, source: str) -> float:
        row = table.get(target) if hasattr(table, "get") else None
        return row.get(source, 0.0) if row else 0.0
