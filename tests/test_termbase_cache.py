"""The term index cache: same answers as a fresh index, rebuilt when the termbase or the code
changes, safe when two processes build it at once, never left half-written."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from esfterm.fileio import locked_temp
from esfterm.formats.termfile import read_termbase
from esfterm.model import Concept, LangSection, Term, Termbase
from esfterm.terms import TermIndex, lookup
from esfterm.terms import cache as cache_module
from esfterm.terms.cache import SUFFIX, cache_path, load_cached
from esfterm.terms.lazystore import read_store, write_store

REPO = Path(__file__).resolve().parents[1]
TERMBASE = REPO / "termbase" / "esf.tbx"
QUERIES = ["Europeiska socialfonden", "socialinių inovacijų", "ESS-a", "ESF:s", "Evropskega socialnega sklada",
           "socialfonden", "europeiska socialfondet plus", "Evropski socialni skald", "lokala partnerskap",
           "den europeiska pelaren för sociala rättigheter", "NGOs", "zzzz"]


class Builds:
    """A build function that counts its calls."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, path: Path) -> TermIndex:
        self.count += 1
        return TermIndex(read_termbase(path))


def answers(index: TermIndex) -> list:
    return [[(h.concept.id, h.term.text, h.kind, h.score, h.langs) for h in lookup(q, termbase=index)]
            for q in QUERIES]


@pytest.fixture
def termbase(tmp_path: Path) -> Path:
    path = tmp_path / "esf.tbx"
    shutil.copyfile(TERMBASE, path)
    return path


def test_a_cached_index_answers_exactly_like_a_fresh_one(termbase):
    builds = Builds()
    fresh = load_cached(termbase, builds)
    cached = load_cached(termbase, builds)
    assert builds.count == 1
    assert cached is not fresh  # read back from the cache file
    assert answers(cached) == answers(fresh) == answers(TermIndex(read_termbase(TERMBASE)))
    assert any(answers(cached))


def test_the_cache_sits_next_to_the_termbase_and_is_rebuilt_when_the_content_changes(termbase):
    builds = Builds()
    load_cached(termbase, builds)
    assert cache_path(termbase) == termbase.with_name(f".esf.tbx{SUFFIX}")
    assert cache_path(termbase).exists()
    text = termbase.read_text(encoding="utf-8").replace("Europeiska socialfonden", "Europeiska sociala fonden")
    termbase.write_text(text, encoding="utf-8")
    index = load_cached(termbase, builds)
    assert builds.count == 2
    assert lookup("Europeiska sociala fonden", termbase=index)[0].kind == "exact"
    assert lookup("Europeiska sociala fonden", termbase=load_cached(termbase, builds))[0].kind == "exact"
    assert builds.count == 2


def test_a_touched_but_unchanged_termbase_keeps_its_cache(termbase):
    builds = Builds()
    load_cached(termbase, builds)
    stat = termbase.stat()
    os.utime(termbase, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000_000))
    load_cached(termbase, builds)
    assert builds.count == 1


def test_new_code_rebuilds_the_cache(termbase, monkeypatch):
    builds = Builds()
    load_cached(termbase, builds)
    monkeypatch.setattr(cache_module, "FORMAT_VERSION", cache_module.FORMAT_VERSION + "-next")
    load_cached(termbase, builds)
    assert builds.count == 2


def test_a_corrupt_cache_is_rebuilt(termbase):
    builds = Builds()
    cache_path(termbase).write_bytes(b"not a database at all " * 100)
    assert answers(load_cached(termbase, builds)) == answers(load_cached(termbase, builds))
    assert builds.count == 1


