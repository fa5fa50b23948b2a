"""inconsistent-target and inconsistent-source across all checked files."""

from __future__ import annotations

from esfterm.qa import CheckConfig, Segment, check_segments
from esfterm.qa.consistency import normalise


def seg(file: str, unit: str, source: str, target: str) -> Segment:
    return Segment(file, unit, f"line {unit}", int(unit), "sv", "sl", source, target)


def checks(findings, check):
    return [(f.file, f.unit) for f in findings if f.check == check]


def test_same_source_translated_differently_in_two_files_is_flagged_once():
    segments = [seg("a.tsv", "1", "ESF stöder partnerskap.", "ESS podpira partnerstva."),
                seg("a.tsv", "2", "ESF stöder partnerskap.", "ESS podpira partnerstva."),
                seg("b.tsv", "1", "ESF stöder partnerskap.", "ESS spodbuja partnerstva.")]
    findings = check_segments(segments)
    assert checks(findings, "inconsistent-target") == [("b.tsv", "1")]
    assert "ESS podpira partnerstva." in next(f.message for f in findings if f.check == "inconsistent-target")


def test_same_target_for_different_sources_is_flagged():
    segments = [seg("a.tsv", "1", "Stöd till partnerskap.", "Podpora partnerstvom."),
                seg("a.tsv", "2", "Stöd till nätverk.", "Podpora partnerstvom.")]
    assert checks(check_segments(segments), "inconsistent-source") == [("a.tsv", "2")]


def test_loose_mode_ignores_case_space_and_punctuation_exact_does_not():
    segments = [seg("a.tsv", "1", "ESF stöder partnerskap.", "ESS podpira partnerstva."),
                seg("a.tsv", "2", "ESF  stöder partnerskap.", "ess podpira  partnerstva")]
    assert checks(check_segments(segments), "inconsistent-target") == []
    exact = check_segments(segments, config=CheckConfig(consistency="exact"))
    assert checks(exact, "inconsistent-target") == [("a.tsv", "2")]


def test_normalise_modes():
    assert normalise("  A  b. ", "exact") == "A b."
    assert normalise("  A  b. ", "case") == "a b."
    assert normalise("  A  b. ", "loose") == "a b"


def test_disabled_consistency_checks_report_nothing():
    segments = [seg("a.tsv", "1", "Ett.", "Ena."), seg("a.tsv", "2", "Ett.", "Dve.")]
    config = CheckConfig(disabled=frozenset({"inconsistent-target", "inconsistent-source"}))
    assert check_segments(segments, config=config) == []


def lang_seg(file, unit, tgt, source, target, context=""):
    return Segment(file, unit, f"line {unit}", int(unit), "en", tgt, source, target, context=context)


def test_a_label_a_question_and_a_capitalised_word_are_their_own_strings():
    segments = [lang_seg("a.po", "1", "sv", "Time", "Tid"), lang_seg("b.po", "2", "sv", "Time:", "Klockslag:"),
                lang_seg("a.po", "3", "lt", "Search", "Paieška"), lang_seg("b.po", "4", "lt", "search", "ieškoti"),
                lang_seg("a.po", "5", "sv", "PM", "FM"), lang_seg("b.po", "6", "sv", "p.m.", "e.m.")]
    assert checks(check_segments(segments), "inconsistent-target") == [("b.po", "6")]


def test_forms_of_one_word_are_no_inconsistency():
    segments = [lang_seg("a.po", "1", "sv", "Filter", "Filter"), lang_seg("b.po", "2", "sv", "Filter", "Filtrera")]
    assert check_segments(segments) == []


def test_short_wordings_of_one_label_share_a_translation():
    segments = [lang_seg("a.po", "1", "sv", "Email", "E-postadress"),
                lang_seg("b.po", "2", "sv", "Email address", "E-postadress"),
                lang_seg("a.po", "3", "sv", "Change password", "Ändra lösenord"),
                lang_seg("b.po", "4", "sv", "Password change", "Ändra lösenord")]
    assert check_segments(segments) == []


def test_sources_another_language_renders_alike_are_one_meaning():
    tip = [lang_seg("a.po", "1", "sl", "Tip", "Nasvet"), lang_seg("a.po", "2", "sl", "Hint", "Nasvet")]
    assert checks(check_segments(tip), "inconsistent-source") == [("a.po", "2")]
    lt = [lang_seg("b.po", "3", "lt", "Tip", "Patarimas"), lang_seg("b.po", "4", "lt", "Hint", "Patarimas")]
    assert checks(check_segments(tip + lt), "inconsistent-source") == []
    latvian = [lang_seg("c.po", "5", "sv", "Latvian", "Lettiska"), lang_seg("c.po", "6", "sv", "Lithuanian", "Lettiska"),
               lang_seg("d.po", "7", "sl", "Latvian", "latvijščina"), lang_seg("d.po", "8", "sl", "Lithuanian", "litovščina")]
    assert checks(check_segments(latvian), "inconsistent-source") == [("c.po", "6")]


