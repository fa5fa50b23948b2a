"""Termbase concepts as alignment anchors: a segment that names a concept in one language
(in any inflected form) anchors to the segment naming it in the other language."""

from __future__ import annotations

from esfterm.langs import primary
from esfterm.model import Termbase
from esfterm.terms.occurrence import OccurrenceIndex, index_term, segment_words, token_spans


class ConceptAnchors:
    """Finds the concept ids a segment mentions; callable as an aligner ConceptFinder."""

    def __init__(self, termbase: Termbase) -> None:
        by_lang: dict[str, list] = {}
        for concept, term in termbase.iter_terms():
            indexed = index_term(concept.id, term.text, term.status, primary(term.lang), term.is_acronym)
            if indexed is not None:
                by_lang.setdefault(primary(term.lang), []).append(indexed)
        self._indexes = {lang: OccurrenceIndex(terms, lang) for lang, terms in by_lang.items()}

    def __call__(self, text: str, lang: str) -> set[str]:
        return {cid for cid, _, _ in self.mentions(text, lang)}

    def mentions(self, text: str, lang: str) -> list[tuple[str, int, int]]:
        """(concept id, start, end character) of every term occurrence in `text`, in order."""
        index = self._indexes.get(primary(lang))
        if index is None:
            return []
        matches = index.match(segment_words(text))
        if not matches:
            return []
        spans = token_spans(text, max(m.end for m in matches))
        return [(cid, spans[m.start][0], spans[m.end - 1][1]) for m in matches for cid in sorted(m.concepts)]
