"""Sentence alignment against the hand-made gold standard, and its output formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from esfterm.align import align
from esfterm.align.evaluate import links
from esfterm.scoring import prf
from esfterm.cli import main

GOLD = Path(__file__).parent / "gold" / "align"


def _gold(split: str) -> list[dict]:
    return [g for p in sorted(GOLD.glob("*.json")) if (g := json.loads(p.read_text(encoding="utf-8")))["split"] == split]


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_link_f1_against_gold_is_at_least_095(split):
    pred, ref = set(), set()
    for n, gold in enumerate(_gold(split)):
        beads = align(gold["src"], gold["tgt"], gold["src_lang"], gold["tgt_lang"])
        pred |= {(n, *x) for x in links((b.src, b.tgt) for b in beads)}
        ref |= {(n, *x) for x in links(gold["beads"])}
    assert prf(pred, ref).f1 >= 0.95


def test_every_segment_is_covered_once_in_order():
    gold = _gold("heldout")[0]
    beads = align(gold["src"], gold["tgt"], gold["src_lang"], gold["tgt_lang"])
    assert [i for b in beads for i in b.src] == list(range(len(gold["src"])))
    assert [j for b in beads for j in b.tgt] == list(range(len(gold["tgt"])))


def test_acronyms_that_differ_per_language_anchor_the_alignment():
    src = ["Stöd till lokala samarbeten", "ESF stöder partnerskap.", "Budgeten är 197 miljoner euro.",
           "Kontakta förvaltningsmyndigheten."]
    tgt = ["Podpiranje lokalnih partnerstev", "ESS podpira partnerstva.", "Proračun znaša 197 milijonov evrov.",
           "Obrnite se na organ upravljanja."]
    beads = align(src, tgt, "sv", "sl")
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]


def test_merges_and_omissions_get_their_own_bead_types():
    src = ["Programmet startar 2021.", "Det har 6 prioriteringar och 197 miljoner euro i budget.",
           "ESF+ finansierar projekt.", "Mer information finns på webbplatsen för ESF+."]
    tgt = ["Program se začne leta 2021, ima 6 prednostnih nalog in 197 milijonov evrov proračuna.",
           "ESS+ financira projekte."]
    kinds = [b.kind for b in align(src, tgt, "sv", "sl")]
    assert kinds[0] == "2-1"
    assert kinds[-1] == "1-0"


def test_unrelated_pairs_are_flagged_weak():
    src = ["Europeiska socialfonden stöder 2021 ungefär 6 miljoner ungdomar.", "ESF+ finansierar projekt."]
    tgt = ["Vreme bo jutri sončno in toplo.", "ESS+ financira projekte."]
    beads = align(src, tgt, "sv", "sl")
    assert beads[0].weak or not beads[0].tgt
    assert not beads[-1].weak


def test_cli_tsv_columns_and_ids(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("ESF stöder partnerskap.\nBudgeten är 197 miljoner euro.\n", encoding="utf-8")
    b.write_text("ESS podpira partnerstva.\nProračun znaša 197 milijonov evrov.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["align", str(a), str(b), "--src-lang", "sv", "--tgt-lang", "sl",
                                       "--format", "tsv", "--presegmented"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output), delimiter="\t"))
    assert rows[0] == ["src_ids", "tgt_ids", "score", "src", "tgt"]
    assert [r[:2] for r in rows[1:]] == [["1", "1"], ["2", "2"]]
    assert 0.0 <= float(rows[1][2]) <= 1.0


def test_cli_writes_tmx(tmp_path):
    out = tmp_path / "out.tmx"
    result = CliRunner().invoke(main, ["align", "corpora/esf/local-partnerships.sv.txt",
                                       "corpora/esf/local-partnerships.sl.txt", "--src-lang", "sv",
                                       "--tgt-lang", "sl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count("<tu ") >= 10
