"""Plural rules from PO headers and from the language, and languages named by file paths."""

import pytest

from esfterm.errors import InputError
from esfterm.formats.filelang import lang_from_path
from esfterm.formats.plurals import parse_plural_forms, plural_rule


def test_slovenian_header_maps_numbers_to_four_forms() -> None:
    rule = parse_plural_forms("nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);")
    assert rule.nplurals == 4
    assert [rule.form_of(n) for n in (1, 2, 3, 5, 101, 102)] == [0, 1, 2, 3, 0, 1]
    assert rule.single_number(0) is None  # 1, 101, 201 ... share form 0


def test_swedish_form_zero_stands_for_one_only() -> None:
    rule = plural_rule("sv")
    assert rule.nplurals == 2 and rule.single_number(0) == 1 and rule.single_number(1) is None


def test_lithuanian_and_regional_tags_have_rules() -> None:
    assert plural_rule("lt").nplurals == 3
    assert plural_rule("pt-BR").form_of(1) == 0
    assert plural_rule("xx") is None


@pytest.mark.parametrize("value", ["nplurals=2; plural=n !=", "plural=n != 1;", "nplurals=2; plural=import os;"])
def test_a_bad_plural_header_is_refused(value: str) -> None:
    with pytest.raises(InputError):
        parse_plural_forms(value, path="x.po")


@pytest.mark.parametrize("path,lang", [
    ("django/conf/locale/sl/LC_MESSAGES/django.po", "sl"),
    ("locale/pt_BR/LC_MESSAGES/djangojs.po", "pt-BR"),
    ("locale/sr@latin/LC_MESSAGES/x.po", "sr"),
    ("po/lt.po", "lt"),
    ("sv_SE.po", "sv-SE"),
    ("django-sl.po", "sl"),
    ("messages.en_GB.po", "en-GB"),
    ("ios/hr.lproj/Localizable.xliff", "hr"),
    ("res/values-pt-rBR/strings.xliff", "pt-BR"),
    ("res/values-lt/strings.xliff", "lt"),
    ("django/contrib/admin/locale/af/LC_MESSAGES/django.po", "af"),
    ("locale/ast/LC_MESSAGES/django.po", "ast"),
    ("po/az.po", "az"),
    ("fil.po", "fil"),
    ("app-new.po", None),
    ("/tmp/mt/x.po", None),
    ("translations/it/readme.po", None),
    ("readme.po", None),
    ("src/app.po", None),
])
def test_language_named_by_a_path(path: str, lang: str | None) -> None:
    assert lang_from_path(path) == lang
