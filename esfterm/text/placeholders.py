"""Placeholders and inline tags in plain text, in the syntax a string says it uses: what
software puts into a translatable string and a translator copies as it is. QA compares them
across languages; term extraction skips them (a "%(class_name)s" holds no term).

A PO entry's flags name its format (as `msgfmt --check-format` reads them): python-format
(`%(name)s`, `%d`, `%%`), python-brace-format (`{}`, `{0}`, `{name!r:>10}`), c-format (printf:
`%1$s`, `%-5lu`) and the formats that share Python's (javascript-format as Django's
`interpolate()` reads it, perl-format, php-format...). Without a flag (TMX, XLIFF, TSV, an
unflagged PO entry) a text is read with the unambiguous forms of all of them, so that a
percent sign in prose ("50 % of") is no placeholder. HTML/XML tags, template tags
(`{{ name }}`, `{% url %}`) and escaped newlines/tabs count in every syntax.

A tag is compared by its name and its attributes' names, and by the values of attributes that
are code (href, src, class...), not text a translator renders (title, alt, placeholder...).
Angle brackets around words are no tag when the name is no HTML element, the text never
closes it and nothing in it is an attribute with a value: "<Empty>" and "<unspecified>" are
text to translate (sv "<tomt>", lt "<nenurodyta>"), while "<br>", "<b>...</b>" and
"<x-icon name=\"add\">" are markup.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from lxml.html import defs as html_defs

_COMMON = (
    r"\{\{[^{}\n]*\}\}"                               # template variable {{ name }}
    r"|\{%[^{}\n]*%\}"                                # template tag {% url 'x' %}
    r"|</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>"           # HTML/XML tag
    r"|\\[nt]"                                        # escaped newline or tab
)
_PYTHON = r"%(?:\([^()\n]*\))?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]"
_PRINTF = r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn%]"
_BRACE = r"\{[\w.\[\]]*(?:![rsa])?(?::[^{}\n]*)?\}"
#: Without a flag: no space flag and no %% (prose has "50 % of", "100%"), named or plain
#: conversions only, positional printf, and braces.
_GUESS = (r"%(?:\d+\$)?(?:\([A-Za-z_][\w.]*\))?[-+#0]*\d*(?:\.\d+)?[sdifgxXeEucr](?![A-Za-z])"
          r"|" + _BRACE)

_SYNTAXES = {
    "python-format": _PYTHON, "javascript-format": _PYTHON, "perl-format": _PYTHON,
    "php-format": _PRINTF, "c-format": _PRINTF, "objc-format": _PRINTF, "sh-format": _PRINTF,
    "python-brace-format": _BRACE,
}

#: Attributes whose values are text a translator renders: compared by name only.
_TEXT_ATTRS = frozenset({"title", "alt", "placeholder", "aria-label", "aria-description", "label",
                         "summary", "content", "value", "data-title"})
_ATTR = re.compile(r"([A-Za-z_:][\w:.-]*)\s*(?:=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
QUOTES = "\"'"
_TAG_HEAD = re.compile(r"<(/?)([A-Za-z][\w:.-]*)(.*?)(/?)>$", re.DOTALL)


@functools.lru_cache(maxsize=64)
def pattern(flags: frozenset[str]) -> re.Pattern:
    """The placeholder pattern for a string with these PO flags."""
    chosen = [_SYNTAXES[f] for f in sorted(flags) if f in _SYNTAXES]
    return re.compile(_COMMON + "|" + "|".join(dict.fromkeys(chosen or [_GUESS])))


def normal(code: str) -> str:
    """The comparison form of a placeholder: tags by name, attribute names and code values."""
    if not code.startswith("<"):
        return code
    found = _TAG_HEAD.match(code)
    if not found:
        return code
    closing, name, attrs, empty = found.groups()
    kept = []
    for attr in _ATTR.finditer(attrs):
        key = attr.group(1).lower()
        value = attr.group(2)
        kept.append(key if key in _TEXT_ATTRS or value is None else f"{key}={value.strip(QUOTES)}")
    return f"<{closing}{name.lower()}{''.join(' ' + a for a in sorted(kept))}{empty}>"


#: Characters without which a plain text holds no placeholder.
PLACEHOLDER_STARTS = ("%", "{", "<", "\\")


def may_hold_placeholder(text: str) -> bool:
    """A cheap test: False means the text surely holds no placeholder."""
    return any(start in text for start in PLACEHOLDER_STARTS)


def placeholder_spans(text: str, flags: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) of every placeholder in the text (term extraction skips them)."""
    return [span for _, span in find(text, flags)] if may_hold_placeholder(text) else []


#: The HTML element names (lxml's list): a tag of another name needs more to be markup.
_HTML_ELEMENTS = frozenset(html_defs.tags) | frozenset(html_defs.html5_tags)


def _words_in_brackets(code: str, text: str) -> bool:
    """Words in angle brackets ("<Empty>", "<ej angivet>"), not a tag: see the module's note."""
    if not code.startswith("<") or code.startswith("</") or "=" in code:
        return False
    found = _TAG_HEAD.match(code)
    if not found or found.group(4):
        return False
    name = found.group(2)
    return name.lower() not in _HTML_ELEMENTS and f"</{name}" not in text


def find(text: str, flags: frozenset[str] = frozenset()) -> list[tuple[str, tuple[int, int]]]:
    """Every placeholder of a text: (comparison form, span)."""
    return [(normal(m.group()), m.span()) for m in pattern(flags).finditer(text)
            if not _words_in_brackets(m.group(), text)]


def counts(text: str, flags: frozenset[str] = frozenset()) -> Counter:
    return Counter(code for code, _ in find(text, flags))


def blank(text: str, flags: frozenset[str] = frozenset()) -> str:
    """The text with every placeholder replaced by spaces (offsets kept), so digits inside
    `{1}` or `<h2>` are not read as numbers."""
    return pattern(flags).sub(
        lambda m: m.group() if _words_in_brackets(m.group(), text) else " " * len(m.group()), text)


_COUNT_NAMES = re.compile(r"[({](?:count|counter|num|number|n|total|cnt)[)}!:]", re.IGNORECASE)


def count_placeholders(plural: str, flags: frozenset[str] = frozenset()) -> set[str]:
    """The placeholders of a plural msgid that stand for the count: those with a number
    conversion (%d, %(num)d), or named like one ({count}, %(n)s), or the only one there is."""
    codes = [code for code, _ in find(plural, flags) if not code.startswith(("<", "{{", "{%", "\\"))]
    numeric = {c for c in codes if c[-1] in "diu" or _COUNT_NAMES.search(c)}
    if numeric:
        return numeric
    return set(codes) if len(set(codes)) == 1 else set()
