"""PO through polib: context keeps entries apart, plurals survive, fuzzy/obsolete handled."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esfterm.errors import InputError
from esfterm.formats.po import read_po
from esfterm.formats.po_write import write_po
from esfterm.model import Unit, Variant

FIXTURES = Path(__file__).parent / "fixtures" / "tm"


def test_same_msgid_with_different_context_gives_distinct_units(shared):
    units = list(read_po(shared / "interop-samples" / "po" / "msgctxt-plural-same-msgid-diff-context.po",
                         tgt_lang="fr"))
    assert len({u.id for u in units}) == 3
    assert [u.text("fr") for u in units] == ["une chaîne avec contexte", "singulier", "une chaîne sans contexte"]


def test_languages_come_from_the_header():
    units = list(read_po(FIXTURES / "sv-sl.po"))
    assert all(u.langs == ["sv", "sl"] for u in units)


def test_fuzzy_untranslated_and_obsolete_entries_are_left_out(shared):
    sources = [u.text("sv") for u in read_po(FIXTURES / "sv-sl.po")]
    assert sources == ["Ansök", "Ansök", "%d projekt"]
    evolution = list(read_po(shared / "interop-samples" / "po" / "evolution-ca-obsolete-previous-msgid-fuzzy.po"))
    assert [u.text("ca") for u in evolution] == ["No s'ha pogut obrir aquesta llibreta d'adreces."]


def test_fuzzy_entries_can_be_kept_flagged():
    units = list(read_po(FIXTURES / "sv-sl.po", fuzzy="flag"))
    flagged = [u for u in units if u.prop("x-fuzzy") == "yes"]
    assert [u.text("sl") for u in flagged] == ["Evropski sklad"]


def test_unit_ids_and_refs_name_context_and_msgid():
    menu = next(read_po(FIXTURES / "sv-sl.po"))
    assert menu.id == "menu::Ansök"
    assert menu.ref == "msgctxt 'menu' msgid 'Ansök'"
    assert menu.line == 9  # the first line of the entry (its comments)


def test_po_round_trip_keeps_context_plurals_flags_comments(tmp_path):
    units = list(read_po(FIXTURES / "sv-sl.po"))
    write_po(tmp_path / "out.po", units, "sv", "sl")
    assert list(read_po(tmp_path / "out.po")) == units
    plural = units[2]
    assert plural.prop("x-msgstr-plural-3") == "%d projektov"


def test_a_po_file_without_language_needs_one(shared, tmp_path):
    path = tmp_path / "msgctxt.po"  # copied: a folder above ../shared could name a language
    path.write_bytes((shared / "interop-samples" / "po" / "msgctxt-plural-same-msgid-diff-context.po").read_bytes())
    with pytest.raises(InputError, match="target language"):
        list(read_po(path))


def test_a_broken_po_file_is_refused_with_its_line(tmp_path):
    path = tmp_path / "broken.po"
    path.write_text('msgid "a"\nmsgstr "b"\nthis is not po\n', encoding="utf-8")
    with pytest.raises(InputError, match="broken.po"):
        list(read_po(path, tgt_lang="sl"))


po_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"), min_size=1,
                  max_size=30).filter(lambda t: t.strip())


def _newlines_differ(msgid: str, msgstr: str) -> bool:
    return msgid.startswith("\n") != msgstr.startswith("\n") or msgid.endswith("\n") != msgstr.endswith("\n")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), po_text), po_text, po_text), max_size=5,
                unique_by=lambda e: (e[0], e[1])))
def test_any_entries_round_trip_through_po(tmp_path_factory, entries):
    units = [Unit([Variant("sv", msgid), Variant("sl", msgstr)], msgid if ctx is None else f"{ctx}::{msgid}",
                  props=[("x-context", ctx)] if ctx is not None else [])
             for ctx, msgid, msgstr in entries]
    path = tmp_path_factory.mktemp("po") / "p.po"
    write_po(path, units, "sv", "sl")
    # msgfmt refuses an entry whose msgid and msgstr differ in a leading/trailing newline: such
    # entries are written fuzzy, everything else exactly
    expected = [(u.id, u.text("sv"), u.text("sl"),
                 u.props + ([("x-fuzzy", "yes")] if _newlines_differ(u.text("sv"), u.text("sl")) else []))
                for u in units]
    assert [(u.id, u.text("sv"), u.text("sl"), u.props) for u in read_po(path, fuzzy="flag")] == expected
