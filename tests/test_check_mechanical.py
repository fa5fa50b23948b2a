"""The mechanical checks: numbers, empty and copied targets, tags and placeholders, spaces."""

from __future__ import annotations

from esfterm.qa import mechanical
from esfterm.qa.names import source_names


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


def test_numbers_compare_by_value_across_locale_separators():
    assert mechanical.number_mismatch("Pi is 3.14", "Pi je 3,14") is None
    assert mechanical.number_mismatch("10,000 people", "10 000 oseb") is None
    assert mechanical.number_mismatch("1.5 million", "15 milijonov") is not None


def test_a_12_hour_time_may_become_a_24_hour_time():
    assert mechanical.number_mismatch("6 p.m.", "18:00") is None
    assert mechanical.number_mismatch("6 a.m.", "06:00") is None
    assert mechanical.number_mismatch("6 p.m.", "19:00") is not None


def test_digits_in_placeholders_and_character_references_are_no_numbers():
    assert mechanical.number_mismatch("Step {1} of {2}", "Korak {1} od {3}") is None
    assert mechanical.number_mismatch("&#169; %(year)s", "© %(year)s") is None


def test_placeholders_are_read_in_the_syntax_the_po_flags_name():
    python = frozenset({"python-format"})
    assert mechanical.tag_mismatch("%(count)s files", "%(count)d filer", flags=python) is not None
    assert mechanical.tag_mismatch("100%% done", "100 %% klart", flags=python) is None
    assert mechanical.tag_mismatch("{name!r} missing", "{name!r} saknas", flags=frozenset({"python-brace-format"})) is None
    # prose without a flag: "50% of" holds no placeholder
    assert mechanical.tag_mismatch("50% of the budget", "50 % av budgeten") is None


def test_tags_compare_by_name_and_code_attributes_not_translatable_text():
    assert mechanical.tag_mismatch('<a href="/x" title="Open">here</a>', '<a href="/x" title="Öppna">här</a>') is None
    assert mechanical.tag_mismatch('<a href="/x">here</a>', '<a href="/y">här</a>') is not None


def test_same_as_source_by_what_the_target_language_knows():
    assert mechanical.same_as_source("Delete", "Delete", "en", "sv") is not None
    assert mechanical.same_as_source("None", "None", "en", "lt") is not None
    assert mechanical.same_as_source("Filter", "Filter", "en", "sv") is None
    assert mechanical.same_as_source("%(size)d byte", "%(size)d byte", "en", "sv") is None
    assert mechanical.same_as_source("%(class_name)s %(instance)s", "%(class_name)s %(instance)s", "en", "sl") is None
    assert mechanical.same_as_source("Esperanto", "Esperanto", "en", "sl") is None
    assert mechanical.same_as_source("Sept.", "Sept.", "en", "sl") is None
    assert mechanical.same_as_source("Python Enhancement Proposals", "Python Enhancement Proposals", "en", "lt") is None
    assert mechanical.same_as_source("This field is required.", "This field is required.", "en", "sv") is not None


def test_a_name_the_sources_use_may_stay_but_an_english_command_may_not():
    names = source_names(["Welcome to Wagtail", "Wagtail API v2", "Bulk Delete", "delete this page"])
    assert names == frozenset({"Wagtail"})
    assert mechanical.same_as_source("Wagtail API v2", "Wagtail API v2", "en", "sl", names=names) is None
    assert mechanical.same_as_source("Wagtail API v2", "Wagtail API v2", "en", "sl") is not None
    assert mechanical.same_as_source("Delete", "Delete", "en", "sl", names=names) is not None


def test_a_word_both_languages_use_as_often_is_no_english_left_behind():
    # sl "administrator" is Slovenian (Zipf 3.5 against English 4.1); sl "search" is English on
    # Slovenian pages (3.9 against 5.0)
    assert mechanical.same_as_source("Administrator", "Administrator", "en", "sl") is None
    assert mechanical.same_as_source("Search", "Search", "en", "sl") is not None
    assert mechanical.same_as_source("Delete", "Delete", "en", "sv") is not None


def test_words_in_angle_brackets_are_text_to_translate_not_tags():
    # django CMS 5.1: "<unspecified>" -> sv "<ej angivet>", lt "<nenurodyta>"; Sphinx "<<original entry>>"
    assert mechanical.tag_mismatch("<unspecified>", "<ej angivet>") is None
    assert mechanical.tag_mismatch("<Empty>", "<tuščias>") is None
    assert mechanical.same_as_source("<<original entry>>", "<<original entry>>", "en", "sv") is not None
    # HTML elements, closed tags and tags with attributes stay markup
    assert mechanical.tag_mismatch("Line<br>break", "Eilutė lūžis") is not None
    assert mechanical.tag_mismatch("Click <custom>here</custom>", "Spustelėkite čia") is not None
    assert mechanical.tag_mismatch('<x-icon name="add"> Add', "Pridėti") is not None


def test_a_url_pattern_or_path_copied_as_it_is_is_no_english_left_behind():
    assert mechanical.same_as_source("^account/$", "^account/$", "en", "lt") is None
    assert mechanical.same_as_source("/admin/", "/admin/", "en", "sl") is None
    assert mechanical.same_as_source("Delete account", "Delete account", "en", "lt") is not None
