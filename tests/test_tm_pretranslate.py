"""`esfterm tm pretranslate`: empty PO/XLIFF targets filled from the TM, exact ones translated,
fuzzy ones marked for review with the score, outputs written whole or not at all."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from lxml import etree

from esfterm.cli import main
from esfterm.formats.xliff import NS12, NS20, SDL
from esfterm.model import Unit, Variant
from esfterm.tm import TranslationMemory

FIXTURES = Path(__file__).parent / "fixtures" / "tm"
PAIRS = [
    ("Enter a valid URL.", "Vnesite veljaven URL."),
    ("Enter a valid email address.", "Vnesite veljaven e-poštni naslov."),
    ("Ingen översättning finns.", "Prevod ne obstaja."),
    ("First sentence.", "Prvi stavek."),
    ("Followed by a third one.", "Sledi tretji."),
    ("Tack!", "Hvala!"),
]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def tm(backend):
    path = backend.location()
    with TranslationMemory(path) as memory:
        memory.import_units([Unit([Variant(lang, s), Variant("sl", t)]) for lang in ("en", "sv") for s, t in PAIRS],
                            origin="ui")
    return path


PO = """msgid ""
msgstr ""
"Language: sl\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);\\n"

#: forms.py:10
msgid "Enter a valid URL."
msgstr ""

#, python-format
msgid "Enter a valid %(protocol)s address."
msgstr ""

msgid "Something else entirely, not in the memory."
msgstr ""

msgid "Tack!"
msgstr "Hvala lepa!"

#~ msgid "An old message."
#~ msgstr ""
"""


def test_po_exact_is_translated_fuzzy_is_flagged_with_score_and_previous_msgid(tm, tmp_path):
    src = tmp_path / "django.po"
    src.write_text(PO, encoding="utf-8")
    out = tmp_path / "out.po"
    result = run("tm", "pretranslate", src, "--tm", tm, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{out}: 1 exact, 1 fuzzy, 1 none, 1 already translated (en -> sl)"
    entries = {e.msgid: e for e in polib.pofile(str(out)) if not e.obsolete}
    exact, fuzzy = entries["Enter a valid URL."], entries["Enter a valid %(protocol)s address."]
    assert (exact.msgstr, exact.fuzzy, exact.occurrences) == ("Vnesite veljaven URL.", False, [("forms.py", "10")])
    assert fuzzy.msgstr == "Vnesite veljaven e-poštni naslov." and fuzzy.fuzzy and "python-format" in fuzzy.flags
    assert fuzzy.previous_msgid == "Enter a valid email address."
    assert fuzzy.tcomment == "esfterm: 80% TM match"
    assert entries["Something else entirely, not in the memory."].msgstr == ""
    assert entries["Tack!"].msgstr == "Hvala lepa!"
    assert src.read_text(encoding="utf-8") == PO
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(out)], check=True)


def test_po_context_and_plural_forms_come_from_the_matching_unit(shared, backend, tmp_path):
    real = shared / "interop-samples" / "po" / "msgctxt-plural-same-msgid-diff-context.po"
    tm = backend.location("fr")
    assert run("tm", "import", real, "--src", "en", "--tgt", "fr", "--tm", tm).exit_code == 0
    empty = polib.pofile(str(real))
    for e in empty:
        e.msgstr = ""
        e.msgstr_plural = {k: "" for k in e.msgstr_plural}
    empty.save(str(tmp_path / "new.po"))
    result = run("tm", "pretranslate", tmp_path / "new.po", "--tm", tm, "--tgt", "fr", "--suffix", "fr", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["exact"] == 3
    out = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(tmp_path / "new.fr.po"))}
    assert out[("Some message context", "some string")].msgstr == "une chaîne avec contexte"
    assert out[(None, "some string")].msgstr == "une chaîne sans contexte"
    assert out[("Some other message context", "singular")].msgstr_plural == {0: "singulier", 1: "pluriel"}


def test_an_exact_source_with_another_context_is_only_fuzzy(shared, backend, tmp_path):
    real = shared / "interop-samples" / "po" / "msgctxt-plural-same-msgid-diff-context.po"
    tm = backend.location("fr")
    run("tm", "import", real, "--src", "en", "--tgt", "fr", "--tm", tm)
    po = polib.POFile()
    po.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="some string", msgctxt="A third context", msgstr=""))
    po.save(str(tmp_path / "ctx.po"))
    assert run("tm", "pretranslate", tmp_path / "ctx.po", "--tm", tm, "-o", tmp_path / "o.po").exit_code == 0
    (entry,) = polib.pofile(str(tmp_path / "o.po"))
    assert entry.fuzzy and entry.tcomment == "esfterm: 100% TM match, other context"


def test_xliff_12_fills_empty_targets_with_state_and_leaves_codes_and_translations(tm, tmp_path):
    out = tmp_path / "out.xlf"
    result = run("tm", "pretranslate", FIXTURES / "sv-sl-12.xlf", "--tm", tm, "-o", out, "--json", "--min", "60")
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)
    assert (report["exact"], report["fuzzy"], report["none"], report["already_translated"]) == (0, 1, 0, 3)
    q = f"{{{NS12}}}"
    tu = etree.parse(str(out)).find(f".//{q}trans-unit[@id='t3']")
    target = tu.find(f"{q}target")
    assert (target.text, target.get("state"), target.get("state-qualifier")) == \
        ("Prevod ne obstaja.", "needs-review-translation", "fuzzy-match")
    assert tu.find(f"{q}note").text == "65% TM match: Ingen översättning finns."
    assert tu.index(target) == 1  # right after <source>, as the schema wants


def test_xliff_20_segments_are_filled_and_notes_come_before_the_segments(tm, tmp_path):
    src = tmp_path / "in.xlf"
    src.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="{NS20}" version="2.0" srcLang="sv" trgLang="sl">
<file id="f1"><unit id="u1"><segment id="s1"><source>Tack!</source></segment></unit>
<unit id="u2"><segment id="s1"><source>tack</source><target></target></segment></unit></file>
</xliff>""", encoding="utf-8")
    assert run("tm", "pretranslate", src, "--tm", tm, "-o", tmp_path / "out.xlf").exit_code == 0
    root = etree.parse(str(tmp_path / "out.xlf")).getroot()
    q = f"{{{NS20}}}"
    first, second = root.iter(f"{q}unit")
    assert first.find(f"{q}segment").get("state") == "translated"
    assert first.find(f"{q}segment/{q}target").text == "Hvala!"
    assert [c.tag for c in second] == [f"{q}notes", f"{q}segment"]
    assert second.find(f"{q}segment").get("subState") == "esfterm:fuzzy-98"


