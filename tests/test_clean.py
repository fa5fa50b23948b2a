"""Web chrome never reaches the translation memory: navigation, tools, stamps, contacts."""

from __future__ import annotations

import pytest

from esfterm.errors import InputError
from esfterm.text.clean import clean, load_rules

PAGE_SV = """Hoppa till huvudinnehåll
Europeiska socialfonden+

Stöd i ditt land

Kommissionen bidrar inte med direkt finansiering.

Redaktör: Karin Berg
Uppdaterad: 2023-05-02
Lyssna på sidan

Kontaktperson

Per Olsson

Välkommen att kontakta
mig för mer information!

Handläggare

Skicka e-post
Telefon: 08-123 45 67
per.olsson@example.se
"""


def test_navigation_banner_stamps_tools_and_contact_block_are_dropped():
    result = clean(PAGE_SV, "sv")
    kept = [line for line in result.text.splitlines() if line.strip()]
    assert kept == ["Stöd i ditt land", "Kommissionen bidrar inte med direkt finansiering."]
    kinds = {d.kind for d in result.dropped}
    assert {"nav", "banner", "stamp", "tool", "contact-start", "contact"} <= kinds
    assert not any("Olsson" in line or "123 45" in line for line in kept)


def test_line_numbers_survive_cleaning():
    result = clean(PAGE_SV, "sv")
    assert len(result.text.split("\n")) == len(PAGE_SV.split("\n"))
    assert result.dropped[0].line == 1


def test_contact_block_ends_at_the_next_prose_paragraph():
    text = ("Kontakt\nAnna Berg\n070-111 22 33\n"
            "ESF-rådet är den förvaltande myndighet som beslutar om stöd till projekt i hela Sverige.\n")
    kept = [l for l in clean(text, "sv").text.splitlines() if l.strip()]
    assert kept == ["ESF-rådet är den förvaltande myndighet som beslutar om stöd till projekt i hela Sverige."]


def test_rules_for_every_language_apply_to_untranslated_chrome():
    text = "Skip to main content\nEvropski socialni sklad +\n\nPodpora v vaši državi\nIstockphoto/2062528\n"
    kept = [l for l in clean(text, "sl").text.splitlines() if l.strip()]
    assert kept == ["Podpora v vaši državi"]


def test_lithuanian_and_croatian_translation_notices():
    assert clean("Šis puslapis šiuo metu verčiamas į visas oficialiąsias ES kalbas\n", "lt").text.strip() == ""
    assert clean("U tijeku je prijevod ove stranice na sve službene jezike EU-a.\n", "hr").text.strip() == ""


def test_prose_mentioning_contacts_is_kept():
    text = "Organisationer kan kontakta förvaltningsmyndigheten för ESF+ i sitt land.\n"
    assert clean(text, "sv").text == text


def test_user_rules_file_is_data(tmp_path):
    rules = tmp_path / "rules.tsv"
    rules.write_text("lang\tkind\tpattern\nfi\tnav\tsiirry sisältöön\n", encoding="utf-8")
    result = clean("Siirry sisältöön\nEuroopan sosiaalirahasto tukee hankkeita.\n", "fi", load_rules(rules))
    assert [d.kind for d in result.dropped] == ["nav"]


def test_bad_rules_file_names_the_line(tmp_path):
    rules = tmp_path / "rules.tsv"
    rules.write_text("lang\tkind\tpattern\nsv\tnav\t(unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"rules.tsv:2"):
        load_rules(rules)
