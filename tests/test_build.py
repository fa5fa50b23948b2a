"""`esfterm build`: corpora -> valid, deterministic TMX with no web chrome in it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from esfterm.build import build
from esfterm.cli import main
from esfterm.corpus import prepare, read_manifest
from esfterm.pairing import find_pairings

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("build")
    report = build(REPO / "corpora", out, termbase=REPO / "termbase" / "esf.tbx")
    return out, report


def test_build_writes_one_tmx_per_language_pair_and_the_multilingual_file(built):
    out, report = built
    for name in ("esf.sv-sl.tmx", "esf.sv-lt.tmx", "esf.tmx", "report.md", "report.json"):
        assert (out / name).is_file(), name
    assert report.outputs["esf.sv-sl.tmx"] >= 30 and report.outputs["esf.sv-lt.tmx"] >= 30


def test_termbase_exports_are_written(built):
    out, report = built
    assert report.outputs["esf.tbx"] >= 30
    assert (out / "esf.v2.tbx").read_text(encoding="utf-8").count("<termEntry") == report.outputs["esf.v2.tbx"]
    rows = (out / "esf.sv-sl.tsv").read_text(encoding="utf-8").splitlines()
    assert any(row.startswith("Europeiska socialfonden\tEvropski socialni sklad") for row in rows)


def test_tmx_is_valid_against_the_tmx14_dtd(built, shared):
    out, _ = built
    dtd = etree.DTD(str(shared / "standards" / "tmx14.dtd"))
    for path in out.glob("*.tmx"):
        tree = etree.parse(str(path))
        assert dtd.validate(tree), (path.name, dtd.error_log.filter_from_errors())


def test_tmx_loads_in_translate_toolkit_with_sources_and_targets(built):
    tmx = pytest.importorskip("translate.storage.tmx")
    out, _ = built
    store = tmx.tmxfile.parsefile(str(out / "esf.sv-sl.tmx"))
    units = [u for u in store.units if u.source]
    assert len(units) >= 30
    assert all(u.source.strip() and u.target.strip() for u in units)


def test_header_declares_the_same_language_tags_as_the_variants(built):
    out, _ = built
    tree = etree.parse(str(out / "esf.sv-lt.tmx"))
    header = tree.find("header")
    assert header.get("srclang") == "sv"
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "datatype", "creationdate"):
        assert header.get(attr)
    langs = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tree.iter("tuv")}
    assert langs == {"sv", "lt"}


def test_no_chrome_reaches_the_tmx(built):
    out, _ = built
    text = "\n".join(p.read_text(encoding="utf-8") for p in out.glob("*.tmx"))
    for chrome in ("Navigation path", "Hoppa till huvudinnehåll", "Skip to main content", "Pereiti į pagrindinį",
                   "Lyssna på sidan", "Skicka e-post", "Kontaktperson", "Istockphoto", "Illustration of"):
        assert chrome not in text, chrome
    assert not re.search(r"\d{3}-\d{3} \d{2} \d{2}", text), "a phone number reached the TMX"


def test_report_names_pairs_unpaired_pages_and_language_mismatches(built):
    _, report = built
    assert "esf/sormland-more-and-better-jobs.sv.txt" in report.unpaired
    lt_page = next(d for d in report.documents if d["file"] == "esf/support-in-your-country.lt.txt")
    assert lt_page["detected_lang"] == "en" and not lt_page["usable"]
    assert report.beads_by_type["1-1"] > 100
    assert {"nav", "banner", "contact", "truncated", "foreign-language"} <= set(report.dropped_by_kind)


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    corpus = tmp_path / "corpora"
    shutil.copytree(REPO / "corpora", corpus)
    build(corpus, tmp_path / "a", termbase=REPO / "termbase" / "esf.tbx")
    build(corpus, tmp_path / "b", termbase=REPO / "termbase" / "esf.tbx")
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name
    assert 'creationdate="20231114T221320Z"' in (tmp_path / "a" / "esf.tmx").read_text(encoding="utf-8")


def test_pairs_are_discovered_when_the_manifest_has_no_topics():
    docs = [prepare(d) for d in read_manifest(REPO / "corpora")]
    truth = {d.document.name: d.document.doc for d in docs}
    for d in docs:
        d.document.doc = None
    groups = [g for g in find_pairings(docs) if len(g.members) > 1]
    assert len(groups) >= 5
    for group in groups:
        assert len({truth[m] for m in group.members}) == 1, group
    alone = {g.members[0] for g in find_pairings(docs) if len(g.members) == 1}
    assert "esf/sormland-more-and-better-jobs.sv.txt" in alone


def test_unlisted_pages_are_picked_up_by_their_file_name(tmp_path):
    corpus = tmp_path / "pages"
    corpus.mkdir()
    for name in ("local-partnerships.sv.txt", "local-partnerships.sl.txt"):
        shutil.copy(REPO / "corpora" / "esf" / name, corpus / name)
    report = build(corpus, tmp_path / "out")
    assert report.outputs["esf.sv-sl.tmx"] >= 8
    assert any(p["discovered"] for p in report.pairings)


def test_cli_build_prints_a_summary(tmp_path):
    result = CliRunner().invoke(main, ["build", "--corpus", str(REPO / "corpora"), "--out", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    assert "esf.sv-sl.tmx" in result.output and "unpaired" in result.output


def test_every_memory_the_build_writes_has_a_glossary_with_entries(built):
    out, _ = built
    for tmx in sorted(out.glob("esf.sv-*.tmx")):
        glossary = tmx.with_suffix(".tsv")
        assert glossary.exists(), glossary.name
        assert len([l for l in glossary.read_text(encoding="utf-8").splitlines() if l.strip()]) > 1, glossary.name
