"""Placeholders and inline codes in plain text: what software puts into a translatable string
and a translator copies as it is. QA compares them across languages; term extraction skips
them (a "%(class_name)s" holds no term)."""

from __future__ import annotations

import re

#: printf (%s, %1$d, %(name)s), {0}/{name}, HTML/XML-like tags, and escaped newlines/tabs.
PLACEHOLDER = re.compile(
    r"%(?:\d+\$)?(?:\([A-Za-z_][\w.]*\))?[-+ #0]*\d*(?:\.\d+)?[sdifgxXeEucor%]"
    r"|\{\{?[\w.:, #-]*\}\}?"
    r"|</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>"
    r"|\\[nt]"
)
#: Characters without which a plain text holds no placeholder.
PLACEHOLDER_STARTS = ("%", "{", "<", "\\")


def may_hold_placeholder(text: str) -> bool:
    """A cheap test: False means the text surely holds no placeholder."""
    return any(start in text for start in PLACEHOLDER_STARTS)


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every placeholder in the text."""
    return [m.span() for m in PLACEHOLDER.finditer(text)] if may_hold_placeholder(text) else []
