"""The TM store, on SQLite and on PostgreSQL: lossless TMX -> store -> TMX, merged duplicates,
all-or-nothing imports, export filters."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from lxml import etree

from esfterm.errors import InputError
from esfterm.formats.po import read_po
from esfterm.formats.tmx import read_tmx
from esfterm.formats.bitext import read_bitext
from esfterm.formats.detect import read_units
from esfterm.model import Unit, Variant
from esfterm.tm import TranslationMemory, default_tm_path, export_tm, import_files
from samples import TMX_SAMPLES

FIXTURES = Path(__file__).parent / "fixtures" / "tm"


@pytest.fixture
def tm(backend):
    with TranslationMemory(backend.location()) as memory:
        yield memory


def digest(location) -> str:
    """The store's content, every table row by row."""
    with TranslationMemory(location) as memory:
        rows = []
        for table in ("unit", "variant", "document", "fuzzy_token", "fuzzy_posting", "fuzzy_doc"):
            rows += [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                     for row in memory.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.mark.parametrize("name", TMX_SAMPLES)
def test_real_tmx_files_go_through_the_store_without_loss(shared, tm, tmp_path, name):
    source = shared / "interop-samples" / "tmx" / name
    import_files(tm, [source])
    export_tm(tm, tmp_path / "out.tmx")
    original, exported = list(read_tmx(source)), list(read_tmx(tmp_path / "out.tmx"))
    assert [(u.id, u.attrs, u.props, u.notes) for u in exported] == [(u.id, u.attrs, u.props, u.notes) for u in original]
    assert [[(v.lang, v.text, v.attrs, v.props, v.notes) for v in u.variants] for u in exported] == \
        [[(v.lang, v.text, v.attrs, v.props, v.notes) for v in u.variants] for u in original]
    assert [[v.markup is None for v in u.variants] for u in exported] == \
        [[v.markup is None for v in u.variants] for u in original]
    assert etree.DTD(str(shared / "standards" / "tmx14.dtd")).validate(etree.parse(str(tmp_path / "out.tmx")))


def test_own_fixture_round_trips_exactly_through_the_store(tm, tmp_path):
    import_files(tm, [FIXTURES / "utf16-lang-mixedcase-inline.tmx"])
    export_tm(tm, tmp_path / "out.tmx")
    assert list(read_tmx(tmp_path / "out.tmx")) == list(read_tmx(FIXTURES / "utf16-lang-mixedcase-inline.tmx"))


def test_reimporting_merges_duplicates_instead_of_repeating_them(tm):
    first = import_files(tm, [FIXTURES / "utf16-lang-mixedcase-inline.tmx"])
    second = import_files(tm, [FIXTURES / "utf16-lang-mixedcase-inline.tmx"])
    assert (first.added, second.added, second.merged, len(tm)) == (3, 0, 3, 3)


def test_a_merged_duplicate_adds_its_new_props_and_notes(tm):
    pair = [Variant("sv", "Ansök nu."), Variant("sl", "Prijavite se zdaj.")]
    tm.import_units([Unit(list(pair), "a", props=[("x-document", "one")])], origin="one")
    tm.import_units([Unit(list(pair), "a", props=[("x-document", "two")], notes=["checked"])], origin="two")
    (unit,) = list(tm.iter_units())
    assert unit.id == "a" and unit.props == [("x-document", "one"), ("x-document", "two")]
    assert unit.notes == ["checked"]


def test_units_with_equal_text_but_different_ids_stay_distinct(tm):
    pair = [Variant("sv", "Spara"), Variant("sl", "Shrani")]
    stats = tm.import_units([Unit(list(pair), "menu.save"), Unit(list(pair), "button.save"), Unit(list(pair))],
                            origin="ui")
    assert (stats.added, [u.id for u in tm.iter_units()]) == (3, ["menu.save", "button.save", None])


def test_tsv_rows_repeated_on_other_lines_are_merged(tm, tmp_path):
    path = tmp_path / "more.tsv"
    path.write_text("sv\tsl\n\nLokala partnerskap\tLokalna partnerstva\n", encoding="utf-8")
    import_files(tm, [FIXTURES / "sv-sl.tsv"])
    assert import_files(tm, [path]).merged == 1 and len(tm) == 2


def test_a_refused_file_leaves_the_store_exactly_as_it_was(shared, backend):
    path = backend.location()
    with TranslationMemory(path) as memory:
        import_files(memory, [FIXTURES / "sv-sl.tsv"])
    before = digest(path)
    for hostile in ("xxe-external-http-entity.xml", "billion-laughs-xmlbomb.xml", "empty-zero-bytes.tmx"):
        with TranslationMemory(path) as memory, pytest.raises(InputError):
            import_files(memory, [FIXTURES / "utf16-lang-mixedcase-inline.tmx",
                                  shared / "interop-samples" / "hostile" / hostile])
    assert digest(path) == before


def test_strict_import_of_a_file_with_a_bad_unit_changes_nothing(backend):
    path = backend.location()
    with TranslationMemory(path) as memory:
        with pytest.raises(InputError, match="bad-units.tmx:6"):
            import_files(memory, [FIXTURES / "bad-units.tmx"], strict=True)
        assert len(memory) == 0
        stats = import_files(memory, [FIXTURES / "bad-units.tmx"])
        assert (stats.added, stats.skipped, len(memory)) == (2, 2, 2)
        assert "bad-units.tmx:6" in stats.problems[0]


def test_xliff_drafts_are_left_out_unless_asked_for(tm):
    stats = import_files(tm, [FIXTURES / "sv-sl-12.xlf", FIXTURES / "sv-sl-20.xlf"])
    assert (stats.added, stats.drafts) == (4, 2)
    assert import_files(tm, [FIXTURES / "sv-sl-12.xlf"], drafts=True).added == 1


def test_export_filters_by_language_pair_document_and_date(tm, tmp_path):
    import_files(tm, [FIXTURES / "utf16-lang-mixedcase-inline.tmx"])
    import_files(tm, [FIXTURES / "sv-sl.po"], document="web-strings")
    assert export_tm(tm, tmp_path / "lt.tmx", src="sv", tgt="lt").written == 1
    assert [u.langs for u in read_tmx(tmp_path / "lt.tmx")] == [["sv", "lt-LT"]]
    assert export_tm(tm, tmp_path / "doc.tmx", document="web-strings").written == 3
    assert export_tm(tm, tmp_path / "old.tmx", until="2024-02-01").written == 1
    assert [u.id for u in read_tmx(tmp_path / "old.tmx")] == ["esf-1"]
    assert export_tm(tm, tmp_path / "new.tmx", since="2024-02-01").written == 5


def test_export_as_tsv_and_po_reads_back(tm, tmp_path):
    import_files(tm, [FIXTURES / "sv-sl.po"])
    assert export_tm(tm, tmp_path / "out.po", fmt="po", src="sv", tgt="sl").written == 3
    assert list(read_po(tmp_path / "out.po")) == list(read_po(FIXTURES / "sv-sl.po"))
    assert export_tm(tm, tmp_path / "out.tsv", fmt="tsv", src="sv", tgt="sl").written == 3
    assert [u.text("sl") for u in read_bitext(tmp_path / "out.tsv")] == ["Prijava", "Prijavite se", "%d projekt"]


def test_tsv_export_needs_a_language_pair(tm, tmp_path):
    with pytest.raises(InputError, match="language pair"):
        export_tm(tm, tmp_path / "x.tsv", fmt="tsv")


def test_tm_location_comes_from_option_then_environment_then_default(monkeypatch):
    monkeypatch.setenv("ESFTERM_TM", "/data/tm.sqlite")
    assert default_tm_path("mine.sqlite") == Path("mine.sqlite")
    assert default_tm_path() == Path("/data/tm.sqlite")
    monkeypatch.setenv("ESFTERM_TM", "postgresql://team@db.example/tm")
    assert default_tm_path() == "postgresql://team@db.example/tm"
    monkeypatch.delenv("ESFTERM_TM")
    assert default_tm_path() == Path("build/esf-tm.sqlite")


def test_opening_a_file_that_is_not_a_tm_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("just text, not a database " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="not a translation memory"):
        TranslationMemory(path)


XLIFF_SAMPLES = ["memoq-xliff12-mq-status-bpt-ept.xlf", "openxliff-xliff20-state-final-skeleton-mda.xlf",
                 "trados-studio-sdlxliff-seg-defs-conf-locked.sdlxliff"]


@pytest.mark.parametrize("name", XLIFF_SAMPLES)
def test_real_xliff_files_go_through_the_store_into_tmx_without_loss(shared, tm, tmp_path, name):
    source = shared / "interop-samples" / "xliff" / name
    import_files(tm, [source], drafts=True)
    export_tm(tm, tmp_path / "out.tmx")
    original = list(read_units(source))
    exported = list(read_tmx(tmp_path / "out.tmx"))
    assert [(u.id, u.props, u.notes, [(v.lang, v.text, v.markup) for v in u.variants]) for u in exported] == \
        [(u.id, u.props, u.notes, [(v.lang, v.text, v.markup) for v in u.variants]) for u in original]


@pytest.mark.parametrize("name", ["evolution-ca-obsolete-previous-msgid-fuzzy.po",
                                  "msgctxt-plural-same-msgid-diff-context.po"])
def test_real_po_files_go_through_the_store_and_back_to_po_without_loss(shared, tm, tmp_path, name):
    source = shared / "interop-samples" / "po" / name
    import_files(tm, [source], src_lang="en", tgt_lang="fr")
    original = list(read_units(source, "en", "fr", on_warning=lambda message: None))
    tgt = original[0].variants[1].lang
    assert export_tm(tm, tmp_path / "out.po", fmt="po", src="en", tgt=tgt).written == len(original)
    again = list(read_po(tmp_path / "out.po"))
    assert [(u.id, u.text("en"), u.text(tgt), u.notes) for u in again] == \
        [(u.id, u.text("en"), u.text(tgt), u.notes) for u in original]
    for before, after in zip(original, again):
        # all props kept; a plural entry gains what msgfmt -c needs: the header's Plural-Forms
        # (French has 3 forms in CLDR, so an empty third form is added)
        assert set(before.props) <= set(after.props)
        added = {k for k, _ in set(after.props) - set(before.props)}
        assert added <= {"x-plural-forms", "x-msgstr-plural-2"}


def test_the_store_does_not_depend_on_string_hashing(backend):
    """`esfterm build` promises byte-identical outputs; Python salts str hashes per process."""
    import os
    import subprocess
    import sys

    script = ("import sys; from esfterm.formats.detect import read_units; from esfterm.tm import TranslationMemory\n"
              "with TranslationMemory(sys.argv[1]) as tm: tm.import_units(list(read_units(sys.argv[2])), origin='t')\n")
    stores = []
    for seed in ("1", "2"):
        location = backend.location(f"tm-{seed}")
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000"}
        subprocess.run([sys.executable, "-c", script, str(location), str(FIXTURES / "utf16-lang-mixedcase-inline.tmx")],
                       env=env, check=True)
        stores.append(location)
    if backend.kind == "sqlite":
        assert stores[0].read_bytes() == stores[1].read_bytes()
    assert digest(stores[0]) == digest(stores[1])
