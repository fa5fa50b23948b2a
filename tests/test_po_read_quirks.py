"""Real PO files' quirks: declared charsets, no Language header, broken syntax that polib lets through."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from esfterm.errors import InputError
from esfterm.formats.detect import read_units
from esfterm.formats.po import lang_from_team, read_po
from esfterm.formats.po_syntax import check_po

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def pairs(path, **kwargs) -> list[tuple[str, str, str, str]]:
    return [(u.langs[0], u.text(u.langs[0]), u.langs[1], u.text(u.langs[1])) for u in read_po(path, **kwargs)]


def test_a_windows_1251_catalogue_is_decoded_by_its_declared_charset():
    assert pairs(FIXTURES / "bg-windows-1251.po") == [
        ("sv", "Europeiska socialfonden", "bg", "Европейски социален фонд"),
        ("sv", "Lokala partnerskap", "bg", "Местни партньорства")]


def test_an_iso_8859_15_catalogue_reads_byte_a4_as_the_euro_sign_not_latin1():
    assert (FIXTURES / "et-iso-8859-15.po").read_bytes().count(b"\xa4") == 2
    assert pairs(FIXTURES / "et-iso-8859-15.po") == [
        ("sv", "Budget: 762 miljoner €", "et", "Eelarve: 762 miljonit €"),
        ("sv", "Sociala innovationer", "et", "Sotsiaalne innovatsioon ja šansid")]


def test_bytes_that_contradict_the_declared_charset_are_refused_with_the_line():
    with pytest.raises(InputError, match=r"bg-bytes-contradict-charset.po:8: the bytes contradict the "
                                         r"declared charset windows-1251 \(byte 0x98"):
        list(read_po(FIXTURES / "bg-bytes-contradict-charset.po"))


def test_an_unknown_charset_is_refused_naming_it(tmp_path):
    path = tmp_path / "x.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=no-such-set\\n"\n\n'
                     b'msgid "a"\nmsgstr "b"\n')
    with pytest.raises(InputError, match=r"x.po:3: unknown charset 'no-such-set'"):
        list(read_po(path, tgt_lang="sl"))


def test_the_charset_template_placeholder_reads_as_utf8(tmp_path):
    path = tmp_path / "sl.po"
    path.write_bytes('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CHARSET\\n"\n\n'
                     'msgid "Skog"\nmsgstr "Gozd čez"\n'.encode())
    assert pairs(path) == [("en", "Skog", "sl", "Gozd čez")]


def test_without_a_language_header_the_language_team_names_the_language():
    assert pairs(FIXTURES / "no-language-header.po") == [
        ("sv", "Europeiska socialfonden", "lt", "Europos socialinis fondas")]


@pytest.mark.parametrize("relative, lang", [("locale/sl/LC_MESSAGES/django.po", "sl"), ("po/lt.po", "lt"),
                                            ("django-sv.po", "sv"), ("messages.pt_BR.po", "pt-BR")])
def test_without_language_headers_the_path_names_the_language(tmp_path, relative, lang):
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "no-language-at-all.po", path)
    assert [u.langs for u in read_po(path)] == [["sv", lang], ["sv", lang]]


def test_tgt_wins_over_the_header_and_the_path_and_the_file_is_named(tmp_path):
    path = tmp_path / "locale" / "sl" / "LC_MESSAGES" / "x.po"
    path.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "no-language-header.po", path)
    assert {u.langs[1] for u in read_po(path)} == {"lt"}
    said: list[str] = []
    assert {u.langs[1] for u in read_units(path, tgt_lang="hr", on_warning=said.append)} == {"hr"}
    assert said == [f"{path}: the file names lt as its target language; read as hr, as --tgt says"]


def test_a_file_that_names_no_language_anywhere_is_refused_saying_which_option_fixes_it(tmp_path):
    path = tmp_path / "no-language-at-all.po"  # a folder of the checkout's path could name one ("mt")
    shutil.copy(FIXTURES / "no-language-at-all.po", path)
    with pytest.raises(InputError, match=r"no-language-at-all.po: the target language is unknown.*give it with --tgt"):
        list(read_po(path))
    assert pairs(path, tgt_lang="sl")[0] == ("sv", "Europeiska socialfonden", "sl", "Evropski socialni sklad")


@pytest.mark.parametrize("value, lang", [
    ("Slovenian <sl@li.org>", "sl"), ("Swedish (http://app.transifex.com/django/django/language/sv/)", "sv"),
    ("Spanish (Mexico) (http://www.transifex.com/django/django/language/es_MX/)", "es-MX"),
    ("Gaelic, Scottish (http://www.transifex.com/django/django/language/gd/)", "gd"),
    ("Czech <https://hosted.weblate.org/projects/weblate/application/cs/>", "cs"),
    ("Lithuanian", "lt"), ("LANGUAGE <LL@li.org>", None), ("", None)])
def test_language_team_values_as_real_tools_write_them(value, lang):
    assert lang_from_team(value) == lang


def test_an_unterminated_string_is_refused_at_its_line_and_nothing_is_read(msgfmt):
    path = FIXTURES / "unterminated-string.po"
    assert "end-of-line within string" in msgfmt(path, check=False).stderr  # really broken
    with pytest.raises(InputError, match=r"unterminated-string.po:9:8: end of line inside a string"):
        list(read_po(path))


def test_a_file_cut_in_half_is_refused_not_read_up_to_the_cut(msgfmt):
    path = FIXTURES / "truncated.po"
    assert "missing 'msgstr' section" in msgfmt(path, check=False).stderr
    with pytest.raises(InputError, match=r"truncated.po:23: the entry has no msgstr \(is the file cut short\?\)"):
        list(read_po(path))


BROKEN = {
    'msgid "Hej"\nmsgstr "Hi" x\n': "6:13: unknown keyword 'x'",
    'msgid "Hej\\q"\nmsgstr "Hi"\n': r"5:11: invalid escape sequence \\q",
    'msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n': r"8: duplicate message definition \(first defined at line 5\)",
    'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[2] "y"\n': r"8: plural form has wrong index msgstr\[2\]",
    'msgid "a"\n# c\nmsgstr "x"\n': r"5: the entry has no msgstr \(a comment interrupts it\)",
    '#~ msgid "a"\nmsgstr "x"\n': r"6: inconsistent use of #~",
    'Msgid "a"\nmsgstr "x"\n': r"5:1: unknown keyword 'Msgid'",
    'msgid "a"\nmsgstr "x"\nmsgstr "y"\n': r"7:1: syntax error: msgstr is out of place",
    'msgid "a"\nmsgstr\n': r"5: the file ends after msgstr without its string",
}
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize("body", list(BROKEN))
def test_what_msgfmt_refuses_is_refused_with_file_and_line(tmp_path, msgfmt, body):
    path = tmp_path / "sl.po"
    path.write_text(HEADER + body, encoding="utf-8")
    assert "fatal error" in msgfmt(path, check=False).stderr
    with pytest.raises(InputError, match=f"sl.po:{BROKEN[body]}"):
        list(read_po(path))


ACCEPTED = ['msgid\n"Hej"\nmsgstr"Hi"\n', 'msgid "a"\nmsgid_plural "as"\nmsgstr [0] "x"\nmsgstr[ 1 ] "y"\n',
            'msgid "a" "b"\n"c"\nmsgstr "x"\n', '#~| msgid "old"\n#~ msgid "a"\n#~ msgstr "x"\n',
            'msgid "a\\x41\\101\\t\\a\\b\\f\\v\\r"\nmsgstr "x"\n', 'msgid "a"\n\nmsgstr "x"\n']


@pytest.mark.parametrize("body", ACCEPTED)
def test_what_msgfmt_accepts_is_accepted(tmp_path, msgfmt, body):
    path = tmp_path / "sl.po"
    path.write_text(HEADER + body, encoding="utf-8")
    assert "fatal error" not in msgfmt(path, check=False).stderr
    messages = check_po(path.read_text(encoding="utf-8"), str(path))
    assert len(messages) == 2 and messages[0].is_header


def test_the_syntax_check_resolves_escapes_like_gettext():
    message = check_po(HEADER + 'msgid "a\\x41\\101\\t\\"q\\""\nmsgstr "x"\n', "x.po")[1]
    assert message.msgid == 'aAA\t"q"'


def test_plural_entries_carry_the_headers_plural_forms():
    sv_sl = list(read_po(Path(__file__).parent / "fixtures" / "tm" / "sv-sl.po"))
    plural = [u for u in sv_sl if u.prop("x-msgid-plural")]
    assert [u.prop("x-plural-forms") for u in plural] == [
        "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);"]
    assert all(u.prop("x-plural-forms") is None for u in sv_sl if not u.prop("x-msgid-plural"))


def test_characters_python_takes_for_line_breaks_stay_inside_their_string(tmp_path):
    """polib splits with str.splitlines, which breaks at U+2028, U+0085 and \\x1c-\\x1e too."""
    path = tmp_path / "sl.po"
    path.write_text(HEADER + 'msgid "ena\u2028dva"\nmsgstr "one\u2028two\x1ethree\x85four"\n', encoding="utf-8")
    assert pairs(path) == [("en", "ena\u2028dva", "sl", "one\u2028two\x1ethree\x85four")]


def test_a_template_without_translations_reads_as_nothing_without_a_language(tmp_path):
    path = tmp_path / "django.pot"
    path.write_text(HEADER.replace("UTF-8", "CHARSET") + 'msgid "Ansök"\nmsgstr ""\n', encoding="utf-8")
    assert list(read_po(path)) == []


@pytest.mark.parametrize("header, lang", [("cak", "cak"), ("sr@latin", "sr-Latn"), ("de_DE.UTF-8", "de-DE"),
                                          ("pt_BR", "pt-BR")])
def test_any_well_formed_language_header_is_taken_even_one_cldr_does_not_list(tmp_path, header, lang):
    path = tmp_path / "x.po"
    path.write_text(HEADER + f'"Language: {header}\\n"\n\nmsgid "a"\nmsgstr "b"\n', encoding="utf-8")
    assert [u.langs for u in read_po(path)] == [["en", lang]]
