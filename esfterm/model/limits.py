"""Limits on what a termbase entry may hold, checked where termbases are read.

No real term is a thousand characters long (the longest official names of EU regulations are
about 250), but a broken export or a hostile file can hold a whole document in one <term>.
Such a term is refused with the file and the entry, before it reaches the term indexes:
matching one builds an Aho–Corasick trie as deep as the term, and the native library crashes
(SIGSEGV) when it frees a trie a million nodes deep.
"""

from __future__ import annotations

import os

from esfterm.errors import InputError
from esfterm.model.concepts import Concept, Term, Termbase

#: The longest term (or listed inflected form) accepted, in characters.
MAX_TERM_CHARS = 1000


def oversized(term: Term) -> int:
    """The length of the term's longest text over the limit (the term or a listed form), else 0."""
    longest = max((len(text) for text in (term.text, *term.extra_forms)), default=0)
    return longest if longest > MAX_TERM_CHARS else 0


def describe_entry(number: int, concept: Concept, term: Term) -> str:
    """'entry 2 (concept c17, sv): "Lokala partnersk..."': the entry as a person finds it in the file."""
    start = " ".join(term.text[:40].split())
    return f"entry {number} (concept {concept.id}, {term.lang}): \"{start}...\""


def check_term_sizes(termbase: Termbase, path: str | os.PathLike | None = None) -> Termbase:
    """Return the termbase unchanged, or raise InputError naming the first entry with an absurd term."""
    for number, concept in enumerate(termbase.concepts, start=1):
        for term in concept.terms():
            size = oversized(term)
            if size:
                raise InputError(f"{describe_entry(number, concept, term)} has a term of {size} characters; "
                                 f"the limit is {MAX_TERM_CHARS}", path=path,
                                 hint="a term is a name, not a text: fix or remove this entry")
    return termbase
