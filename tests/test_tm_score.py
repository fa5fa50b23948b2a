"""The match percentage: a word-level edit score with small fixed penalties (esfterm.tm.fuzzy)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from esfterm.tm.fuzzy import (CASE_PENALTY, NUMBER_PENALTY, PLACEHOLDER_PENALTY, PUNCT_PENALTY, SPACE_PENALTY, TAG_PENALTY, cat_score,
                              highlight, index_keys, pieces, score, tokenize, word_diff, word_tokens)


def test_identical_text_is_100_and_nothing_else_is():
    assert cat_score("Enter a valid URL.", "Enter a valid URL.") == 100
    assert cat_score("Enter a valid URL.", "Enter a valid URL") == 100 - PUNCT_PENALTY


def test_a_case_only_difference_costs_a_fixed_point_and_outranks_a_changed_word():
    case_only = score("enter a valid url.", "Enter a valid URL.")
    other_word = score("enter a valid url.", "Enter a valid value.")
    assert (case_only.score, case_only.penalties) == (100 - CASE_PENALTY, {"case": CASE_PENALTY})
    assert other_word.base == 75 and other_word.score == 75 - CASE_PENALTY
    assert cat_score("ENTER A VALID URL.", "Enter a valid URL.") == 100 - CASE_PENALTY


def test_one_changed_word_costs_its_share_of_the_words():
    assert cat_score("Europeiska socialfonden stöder regionala partnerskap i hela Sverige.",
                     "Europeiska socialfonden stöder lokala partnerskap i hela Sverige.") == 87  # 7 of 8
    assert cat_score("Visit our web site.", "Visit our website.") == 50  # two word edits over four
    assert cat_score("web site", "website") == 0


def test_an_inflected_form_is_a_changed_word():
    assert cat_score("Evropski socialni sklad podpira lokalna partnerstva.",
                     "Evropski socialni sklad podpira lokalno partnerstvo.") == 66


def test_another_number_costs_a_number_penalty_and_a_missing_one_a_word():
    other = score("Ansök senast den 16 mars 2024.", "Ansök senast den 15 mars 2024.")
    assert (other.base, other.score, other.penalties) == (100, 100 - NUMBER_PENALTY, {"number": NUMBER_PENALTY})
    assert cat_score("Ansök senast den 16 och 17 mars.", "Ansök senast den 15 och 18 mars.") == 100 - 2 * NUMBER_PENALTY
    assert cat_score("Ansök senast den 16 mars.", "Ansök senast den mars.") == 80


def test_a_renamed_placeholder_costs_a_penalty_and_a_missing_one_a_word():
    assert cat_score("Hello %(name)s, welcome.", "Hello %(user)s, welcome.") == 100 - PLACEHOLDER_PENALTY
    assert cat_score("Changed:", "Changed {fields}.") == 50 - PUNCT_PENALTY
    assert cat_score("Enter a valid %(protocol)s address.", "Enter a valid email address.") == 80


def test_markup_tags_cost_a_tag_penalty_each_not_a_word():
    assert cat_score("Click here to continue.", "Click <strong>here</strong> to continue.") == 100 - 2 * TAG_PENALTY
    assert cat_score("Stöd till lokala partnerskap", "Stöd till lokala partnerskap", None,
                     'Stöd till <bpt i="1"/>lokala<ept i="1"/> partnerskap') == 100 - 2 * TAG_PENALTY


def test_spacing_only_costs_a_point():
    assert score("Enter a  valid URL.", "Enter a valid URL.").penalties == {"spacing": SPACE_PENALTY}


def test_penalties_add_up_and_never_go_below_zero():
    both = score("ENTER A VALID URL", "Enter a valid URL.")
    assert both.score == 100 - CASE_PENALTY - PUNCT_PENALTY
    assert cat_score("a", "b c d e f g h i j k") == 0


def test_tokens_are_words_numbers_tags_and_punctuation_as_cat_tools_see_them():
    tokens = tokenize("You can’t use %(username)s in </strong> EU:s 2021-2027 {0} &amp; e-post.")
    assert [(t.kind, t.text) for t in tokens] == [
        ("word", "You"), ("word", "can’t"), ("word", "use"), ("placeholder", "%(username)s"), ("word", "in"),
        ("tag", "</strong>"), ("word", "EU:s"), ("number", "2021"), ("punct", "-"), ("number", "2027"),
        ("placeholder", "{0}"), ("tag", "&amp;"), ("word", "e-post"), ("punct", ".")]


def test_differences_show_the_stored_text_as_written():
    assert highlight("Hello %(user)s, you can’t", "Hello %(username)s, you can’t") == \
        "Hello [-%(user)s-]{+%(username)s+}, you can’t"
    assert highlight("stöder regionala partnerskap", "stöder lokala partnerskap") == \
        "stöder [-regionala-]{+lokala+} partnerskap"
    assert highlight("Click here now.", "Click <strong>here</strong> now.") == \
        "Click {+<strong>+}here{+</strong>+} now."
    assert word_diff("stöd till unga", "stöd unga nu") == [("delete", "till", ""), ("insert", "", "nu")]


_TEXT = st.text(alphabet=st.sampled_from(list("aAbB1 ,.<>/%(){}s’:-")), max_size=30)
_PLAIN = st.text(alphabet=st.sampled_from(list("aAbB1 ,.<>/%()s’:-")), max_size=30)


@given(_TEXT, _TEXT)
def test_100_only_for_identical_text_and_never_out_of_range(a, b):
    value = cat_score(a, b)
    assert 0 <= value <= 100
    assert (value == 100) == (a == b)


@given(_TEXT)
def test_the_fast_index_keys_are_the_score_s_word_keys(text):
    assert index_keys(text) == [t.key for t in word_tokens(tokenize(text))]


@given(_PLAIN, _PLAIN)
def test_highlight_keeps_every_stored_character_in_order(a, b):
    marked = highlight(a, b)
    kept = re.sub(r"\[-.*?-\]", "", marked.replace("{+", "").replace("+}", ""))
    assert re.sub(r"\s+", "", kept) == re.sub(r"\s+", "", b)


@given(_TEXT, _TEXT)
def test_pieces_join_back_into_the_stored_text_and_name_the_query_words(a, b):
    cut = pieces(a, b)
    assert "".join(text for _, text, _ in cut) == b
    assert [(op, asked, text) for op, text, asked in cut if op != "equal"] == word_diff(a, b)


def test_segments_without_words_compare_their_tags_and_punctuation():
    assert cat_score("%(name)s", "%(name)s") == 100
    assert cat_score("%(a)s %(b)s", "%(a)s") == 50
    assert cat_score(":?.!", ", ") == 0
    assert cat_score("<br/>", "<br/>.") == 50
    assert cat_score("%(a)s  %(b)s", "%(a)s %(b)s") == 100 - SPACE_PENALTY
