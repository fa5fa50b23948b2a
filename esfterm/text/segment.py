"""Sentence segmentation: blocks first (lines, headings, list items), then SRX rules inside.

Segments keep their character span in the input, so nothing is lost or reordered: the
text between two segments is only whitespace or a list bullet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from esfterm.text.srx import SrxRules, break_positions, default_rules

#: List bullets that mark a block as a list item; they are layout, not segment text.
BULLET_RE = re.compile(r"[ \t]*[•·▪◦‣●■□➢►–\-*][ \t]+")
_TERMINAL = re.compile(r"[.!?…:;][»\"”’'\)\]]*\s*$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Segment:
    """One sentence (or heading, list item, short line) and where it stands in the input."""

    text: str
    start: int
    end: int
    block: int
    is_list_item: bool = False

    @property
    def ends_sentence(self) -> bool:
        """True when the segment ends with sentence punctuation (headings usually do not)."""
        return bool(_TERMINAL.search(self.text))


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or list item: one or more lines that belong together."""

    start: int
    end: int
    is_list_item: bool


def blocks(text: str) -> list[Block]:
    """Split text into blocks: one per line, except that a line continuing in lowercase
    (a hard-wrapped sentence such as "Välkommen att kontakta\\nmig för mer information!")
    joins the line before it."""
    found: list[Block] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        body = text[start:end]
        if not body.strip():
            continue
        bullet = BULLET_RE.match(body)
        if bullet and not body[bullet.end():].strip():
            bullet = None  # a lone "-" or "•" is the line's text, not a bullet before it
        content_start = start + (bullet.end() if bullet else len(body) - len(body.lstrip()))
        content_end = start + len(body.rstrip())
        first = text[content_start]
        previous = found[-1] if found else None
        if (previous is not None and not bullet and first.islower()
                and text[previous.end:start].count("\n") == 1
                and not _TERMINAL.search(text[previous.start:previous.end])):
            found[-1] = Block(previous.start, content_end, previous.is_list_item)
            continue
        found.append(Block(content_start, content_end, bool(bullet)))
    return found


def segment_spans(text: str, lang: str, rules: SrxRules | None = None) -> list[Segment]:
    """Segment `text` in language `lang` (a BCP 47 tag) into sentences with their spans."""
    ruleset = (rules or default_rules()).for_language(lang)
    out: list[Segment] = []
    for number, block in enumerate(blocks(text)):
        body = text[block.start:block.end]
        cuts = [0, *break_positions(body, ruleset), len(body)]
        for a, b in zip(cuts, cuts[1:]):
            piece = body[a:b]
            stripped = piece.strip()
            if not stripped:
                continue
            lead = len(piece) - len(piece.lstrip())
            start = block.start + a + lead
            out.append(Segment(_SPACE.sub(" ", stripped), start, start + len(stripped), number,
                               block.is_list_item))
    return out


def segment(text: str, lang: str, rules: SrxRules | None = None) -> list[str]:
    """Segment `text` into sentence strings (whitespace inside a segment folded to one space)."""
    return [s.text for s in segment_spans(text, lang, rules)]
