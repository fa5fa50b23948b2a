"""Sentence segmentation: abbreviations, numbers, blocks, SRX rules as data, no text lost."""

from __future__ import annotations

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from esfterm.cli import main
from esfterm.text.segment import BULLET_RE, segment, segment_spans
from esfterm.text.srx import load_srx


def test_swedish_abbreviations_do_not_end_sentences():
    text = "Det gäller t.ex. social inklusion, bl.a. i Sverige, m.m. Nästa mening börjar här."
    assert segment(text, "sv") == ["Det gäller t.ex. social inklusion, bl.a. i Sverige, m.m.", "Nästa mening börjar här."]
    assert segment("Stöd, kurser m.m. ges av ESF.", "sv") == ["Stöd, kurser m.m. ges av ESF."]
    assert segment("Vi stöder t.ex. Europeiska socialfonden. Sedan kommer mer.", "sv") == [
        "Vi stöder t.ex. Europeiska socialfonden.", "Sedan kommer mer."]


def test_lithuanian_markers_m_men_mln_proc_stay_inside_sentences():
    text = ("Iki 2021 m. rudens bus pateikta 197 mln. EUR parama. Nuo 2021 m. gegužės mėn. dirbs šeši projektai. "
            "Tai sudaro 15 proc. biudžeto.")
    assert segment(text, "lt") == [
        "Iki 2021 m. rudens bus pateikta 197 mln. EUR parama.",
        "Nuo 2021 m. gegužės mėn. dirbs šeši projektai.",
        "Tai sudaro 15 proc. biudžeto.",
    ]


def test_slovenian_abbreviations_npr_itd():
    text = "Podpira npr. Evropski socialni sklad, izobraževanje itd. Projekti ESS+ so pomembni."
    assert segment(text, "sl") == ["Podpira npr. Evropski socialni sklad, izobraževanje itd.", "Projekti ESS+ so pomembni."]


def test_numbers_dates_and_esf_plus_are_not_split():
    text = "Budgeten är 1.5 miljoner euro från ESF+. Den 15. 3. 2021 började arbetet."
    assert segment(text, "sv") == ["Budgeten är 1.5 miljoner euro från ESF+.", "Den 15. 3. 2021 började arbetet."]


def test_headings_and_list_items_are_segments_of_their_own():
    text = "Databas över social innovation\n\n  • Social inkludering\n  • Resultatbaserad förvaltning\nSlut."
    spans = segment_spans(text, "sv")
    assert [s.text for s in spans] == ["Databas över social innovation", "Social inkludering",
                                       "Resultatbaserad förvaltning", "Slut."]
    assert [s.is_list_item for s in spans] == [False, True, True, False]


def test_hard_wrapped_sentence_is_joined():
    assert segment("Välkommen att kontakta\nmig för mer information!", "sv") == [
        "Välkommen att kontakta mig för mer information!"]


def test_unknown_language_falls_back_to_default_rules():
    assert segment("Prva rečenica. Druga rečenica!", "mk") == ["Prva rečenica.", "Druga rečenica!"]


def test_user_srx_file_replaces_rules(tmp_path):
    srx = tmp_path / "rules.srx"
    srx.write_text("""<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="yes"/><body>
<languagerules><languagerule languagerulename="Semicolons">
<rule break="yes"><beforebreak>;</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="Semicolons"/></maprules></body></srx>""",
                   encoding="utf-8")
    rules = load_srx(srx)
    assert segment("ett; två. tre", "sv", rules) == ["ett;", "två. tre"]


_ALPHABET = st.sampled_from(list("abcåäö ĖėčšžABC.!?…;:,()”“-+•\n\t0123456789") + ["t.ex.", "mln.", "m.", "npr."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join), st.sampled_from(["sv", "sl", "lt", "en", "hu", "fi"]))
def test_segmentation_never_loses_or_reorders_text(text, lang):
    spans = segment_spans(text, lang)
    pos = 0
    for seg in spans:
        assert seg.start >= pos, "segments overlap or go backwards"
        gap = text[pos:seg.start]
        assert BULLET_RE.sub("", gap).strip() == "" or all(c in " \t\n•·▪◦‣●■□➢►–-*" for c in gap)
        assert " ".join(text[seg.start:seg.end].split()) == seg.text
        pos = seg.end
    tail = text[pos:]
    assert tail.strip() == "" or all(c in " \t\n•·▪◦‣●■□➢►–-*" for c in tail)


def test_a_line_of_only_a_bullet_sign_is_kept_as_text():
    assert segment("- ", "sv") == ["-"]
    assert segment("Rubrik\n• \nText här.", "sv") == ["Rubrik", "•", "Text här."]


def test_segment_writes_with_o_what_it_prints(tmp_path):
    page = tmp_path / "page.sv.txt"
    page.write_text("Det gäller t.ex. ESF+. Nästa mening.\n\n- en punkt\n", encoding="utf-8")
    runner = CliRunner()
    printed = runner.invoke(main, ["segment", str(page), "--lang", "sv"])
    out = tmp_path / "segments.txt"
    written = runner.invoke(main, ["segment", str(page), "--lang", "sv", "-o", str(out)])
    assert printed.exit_code == written.exit_code == 0
    assert out.read_text(encoding="utf-8") == printed.stdout == "Det gäller t.ex. ESF+.\nNästa mening.\nen punkt\n"
    assert f"{out}: 3 segments" in written.stderr
