"""The mechanical checks every QA tool has: numbers, empty and copied targets, tags, spaces.

Each function looks at one segment pair and returns (message, source spans, target spans)
tuples, or nothing; the runner turns them into findings. One problem gives one finding: a
changed placeholder "{1}" -> "{2}" is a tag-mismatch, and its digits are no number-mismatch;
nor is the "1" written where a count placeholder was left out ("%(counter)s pages" -> "1 stran"
in a Slovenian plural form that also serves 101): that is the placeholder's tag-mismatch.
"""

from __future__ import annotations

import re
from collections import Counter

import regex
import simplemma

from esfterm.qa import numbers
from esfterm.terms.termhood import form_zipf
from esfterm.text import placeholders
from esfterm.text.morphology import TOKEN_RE, has_lemmas, is_acronym, simplemma_code

Spans = list[tuple[int, int]]
Hit = tuple[str, Spans, Spans]

#: Inline elements of TMX/XLIFF markup, each with the attribute that pairs it across languages.
_INLINE = re.compile(r"<(/?)(bpt|ept|ph|it|hi|ut|x|g|bx|ex|sub|mrk|pc|sc|ec)\b([^>]*)>")
_INLINE_ID = re.compile(r"\b(?:i|x|id|rid|type)=\"([^\"]*)\"")
#: A cheap test for "no number here": the `regex` module's \d (a newer Unicode than `re`'s)
#: finds every digit a number can start with, and runs about twice as fast.
_ANY_DIGIT = regex.compile(r"\d")
_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
#: HTML/XML character references ("&#169;", "&#x2014;", "&amp;"): characters, not numbers.
_CHAR_REF = re.compile(r"&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z]\w*);")
#: Addresses, paths and URL patterns: a URL, an e-mail address, a chunk that begins with "^" or
#: "/" or ends with "/" or "$" ("/admin/", Django's "^account/$").
_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+|(?<!\S)[\^/]\S*|\S*[/$](?!\S)")
#: Words that are code names rather than words ("LogEntry", "user_id", "utf8").
_CODE_WORD = re.compile(r"[a-z][A-Z]|_|\d")
_NO_CODES: Counter = Counter()


def number_mismatch(source: str, target: str, flags: frozenset[str] = frozenset(),
                    may_omit: frozenset[str] = frozenset(), may_add: frozenset[str] = frozenset()) -> Hit | None:
    """Numbers compared by value, so "10 000"/"10,000" and "3.14"/"3,14" agree (see numbers);
    digits inside placeholders ("{1}", "%1$s", "<h2>") are tag-mismatch's, and those of
    character references ("&#169;") are no numbers at all.
    `may_omit`/`may_add` are values the target may lack or add (a plural form's one number).
    A number the target adds where it leaves out a placeholder of the source stands in for
    it: the tag-mismatch of the placeholder is the finding."""
    if not (_ANY_DIGIT.search(source) or _ANY_DIGIT.search(target)):
        return None
    stand_ins = 0
    if placeholders.may_hold_placeholder(source) or placeholders.may_hold_placeholder(target):
        stand_ins = sum((placeholders.counts(source, flags) - placeholders.counts(target, flags)).values())
        source, target = placeholders.blank(source, flags), placeholders.blank(target, flags)
    if "&" in source or "&" in target:
        source, target = _CHAR_REF.sub(_spaces, source), _CHAR_REF.sub(_spaces, target)
    missing, extra = numbers.compare(source, target, may_omit, may_add)
    if stand_ins and not missing:
        extra = extra[stand_ins:]
    if not (missing or extra):
        return None
    parts = []
    if missing:
        parts.append("missing in target: " + ", ".join(n[0] for n in missing))
    if extra:
        parts.append("not in source: " + ", ".join(n[0] for n in extra))
    return "numbers differ (" + "; ".join(parts) + ")", [n[1] for n in missing], [n[1] for n in extra]


def _spaces(m: re.Match) -> str:
    return " " * len(m.group())


def untranslated(source: str, target: str | None) -> Hit | None:
    """An empty or missing target for a non-empty source."""
    if source.strip() and not (target or "").strip():
        return ("target is empty" if target is not None else "no target", [], [])
    return None


def _words(text: str, flags: frozenset[str]) -> list[str]:
    """The words of a text a translator would translate: no placeholders, addresses, numbers,
    acronyms, single letters or code names."""
    if placeholders.may_hold_placeholder(text):
        text = placeholders.blank(text, flags)
    text = _ADDRESS.sub(" ", text)
    return [w for w in TOKEN_RE.findall(text)
            if sum(c.isalpha() for c in w) >= 2 and not is_acronym(w) and not _CODE_WORD.search(w)]


def known_words(lang: str | None) -> bool:
    """Is there a dictionary to tell this language's words by?"""
    return bool(lang) and has_lemmas(simplemma_code(lang))


