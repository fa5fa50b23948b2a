"""Fuzzy search in the store (SQLite and PostgreSQL): ranking, languages, limits, and the index
against brute force, after incremental updates, and across the schema migration."""

from __future__ import annotations

import random

import pytest

from esfterm.errors import InputError
from esfterm.model import Unit, Variant
from esfterm.tm import TranslationMemory
from esfterm.tm.database import open_database
from esfterm.tm.fuzzy import score
from esfterm.tm.schema import SCHEMA_VERSION
from tmstate import index_content

PAIRS = [
    ("Europeiska socialfonden stöder lokala partnerskap i hela Sverige.",
     "Evropski socialni sklad podpira lokalna partnerstva po vsej Švedski."),
    ("Ansök senast den 15 mars 2024 via portalen.", "Prijavite se do 15. marca 2024 prek portala."),
    ("Projektet hjälper unga att hitta arbete.", "Projekt pomaga mladim najti delo."),
    ("Enter a valid URL.", "Vnesite veljaven URL."),
    ("Enter a valid value.", "Vnesite veljavno vrednost."),
]


def _units(pairs, start=0):
    return [Unit([Variant("sv", s), Variant("sl", t)], id=str(start + i)) for i, (s, t) in enumerate(pairs)]


@pytest.fixture
def tm(backend):
    with TranslationMemory(backend.location()) as memory:
        memory.import_units(_units(PAIRS), origin="esf-pages")
        memory.import_units([Unit([Variant("sv", "Projektet hjälper unga att hitta arbete."),
                                   Variant("lt", "Projektas padeda jaunimui rasti darbą.")])], origin="lt-only")
        yield memory


def test_identical_text_is_a_100_percent_match_with_both_sides_and_origin(tm):
    (match,) = tm.search(PAIRS[0][0], "sv", "sl", limit=1)
    assert (match.score, match.target, match.origin, match.tuid, match.changes) == (100, PAIRS[0][1], "esf-pages", "0", [])


def test_a_case_only_difference_ranks_the_right_unit_first(tm):
    scores = [(m.source, m.score) for m in tm.search("enter a valid url.", "sv", "sl", min_score=50)]
    assert scores == [("Enter a valid URL.", 99), ("Enter a valid value.", 74)]
    (match,) = tm.search("ENTER A VALID URL.", "sv", "sl", limit=1)
    assert (match.source, match.score) == ("Enter a valid URL.", 99)


def test_a_changed_word_is_named_as_stored(tm):
    (match, *_) = tm.search("Europeiska socialfonden stöder regionala partnerskap i hela Sverige.", "sv", "sl")
    assert (match.score, match.changes) == (87, [("replace", "regionala", "lokala")])


def test_min_and_top_limit_the_results(tm):
    assert tm.search("Projektet hjälper unga", "sv", "sl", min_score=95) == []
    assert len(tm.search("Enter a valid address.", "sv", "sl", min_score=50, limit=1)) == 1


def test_units_without_the_target_language_are_not_returned(tm):
    matches = tm.search("Projektet hjälper unga att hitta arbete.", "sv", "lt")
    assert [m.target for m in matches] == ["Projektas padeda jaunimui rasti darbą."]
    assert [m.origin for m in tm.search("Projektet hjälper unga att hitta arbete.", "sv", "sl")] == ["esf-pages"]


def test_exact_lookup_with_min_100_finds_only_identical_sources(tm):
    assert [m.target for m in tm.search("Enter a valid URL.", "sv", "sl", min_score=100)] == ["Vnesite veljaven URL."]
    assert tm.search("Enter a valid URL", "sv", "sl", min_score=100) == []


# ------------------------------------------------------------------ the index against brute force

def _vocabulary(rng: random.Random) -> list[str]:
    syllables = ["sto", "fon", "ar", "be", "ung", "re", "gi", "kom", "mu", "pro", "jek", "ut", "bil", "da"]
    stems = sorted({"".join(rng.choices(syllables, k=rng.randint(1, 3))) for _ in range(300)})
    return [stem + ending for stem in stems for ending in ("", "en", "et", "ar")]


