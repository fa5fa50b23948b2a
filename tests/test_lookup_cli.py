"""`esfterm lookup`: what a translator sees, JSON for machines, and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from esfterm.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "terms"


def run(*args: str):
    return CliRunner().invoke(main, ["lookup", *args])


def test_inflected_query_shows_the_concept_in_every_language_with_context_and_source() -> None:
    result = run("socialinių inovacijų")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "c-social-innovation" in out and "inflected form" in out and "query language lt (guessed)" in out
    for lang, term in (("en", "social innovation"), ("sl", "socialne inovacije"), ("sv", "social innovation")):
        assert any(line.split()[:1] == [lang] and term in line for line in out.splitlines())
    assert "context: “" in out and "— corpora/esf/" in out


def test_to_limits_the_languages_and_marks_deprecated_acronyms() -> None:
    out = run("ESF", "--to", "sl").output
    lang_lines = [line for line in out.splitlines() if line.startswith("  ") and line[2:4].strip() in
                  ("en", "sl", "sv", "lt")]
    assert [line.split()[0] for line in lang_lines] == ["sl"]
    assert "ESS (acronym, preferred)" in out and "ESF (acronym, deprecated)" in out


def test_json_output_lists_hits_with_match_kind() -> None:
    result = run("ESS-a", "--to", "sv,lt", "--json")
    data = json.loads(result.output)
    assert data["query_lang"] == "sl" and data["lang_guessed"] is True
    hit = data["hits"][0]
    assert (hit["concept_id"], hit["match"], hit["matched_term"]) == ("c-european-social-fund", "acronym", "ESS")
    assert list(hit["languages"]) == ["sv", "lt"]
    sv_first = hit["languages"]["sv"]["terms"][0]
    assert (sv_first["text"], sv_first["status"]) == ("Europeiska socialfonden", "preferred")


def test_typo_says_did_you_mean() -> None:
    result = run("Europian Social Fund", "--to", "sl")
    assert result.exit_code == 0 and result.output.startswith("No exact or inflected match for 'Europian Social Fund'. Did you mean:")


def test_nothing_found_exits_1() -> None:
    result = run("qwxzy plomb")
    assert result.exit_code == 1 and "No concept found" in result.output


def test_nothing_found_in_json_is_an_empty_list_and_exit_1() -> None:
    result = run("qwxzy plomb", "--json")
    assert result.exit_code == 1 and json.loads(result.output)["hits"] == []


def test_bad_input_exits_2_with_one_line() -> None:
    for args in (("ESF", "--lang", "xx"), ("ESF", "--to", "sl,qq"), ("ESF", "--termbase", str(FIXTURES / "malformed.tbx")),
                 ("ESF", "--termbase", str(FIXTURES / "missing.tbx")), ("  ",)):
        result = run(*args)
        assert result.exit_code == 2, args
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_another_termbase_can_be_given() -> None:
    result = run("labour markets", "--termbase", str(FIXTURES / "dct-style.tbx"))
    assert result.exit_code == 0 and "c1" in result.output