def test_a_unit_inconsistent_both_ways_is_one_finding_naming_both():
    segments = [lang_seg("a.po", "1", "sv", "Save", "Spara"), lang_seg("a.po", "2", "sv", "Send", "Skicka"),
                lang_seg("b.po", "3", "sv", "Save", "Skicka")]
    findings = check_segments(segments)
    assert [(f.unit, f.check) for f in findings] == [("3", "inconsistent-target")]
    assert "“Spara”" in findings[0].message and "also translates “Send”" in findings[0].message


def test_am_and_pm_swapped_is_found():
    segments = [lang_seg("a.po", "1", "sv", "a.m.", "f.m."), lang_seg("a.po", "2", "sv", "p.m.", "e.m."),
                lang_seg("b.po", "3", "sv", "AM", "EM"), lang_seg("b.po", "4", "sv", "PM", "FM")]
    assert checks(check_segments(segments), "inconsistent-target") == [("b.po", "3"), ("b.po", "4")]


def test_different_contexts_are_different_strings():
    segments = [lang_seg("a.po", "1", "lt", "March", "kov.", "abbrev. month"),
                lang_seg("a.po", "2", "lt", "March", "kovo", "alt. month")]
    assert check_segments(segments) == []


def test_a_wording_inflected_for_another_use_is_no_inconsistency():
    segments = [lang_seg("a.po", "1", "sl", "Locked at", "Zaklenjeno na"), lang_seg("b.po", "2", "sl", "locked at", "zaklenjena na"),
                lang_seg("a.po", "3", "sl", "Password reset", "Ponastavitev gesla"),
                lang_seg("b.po", "4", "sl", "Password reset", "Ponastavi geslo")]
    # forms of the same words pass; a noun phrase against a command does not
    assert checks(check_segments(segments), "inconsistent-target") == [("b.po", "4")]


def test_the_same_words_in_another_tense_are_no_inconsistency_but_a_negation_is():
    # django-allauth 65.22.1 sl: an email subject and a message for one event
    segments = [lang_seg("a.po", "1", "sl", "Authenticator App Activated", "Aplikacija avtentikatorja je aktivirana."),
                lang_seg("a.po", "2", "sl", "Authenticator app activated.",
                         "Aplikacija avtentikatorja je bila aktivirana."),
                lang_seg("a.po", "3", "sl", "File saved", "Datoteka je shranjena."),
                lang_seg("b.po", "4", "sl", "File saved", "Datoteka ni shranjena."),
                lang_seg("a.po", "5", "lt", "File deleted", "Failas buvo ištrintas"),
                lang_seg("b.po", "6", "lt", "File deleted", "Failas nebuvo ištrintas"),
                lang_seg("a.po", "7", "lt", "Authenticator App Activated", "Autentifikacijos Aplikacija Aktyvuota"),
                lang_seg("b.po", "8", "lt", "Authenticator app activated.", "Autentifikatoriaus programa aktyvuota.")]
    flagged = checks(check_segments(segments), "inconsistent-target")
    assert [unit for _, unit in sorted(flagged, key=lambda f: int(f[1]))][:2] == ["4", "6"]
    assert len(flagged) == 3 and {"7", "8"} & {unit for _, unit in flagged}  # two terms for one app


def test_a_one_word_source_as_a_command_and_as_a_name_is_two_uses():
    segments = [lang_seg("a.po", "1", "lt", "Search", "Paieška"), lang_seg("b.po", "2", "lt", "Search", "Ieškoti"),
                lang_seg("a.po", "3", "lt", "Status", "Statusas"), lang_seg("b.po", "4", "lt", "Status", "Būsena")]
    assert checks(check_segments(segments), "inconsistent-target") == [("b.po", "4")]


def test_sources_with_the_same_content_words_and_code_names_share_a_rendering():
    segments = [lang_seg("a.po", "1", "sv", "Select a new parent page", "Välj ny föräldersida"),
                lang_seg("a.po", "2", "sv", "Select a new parent for this page.", "Välj ny föräldersida"),
                lang_seg("a.po", "3", "sv", "Workflow tasks", "Arbetsflödesuppgifter"),
                lang_seg("a.po", "4", "sv", "workflow_tasks", "Arbetsflödesuppgifter"),
                lang_seg("a.po", "5", "sv", "The redirect could not be saved.", "Omdirigeringen kunde inte sparas."),
                lang_seg("a.po", "6", "sv", "The redirect could not be created.", "Omdirigeringen kunde inte sparas.")]
    assert checks(check_segments(segments), "inconsistent-source") == [("a.po", "6")]
