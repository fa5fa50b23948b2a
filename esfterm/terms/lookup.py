"""`lookup(term)`: the concepts a term names, whatever its form or language.

Matching runs from the most to the least certain kind: exact, inflected, acronym (with a
case ending); then, when those find nothing, compound (a compound whose first part is a term:
"Eruf-stödet" is ERDF support, "EU-institutionerna" EU institutions, "socialfondsstödet"
social fund support); then — only when those find nothing either — partial (the query is part of a longer
term, or holds a whole term among other words) and fuzzy (typos; the caller shows these as
"did you mean"), ranked together by score; a concept found both ways is labelled partial,
the structural explanation, with the better score. Each hit carries its kind.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from esfterm.errors import InputError
from esfterm.langs import primary, require_known
from esfterm.model import Concept, Term, Termbase
from esfterm.model.concepts import term_rank
from esfterm.terms.cache import load_cached
from esfterm.terms.index import TermIndex, normal_form
from esfterm.text.langid import detect

MATCH_KINDS = ("exact", "inflected", "acronym", "compound", "partial", "fuzzy")
_WEAK_TIER = MATCH_KINDS.index("partial")


@dataclass
class Hit:
    """One concept found for a query, the term of it that matched, how, and how well (0-100)."""

    concept: Concept
    term: Term
    kind: str
    score: float
    #: Every language in which a term of this concept matched this well ("ESF": sv and lt).
    langs: list[str] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple:
        """Exact, inflected and acronym hits in that order; then partial and fuzzy hits
        together, best score first (a 95% typo match beats half of a longer term)."""
        tier = min(MATCH_KINDS.index(self.kind), _WEAK_TIER)
        return (tier, -self.score, MATCH_KINDS.index(self.kind), term_rank(self.term))


def default_termbase_path() -> Path:
    """The ESF termbase shipped inside the package (esfterm/data/termbase/esf.tbx)."""
    return Path(str(resources.files("esfterm") / "data" / "termbase" / "esf.tbx"))


def _build_index(path: Path) -> TermIndex:
    from esfterm.formats.termfile import read_termbase

    return TermIndex(read_termbase(path))


@functools.lru_cache(maxsize=4)
def _cached_index(path: str, mtime_ns: int, size: int) -> TermIndex:
    return load_cached(path, _build_index)


def load_index(termbase: Termbase | TermIndex | str | os.PathLike | None = None) -> TermIndex:
    """A TermIndex for a termbase object, a file, or the default termbase. A file's index is
    kept on disk (esfterm.terms.cache) and in this process until the file changes."""
    if isinstance(termbase, TermIndex):
        return termbase
    if isinstance(termbase, Termbase):
        return TermIndex(termbase)
    path = Path(termbase) if termbase is not None else default_termbase_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise InputError("termbase not found", path=path) from None
    return _cached_index(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def _in_langs(term: Term, langs: list[str] | None) -> bool:
    return langs is None or primary(term.lang) in langs


def lookup(term: str, lang: str | None = None, to: list[str] | None = None,
           termbase: Termbase | TermIndex | str | os.PathLike | None = None,
           limit: int = 10, min_score: float = 80) -> list[Hit]:
    """Concepts matching `term`, best first, one Hit per concept.

    `lang` restricts matching to terms in that language (else every language is tried);
    `to` keeps only concepts that have a term in at least one of those languages.
    `termbase` is a Termbase, a TermIndex (reuse it for many queries), a file path, or None
    for the ESF termbase. Raises InputError for an empty query or an unknown language.
    """
    if not normal_form(term):
        raise InputError("empty query: give a term to look up")
    index = load_index(termbase)
    langs = [primary(require_known(lang, option="--lang"))] if lang else None
    targets = [primary(require_known(t, option="--to")) for t in to] if to else None
    tried = langs or index.langs
    found: dict[str, Hit] = {}

    def add(ids: list[int], kind: str, scores: list[float] | None = None) -> None:
        for n, i in enumerate(ids):
            concept, matched = index.entries[i]
            if _in_langs(matched, langs) and (not targets or any(concept.terms(t) for t in targets)):
                _keep_best(found, Hit(concept, matched, kind, scores[n] if scores else 100.0,
                                      [primary(matched.lang)]))

    add(index.match_exact(term), "exact")
    add(index.match_inflected(term, tried), "inflected")
    add(index.match_acronym(term), "acronym")
    if not found:
        add(index.match_compound(term, tried), "compound")
    if not found:
        partial = index.match_partial(term, tried)
        add([i for i, _ in partial], "partial", [s for _, s in partial])
        fuzzy = index.match_fuzzy(term, tried, min_score=min_score, limit=limit * 3)
        add([i for i, _ in fuzzy], "fuzzy", [s for _, s in fuzzy])
    return sorted(found.values(), key=lambda h: h.sort_key)[:limit]


def _keep_best(found: dict[str, Hit], hit: Hit) -> None:
    """Keep one hit per concept: the best one, noting every language that matched as well."""
    best = found.get(hit.concept.id)
    if best is None:
        found[hit.concept.id] = hit
    elif best.kind == "partial" and hit.kind == "fuzzy":
        best.score = max(best.score, hit.score)
    else:
        tie = best.sort_key[:2] == hit.sort_key[:2]
        if hit.sort_key < best.sort_key:
            found[hit.concept.id] = hit
            best, hit = hit, best
        if tie:
            best.langs = list(dict.fromkeys(best.langs + hit.langs))


def guess_query_lang(query: str, hits: list[Hit]) -> str | None:
    """The language of the query: that of the best-matching terms, settled by language
    identification when terms in several languages matched equally well (ESF is sv and lt)."""
    if not hits:
        return None
    best = hits[0].sort_key[:2]
    langs = list(dict.fromkeys(lang for h in hits if h.sort_key[:2] == best for lang in h.langs))
    if len(langs) == 1:
        return langs[0]
    guess, _ = detect(query, langs)
    return guess
