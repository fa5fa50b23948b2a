"""Every gold query (corpus forms, acronyms, typos in tests/data/lookup_gold.tsv) finds its concept.

A typo may be found by any kind of match (a stemmer folds some, "pilietine" ~ "pilietinė");
a form that occurs in the corpora must be found without the typo fallback.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from esfterm.formats.tbx import read_tbx
from esfterm.terms import TermIndex, lookup

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "lookup_gold.tsv"


def gold_rows() -> list[dict]:
    with open(GOLD, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.fixture(scope="module")
def index() -> TermIndex:
    return TermIndex(read_tbx(REPO / "termbase" / "esf.tbx"))


@pytest.mark.parametrize("row", gold_rows(), ids=lambda r: f"{r['lang']}:{r['query']}")
def test_gold_query_finds_its_concept_first(index: TermIndex, row: dict) -> None:
    hits = lookup(row["query"], termbase=index)
    assert hits, f"nothing found ({row['note']})"
    assert hits[0].concept.id == row["concept_id"], f"{row['note']}: got {[h.concept.id for h in hits]}"
    if "typo" not in row["note"]:
        assert hits[0].kind != "fuzzy", "a real form must not need the typo fallback"
