"""`esfterm tm concordance`: units holding a phrase, marked as stored; inflected forms with --lemma."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from esfterm.cli import main
from esfterm.model import Unit, Variant
from esfterm.tm import TranslationMemory
from esfterm.tm.concordance import concordance, mark

PAIRS = [
    ("Europeiska socialfonden stöder lokala partnerskap i hela Sverige.", "ESS podpira lokalna partnerstva."),
    ("Lokalt partnerskapet leder arbetet.", "Lokalno partnerstvo vodi delo."),
    ("Partnerskap, lokala: se nedan.", "Partnerstvo, lokalno: glej spodaj."),
    ("Ansök senast 2024 om stöd.", "Prijavite se do 2024."),
    ("Ansök senast 2025 om stöd.", "Prijavite se do 2025."),
]


@pytest.fixture
def tm(backend):
    with TranslationMemory(backend.location()) as memory:
        memory.import_units([Unit([Variant("sv", s), Variant("sl", t)]) for s, t in PAIRS], origin="esf")
        yield memory


def test_a_phrase_is_found_in_any_case_and_marked_as_stored(tm):
    (hit,) = concordance(tm, "LOKALA PARTNERSKAP", "sv", "sl")
    assert mark(hit.source, hit.spans) == "Europeiska socialfonden stöder [[lokala partnerskap]] i hela Sverige."
    assert hit.target == "ESS podpira lokalna partnerstva." and hit.origin == "esf"


def test_the_words_must_follow_one_another_in_order(tm):
    assert [h.source for h in concordance(tm, "partnerskap lokala", "sv", "sl")] == ["Partnerskap, lokala: se nedan."]


def test_with_lemma_inflected_forms_match_too(tm):
    found = {h.source: mark(h.source, h.spans) for h in concordance(tm, "lokala partnerskap", "sv", "sl", lemma=True)}
    assert found["Lokalt partnerskapet leder arbetet."] == "[[Lokalt partnerskapet]] leder arbetet."
    assert PAIRS[0][0] in found and PAIRS[2][0] not in found


def test_numbers_must_be_the_same_number(tm):
    assert [h.target for h in concordance(tm, "senast 2025", "sv", "sl")] == ["Prijavite se do 2025."]


def test_the_command_prints_marked_units_and_json(tm):
    result = CliRunner().invoke(main, ["tm", "concordance", "lokala partnerskap", "--src", "sv", "--tgt", "sl",
                                       "--tm", str(tm.path), "--lemma"])
    assert result.exit_code == 0, result.output
    assert "[[Lokalt partnerskapet]] leder arbetet." in result.stdout.splitlines()
    data = json.loads(CliRunner().invoke(main, ["tm", "concordance", "senast", "--src", "sv", "--tgt", "sl",
                                                "--tm", str(tm.path), "--json", "--top", "1"]).stdout)
    assert len(data) == 1 and data[0]["spans"] == [[6, 12]]
    nothing = CliRunner().invoke(main, ["tm", "concordance", "...", "--src", "sv", "--tgt", "sl", "--tm", str(tm.path)])
    assert nothing.exit_code == 2 and "no words" in nothing.stderr


def test_tm_delete_removes_a_document_and_its_concordance_hits(tm):
    result = CliRunner().invoke(main, ["tm", "delete", "--document", "esf", "--tm", str(tm.path)])
    assert result.exit_code == 0 and "5 units from 'esf' deleted; 0 units in the TM" in result.stdout
    assert concordance(tm, "lokala partnerskap", "sv", "sl") == []
