"""Concepts and terms: the termbase model every terminology format reads and writes.

A concept (a TBX <conceptEntry>) holds language sections, each with its terms. The fields
are the data categories of TBX-Basic; anything else a foreign file carries (IATE reliability
codes, transaction records, DCT elements, ...) is kept verbatim in `extra`, so that reading
and writing a file loses nothing even when the model has no field for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from esfterm.langs import primary

#: The normalised administrative statuses, best first (TBX `administrativeStatus`).
STATUSES = ("preferred", "admitted", "deprecated", "superseded")

#: TBX term types in TBX-Basic.
TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")


@dataclass
class Extra:
    """A data category the model has no field for, kept as XML so it can be written back.

    `xml` is the element serialised without the TBX namespace (so it fits v2 and v3 alike);
    `kind` is its element name, `type` its @type, `text` its text content for reports.
    """

    kind: str
    type: str | None
    text: str
    xml: str


@dataclass
class Sourced:
    """A definition or context sentence, with the document it comes from.

    `markup` holds the inner XML (without namespace) when the text has inline elements
    such as <hi>, so they survive a round trip; `text` is then the plain text.
    """

    text: str
    source: str | None = None
    markup: str | None = None


#: The term note that lists extra forms to match (see Term.extra_forms).
EXTRA_FORMS_NOTE = "Inflected forms:"


@dataclass
class Term:
    """One designation of a concept in one language (a TBX <termSec>)."""

    text: str
    lang: str
    term_type: str | None = None
    #: 'preferred', 'admitted', 'deprecated', 'superseded' or None (see STATUSES).
    status: str | None = None
    part_of_speech: str | None = None
    grammatical_gender: str | None = None
    grammatical_number: str | None = None
    contexts: list[Sourced] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    extra: list[Extra] = field(default_factory=list)
    id: str | None = None

    @property
    def is_acronym(self) -> bool:
        return self.term_type in ("acronym", "abbreviation")

    @property
    def extra_forms(self) -> list[str]:
        """Forms a terminologist listed for the hard cases that lemmatizer and stemmer miss,
        in a term note "Inflected forms: form; form" (plain TBX-Basic, so every tool keeps it)."""
        forms: list[str] = []
        for note in self.notes:
            if note.startswith(EXTRA_FORMS_NOTE):
                forms += [f.strip() for f in note[len(EXTRA_FORMS_NOTE):].split(";") if f.strip()]
        return forms


def term_rank(term: Term) -> tuple[int, int]:
    """Sort key putting the term to recommend first: by status (no status counts as admitted),
    full forms before acronyms."""
    status = STATUSES.index(term.status) if term.status in STATUSES else 1
    return (status, 1 if term.is_acronym else 0)


@dataclass
class LangSection:
    """The terms and language-specific descriptions of a concept in one language (<langSec>)."""

    lang: str
    terms: list[Term] = field(default_factory=list)
    definitions: list[Sourced] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    extra: list[Extra] = field(default_factory=list)


@dataclass
class Concept:
    """A concept (<conceptEntry>): an id, a subject field and its language sections."""

    id: str
    subject_field: str | None = None
    languages: list[LangSection] = field(default_factory=list)
    #: Definitions given at concept level, in no particular language.
    definitions: list[Sourced] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    extra: list[Extra] = field(default_factory=list)

    def sections(self, lang: str) -> list[LangSection]:
        """The language sections for `lang` (files may split a language over several):
        those with exactly that tag, else those of the same primary language ('sv' ~ 'sv-SE')."""
        low = lang.lower()
        exact = [sec for sec in self.languages if sec.lang.lower() == low]
        if exact:
            return exact
        base = primary(lang)
        return [sec for sec in self.languages if primary(sec.lang) == base]

    def section(self, lang: str) -> LangSection | None:
        """The (first) language section for `lang`, or None."""
        found = self.sections(lang)
        return found[0] if found else None

    def terms(self, lang: str | None = None) -> list[Term]:
        """All terms, or the terms in one language."""
        secs = self.languages if lang is None else self.sections(lang)
        return [t for sec in secs for t in sec.terms]

    def definition(self, lang: str) -> Sourced | None:
        """The definition in `lang`, else a concept-level one."""
        sec = self.section(lang)
        if sec and sec.definitions:
            return sec.definitions[0]
        return self.definitions[0] if self.definitions else None

    @property
    def langs(self) -> list[str]:
        return [sec.lang for sec in self.languages]


@dataclass
class Termbase:
    """A whole termbase: header information and concepts in file order."""

    concepts: list[Concept] = field(default_factory=list)
    #: xml:lang of the file (the language of labels and notes).
    lang: str = "en"
    #: The TBX dialect name (`type` on <tbx>/<martif>): 'TBX-Basic', 'TBX-Core', ...
    dialect: str = "TBX-Basic"
    title: str | None = None
    #: <sourceDesc> paragraphs: where the data comes from.
    source_desc: list[str] = field(default_factory=list)
    #: <publicationStmt> paragraphs.
    publication: list[str] = field(default_factory=list)
    #: Header parts the model has no field for (encodingDesc, revisionDesc, ...) and <back>.
    extra: list[Extra] = field(default_factory=list)

    def concept(self, concept_id: str) -> Concept | None:
        """The concept with that id, or None."""
        for c in self.concepts:
            if c.id == concept_id:
                return c
        return None

    def terms(self, lang: str | None = None) -> list[Term]:
        """Every term (of every concept), or every term in one language."""
        return [t for c in self.concepts for t in c.terms(lang)]

    def iter_terms(self) -> Iterator[tuple[Concept, Term]]:
        """(concept, term) for every term, in file order."""
        for c in self.concepts:
            for t in c.terms():
                yield c, t

    @property
    def langs(self) -> list[str]:
        """Every language that has at least one term, in first-seen order."""
        seen: dict[str, None] = {}
        for c in self.concepts:
            for sec in c.languages:
                seen.setdefault(sec.lang, None)
        return list(seen)

    def __len__(self) -> int:
        return len(self.concepts)
