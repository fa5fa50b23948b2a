"""The labelled evaluation set: well-formed, and scored at precision and recall >= 0.95 with the
shipped termbase, with at most 2 clean pairs flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from esfterm.formats.tbx import read_tbx
from esfterm.qa.evaluate import TERM_CHECKS, expected, load_labelled, predicted
from esfterm.qa.termcheck import required
from esfterm.scoring import prf

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "check_eval.tsv"
#: The labels are made for the shipped termbase (see benchmarks/eval_check.py for the rule).
TERMBASE = ROOT / "termbase" / "esf.tbx"


@pytest.fixture(scope="module")
def rows():
    return load_labelled(DATA)


@pytest.fixture(scope="module")
def termbase():
    return read_tbx(TERMBASE)


def test_labels_name_term_checks_and_concepts_of_the_termbase(rows, termbase):
    ids = {c.id for c in termbase.concepts}
    for _, check, concept in expected(rows):
        assert check in TERM_CHECKS and concept in ids
    assert len({r["id"] for r in rows}) == len(rows)
    assert {"real", "heldout", "removed", "replaced", "deprecated", "inflected"} <= {r["kind"] for r in rows}


def test_labels_name_no_concept_the_check_does_not_require(rows, termbase):
    not_required = {c.id for c in termbase.concepts if not required(c)}
    assert not_required, "the shipped termbase marks general-language concepts"
    assert not {concept for _, _, concept in expected(rows)} & not_required


def test_term_checks_reach_precision_and_recall_of_095(rows, termbase):
    pred, gold = predicted(rows, termbase), expected(rows)
    for check in TERM_CHECKS:
        result = prf({x for x in pred if x[1] == check}, {x for x in gold if x[1] == check})
        assert result.precision >= 0.95 and result.recall >= 0.95, (check, result)
    flagged = {uid for uid, _, _ in pred}
    assert sum(r["id"] in flagged for r in rows if not r["expected"]) <= 2


def test_score_counts():
    s = prf({("1", "c", "x"), ("2", "c", "y")}, {("1", "c", "x"), ("3", "c", "z")})
    assert (s.tp, s.fp, s.fn, s.precision, s.recall) == (1, 1, 1, 0.5, 0.5)
