"""One look-up per whitespace-free chunk of text for everything the checks read from it.

Each text is split on whitespace once. Chunks (words with their punctuation) recur across
segments, so what the checks need from a chunk — its term-index codes, its consistency
comparison form, whether it holds a digit or a placeholder character — is worked out once
and kept together: a segment then costs one dict look-up per chunk, however many checks
read it. Each piece is defined where it belongs (terms.occurrence, consistency, mechanical); this
module only reads them in one pass.
"""

from __future__ import annotations

from operator import itemgetter
from typing import NamedTuple

from esfterm.qa import consistency, mechanical
from esfterm.text.memo import Memo
from esfterm.terms.occurrence import OccurrenceIndex

_CODE, _FORM, _MARKED = itemgetter(0), itemgetter(1), itemgetter(2)


class Side(NamedTuple):
    """One text of a segment pair as the checks read it."""

    #: The text split on whitespace (an all-caps text's uncapped: see OccurrenceIndex.uncap).
    chunks: list[str]
    #: The term index's codes of its words ("" without a term index).
    codes: str
    #: The consistency comparison form, each word followed by a space ("" without
    #: consistency checks): forms are only compared with one another.
    form: str
    #: Holds a digit or a placeholder character (else number and tag checks can skip it).
    marked: bool


class ChunkReader:
    """Reads texts of one language for one term index and one consistency mode (either may
    be None, and its part of a Side stays empty)."""

    def __init__(self, index: OccurrenceIndex | None, mode: str | None, *, source: bool = False) -> None:
        self._index = index
        #: a source's form keeps its closing mark and one-word capital (consistency.source_marks)
        self._marks = source and mode == "loose"
        self._code = code = index.chunk_code if index is not None else (lambda chunk: "")
        form = consistency.chunk_form(mode) if mode else (lambda chunk: "")
        # a chunk's form carries the space after it, so a text's form is a plain join
        self._facts = Memo(lambda chunk: (code(chunk), _spaced(form(chunk)), mechanical.chunk_marked(chunk)))

    def read(self, text: str | None) -> Side:
        """A text's chunks and what the checks read from them. An all-caps text is looked up
        in the term index uncapped (see OccurrenceIndex.uncap); its form and marks stay its own."""
        text = text or ""
        chunks = text.split()
        facts = list(map(self._facts.__getitem__, chunks))
        if self._index is not None and text.isupper():
            chunks = self._index.uncap(text).split()
            codes = "".join(map(self._code, chunks))
        else:
            codes = "".join(map(_CODE, facts))
        form = "".join(map(_FORM, facts))
        if self._marks and form and (len(chunks) == 1 or text.rstrip()[-1:] in consistency.CLOSING):
            mark = consistency.source_marks(text)
            if mark:
                form += mark + " "
        # tuple.__new__ skips the Python-level __new__ of a NamedTuple: one Side per text
        return tuple.__new__(Side, (chunks, codes, form, any(map(_MARKED, facts))))


def _spaced(form: str) -> str:
    return form + " " if form else ""
