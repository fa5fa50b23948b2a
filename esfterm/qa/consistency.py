"""inconsistent-target and inconsistent-source: one text, several translations, across files.

Segments are compared after normalisation: "exact" compares text with whitespace collapsed,
"case" also ignores case, "loose" (the default) also ignores punctuation, so a missing full
stop is not reported as a different translation. A source's closing ":", "?" or "!" is kept
in every mode: "Time:" (a label), "Delete?" (a question) and "Delete" are different strings;
so is a one-word source's capital: "Search" (a heading) and "search" (a button, a verb) are
different strings, as are "Now" and "now", while "PM" and "p.m." are one.

What the checks then leave alone, because it is no terminology problem: a one-word source
rendered by a verb in one place and a noun in another (lt "Ieškoti"/"Paieška" for "Search":
a button and a heading); renderings that are,
word for word, forms of the same words (sv "Filter"/"Filtrera", sl "poldne"/"opoldne",
abbreviations "geg"/"gegužė", sl "zaklenjena na"/"zaklenjeno na", lt "... ištrinta"/"...
ištrintas": the form agrees with what the string is used for), or differ only in their auxiliary
verbs (sl "je aktivirana"/"je bila aktivirana": a tense; a negated one, sl "ni", lt "nebuvo", is
no tense); for inconsistent-source, short sources
that are wordings of one label ("Email" and "Email address", "Change password" and "Password
change", "user" and "users"), sources whose content words are the same ("Select a new parent
page" and "Select a new parent for this page."), code names ("workflow_tasks": no wording),
renderings too short to tell meanings apart (sl "pet" for "five" and "Fri"), and sources that
another language checked in the same run renders alike too ("Tip" and "Hint" are one word in
lt: one meaning in two wordings; "Latvian" and "Lithuanian" differ in every other language,
so sv "Lettiska" for both is flagged).

Pairs are compared within their language pair, context (PO msgctxt, a TMX context prop) and
plural form only, and a unit is reported once: a rendering that differs from its source's
usual one and also serves another source is one inconsistent-target finding naming both.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import compress, count
from operator import add, itemgetter
from typing import Callable, Iterable, Sequence

import regex
import simplemma

from esfterm.langs import primary
from esfterm.qa.segments import Segment
from esfterm.terms.phrases import stopwords
from esfterm.text import placeholders
from esfterm.text.memo import Memo
from esfterm.text.morphology import TOKEN_RE, lemma, looks_like_verb, simplemma_code, word_key

NORMALISATIONS = ("exact", "case", "loose")
_PUNCT = regex.compile(r"\p{P}+")
#: Closing marks that make another string of a text: a label, a question, an exclamation.
CLOSING = (":", "?", "!")
#: Marks a capitalised one-word source in its comparison form (a letter no form holds).
CAPITAL = "\u2191"

#: The comparison form of one whitespace-free chunk of text, per mode. NFC composition,
#: case folding and dropping punctuation work within chunks and never make or remove
#: whitespace, so a text is compared chunk by chunk; chunks recur, so each is folded once.
_CHUNK_FORMS = {
    "exact": Memo(lambda chunk: unicodedata.normalize("NFC", chunk)),
    "case": Memo(lambda chunk: unicodedata.normalize("NFC", chunk).casefold()),
    "loose": Memo(lambda chunk: _PUNCT.sub("", unicodedata.normalize("NFC", chunk).casefold())),
}


def normalise(text: str, mode: str = "loose", *, source: bool = False) -> str:
    """The comparison form of a segment under one of NORMALISATIONS (of a source: with what
    source_marks keeps)."""
    form = " ".join(filter(None, map(chunk_form(mode), text.split())))
    mark = source_marks(text) if source and mode == "loose" else ""
    return f"{form} {mark}" if form and mark else form


def source_marks(text: str) -> str:
    """What a loose source form keeps of a text: its closing ":", "?" or "!", and a capital
    that starts a one-word text (not an all-caps one); "" for none."""
    text = text.strip()
    end = text[-1:]
    mark = end if end in CLOSING else ""
    if text[:1].isupper() and not text.isupper() and len(text.split()) == 1:
        mark += CAPITAL
    return mark


def chunk_form(mode: str) -> Callable[[str], str]:
    """The comparison form of one whitespace-free chunk ("" when nothing of it is compared)."""
    return _CHUNK_FORMS[mode].__getitem__


@dataclass(frozen=True)
class Inconsistency:
    """Unit `index` renders a text differently from `other` (the most common rendering)."""

    index: int
    other: int
    variants: int


def inconsistencies(pairs: Iterable[tuple[str, str]]) -> list[Inconsistency]:
    """For (key, rendering) pairs in order — both already normalised — flag renderings that
    differ from the majority.

    The majority rendering (ties: the first seen) is taken as the reference; every unit with
    another rendering is reported once, pointing at the first unit with the reference.
    """
    pairs = list(pairs)
    keys = list(map(itemgetter(0), pairs))
    counts = Counter(keys)
    # keys seen more than once, found without a Python-level pass over every pair
    repeated = set(compress(counts.keys(), map((1).__lt__, counts.values())))
    repeated.discard("")
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i in compress(count(), map(repeated.__contains__, keys)):
        key, rendering = pairs[i]
        if rendering:
            groups[key].append((i, rendering))
    out: list[Inconsistency] = []
    for members in groups.values():
        counts = Counter(r for _, r in members)
        if len(counts) < 2:
            continue
        # a Counter keeps first-seen order and max() the first of equals: ties go to the first seen
        reference = max(counts, key=counts.__getitem__)
        ref_index = next(i for i, r in members if r == reference)
        for i, r in members:
            if r != reference:
                out.append(Inconsistency(i, ref_index, len(counts)))
    return sorted(out, key=lambda x: x.index)


#: Content words of a source are at most this many for its wordings to be one label's.
_LABEL_WORDS = 4
_CAMEL = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})")


def _letters(text: str) -> str:
    return "".join(c for c in placeholders.blank(text).casefold() if c.isalpha())


def forms_of_one_word(a: str, b: str) -> bool:
    """Two one-word texts that are forms of one word: one is the other's abbreviation, or
    they share a beginning or an end of at least four letters and two thirds of the shorter."""
    a, b = a.split(), b.split()
    if len(a) != 1 or len(b) != 1:
        return False
    x, y = sorted((_letters(a[0]), _letters(b[0])), key=len)
    if len(x) < 3 or x == y:
        return False
    if y.startswith(x):
        return True
    shared = max(_common(x, y), _common(x[::-1], y[::-1]))
    return shared >= 4 and shared * 3 >= len(x) * 2


#: The verbs that make tense, aspect and voice, by lemma: a rendering that differs from another
#: only in them says the same in another tense (sl "je aktivirana"/"je bila aktivirana").
_AUXILIARIES = {"sl": {"biti"}, "hr": {"biti"}, "lt": {"būti"}, "sv": {"vara", "ha", "bli"},
                "en": {"be", "have"}, "de": {"sein", "haben", "werden"}}
#: Where negation is fused with the auxiliary (sl "ni", "niso"; lt "nėra", "nebuvo"), such a form
#: is no tense: it says the opposite.
_NEGATED = {"sl": ("ni",), "hr": ("ni",), "lt": ("ne", "nė")}


def forms_of_one_wording(a: str, b: str, lang: str) -> bool:
    """Two one-word texts that are forms of one word (forms_of_one_word), or two texts whose
    words (outside placeholders) have, one by one, the same lemma keys: the same wording
    inflected for another use ("zaklenjena na"/"zaklenjeno na"; not "Ponastavi geslo"/
    "Ponastavitev gesla", a verb and a noun), or put in another tense: the same keys once the
    auxiliary verbs, which differ, are left out ("je aktivirana"/"je bila aktivirana")."""
    if forms_of_one_word(a, b):
        return True
    x, y = _keyed_words(a, lang), _keyed_words(b, lang)
    if not x:
        return False
    if len(x) == len(y) and [k for _, k in x] == [k for _, k in y] and [w for w, _ in x] != [w for w, _ in y]:
        return True
    if primary(lang) not in _AUXILIARIES:
        return False
    (content_x, aux_x), (content_y, aux_y) = _without_auxiliaries(x, lang), _without_auxiliaries(y, lang)
    return bool(content_x) and content_x == content_y and aux_x != aux_y


def _without_auxiliaries(words: list[tuple[str, str]], lang: str) -> tuple[list[str], list[str]]:
    """The keys of the words that are no positive auxiliary, and those auxiliaries."""
    content: list[str] = []
    auxiliary: list[str] = []
    for word, key in words:
        if _auxiliary(word, lang) and not key.startswith("not "):
            auxiliary.append(word)
        else:
            content.append(key)
    return content, auxiliary


def two_uses(seg: Segment, ref: Segment) -> bool:
    """A one-word source rendered once by a verb and once by a noun: English "Search" or
    "Editing" is a command on a button and a name on a heading, lt "Ieškoti" and "Paieška";
    each file may need the other."""
    words = (seg.source.split(), (seg.target or "").split(), (ref.target or "").split())
    if any(len(w) != 1 for w in words):
        return False
    return {_use(words[1][0], seg.tgt), _use(words[2][0], seg.tgt)} == {"verb", "noun"}


def _use(word: str, lang: str) -> str | None:
    """'verb' for a verb form, 'noun' for another word the dictionary knows, else None (an
    unknown word: "Izbriši" may be a verb the dictionary lacks)."""
    if looks_like_verb(word, lang):
        return "verb"
    code = simplemma_code(lang)
    return "noun" if code and simplemma.is_known(word.lower(), lang=code) else None


def _common(x: str, y: str) -> int:
    n = 0
    while n < len(x) and n < len(y) and x[n] == y[n]:
        n += 1
    return n


def _keyed_words(text: str, lang: str) -> list[tuple[str, str]]:
    """(lower-case word, its word key) for the words of a text outside placeholders; a negated
    auxiliary keeps its negation (sl "ni" is not "je", though both are forms of "biti")."""
    words = TOKEN_RE.findall(_CAMEL.sub(" ", placeholders.blank(text)))
    out = []
    for word in (w.lower() for w in words if any(c.isalpha() for c in w)):
        key = word_key(word, lang)
        out.append((word, "not " + key if _negated_auxiliary(word, lang) else key))
    return out


def _auxiliary(word: str, lang: str) -> bool:
    return lemma(word, lang) in _AUXILIARIES.get(primary(lang), ())


def _negated_auxiliary(word: str, lang: str) -> bool:
    return word.startswith(_NEGATED.get(primary(lang), ())) and _auxiliary(word, lang)


def label_variants(a: str, b: str, lang: str) -> bool:
    """Two short sources of which one says no more than the other ("Email"/"Email address",
    "Password change"/"Change password", "LogEntry Object"/"log entry"): one label; or two
    sources of any length whose words other than function words are the same."""
    words_a, words_b = _keyed_words(a, lang), _keyed_words(b, lang)
    x, y = sorted(({k for _, k in words_a}, {k for _, k in words_b}), key=len)
    if x and len(y) <= _LABEL_WORDS and x <= y:
        return True
    stop = stopwords(lang)
    meaning = {k for w, k in words_a if w not in stop}
    return bool(meaning) and meaning == {k for w, k in words_b if w not in stop}


#: A source that is a code name, not a wording ("workflow_tasks", "verbose_name").
_CODE_NAME = regex.compile(r"^\s*\p{Ll}+(?:_\p{Ll}+)+\s*$")


def code_name(text: str) -> bool:
    return bool(_CODE_NAME.match(text))


def scope(seg: Segment) -> str:
    """What a pair is compared within: its language pair, context and plural form."""
    return f"{seg.src}\x1f{seg.tgt}\x1f{seg.context}\x1f{seg.plural.index if seg.plural else ''}\x1e"


@dataclass
class Flag:
    """A consistency finding before it is a Finding: pair `index` is inconsistent with pair
    `other` (the usual rendering, or the other source); `also` is the other source a flagged
    rendering serves too, for a unit flagged by both checks."""

    index: int
    check: str
    other: int
    variants: int
    also: int | None = None


def _short_or_label(seg: Segment, ref: Segment) -> bool:
    return len(_letters(seg.target or "")) <= 3 or label_variants(seg.source, ref.source, seg.src)


class _Elsewhere:
    """How the other target languages of the run render each source (normalised forms)."""

    def __init__(self, segments: Sequence[Segment], sources: list[str], targets: list[str]) -> None:
        self._seen: dict[tuple[str, ...], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for seg, source, target in zip(segments, sources, targets):
            self._seen[self._key(seg, source)][seg.tgt].add(target)
        self._sources = sources

    @staticmethod
    def _key(seg: Segment, source: str) -> tuple[str, ...]:
        return seg.src, seg.context, str(seg.plural.index if seg.plural else ""), source

    def alike(self, a: Segment, a_source: str, b: Segment, b_source: str) -> bool:
        """Does another language of the run render both sources alike?"""
        x, y = self._seen[self._key(a, a_source)], self._seen[self._key(b, b_source)]
        return any(x[lang] & y[lang] for lang in x if lang in y and lang != a.tgt)


def consistency_flags(segments: Sequence[Segment], sources: list[str], targets: list[str],
                      checks: Iterable[str]) -> list[Flag]:
    """The consistency findings of pairs with a target (`sources` and `targets` are their
    normalised texts), at most one per unit, in no particular order."""
    checks = set(checks)
    scopes = [scope(s) for s in segments]
    found: dict[int, Flag] = {}
    if "inconsistent-target" in checks:
        for inc in inconsistencies(zip(map(add, scopes, sources), targets)):
            seg, ref = segments[inc.index], segments[inc.other]
            if not (forms_of_one_wording(seg.target or "", ref.target or "", seg.tgt) or two_uses(seg, ref)):
                found[inc.index] = Flag(inc.index, "inconsistent-target", inc.other, inc.variants)
    if "inconsistent-source" in checks:
        elsewhere = None
        for inc in inconsistencies(zip(map(add, scopes, targets), sources)):
            seg, ref = segments[inc.index], segments[inc.other]
            if forms_of_one_word(seg.source, ref.source) or _short_or_label(seg, ref) \
                    or code_name(seg.source) or code_name(ref.source):
                continue
            elsewhere = elsewhere or _Elsewhere(segments, sources, targets)
            if elsewhere.alike(seg, sources[inc.index], ref, sources[inc.other]):
                continue
            if inc.index in found:
                found[inc.index].also = inc.other
            else:
                found[inc.index] = Flag(inc.index, "inconsistent-source", inc.other, inc.variants)
    units: set[tuple[str, str, str]] = set()
    out = []
    for index in sorted(found):
        seg = segments[index]
        if (seg.file, seg.unit, seg.tgt) not in units:
            units.add((seg.file, seg.unit, seg.tgt))
            out.append(found[index])
    return out
