"""What only a PostgreSQL TM has: a URL with a password, a schema to live in, text rules.
(Everything else is tested on both backends through the `backend` fixture.)"""

from __future__ import annotations

import psycopg
import pytest
from click.testing import CliRunner

from conftest import Backend
from esfterm.cli import main
from esfterm.errors import InputError
from esfterm.model import Unit, Variant
from esfterm.tm import TranslationMemory


@pytest.fixture
def pg(pg_server, tmp_path):
    chosen = Backend("postgresql", tmp_path, pg_server)
    yield chosen
    chosen.drop()


def test_a_password_in_the_url_never_shows_in_output_or_errors(pg, tmp_path):
    url = str(pg.location()).replace("postgresql://esfterm@", "postgresql://esfterm:s3cret@")
    rows = tmp_path / "a.tsv"
    rows.write_text("Ansök nu\tPrijavite se zdaj\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["tm", "import", str(rows), "--src", "sv", "--tgt", "sl", "--tm", url])
    assert done.exit_code == 0, done.output
    assert "s3cret" not in done.output and "esfterm:***@" in done.stdout
    with TranslationMemory(url) as tm:
        assert "s3cret" not in str(tm.path)
        with pytest.raises(InputError) as refused:
            tm.import_units([Unit([Variant("sv", "Nul\x00tecken"), Variant("sl", "x")])], origin="bad")
        assert "s3cret" not in str(refused.value) and "cannot store this text" in str(refused.value)
        assert len(tm) == 1


def test_a_schema_holding_other_tables_is_refused_not_filled(pg):
    url = pg.location()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(InputError, match="holds other tables") as refused:
        TranslationMemory(url)
    assert "search_path" in str(refused.value)


def test_a_search_path_naming_no_schema_says_what_to_do(pg_server):
    from conftest import with_search_path

    with pytest.raises(InputError, match="no schema of the search_path exists"):
        TranslationMemory(with_search_path(pg_server, "no_such_schema"))


def test_words_compare_by_code_point_whatever_the_database_collation(pg):
    with TranslationMemory(pg.location()) as tm:
        assert tm.db.one("SELECT collation_name FROM information_schema.columns "
                         "WHERE table_schema = current_schema() AND table_name = 'fuzzy_token' "
                         "AND column_name = 'word'") == "C"
        tm.import_units([Unit([Variant("sl", s), Variant("sv", "x")]) for s in ("Živo", "Zlato", "Ärende")], origin="o")
        words = [w for (w,) in tm.db.execute("SELECT word FROM fuzzy_token WHERE base = 'sl' ORDER BY word")]
        assert words == sorted(words)