def _sentence(rng: random.Random, vocab: list[str]) -> str:
    n = rng.choice([1, 2, 3, 4, 5, 8, 12, 16, 24])
    words = rng.choices(vocab, weights=[1 / (r + 3) for r in range(len(vocab))], k=n)
    if rng.random() < 0.3:
        words.insert(rng.randrange(n), str(rng.randint(1, 30)))
    return " ".join(words).capitalize() + rng.choice([".", "", "?"])


def _edit(rng: random.Random, sentence: str, vocab: list[str]) -> str:
    words = sentence.split()
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(len(words))
        op = rng.random()
        if op < 0.4:
            words[i] = rng.choice(vocab)
        elif op < 0.6:
            words[i] = words[i].upper()
        elif op < 0.8 and len(words) > 1:
            del words[i]
        else:
            words.insert(i, rng.choice(vocab))
    return " ".join(words)


def _brute(query: str, sources: list[str], min_score: int, limit: int) -> list[int]:
    scores = sorted((score(query, s).score for s in sources), reverse=True)
    return [s for s in scores if s >= min_score][:limit]


def test_index_results_equal_a_brute_force_scan_with_the_same_score(backend):
    rng = random.Random(7)
    vocab = _vocabulary(rng)
    sources = [_sentence(rng, vocab) for _ in range(2500)]
    with TranslationMemory(backend.location()) as memory:
        memory.import_units(_units([(s, f"t{i}") for i, s in enumerate(sources)]), origin="synthetic")
        queries = [_edit(rng, s, vocab) for s in rng.sample(sources, 40)] + [_sentence(rng, vocab) for _ in range(10)]
        compared = 0
        for q in queries:
            for min_score in (50, 75, 100):
                expected = _brute(q, sources, min_score, 5)
                assert [m.score for m in memory.search(q, "sv", "sl", min_score=min_score, limit=5)] == expected, q
                compared += len(expected)
    assert compared >= 60


def _results(memory: TranslationMemory, queries: list[str]) -> list[list[tuple[int, str, str]]]:
    return [sorted((m.score, m.source, m.target) for m in memory.search(q, "sv", "sl", min_score=50, limit=1000))
            for q in queries]


def test_after_random_additions_and_deletions_the_index_equals_a_fresh_build(backend):
    rng = random.Random(11)
    vocab = _vocabulary(rng)
    pool = [(_sentence(rng, vocab), f"t{i}") for i in range(1200)]
    live: dict[str, tuple[str, str]] = {}
    with TranslationMemory(backend.location("updated")) as memory:
        next_id = 0
        for step in range(30):  # > MAX_CHUNKS imports, so chunks get merged on the way
            if step % 3 == 2 and live:
                gone = rng.sample(sorted(live), min(len(live), rng.randint(1, 40)))
                ids = [uid for (uid,) in memory.db.execute(
                    f"SELECT id FROM unit WHERE tuid IN ({','.join('?' * len(gone))})", gone)]
                assert memory.delete_units(ids) == len(gone)
                for tuid in gone:
                    del live[tuid]
            else:
                batch = []
                for _ in range(rng.randint(1, 80)):
                    pair = rng.choice(pool) if rng.random() < 0.7 else (_edit(rng, rng.choice(pool)[0], vocab), "e")
                    batch.append(Unit([Variant("sv", pair[0]), Variant("sl", pair[1])], id=str(next_id)))
                    live[str(next_id)] = pair
                    next_id += 1
                memory.import_units(batch, origin=f"batch-{step}")
        assert memory.db.one("SELECT MAX(chunks) FROM fuzzy_token") < 8
        with TranslationMemory(backend.location("fresh")) as fresh:
            fresh.import_units([Unit([Variant("sv", s), Variant("sl", t)], id=tuid) for tuid, (s, t) in live.items()],
                               origin="fresh")
            queries = [_edit(rng, s, vocab) for s, _ in rng.sample(list(live.values()), 40)]
            assert _results(memory, queries) == _results(fresh, queries)
            assert index_content(memory) == index_content(fresh)
            assert len(memory) == len(fresh) == len(live)


def test_deleting_a_document_removes_its_matches(tm):
    assert tm.delete_document("lt-only") == 1
    assert tm.search("Projektet hjälper unga att hitta arbete.", "sv", "lt") == []
    assert len(tm) == len(PAIRS)


