"""Language identification: pages are not always in the language their URL claims.

Uses simplemma's dictionary-based detector (no model download), restricted to the languages
in play, so a Lithuanian URL serving English text, or English alt text left untranslated on a
Swedish page, is caught.
"""

from __future__ import annotations

from simplemma import LanguageDetector
from simplemma.token_sampler import MostCommonTokenSampler, RelaxedMostCommonTokenSampler

from esfterm.langs import primary
from esfterm.text.morphology import LEMMA_STRATEGY, has_lemmas, simplemma_code, tokenize

_MIN_WORDS = 4


def language_scores(text: str, candidates: list[str]) -> dict[str, float]:
    """Share of the words of `text` that each candidate language knows (0..1)."""
    codes = {}
    for lang in dict.fromkeys(candidates):
        code = simplemma_code(lang)
        if has_lemmas(code):
            codes[code] = lang
    if not codes:
        return {}
    return {codes[code]: score for code, score in _proportions(text, tuple(codes)).items() if code in codes}


def _proportions(text: str, codes: tuple[str, ...]) -> dict[str, float]:
    """simplemma.langdetect over esfterm's dictionaries (see morphology.LEMMA_STRATEGY): the
    most common words first, all words when the first two results tie ("unk" ranked last)."""
    results: dict[str, float] = {}
    for sampler in (MostCommonTokenSampler(), RelaxedMostCommonTokenSampler()):
        results = LanguageDetector(codes, sampler, LEMMA_STRATEGY).proportion_in_each_language(text)
        ranked = sorted(results.items(), key=lambda item: (item[0] == "unk", -item[1]))
        if len(ranked) == 1 or ranked[0][1] != ranked[1][1]:
            break
    return results


def detect(text: str, candidates: list[str]) -> tuple[str | None, float]:
    """The most likely of `candidates` and its score; (None, 0.0) when undecidable."""
    scores = language_scores(text, candidates)
    if not scores:
        return None, 0.0
    lang, score = max(scores.items(), key=lambda kv: kv[1])
    return (lang, score) if score > 0 else (None, 0.0)


def is_foreign(text: str, lang: str, others: tuple[str, ...] = ("en",)) -> bool:
    """True when a segment declared as `lang` is clearly in one of `others` instead.

    Short segments (under four words) are never judged: names and acronyms look alike everywhere.
    """
    if primary(lang) in others or len(tokenize(text)) < _MIN_WORDS or not has_lemmas(simplemma_code(lang)):
        return False
    scores = language_scores(text, [lang, *others])
    own = scores.get(lang, 0.0)
    best_other = max((scores.get(o, 0.0) for o in others), default=0.0)
    return best_other >= 0.5 and best_other > own + 0.2