def test_sdlxliff_segments_get_their_target_and_conf(shared, tm, tmp_path):
    tree = etree.parse(str(shared / "interop-samples" / "xliff" / "trados-studio-sdlxliff-seg-defs-conf-locked.sdlxliff"))
    for mrk in tree.iter(f"{{{NS12}}}mrk"):
        if mrk.getparent().tag == f"{{{NS12}}}target" and mrk.get("mid") in ("1", "3"):
            mrk.text = ""
    tree.find(f"{{{NS12}}}file").set("target-language", "sl-SI")
    src = tmp_path / "test.sdlxliff"
    tree.write(str(src), xml_declaration=True, encoding="utf-8")
    out = tmp_path / "out.sdlxliff"
    result = run("tm", "pretranslate", src, "--tm", tm, "-o", out, "--json")
    assert json.loads(result.stdout)[0]["exact"] == 2
    filled = etree.parse(str(out))
    targets = {m.get("mid"): m.text for m in filled.iter(f"{{{NS12}}}mrk")
               if m.getparent().tag == f"{{{NS12}}}target"}
    assert (targets["1"], targets["2"], targets["3"]) == ("Prvi stavek.", "Seconde phrase, plus longue.", "Sledi tretji.")
    conf = {s.get("id"): s for s in filled.iter(f"{{{SDL}}}seg")}
    assert (conf["3"].get("conf"), conf["3"].get("percent"), conf["3"].get("origin")) == ("Translated", "100", "tm")


def test_a_bad_input_among_several_writes_no_output_at_all(tm, tmp_path):
    good = tmp_path / "a.po"
    good.write_text(PO, encoding="utf-8")
    bad = tmp_path / "b.po"
    bad.write_text(PO.replace('msgstr "Hvala lepa!"', 'msgstr "Hvala lepa!"\nnot a po line'), encoding="utf-8")
    result = run("tm", "pretranslate", good, bad, "--tm", tm, "--output-dir", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"esfterm: error: {bad}:")
    assert not (tmp_path / "out").exists()


def test_where_to_write_must_be_said_once(tm, tmp_path):
    src = tmp_path / "a.po"
    src.write_text(PO, encoding="utf-8")
    assert run("tm", "pretranslate", src, "--tm", tm).exit_code == 2
    assert run("tm", "pretranslate", src, src, "--tm", tm, "-o", tmp_path / "x.po").exit_code == 2


def test_many_files_keep_their_folders_below_the_output_dir(tm, tmp_path):
    for lang in ("sl", "hr"):
        folder = tmp_path / "locale" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "django.po").write_text(PO.replace("Language: sl", f"Language: {lang}"), encoding="utf-8")
    files = sorted((tmp_path / "locale").rglob("*.po"))
    result = run("tm", "pretranslate", *files, "--tm", tm, "--output-dir", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.po")) == \
        ["hr/LC_MESSAGES/django.po", "sl/LC_MESSAGES/django.po"]
    assert "total: 1 exact, 1 fuzzy, 4 none in 2 files" in result.stdout
