"""The mechanical checks every QA tool has: numbers, empty and copied targets, tags, spaces.

Each function looks at one segment pair and returns (message, source spans, target spans)
tuples, or nothing; the runner turns them into findings.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

import regex

from esfterm.text.morphology import TOKEN_RE, is_acronym
from esfterm.text.placeholders import PLACEHOLDER, may_hold_placeholder

Spans = list[tuple[int, int]]
Hit = tuple[str, Spans, Spans]

#: A number, with thousands groups ("10 000", "10,000", "10.000") and decimals ("1,5", "1.5").
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*")
#: Inline elements of TMX/XLIFF markup, each with the attribute that pairs it across languages.
_INLINE = re.compile(r"<(/?)(bpt|ept|ph|it|hi|ut|x|g|bx|ex|sub|mrk|pc|sc|ec)\b([^>]*)>")
_INLINE_ID = re.compile(r"\b(?:i|x|id|rid|type)=\"([^\"]*)\"")
#: A cheap test for "no number here": the `regex` module's \d (a newer Unicode than `re`'s)
#: finds every digit _NUMBER can start with, and runs about twice as fast.
_ANY_DIGIT = regex.compile(r"\d")
_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


def _digits(text: str) -> Iterator[tuple[str, tuple[int, int]]]:
    for m in _NUMBER.finditer(text):
        yield re.sub(r"\D", "", m.group()), m.span()


def number_mismatch(source: str, target: str) -> Hit | None:
    """Numbers compared by their digits, so "10 000"/"10,000" and "1,5"/"1.5" agree."""
    if not (_ANY_DIGIT.search(source) or _ANY_DIGIT.search(target)):
        return None
    src = list(_digits(source))
    tgt = list(_digits(target))
    src_count = Counter(d for d, _ in src)
    tgt_count = Counter(d for d, _ in tgt)
    if src_count == tgt_count:
        return None
    missing = src_count - tgt_count
    extra = tgt_count - src_count
    parts = []
    if missing:
        parts.append("missing in target: " + ", ".join(sorted(missing.elements())))
    if extra:
        parts.append("not in source: " + ", ".join(sorted(extra.elements())))
    return ("numbers differ (" + "; ".join(parts) + ")",
            [span for d, span in src if d in missing], [span for d, span in tgt if d in extra])


def untranslated(source: str, target: str | None) -> Hit | None:
    """An empty or missing target for a non-empty source."""
    if source.strip() and not (target or "").strip():
        return ("target is empty" if target is not None else "no target", [], [])
    return None


def same_as_source(source: str, target: str) -> Hit | None:
    """A target identical to its source, when the source has real words to translate.

    Segments of names, acronyms, numbers or a single word legitimately stay the same.
    """
    if source.strip() != target.strip():
        return None
    words = [w for w in TOKEN_RE.findall(source) if any(c.isalpha() for c in w) and not is_acronym(w)]
    if len(words) < 2:
        return None
    return ("target is identical to the source", [], [(0, len(target))])


def _codes(text: str, markup: str | None) -> Counter:
    if markup:
        found = Counter()
        for m in _INLINE.finditer(markup):
            ident = ",".join(_INLINE_ID.findall(m.group(3)))
            found[f"<{m.group(1)}{m.group(2)} {ident}>"] += 1
        return found
    return Counter(m.group() for m in PLACEHOLDER.finditer(text))


def tag_mismatch(source: str, target: str, source_markup: str | None = None,
                 target_markup: str | None = None) -> Hit | None:
    """Inline codes (from TMX/XLIFF markup) or plain-text placeholders differ in kind or count."""
    if not (source_markup or target_markup or may_hold_placeholder(source) or may_hold_placeholder(target)):
        return None
    src = _codes(source, source_markup)
    tgt = _codes(target, target_markup)
    if src == tgt:
        return None
    missing = sorted((src - tgt).elements())
    extra = sorted((tgt - src).elements())
    parts = []
    if missing:
        parts.append("missing in target: " + " ".join(missing))
    if extra:
        parts.append("not in source: " + " ".join(extra))
    src_spans = [] if source_markup else [m.span() for m in PLACEHOLDER.finditer(source) if m.group() in missing]
    tgt_spans = [] if target_markup else [m.span() for m in PLACEHOLDER.finditer(target) if m.group() in extra]
    return ("inline tags/placeholders differ (" + "; ".join(parts) + ")", src_spans, tgt_spans)


def double_space(source: str, target: str) -> Hit | None:
    """Runs of spaces inside the target (not at its edges) that the source does not have."""
    if "  " not in target and "\u00a0" not in target:
        return None
    spans = [m.span() for m in _DOUBLE_SPACE.finditer(target)]
    if not spans or len(spans) <= len(_DOUBLE_SPACE.findall(source)):
        return None
    return (f"double space in target ({len(spans)}x)", [], spans)


def chunk_marked(chunk: str) -> bool:
    """Does a whitespace-free chunk hold a digit or a character a placeholder starts with?
    A text without such a chunk gives number_mismatch and plain-text tag_mismatch nothing
    to find."""
    return bool(_ANY_DIGIT.search(chunk)) or may_hold_placeholder(chunk)
