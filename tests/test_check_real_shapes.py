"""`esfterm check` on files shaped like real catalogues: Django-like PO with plurals and contexts
(sl and lt in one run), an XLIFF with two target languages, a TMX with three languages.

The PO fixtures pass `msgfmt -c` except for the defects planted in them, and the format errors
msgfmt reports are exactly the placeholder findings expected here.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from esfterm.qa import check_files

HERE = Path(__file__).parent / "fixtures" / "check" / "real-shaped"
LT = HERE / "locale" / "lt" / "LC_MESSAGES" / "django.po"
SL = HERE / "locale" / "sl" / "LC_MESSAGES" / "django.po"


def found(paths, **options) -> set[tuple[str, str, str]]:
    return {(f.tgt, f.check, f.ref) for f in check_files(paths, src="en", **options).findings}


@pytest.fixture(scope="module")
def django_like() -> set[tuple[str, str, str]]:
    return found([LT, SL])


def test_every_plural_form_is_checked_against_its_source(django_like):
    assert ("lt", "double-space", "msgid '%(num)d minute' msgstr[1]") in django_like
    assert ("lt", "tag-mismatch", "msgid '%(num)d minute' msgstr[2]") in django_like


def test_a_plural_entry_with_an_empty_form_is_untranslated_once(django_like):
    gaps = [f for f in check_files([LT], src="en").findings if f.check == "untranslated"]
    assert [(g.ref, g.message) for g in gaps] == [
        ("msgid '%(num)d minute' msgstr[3]", "plural form msgstr[3] empty (4 forms in lt)")]


def test_a_form_for_many_numbers_needs_the_count_that_only_msgid_plural_has(django_like):
    # sl form 0 is used for 1, 101, 201...: "pred %(count)s uro" is right, "pred minuto" is not
    assert ("sl", "tag-mismatch", "msgid 'a minute ago' msgstr[0]") in django_like
    assert not any(ref.startswith("msgid 'an hour ago'") for _, _, ref in django_like)


def test_a_form_for_one_number_may_leave_out_the_count(tmp_path):
    po = tmp_path / "sv.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: sv\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
                  '#, python-format\nmsgid "%(num)d minute"\nmsgid_plural "%(num)d minutes"\n'
                  'msgstr[0] "en minut"\nmsgstr[1] "%(num)d minuter"\n\n'
                  '#, python-format\nmsgid "an hour ago"\nmsgid_plural "%(count)s hours ago"\n'
                  'msgstr[0] "för 1 timme sedan"\nmsgstr[1] "för %(count)s timmar sedan"\n', encoding="utf-8")
    assert found([po]) == set()


def test_a_number_written_for_the_count_placeholder_is_one_finding(tmp_path):
    # Wagtail's sl catalogue: form 0 serves 1, 101, 201..., so "1 stran" is wrong for 101,
    # and msgfmt -c rejects it; the "1" is the placeholder's stand-in, not a second problem
    po = tmp_path / "sl.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: sl\\n"\n'
                  '"Plural-Forms: nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);\\n"\n\n'
                  '#, python-format\nmsgid "Delete 1 page"\nmsgid_plural "Delete %(counter)s pages"\n'
                  'msgstr[0] "Izbriši 1 stran"\nmsgstr[1] "Izbriši %(counter)s strani"\n'
                  'msgstr[2] "Izbriši %(counter)s strani"\nmsgstr[3] "Izbriši %(counter)s strani"\n\n'
                  '#, python-format\nmsgid "Move %(count)s page"\nmsgstr "Premakni 2 %(count)s strani"\n', encoding="utf-8")
    assert found([po]) == {("sl", "tag-mismatch", "msgid 'Delete 1 page' msgstr[0]"),
                           ("sl", "number-mismatch", "msgid 'Move %(count)s page'")}


def test_contexts_make_different_strings(django_like):
    assert not any(check.startswith("inconsistent") and "March" in ref for _, check, ref in django_like)


def test_consistency_is_checked_within_each_language_pair(django_like):
    # lt "kovas" and sl "marec" for the same msgid in one run are no inconsistency
    assert not any(check == "inconsistent-target" for _, check, _ in django_like)


def test_question_and_plain_command_are_different_strings(django_like):
    assert not any(ref.startswith("msgid 'Delete") for _, _, ref in django_like)


def test_a_changed_brace_placeholder_is_one_finding(django_like):
    step = [c for _, c, ref in django_like if ref == "msgid 'Step {1} of {2}'"]
    assert step == ["tag-mismatch"]


def test_locale_separators_and_24_hour_times_are_the_same_numbers(django_like):
    assert not any(check == "number-mismatch" for _, check, _ in django_like)


def test_an_english_word_left_in_lithuanian_is_same_as_source_but_names_and_units_are_not(django_like):
    assert ("lt", "same-as-source", "msgid 'None'") in django_like
    assert [c for _, c, ref in django_like if c == "same-as-source"] == ["same-as-source"]


def test_the_language_comes_from_each_file():
    tgts = {f.tgt for f in check_files([LT, SL], src="en").findings}
    assert tgts == {"lt", "sl"}


def test_the_placeholder_findings_are_the_format_errors_msgfmt_reports(django_like):
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext msgfmt is not installed")
    errors = set()
    for path in (LT, SL):
        run = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        errors |= {line.split(":")[1] for line in run.stderr.splitlines() if "format specification" in line}
    assert len(errors) == sum(1 for _, check, _ in django_like if check == "tag-mismatch")


def test_xliff_with_a_file_per_target_language():
    findings = check_files([HERE / "two-targets.xlf"], src="en").findings
    assert {(f.tgt, f.check, f.unit) for f in findings} == {("lt", "tag-mismatch", "2"), ("lt", "untranslated", "3")}
    # "3.5 MB" -> sl "3,5 MB" is the same number; "marec"/"kovas" are two languages, not an inconsistency


def test_tmx_with_three_languages_is_one_pair_per_target_language():
    findings = check_files([HERE / "three-languages.tmx"]).findings
    assert {(f.src, f.tgt, f.check, f.ref) for f in findings} == {
        ("en", "sl", "term-forbidden", "tu #3"), ("en", "sl", "term-missing", "tu #3"),
        ("en", "lt", "untranslated", "tu #4"), ("en", "sl", "inconsistent-target", "tu #5")}


def test_tmx_context_props_make_different_strings():
    findings = check_files([HERE / "three-languages.tmx"]).findings
    assert not any("March" in f.source for f in findings)


def test_tgt_option_checks_one_language_of_a_multilingual_tmx():
    findings = check_files([HERE / "three-languages.tmx"], tgt="lt").findings
    assert {(f.tgt, f.check, f.ref) for f in findings} == {("lt", "untranslated", "tu #4")}
