"""Every PO file `tm export` writes passes `msgfmt -c`; what PO cannot hold is fitted and reported."""

from __future__ import annotations

from pathlib import Path

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esfterm.formats.detect import read_units
from esfterm.formats.po import read_po
from esfterm.formats.po_write import write_po
from esfterm.model import Unit, Variant
from esfterm.tm import TranslationMemory, export_tm, import_files
from conftest import run_msgfmt

FIXTURES = Path(__file__).parent / "fixtures"
#: Slovenian's rule as Babel (CLDR) gives it.
SL_RULE = "nplurals=4; plural=n % 100 == 1 ? 0 : n % 100 == 2 ? 1 : (n % 100 == 3 || n % 100 == 4) ? 2 : 3;"

#: (file, where, languages given to import, the pair exported)
SOURCES = [
    ("tm/sv-sl.po", "fixtures", {}, ("sv", "sl")),
    ("formats/bg-windows-1251.po", "fixtures", {}, ("sv", "bg")),
    ("formats/et-iso-8859-15.po", "fixtures", {}, ("sv", "et")),
    ("formats/xliff10-no-namespace.xlf", "fixtures", {}, ("sv", "sl")),
    ("tm/utf16-lang-mixedcase-inline.tmx", "fixtures", {}, ("sv", "lt")),
    ("po/msgctxt-plural-same-msgid-diff-context.po", "shared", {"tgt_lang": "fr"}, ("en", "fr")),
    ("po/evolution-ca-obsolete-previous-msgid-fuzzy.po", "shared", {}, ("en", "ca")),
    ("tmx/lisa-kit-ImportTest1A-utf16le-crlf-charref-whitespace.tmx", "shared", {}, ("en-US", "fr-CA")),
    ("tmx/lisa-kit-ImportTest2A-utf16le-bpt-ept-it-ph-hi.tmx", "shared", {}, ("en-US", "fr-CA")),
    ("tmx/trados-tw4win-ed7-utf16le-rtf-header-props.tmx", "shared", {}, ("en-US", "fr-FR")),
    ("tmx/omegat-6.1-project_save-tuv-attrs-comments.tmx", "shared", {}, ("en", "fr")),
    ("tmx/omegat-2.1.3-tmx11-mixed-lang-and-xmllang.tmx", "shared", {}, ("en", "es")),
    ("tmx/heartsome-tmserver-utf16le-bom-declared-UTF-16LE-no-version.tmx", "shared", {}, ("en-US", "zh")),
    ("xliff/memoq-xliff12-mq-status-bpt-ept.xlf", "shared", {}, ("en", "fr")),
    ("xliff/openxliff-xliff20-state-final-skeleton-mda.xlf", "shared", {}, ("en", "es")),
    ("xliff/trados-studio-sdlxliff-seg-defs-conf-locked.sdlxliff", "shared", {}, ("en-US", "fr-FR")),
]


def _path(request, relative: str, where: str) -> Path:
    if where == "shared":
        return request.getfixturevalue("shared") / "interop-samples" / relative
    return FIXTURES / relative


@pytest.mark.parametrize("relative, where, langs, pair", SOURCES, ids=[s[0] for s in SOURCES])
def test_every_exported_po_passes_msgfmt_check(request, tmp_path, msgfmt, relative, where, langs, pair):
    source = _path(request, relative, where)
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        import_files(tm, [source], drafts=True, **langs)
        report = export_tm(tm, tmp_path / "out.po", fmt="po", src=pair[0], tgt=pair[1])
    assert report.written > 0 or report.notes  # memoQ's one translated unit is an nbsp code: no text
    result = msgfmt(tmp_path / "out.po")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr  # every header field msgfmt -c asks for is there


@pytest.mark.parametrize("relative, where, langs, pair", [s for s in SOURCES if s[0].endswith(".po")],
                         ids=[s[0] for s in SOURCES if s[0].endswith(".po")])
def test_po_import_export_import_keeps_the_unit_count(request, tmp_path, relative, where, langs, pair):
    source = _path(request, relative, where)
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        first = import_files(tm, [source], **langs).added
        export_tm(tm, tmp_path / "out.po", fmt="po", src=pair[0], tgt=pair[1])
    with TranslationMemory(tmp_path / "again.sqlite") as tm:
        assert import_files(tm, [tmp_path / "out.po"]).added == first == len(list(read_units(source, **langs)))


