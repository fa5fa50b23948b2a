"""Language tags: well-formed BCP 47 tags are normalised, malformed ones refused wherever they
come from, and every command words an unknown or invalid language option the same way."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from esfterm.cli import main
from esfterm.errors import InputError
from esfterm.langs import normalize_lang
from esfterm.tm import TranslationMemory, import_files


@pytest.mark.parametrize("tag, canonical", [
    ("sv", "sv"), ("EN_us", "en-US"), ("zh_hant_tw", "zh-Hant-TW"), ("es-419", "es-419"),
    ("de-CH-1901", "de-CH-1901"), ("sr-Latn-RS", "sr-Latn-RS"), ("en-US-x-ESF", "en-US-x-esf"),
    ("en-u-co-phonebk", "en-u-co-phonebk"), ("zh-yue-HK", "zh-yue-HK"), ("x-esf", "x-esf")])
def test_well_formed_tags_are_normalised(tag, canonical):
    assert normalize_lang(tag) == canonical


@pytest.mark.parametrize("tag", ["xx_YY_zz", "sv-SE-se", "e", "sv--SE", "sv-", "123", "en-US-a", "sv SE", ""])
def test_malformed_tags_are_refused(tag):
    with pytest.raises(InputError, match="not a valid language code"):
        normalize_lang(tag)


def test_a_tmx_variant_with_a_malformed_tag_is_a_bad_unit_not_a_new_language(tmp_path):
    tmx = tmp_path / "l.tmx"
    tmx.write_text('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" '
                   'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="sv" '
                   'datatype="plaintext"/><body>\n<tu><tuv xml:lang="sv"><seg>Hej</seg></tuv>'
                   '<tuv xml:lang="xx_YY_zz"><seg>Zdravo</seg></tuv></tu>\n<tu><tuv xml:lang="sv"><seg>Nej</seg>'
                   '</tuv><tuv xml:lang="sl"><seg>Ne</seg></tuv></tu></body></tmx>', encoding="utf-8")
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        stats = import_files(tm, [tmx])
        assert (stats.added, stats.skipped) == (1, 1)
        assert "l.tmx:2" in stats.problems[0] and "xx_YY_zz" in stats.problems[0]
        assert [lang for lang, _ in tm.languages()] == ["sl", "sv"]


def test_a_po_language_header_with_a_malformed_tag_is_not_taken_as_a_language(tmp_path):
    po = tmp_path / "l.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: xx_YY_zz\\n"\n\n'
                  'msgid "Hej"\nmsgstr "Zdravo"\n', encoding="utf-8")
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        with pytest.raises(InputError, match="target language is unknown"):
            import_files(tm, [po], src_lang="sv")
        assert len(tm) == 0 and tm.languages() == []


COMMANDS = [
    ["lookup", "ESF", "--lang", "{}"], ["lookup", "ESF", "--to", "{}"], ["segment", "{page}", "--lang", "{}"],
    ["align", "{page}", "{page}", "--src-lang", "{}", "--tgt-lang", "sl"],
    ["tm", "import", "{tsv}", "--src", "{}", "--tgt", "sl", "--tm", "{tm}"],
    ["tm", "search", "Hej", "--src", "{}", "--tgt", "sl", "--tm", "{tm}"],
    ["tm", "export", "{out}", "--src", "{}", "--tgt", "sl", "--tm", "{tm}"],
    ["check", "{tsv}", "--src", "{}", "--tgt", "sl"],
    ["termbase", "export", "--format", "tsv", "--src", "{}", "--tgt", "sl", "-o", "{out}"],
    ["termbase", "import", "{tsv}", "--src", "{}", "--tgt", "sl", "--termbase", "{out}", "--dry-run"],
    ["build", "--corpus", "{corpus}", "--out", "{outdir}", "--src-lang", "{}"],
]


@pytest.mark.parametrize("code, wording", [("qq", "unknown language code 'qq' for "),
                                           ("xx_YY_zz", "not a valid language code: 'xx_YY_zz' for ")])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_command_words_a_bad_language_option_the_same_way(tmp_path, command, code, wording):
    page = tmp_path / "p.txt"
    page.write_text("Hej på dig.", encoding="utf-8")
    tsv = tmp_path / "a.tsv"
    tsv.write_text("Hej\tZdravo\n", encoding="utf-8")
    tm = tmp_path / "tm.sqlite"
    TranslationMemory(tm).close()
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.sv.txt").write_text("Hej på dig.", encoding="utf-8")
    places = {"page": page, "tsv": tsv, "tm": tm, "out": tmp_path / "out.x", "corpus": tmp_path / "corpus",
              "outdir": tmp_path / "build"}
    args = [part.format(code, **places) for part in command]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    message = result.output.strip()
    assert message.count("\n") == 0 and message.startswith("esfterm: error: ")
    assert wording in message
    assert not (tmp_path / "out.x").exists() and not (tmp_path / "build").exists()