V1_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE unit (id INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE, tuid TEXT, attrs TEXT NOT NULL,
    props TEXT NOT NULL, notes TEXT NOT NULL, origin TEXT NOT NULL, changed TEXT NOT NULL);
CREATE TABLE variant (id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL REFERENCES unit (id), pos INTEGER NOT NULL,
    lang TEXT NOT NULL, base TEXT NOT NULL, text TEXT NOT NULL, markup TEXT, attrs TEXT NOT NULL,
    props TEXT NOT NULL, notes TEXT NOT NULL);
CREATE INDEX variant_unit ON variant (unit_id, base);
CREATE TABLE token (id INTEGER PRIMARY KEY, base TEXT NOT NULL, word TEXT NOT NULL, df INTEGER NOT NULL,
    chunks INTEGER NOT NULL, UNIQUE (base, word));
CREATE TABLE posting (token_id INTEGER NOT NULL, chunk INTEGER NOT NULL, ids BLOB NOT NULL,
    PRIMARY KEY (token_id, chunk)) WITHOUT ROWID
"""
V1_ROWS = [
    ("INSERT INTO meta VALUES ('schema', '1')", ()),
    ("INSERT INTO unit VALUES (1, ?, 'a', '{}', '[]', '[]', 'old.tmx', '20240101T000000Z')", (b"\x01",)),
    ("INSERT INTO variant VALUES (1, 1, 0, 'sv', 'sv', 'Enter a valid URL.', NULL, '{}', '[]', '[]')", ()),
    ("INSERT INTO variant VALUES (2, 1, 1, 'sl', 'sl', 'Vnesite veljaven URL.', NULL, '{}', '[]', '[]')", ()),
]


def _store_of_version(location, ddl: str, rows: list[tuple[str, tuple]]) -> None:
    """A store as an older (or newer) esfterm left it, written in the backend's own types."""
    db = open_database(location)
    try:
        for statement in ddl.split(";"):
            db.execute(db.ddl(statement))
        for sql, args in rows:
            db.execute(sql, args)
    finally:
        db.close()


def test_a_version_1_store_is_migrated_and_keeps_its_units(backend):
    location = backend.location("v1")
    _store_of_version(location, V1_DDL, V1_ROWS)
    with TranslationMemory(location) as memory:
        assert memory.db.one("SELECT value FROM meta WHERE key = 'schema'") == SCHEMA_VERSION
        (match,) = memory.search("enter a valid url", "sv", "sl")
        assert (match.score, match.target, match.origin) == (98, "Vnesite veljaven URL.", "old.tmx")
        assert not memory.db.has_table("token") and not memory.db.has_table("posting")
        memory.import_units(_units([("Enter a valid value.", "Vnesite veljavno vrednost.")]), origin="new")
        assert len(memory.search("enter a valid url", "sv", "sl", min_score=50)) == 2
        assert sorted(m.unit_id for m in memory.search("enter a valid", "sv", "sl", min_score=50)) == [1, 2]


def test_a_store_of_a_newer_esfterm_is_refused_and_left_alone(backend):
    location = backend.location("v9")
    _store_of_version(location, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                      [("INSERT INTO meta VALUES ('schema', '9')", ())])
    with pytest.raises(InputError, match="schema version 9 is newer than this esfterm's"):
        TranslationMemory(location)
    db = open_database(location)
    try:
        assert not db.has_table("unit")
    finally:
        db.close()


def test_a_query_without_words_finds_its_equal(backend):
    with TranslationMemory(backend.location()) as memory:
        memory.import_units(_units([(":?.!", ":?.!"), (", ", ", "), ("%(class_name)s %(instance)s", "%(class_name)s %(instance)s"),
                                    ("Hello", "Hej")]), origin="django")
        assert [(m.score, m.source) for m in memory.search("%(class_name)s %(instance)s", "sv", "sl")] == \
            [(100, "%(class_name)s %(instance)s")]
        assert [m.source for m in memory.search(", ", "sv", "sl", min_score=50)] == [", "]
        memory.delete_units([2])
        assert memory.search(", ", "sv", "sl") == []