def test_an_unwritable_folder_sends_the_cache_to_the_user_cache_folder(termbase, tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module.os, "access", lambda path, mode: False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    place = cache_path(termbase)
    assert place.parent == tmp_path / "xdg" / "esfterm"
    assert place.name.startswith("esf.tbx.") and place.name.endswith(SUFFIX)
    monkeypatch.setenv("ESFTERM_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_path(termbase).parent == tmp_path / "mine"


def test_stale_temps_of_killed_builders_are_removed_and_live_ones_kept(termbase):
    place = cache_path(termbase)
    stale = place.with_name(f".{place.name}.killed.tmp")
    stale.write_bytes(b"half a cache")
    with locked_temp(place) as (_, live):
        load_cached(termbase, Builds())
        assert live.exists()
    assert not stale.exists()
    assert place.exists()


#: Builds the index of argv[1] through the cache, pausing inside the build until a line arrives.
PAUSED_BUILDER = """
import sys
from esfterm.formats.termfile import read_termbase
from esfterm.terms import TermIndex, lookup
from esfterm.terms.cache import load_cached

def build(path):
    index = TermIndex(read_termbase(path))
    print("building", flush=True)
    sys.stdin.readline()
    return index

index = load_cached(sys.argv[1], build)
print(";".join(h.concept.id for h in lookup("Europeiska socialfonden", termbase=index)), flush=True)
"""


def test_two_processes_building_the_cache_at_once_both_succeed(termbase):
    runs = [subprocess.Popen([sys.executable, "-c", PAUSED_BUILDER, str(termbase)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        assert run.stdout.readline().strip() == "building"  # both are inside the build now
    results = [run.communicate("\n", timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in results]
    assert results[0][0] == results[1][0] and results[0][0].strip()
    assert [p.name for p in termbase.parent.iterdir() if p.name.endswith(".tmp")] == []
    builds = Builds()
    assert answers(load_cached(termbase, builds)) == answers(TermIndex(read_termbase(termbase)))
    assert builds.count == 0


def test_lookup_from_the_command_line_builds_the_cache_once(termbase):
    command = [sys.executable, "-c", "from esfterm.cli import main; main()", "lookup", "ESS-a", "--termbase",
               str(termbase), "--json"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=120)
    place = cache_path(termbase)
    built = place.stat()
    second = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout
    assert (place.stat().st_ino, place.stat().st_mtime_ns) == (built.st_ino, built.st_mtime_ns)


class Holder:
    """An object with big and small containers, as a term index has."""

    def __init__(self, concepts: list[Concept]) -> None:
        self.entries = [(c, t) for c in concepts for t in c.terms()]
        self.by_word: defaultdict[str, list[int]] = defaultdict(list)
        for n, (_, term) in enumerate(self.entries):
            self.by_word[term.text.split()[0]].append(n)
        self.pairs = {(t.lang, t.text): n for n, (_, t) in enumerate(self.entries)}
        self.numbers = {n: str(n) for n in range(300)}
        self.small = {"a": 1}
        self.langs = ["sv", "sl"]


def test_the_lazy_store_gives_back_what_went_in(tmp_path):
    concepts = [Concept(f"c{i}", languages=[LangSection("sv", [Term(f"ord{i} fond", "sv")]),
                                             LangSection("sl", [Term(f"beseda{i} sklad", "sl", status="preferred")])])
                for i in range(400)]
    original = Holder(concepts)
    conn = sqlite3.connect(str(tmp_path / "store.sqlite"))
    write_store(conn, original, {"code": "test"})
    conn.commit()
    copy = read_store(conn)
    assert len(copy.entries) == 800 and copy.entries[-1][1].text == "beseda399 sklad"
    concept, term = copy.entries[3]
    assert term is concept.terms()[1]  # a hit's term is the very term of its concept
    assert copy.entries[2][0] is copy.entries[3][0]
    assert [(c.id, t.text) for c, t in copy.entries] == [(c.id, t.text) for c, t in original.entries]
    assert copy.by_word.get("ord7") == [14] and copy.by_word["nothing"] == [] and "nothing" not in copy.by_word
    assert copy.pairs[("sl", "beseda5 sklad")] == 11 and ("sl", "x") not in copy.pairs
    assert copy.numbers[299] == "299" and sorted(copy.numbers) == list(range(300))
    assert copy.small == {"a": 1} and copy.langs == ["sv", "sl"]
    assert dict(copy.pairs) == original.pairs
    assert copy.entries[-2:] == [copy.entries[798], copy.entries[799]]
    with pytest.raises(KeyError):
        copy.numbers[300]
    with pytest.raises(IndexError):
        copy.entries[800]


def test_a_termbase_object_is_indexed_in_memory_without_a_cache(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tb = Termbase([Concept("c1", languages=[LangSection("sv", [Term("lokalt partnerskap", "sv")])])])
    assert lookup("lokala partnerskap", termbase=tb)[0].concept.id == "c1"
    assert not any(p.name.endswith(SUFFIX) for p in tmp_path.rglob("*"))