def unit(source: str, target: str, *, tuid: str | None = None, origin: str | None = None, props=()) -> Unit:
    return Unit([Variant("sv", source), Variant("sl", target)], tuid, props=list(props), origin=origin)


def test_same_source_with_another_translation_is_kept_apart_with_a_msgctxt_naming_its_origin(tmp_path, msgfmt):
    units = [unit("Ansök", "Prijava", origin="a/locale/sl/LC_MESSAGES/django.po"),
             unit("Ansök", "Prijavite se", origin="b/locale/sl/LC_MESSAGES/django.po"),
             unit("Ansök", "Zaprosite", tuid="42", origin="memory.tmx")]
    report = write_po(tmp_path / "out.po", units, "sv", "sl")
    assert (report.written, report.kept_apart) == (3, 2)
    assert report.notes() == ["2 units kept apart with a msgctxt naming their origin (same msgid, another translation)"]
    back = list(read_po(tmp_path / "out.po"))
    assert [(u.prop("x-context"), u.text("sl")) for u in back] == [
        (None, "Prijava"), ("b/locale/sl/LC_MESSAGES/django.po", "Prijavite se"), ("memory.tmx 42", "Zaprosite")]
    assert msgfmt(tmp_path / "out.po").returncode == 0


def test_same_source_and_translation_is_merged_and_reported(tmp_path):
    units = [unit("Ansök", "Prijava", tuid="1"), unit("Ansök", "Prijava", tuid="2"), unit("", "prazno")]
    report = write_po(tmp_path / "out.po", units, "sv", "sl")
    assert (report.written, report.merged, report.no_source) == (1, 1, 1)
    assert report.notes() == ["1 units merged into an entry with the same msgctxt, msgid and translation",
                              '1 units left out: empty source text (msgid "" is the PO header)']


def plural(forms: list[str], rule: str | None = None) -> Unit:
    props = [("x-msgid-plural", "%d projekt")] + [(f"x-msgstr-plural-{i}", f) for i, f in enumerate(forms[1:], 1)]
    return unit("%d projekt", forms[0], props=props + ([("x-plural-forms", rule)] if rule else []))


def test_plural_forms_header_comes_from_the_entries_else_from_the_language(tmp_path, msgfmt):
    write_po(tmp_path / "own.po", [plural(["a", "b"], "nplurals=2; plural=(n != 1);")], "sv", "sl")
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in (tmp_path / "own.po").read_text(encoding="utf-8")
    write_po(tmp_path / "rule.po", [plural(["a", "b", "c", "d"])], "sv", "sl")
    assert f"Plural-Forms: {SL_RULE}" in (tmp_path / "rule.po").read_text(encoding="utf-8")
    for name in ("own.po", "rule.po"):
        assert msgfmt(tmp_path / name).returncode == 0


def test_plural_entries_that_do_not_fit_nplurals_are_padded_or_written_fuzzy(tmp_path, msgfmt):
    units = [plural(["a", "b", "c", "d"], SL_RULE), plural(["x", "y"], SL_RULE)]
    units[1].variants[0].text = "%d dag"
    units.append(plural(["1", "2", "3", "4", "5"], SL_RULE))
    units[2].variants[0].text = "%d år"
    report = write_po(tmp_path / "out.po", units, "sv", "sl")
    assert (report.written, report.padded, report.fuzzy_forms) == (3, 1, 1)
    assert msgfmt(tmp_path / "out.po").returncode == 0
    back = {u.text("sv"): u for u in read_po(tmp_path / "out.po", fuzzy="flag")}
    assert [back["%d dag"].prop(f"x-msgstr-plural-{i}") for i in (1, 2, 3)] == ["y", "", ""]
    assert back["%d år"].prop("x-fuzzy") == "yes" and back["%d år"].prop("x-msgstr-plural-4") == "5"


po_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
po_text = st.text(po_chars, min_size=1, max_size=25)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(po_text, po_text, st.booleans()), min_size=1, max_size=6))
def test_any_units_make_a_po_file_msgfmt_accepts(tmp_path_factory, rows):
    units = [plural([target, target + "s", target + "t"]) if is_plural else unit(source, target)
             for source, target, is_plural in rows]
    path = tmp_path_factory.mktemp("po") / "any.po"
    report = write_po(path, units, "sv", "sl")
    result = run_msgfmt(path)
    assert result.returncode == 0, (result.stderr, path.read_text(encoding="utf-8"))
    assert report.written == len(list(read_po(path, fuzzy="flag")))


