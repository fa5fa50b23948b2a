"""Language identification: pages are not always in the language their URL claims.

Uses simplemma's dictionary-based detector (no model download), restricted to the languages
in play, so a Lithuanian URL serving English text, or English alt text left untranslated on a
Swedish page, is caught.
"""

from __future__ import annotations

import simplemma

from esfterm.langs import primary
from esfterm.text.morphology import has_lemmas, simplemma_code, tokenize

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
    result = simplemma.langdetect(text, lang=tuple(codes))
    return {codes[code]: score for code, score in result if code in codes}


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
