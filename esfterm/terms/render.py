"""Showing lookup hits: a readable block per concept for people, plain dicts for JSON."""

from __future__ import annotations

from esfterm.model import Concept, Sourced, Term
from esfterm.model.concepts import term_rank
from esfterm.terms.lookup import Hit

_KIND_LABEL = {"exact": "exact match", "inflected": "inflected form", "acronym": "acronym",
               "compound": "compound of the term",
               "partial": "part of a longer term", "fuzzy": "did you mean"}


def shown_langs(concept: Concept, to: list[str] | None) -> list[str]:
    """The languages to show: those asked for (in that order), else every language of the concept."""
    if to:
        return [lang for lang in to if concept.section(lang) is not None]
    return list(dict.fromkeys(concept.langs))


def best_definition(concept: Concept, langs: list[str]) -> tuple[str | None, Sourced | None]:
    """The definition to show and its language: in a shown language if any, else English, else any."""
    for lang in [*langs, "en", *concept.langs]:
        for sec in concept.sections(lang):
            if sec.definitions:
                return sec.lang, sec.definitions[0]
    return (None, concept.definitions[0]) if concept.definitions else (None, None)


def _sourced(item: Sourced | None) -> dict | None:
    return None if item is None else {"text": item.text, "source": item.source}


def term_dict(term: Term) -> dict:
    return {"text": term.text, "lang": term.lang, "type": term.term_type, "status": term.status,
            "part_of_speech": term.part_of_speech, "gender": term.grammatical_gender,
            "contexts": [_sourced(c) for c in term.contexts], "notes": term.notes, "sources": term.sources}


def hit_dict(hit: Hit, to: list[str] | None = None) -> dict:
    """A JSON-ready view of one hit: the match and the concept in the shown languages."""
    concept = hit.concept
    langs = shown_langs(concept, to)
    def_lang, definition = best_definition(concept, langs)
    return {
        "concept_id": concept.id, "match": hit.kind, "score": round(hit.score, 1),
        "matched_term": hit.term.text, "matched_lang": hit.term.lang, "matched_langs": hit.langs,
        "subject_field": concept.subject_field,
        "definition": None if definition is None else {**_sourced(definition), "lang": def_lang},
        "languages": {lang: {"terms": [term_dict(t) for t in sorted(concept.terms(lang), key=term_rank)],
                             "definitions": [_sourced(d) for sec in concept.sections(lang) for d in sec.definitions]}
                      for lang in langs},
    }


def _term_label(term: Term) -> str:
    marks = [m for m in (term.term_type if term.term_type not in (None, "fullForm") else None,
                         term.status) if m]
    return f"{term.text} ({', '.join(marks)})" if marks else term.text


def _context(term: Term) -> Sourced | None:
    return term.contexts[0] if term.contexts else None


def hit_text(hit: Hit, to: list[str] | None = None) -> str:
    """One concept as a block of lines: header, definition, then per language its terms and a context."""
    concept = hit.concept
    kind = _KIND_LABEL[hit.kind]
    score = f" {hit.score:.0f}%" if hit.kind == "fuzzy" else ""
    head = f"{concept.id}  [{kind}{score}: {hit.term.text!r}, {'/'.join(hit.langs)}]"
    if concept.subject_field:
        head += f"  subject: {concept.subject_field}"
    lines = [head]
    langs = shown_langs(concept, to)
    def_lang, definition = best_definition(concept, langs)
    if definition is not None:
        src = f" [{definition.source}]" if definition.source else ""
        lines.append(f"  definition{f' ({def_lang})' if def_lang else ''}: {definition.text}{src}")
    for lang in langs:
        terms = sorted(concept.terms(lang), key=term_rank)
        lines.append(f"  {lang:<3} " + " · ".join(_term_label(t) for t in terms))
        context = next((c for c in map(_context, terms) if c), None)
        if context is not None:
            src = f" — {context.source}" if context.source else ""
            lines.append(f"      context: “{context.text}”{src}")
        for term in terms:
            for note in term.notes:
                lines.append(f"      note ({term.text}): {note}")
    return "\n".join(lines)
