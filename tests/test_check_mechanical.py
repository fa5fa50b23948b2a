"""The mechanical checks: numbers, empty and copied targets, tags and placeholders, spaces."""

from __future__ import annotations

from esfterm.qa import mechanical


def test_numbers_agree_across_thousands_and_decimal_conventions():
    assert mechanical.number_mismatch("10 000 deltagare och 1,5 miljoner", "10.000 udeležencev in 1,5 milijona") is None
    assert mechanical.number_mismatch("Budget 2021–2027", "Proračun 2021–2027") is None


def test_changed_number_is_reported_with_both_sides_marked():
    message, src, tgt = mechanical.number_mismatch("En budget på 762 miljoner", "Proračun 726 milijonov")
    assert "762" in message and "726" in message
    assert src == [(13, 16)] and tgt == [(9, 12)]


def test_missing_repeated_number_counts():
    assert mechanical.number_mismatch("5 av 5", "5 od") is not None


def test_untranslated_empty_or_missing_target():
    assert mechanical.untranslated("Text", "  ")[0] == "target is empty"
    assert mechanical.untranslated("Text", None)[0] == "no target"
    assert mechanical.untranslated("Text", "Besedilo") is None


def test_same_as_source_needs_real_words():
    assert mechanical.same_as_source("Social innovation och samarbete", "Social innovation och samarbete")
    assert mechanical.same_as_source("ESF+", "ESF+") is None
    assert mechanical.same_as_source("Easi", "Easi") is None
    assert mechanical.same_as_source("Social innovation", "Socialne inovacije") is None


def test_placeholders_must_match_in_kind_and_count():
    assert mechanical.tag_mismatch("%d deltagare", "%d udeležencev") is None
    assert mechanical.tag_mismatch("Hej {name}!", "Živjo {name}!") is None
    message, src, tgt = mechanical.tag_mismatch("%d deltagare", "%s udeležencev")
    assert "%d" in message and "%s" in message and src == [(0, 2)] and tgt == [(0, 2)]
    assert mechanical.tag_mismatch("<b>ESF</b> stöder", "ESS podpira") is not None


def test_inline_markup_codes_are_compared_by_element_and_id():
    src = '<bpt i="1" x="1">&lt;b&gt;</bpt>ESF<ept i="1">&lt;/b&gt;</ept>'
    same = '<bpt i="1" x="1">&lt;b&gt;</bpt>ESS<ept i="1">&lt;/b&gt;</ept>'
    assert mechanical.tag_mismatch("ESF", "ESS", src, same) is None
    assert mechanical.tag_mismatch("ESF", "ESS", src, None) is not None


def test_double_space_only_when_the_source_has_none():
    message, _, spans = mechanical.double_space("Ett ord", "Ena  beseda")
    assert spans == [(3, 5)]
    assert mechanical.double_space("Ett  ord", "Ena  beseda") is None
    assert mechanical.double_space("Ett ord", "Ena beseda ") is None