#: A word is one of both languages when general text of the target language uses it at least
#: this often (Zipf) and at most SHARED_MARGIN less often than the source language's does:
#: sl "administrator" (3.5 against English 4.1), sv "server", "export"; not sl "search" (3.9
#: against 5.0: English words on Slovenian web pages) nor sv "delete" (2.8 against 4.2).
SHARED_ZIPF = 3.0
SHARED_MARGIN = 0.75


def shared_word(word: str, src: str | None, tgt: str) -> bool:
    """True for an international word that the target language writes as the source does."""
    if not src:
        return False
    there, here = form_zipf(word, tgt), form_zipf(word, src)
    return there is not None and here is not None and there >= SHARED_ZIPF and there >= here - SHARED_MARGIN


def foreign(word: str, src: str | None, tgt: str) -> bool:
    """A word the target language's dictionary does not know and the source language's does
    as a common word (without a source dictionary: one the target's does not know). Names the
    source dictionary knows ("Igbo", "Esperanto": their lemma is capitalised), abbreviations
    ("Sept": its lemma is the longer word), words both languages use about as often (see
    shared_word) and words of three letters or less (an abbreviation in one language is a word
    in another: "mar", "jun") may stay."""
    if len(word) <= 3 or simplemma.is_known(word, lang=simplemma_code(tgt)) or shared_word(word, src, tgt):
        return False
    if not known_words(src):
        return True
    if not simplemma.is_known(word, lang=simplemma_code(src)):
        return False
    base = simplemma.lemmatize(word, lang=simplemma_code(src))
    if base[:1].isupper():
        return False
    return not (len(base) > len(word) and base.lower().startswith(word.lower()))


def same_as_source(source: str, target: str, src: str | None = None, tgt: str | None = None,
                   flags: frozenset[str] = frozenset(), names: frozenset[str] = frozenset()) -> Hit | None:
    """A target identical to its source, when something in it should have been translated.

    Placeholders, numbers, addresses, acronyms, code names and `names` (the names the run's
    sources use, see esfterm.qa.names: "Wagtail API v2") may stay ("%(class_name)s
    %(instance)s"); one or two words stay when the target language's dictionary knows them
    too ("Filter", "Status" in sv; "%(size)d byte"), not when only the source language's does
    ("Delete" in sv, "None" in lt). Three or more words copied are untranslated whatever the
    dictionaries say, unless every one is capitalised (a name: "Python Enhancement
    Proposals"); without a target dictionary, two are.
    """
    if source.strip() != target.strip():
        return None
    words = [w for w in _words(source, flags) if w not in names]
    if not words:
        return None
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        return None
    if known_words(tgt):
        copied = len(words) >= 3 or any(foreign(w, src, tgt) for w in words)
    else:
        copied = len(words) >= 2
    return ("target is identical to the source", [], [(0, len(target))]) if copied else None


def _codes(text: str, markup: str | None, flags: frozenset[str]) -> Counter:
    """The inline codes of a text's markup (TMX/XLIFF elements, paired by their ids) and the
    placeholders in its plain text."""
    found = Counter()
    for m in _INLINE.finditer(markup or ""):
        ident = ",".join(_INLINE_ID.findall(m.group(3)))
        found[f"<{m.group(1)}{m.group(2)} {ident}>"] += 1
    return found + placeholders.counts(text, flags) if placeholders.may_hold_placeholder(text) else found


def tag_mismatch(source: str, target: str, source_markup: str | None = None,
                 target_markup: str | None = None, flags: frozenset[str] = frozenset(),
                 may_omit: Counter = _NO_CODES, may_add: Counter = _NO_CODES) -> Hit | None:
    """Inline codes (from TMX/XLIFF markup) and plain-text placeholders differ in kind or count.

    Placeholders are read in the syntax the PO flags name (see placeholders); `may_omit` and
    `may_add` are codes the target may lack or add (the count, in a plural form for n=1).
    """
    may_hold = placeholders.may_hold_placeholder
    if not (source_markup or target_markup or may_hold(source) or may_hold(target)):
        return None
    src = _codes(source, source_markup, flags)
    tgt = _codes(target, target_markup, flags)
    if src == tgt:
        return None
    missing = (src - tgt) - may_omit
    extra = (tgt - src) - may_add
    if not (missing or extra):
        return None
    src_spans = [s for code, s in placeholders.find(source, flags) if code in missing]
    tgt_spans = [s for code, s in placeholders.find(target, flags) if code in extra]
    parts = []
    if missing:
        parts.append("missing in target: " + " ".join(sorted(missing.elements())))
    if extra:
        parts.append("not in source: " + " ".join(sorted(extra.elements())))
    return "inline tags/placeholders differ (" + "; ".join(parts) + ")", src_spans, tgt_spans


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
    return bool(_ANY_DIGIT.search(chunk)) or placeholders.may_hold_placeholder(chunk)
