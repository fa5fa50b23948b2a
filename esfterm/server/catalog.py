"""The termbase side of the server: lookups of a term or of the terms in a sentence, and checks.

A translator types either a term ("socialinių inovacijų", "ESS") or the sentence in front of
them. A term goes through `lookup` (exact, inflected, acronym, compound, partial, typo); in a
sentence the termbase's terms are found where they occur, in any inflected form and
leftmost-longest (the index QA uses), so "Evropski socialni sklad plus podpira ..." names ESF+,
not also ESF.
"""

from __future__ import annotations

import os

from esfterm.align.termanchors import ConceptAnchors
from esfterm.langs import primary
from esfterm.model import Unit, Variant
from esfterm.qa.api import check, load_termbase, tm_exact_lookup
from esfterm.qa.findings import Finding
from esfterm.terms import guess_query_lang, load_index, lookup
from esfterm.terms.lookup import Hit
from esfterm.terms.occurrence import segment_words
from esfterm.terms.render import hit_dict
from esfterm.text.langid import detect
from esfterm.tm import TranslationMemory

#: From this many words on, `auto` reads the query as a sentence.
SENTENCE_WORDS = 4


class Catalog:
    """One termbase, loaded once, for many requests."""

    def __init__(self, termbase: str | os.PathLike | None = None) -> None:
        self.termbase = load_termbase(termbase)
        self.index = load_index(termbase)
        self.anchors = ConceptAnchors(self.termbase)
        self.concepts = {c.id: c for c in self.termbase.concepts}
        self.languages = sorted({primary(t.lang) for _, t in self.termbase.iter_terms()})

    def lookup(self, query: str, lang: str | None, to: list[str] | None, mode: str, limit: int) -> dict:
        """The concepts for a term, or those a sentence names (mode 'text'; 'auto' decides by length)."""
        if mode == "auto":
            mode = "text" if len(segment_words(query)) >= SENTENCE_WORDS else "term"
        if mode == "text":
            text_lang = primary(lang) if lang else detect(query, self.languages)[0]
            if text_lang is not None:
                return {"query": query, "query_lang": text_lang, "lang_guessed": lang is None, "mode": "text",
                        "hits": self._in_text(query, text_lang, to, limit)}
        hits = lookup(query, lang=lang, to=to, termbase=self.index, limit=limit)
        return {"query": query, "query_lang": primary(lang) if lang else guess_query_lang(query, hits),
                "lang_guessed": lang is None, "mode": "term", "hits": [hit_dict(h, to) for h in hits]}

    def _in_text(self, text: str, lang: str, to: list[str] | None, limit: int) -> list[dict]:
        """One hit per concept named in the text, in the order they occur, with where."""
        spans: dict[str, list[list[int]]] = {}
        for concept_id, start, end in self.anchors.mentions(text, lang):
            spans.setdefault(concept_id, []).append([start, end])
        hits = []
        for concept_id, where in list(spans.items())[:limit]:
            concept = self.concepts[concept_id]
            if to and not any(concept.terms(t) for t in to):
                continue
            term = (concept.terms(lang) or concept.terms())[0]
            found = text[where[0][0]:where[0][1]]
            hits.append({**hit_dict(Hit(concept, term, "exact", 100.0, [lang]), to),
                         "match": "in-text", "matched_term": found, "spans": where})
        return hits

    def check(self, source: str, target: str, src: str, tgt: str, unit_id: str | None,
              tm: TranslationMemory | None) -> list[Finding]:
        """The findings for one unit (termbase checks, and tm-mismatch against the TM)."""
        unit = Unit([Variant(src, source), Variant(tgt, target)], unit_id)
        return check([unit], self.termbase, src=src, tgt=tgt, file="request",
                     tm_lookup=tm_exact_lookup(tm) if tm is not None else None)
