"""The names a run's sources use: words the sources write with a capital right after a
lower-case word and never in lower case ("Welcome to Wagtail", "the Django admin").

A name stays untranslated like an acronym, so same-as-source lets "Wagtail API v2" stay, while
"Delete" (never capitalised after a lower-case word, and written "delete" elsewhere) still
counts as English left in the target. A title-case heading ("Bulk Delete") says nothing: its
capitals follow capitals.
"""

from __future__ import annotations

import re
from typing import Iterable

from esfterm.text import placeholders
from esfterm.text.morphology import TOKEN_RE

#: What ends a sentence between two words: after it, a capital says nothing.
_SENTENCE_END = re.compile(r"[.!?:;\n\"“”«»()\[\]]")


def source_names(sources: Iterable[str]) -> frozenset[str]:
    """The words capitalised after a lower-case word of the same sentence in some source and
    written in lower case in none."""
    capitalised: set[str] = set()
    lower: set[str] = set()
    for text in sources:
        if placeholders.may_hold_placeholder(text):
            text = placeholders.blank(text)
        previous = None
        for m in TOKEN_RE.finditer(text):
            word = m.group()
            if word.islower():
                lower.add(word)
            elif (previous is not None and previous.group().islower() and word[:1].isupper()
                  and not word.isupper() and not _SENTENCE_END.search(text, previous.end(), m.start())):
                capitalised.add(word)
            previous = m
    return frozenset(w for w in capitalised if w.lower() not in lower)
