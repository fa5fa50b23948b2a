"""XLIFF 1.2 (SDLXLIFF, memoQ) and 2.0: targets, states, segments, inline codes as TMX codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from esfterm.errors import InputError
from esfterm.formats.tmx import TmxHeader, read_tmx, write_tmx
from esfterm.formats.xliff import is_draft, read_xliff

FIXTURES = Path(__file__).parent / "fixtures" / "tm"


def test_xliff12_reads_units_with_targets_and_their_state():
    units = list(read_xliff(FIXTURES / "sv-sl-12.xlf"))
    assert [u.id for u in units] == ["t1", "t2", "t5"]
    assert [u.prop("x-state") for u in units] == ["translated", "new", "final"]
    assert [is_draft(u) for u in units] == [False, True, False]
    assert units[0].langs == ["sv-SE", "sl-SI"] and units[0].notes == ["title of the page"]


def test_xliff12_g_and_x_become_tmx_codes_and_leave_the_plain_text():
    first, second = list(read_xliff(FIXTURES / "sv-sl-12.xlf"))[:2]
    assert first.text("sl") == "Podpora lokalnim partnerstvom"
    assert first.variant("sl").markup == 'Podpora <bpt i="1" x="1" type="bold"/>lokalnim<ept i="1"/> partnerstvom'
    assert second.variant("sv").markup == 'Ring oss<ph x="2"/>'


def test_xliff20_segments_states_and_pc_codes():
    units = list(read_xliff(FIXTURES / "sv-sl-20.xlf"))
    assert [(u.id, u.prop("x-state")) for u in units] == [("u1#s1", "final"), ("u1#s2", "initial"),
                                                           ("u2", "reviewed")]
    assert units[0].text("sl") == "Kdo se lahko prijavi?"
    assert [is_draft(u) for u in units] == [False, True, False]


def test_sdlxliff_splits_segments_and_takes_state_from_seg_defs(shared):
    path = shared / "interop-samples" / "xliff" / "trados-studio-sdlxliff-seg-defs-conf-locked.sdlxliff"
    units = list(read_xliff(path))
    assert [u.text("fr") for u in units] == ["Première phrase", "Seconde phrase, plus longue.",
                                             "Et ensuite une troisième.", "Modifier ", "Et match CM."]
    assert [u.prop("x-state") for u in units] == ["Translated", "Translated", "Draft",
                                                  "ApprovedSignOff", "ApprovedSignOff"]
    assert units[3].prop("x-sdl-locked") == "true"


def test_memoq_status_is_kept_and_untranslated_units_are_left_out(shared):
    units = list(read_xliff(shared / "interop-samples" / "xliff" / "memoq-xliff12-mq-status-bpt-ept.xlf"))
    assert len(units) == 1 and units[0].prop("x-state") == "NotStarted" and is_draft(units[0])


def test_openxliff_20_file_reads_all_35_final_units(shared):
    units = list(read_xliff(shared / "interop-samples" / "xliff" / "openxliff-xliff20-state-final-skeleton-mda.xlf"))
    assert len(units) == 35 and {u.prop("x-state") for u in units} == {"final"}
    assert units[0].text("es") == "Recargar con DTD"


@pytest.mark.parametrize("name", ["sv-sl-12.xlf", "sv-sl-20.xlf"])
def test_xliff_units_write_valid_tmx_and_come_back_the_same(shared, tmp_path, name):
    from lxml import etree
    units = list(read_xliff(FIXTURES / name))
    write_tmx(tmp_path / "x.tmx", units, TmxHeader(srclang="sv"))
    assert etree.DTD(str(shared / "standards" / "tmx14.dtd")).validate(etree.parse(str(tmp_path / "x.tmx")))
    again = list(read_tmx(tmp_path / "x.tmx"))
    assert [(v.text, v.markup) for u in again for v in u.variants] == \
        [(v.text, v.markup) for u in units for v in u.variants]


def test_xliff_without_languages_needs_them(tmp_path):
    path = tmp_path / "nolang.xlf"
    path.write_text('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a">'
                    '<body><trans-unit id="1"><source>a</source><target>b</target></trans-unit></body>'
                    '</file></xliff>', encoding="utf-8")
    with pytest.raises(InputError, match="language"):
        list(read_xliff(path))
    assert [u.langs for u in read_xliff(path, "sv", "sl")] == [["sv", "sl"]]
