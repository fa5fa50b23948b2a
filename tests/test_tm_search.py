"""Fuzzy search: CAT percentages, penalties, differing words, and index recall against brute force."""

from __future__ import annotations

import math
import random

import pytest
from rapidfuzz import fuzz, process

from esfterm.model import Unit, Variant
from esfterm.tm import TranslationMemory
from esfterm.tm.fuzzy import NUMBER_PENALTY, cat_score, highlight, word_diff

PAIRS = [
    ("Europeiska socialfonden stöder lokala partnerskap i hela Sverige.",
     "Evropski socialni sklad podpira lokalna partnerstva po vsej Švedski."),
    ("Ansök senast den 15 mars 2024 via portalen.", "Prijavite se do 15. marca 2024 prek portala."),
    ("Projektet hjälper unga att hitta arbete.", "Projekt pomaga mladim najti delo."),
]


@pytest.fixture
def tm(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        memory.import_units([Unit([Variant("sv", s), Variant("sl", t)], id=str(i)) for i, (s, t) in enumerate(PAIRS)],
                            origin="esf-pages")
        memory.import_units([Unit([Variant("sv", "Projektet hjälper unga att hitta arbete."),
                                   Variant("lt", "Projektas padeda jaunimui rasti darbą.")])], origin="lt-only")
        yield memory


def test_identical_text_is_a_100_percent_match_with_both_sides_and_origin(tm):
    (match,) = tm.search(PAIRS[0][0], "sv", "sl", limit=1)
    assert (match.score, match.target, match.origin, match.tuid, match.changes) == (100, PAIRS[0][1], "esf-pages", "0", [])


def test_a_changed_word_scores_below_100_and_is_named(tm):
    (match, *_) = tm.search("Europeiska socialfonden stöder regionala partnerskap i hela Sverige.", "sv", "sl")
    assert 75 <= match.score < 100
    assert match.changes == [("replace", "regionala", "lokala")]


def test_a_differing_number_costs_more_than_its_characters(tm):
    query = "Ansök senast den 16 mars 2024 via portalen."
    (match,) = tm.search(query, "sv", "sl")
    assert match.score == math.floor(fuzz.ratio(query, PAIRS[1][0])) - 2 * NUMBER_PENALTY


def test_inline_codes_on_one_side_only_keep_a_match_below_100():
    assert cat_score("Stöd till lokala partnerskap", "Stöd till lokala partnerskap",
                     None, 'Stöd till <bpt i="1"/>lokala<ept i="1"/> partnerskap') == 97


def test_min_and_top_limit_the_results(tm):
    assert tm.search("Projektet hjälper unga", "sv", "sl", min_score=95) == []
    assert len(tm.search("Projektet hjälper unga att hitta ett arbete.", "sv", "sl", min_score=50, limit=1)) == 1


def test_units_without_the_target_language_are_not_returned(tm):
    matches = tm.search("Projektet hjälper unga att hitta arbete.", "sv", "lt")
    assert [m.target for m in matches] == ["Projektas padeda jaunimui rasti darbą."]
    assert [m.origin for m in tm.search("Projektet hjälper unga att hitta arbete.", "sv", "sl")] == ["esf-pages"]


def test_differences_are_highlighted_wdiff_style():
    assert highlight("stöder regionala partnerskap", "stöder lokala partnerskap") == \
        "stöder [-regionala-]{+lokala+} partnerskap"
    assert word_diff("stöd till unga", "stöd unga nu") == [("delete", "till", ""), ("insert", "", "nu")]


def _vocabulary(rng: random.Random) -> list[str]:
    """Pseudo-words: 400 stems from syllables, each with a few inflection endings."""
    syllables = ["sto", "fon", "ar", "be", "ung", "re", "gi", "kom", "mu", "pro", "jek", "ut", "bil", "da",
                 "ska", "pa", "lo", "ka", "vi", "no"]
    stems = {"".join(rng.choices(syllables, k=rng.randint(1, 3))) for _ in range(400)}
    return [stem + ending for stem in sorted(stems) for ending in ("", "en", "et", "ar", "a")]


def _sentence(rng: random.Random, vocab: list[str]) -> str:
    return " ".join(rng.choices(vocab, weights=[1 / (r + 3) for r in range(len(vocab))],
                                k=rng.randint(4, 25))) + "."


def _near_duplicate(rng: random.Random, sentence: str, vocab: list[str]) -> str:
    words = sentence.split()
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(words))
        if rng.random() < 0.5:
            words[i] = words[i][:-1] + "e"  # another inflection ending
        else:
            words[i] = rng.choice(vocab)
    return " ".join(words)


def test_index_recall_matches_brute_force_scoring(tmp_path):
    rng = random.Random(7)
    vocab = _vocabulary(rng)
    sources = [_sentence(rng, vocab) for _ in range(3000)]
    with TranslationMemory(tmp_path / "r.sqlite") as memory:
        memory.import_units([Unit([Variant("sv", s), Variant("sl", f"t{i}")]) for i, s in enumerate(sources)],
                            origin="synthetic")
        texts = [t for (t,) in memory.conn.execute("SELECT text FROM variant WHERE base = 'sv' ORDER BY id")]
        queries = [_near_duplicate(rng, s, vocab) for s in rng.sample(sources, 60)]
        hits = wanted = 0
        for q in queries:
            brute = [score for _, score, _ in process.extract(q, texts, scorer=fuzz.ratio, limit=5, score_cutoff=75)]
            found = [m.ratio for m in memory.search(q, "sv", "sl", limit=5, penalize=False)]
            wanted += len(brute)
            hits += sum(1 for k, score in enumerate(brute) if k < len(found) and found[k] >= score - 1e-9)
    assert wanted >= 50
    assert hits / wanted >= 0.98
