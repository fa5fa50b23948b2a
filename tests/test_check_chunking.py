"""The checks work on whitespace-separated chunks (memoised); that must not change results."""

import unicodedata

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from esfterm.qa.chunks import ChunkReader
from esfterm.qa.consistency import normalise
from esfterm.terms.occurrence import WORD_RE, segment_words

#: Letters, digits, joiners, "+", punctuation, combining marks and many kinds of whitespace.
_ALPHABET = st.sampled_from(list("aÅßİﬁ9٣_-:'’+.,!?%{}<> \t\n\u00a0\u2000\u3000\u0301\u0085É"))
TEXTS = st.text(_ALPHABET, max_size=40) | st.text(max_size=40)


@settings(max_examples=400)
@given(TEXTS)
def test_chunked_tokenising_finds_the_same_words_as_the_regex_on_the_whole_text(text):
    assert segment_words(text) == WORD_RE.findall(text)


def _whole_text(text: str, mode: str) -> str:
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if mode != "exact":
        text = text.casefold()
    if mode == "loose":
        text = " ".join(regex.sub(r"\p{P}+", "", text).split())
    return text


@settings(max_examples=400)
@given(TEXTS, st.sampled_from(["exact", "case", "loose"]))
def test_chunked_normalising_equals_normalising_the_whole_text(text, mode):
    assert normalise(text, mode) == _whole_text(text, mode)


@settings(max_examples=300)
@given(TEXTS, st.sampled_from(["exact", "case", "loose"]))
def test_a_read_text_has_the_normalised_form_the_consistency_checks_compare(text, mode):
    form = normalise(text, mode)
    assert ChunkReader(None, mode).read(text).form == (form + " " if form else "")