#: (flag, msgid, msgid_plural, forms): format cases msgfmt -c accepts or refuses.
FORMAT_CASES = [
    ("python-format", "%(a)s x", "", ["%(a)s %(b)s"]), ("python-format", "%(a)s %(b)s", "", ["%(a)s"]),
    ("python-format", "%s %d", "", ["%d %s"]), ("python-format", "%s", "", ["%r"]),
    ("python-format", "one %(n)d", "%(n)d many", ["ena", "%(n)d več"]),
    ("python-format", "%(n)d day", "%(n)d days", ["%(n)d dan", "dneva"]),
    ("python-format", "%(a)s", "", ["%(a)d"]), ("c-format", "%d of %s", "", ["%2$s z %1$d"]),
    ("c-format", "%d", "", ["%ld"]), ("c-format", "%i", "", ["%d"]), ("c-format", "%s%%", "", ["%s"]),
    ("c-format", "%d file", "%d files", ["%d datoteka", ""]), ("c-format", "%d file", "%d files", ["ena", "%d"]),
    ("python-brace-format", "{a} {b}", "", ["{b}"]), ("python-brace-format", "{} {}", "", ["{1} {0}"]),
    ("python-brace-format", "{name!r:>10}", "", ["{name}"]),
    ("python-format", "%d day", "%d days", ["en dag", "%d dagar"]),
    ("python-format", "%s: %d day", "%s: %d days", ["%s: en dag", "%s: %d dagar"]),
    ("c-format", "%s: %d day", "%s: %d days", ["%s: en dag", "%s: %d dagar"]),
    ("c-format", "%d %s", "", ["%s"]), ("python-brace-format", "{} day", "{} days", ["en dag", "{} dagar"]),
    ("python-format", "%(value)s billion", "", ["%(value).s milijarda"]), ("c-format", "%.d", "", ["%d"]),
    ("c-format", "100%% sure %y", "", ["x"]), ("python-format", "%(a)s %s", "", ["x"]), ("c-format", "%d", "", ["%y"]),
    ("python-format", "%d", "", ["%(a"]), ("python-brace-format", "x", "", ["{} y"]),
    ("python-brace-format", "{0} x", "", ["y"]), ("python-brace-format", "{n} day", "{n} days", ["en dag", "{n}"]),
]


#: Plural rules whose form 0 stands for few numbers (n=1; n=0 and 1) or for many (n%100==1: 1, 101, ...).
RULES = ["nplurals=2; plural=(n != 1);", "nplurals=2; plural=(n > 1);",
         "nplurals=2; plural=(n%100==1 ? 0 : 1);"]


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("flag, msgid, plural, forms", FORMAT_CASES)
def test_format_checks_agree_with_msgfmt(tmp_path, msgfmt, flag, msgid, plural, forms, rule):
    from esfterm.formats.plurals import parse_plural_forms
    from esfterm.formats.po_formats import formats_agree
    body = f'#, {flag}\nmsgid "{msgid}"\n'
    body += (f'msgid_plural "{plural}"\n' + "".join(f'msgstr[{i}] "{f}"\n' for i, f in enumerate(forms))
             if plural else f'msgstr "{forms[0]}"\n')
    path = tmp_path / "f.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    f'"Plural-Forms: {rule}\\n"\n\n' + body, encoding="utf-8")
    refused = "fatal error" in msgfmt(path).stderr
    assert formats_agree([flag], msgid, plural, forms, parse_plural_forms(rule)) == (not refused)


def test_a_translation_that_breaks_its_format_string_is_exported_fuzzy(tmp_path, msgfmt):
    units = [unit("%(count)d deltagare", "udeleženci", props=[("x-po-flags", "python-format")]),
             unit("%(count)d projekt", "%(count)d projektov", props=[("x-po-flags", "python-format")])]
    report = write_po(tmp_path / "out.po", units, "sv", "sl")
    assert report.fuzzy_formats == 1
    assert msgfmt(tmp_path / "out.po").returncode == 0
    assert [u.text("sv") for u in read_po(tmp_path / "out.po")] == ["%(count)d projekt"]
