"""A build replaces its output folder whole or not at all, cleans what a killed build left,
keeps the user's own files there, and reads no page outside the corpus folder."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import filelock
import pytest

from esfterm import build as build_module
from esfterm.build import build
from esfterm.errors import InputError
from esfterm.staging import lock_path, recover

REPO = Path(__file__).resolve().parents[1]
PAGES = ["local-partnerships.sv.txt", "local-partnerships.sl.txt", "local-partnerships.lt.txt"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small real corpus: one ESF page in three languages."""
    folder = tmp_path / "corpus"
    (folder / "esf").mkdir(parents=True)
    rows = [line for line in (REPO / "corpora" / "manifest.tsv").read_text(encoding="utf-8").splitlines()
            if line.startswith("file\t") or any(line.startswith(f"esf/{p}\t") for p in PAGES)]
    (folder / "manifest.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for page in PAGES:
        shutil.copyfile(REPO / "corpora" / "esf" / page, folder / "esf" / page)
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")
                  and not p.name.endswith("esfterm-lock"))


def change_a_page(corpus: Path) -> None:
    page = corpus / "esf" / PAGES[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nEtt nytt stycke om lokala partnerskap.\n", encoding="utf-8")


def test_a_build_that_fails_half_way_leaves_the_previous_build_untouched(corpus, tmp_path, monkeypatch):
    out = tmp_path / "build"
    build(corpus, out, termbase=REPO / "termbase" / "esf.tbx")
    before = snapshot(out)
    change_a_page(corpus)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "write_glossary", broken)
    with pytest.raises(OSError, match="disk full"):
        build(corpus, out, termbase=REPO / "termbase" / "esf.tbx")
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_killed_build_leaves_the_old_or_the_new_build_never_a_mix(corpus, tmp_path):
    out = tmp_path / "build"
    build(corpus, out)
    old = snapshot(out)
    change_a_page(corpus)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    run = subprocess.Popen([sys.executable, "-c", "from esfterm.cli import main; main()", "build", "--corpus",
                            str(corpus), "--out", str(out), "--termbase", "none", "-q"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(60_000):  # until the stage has a file in it, or the build is over
        stages = list(tmp_path.glob(".build.staging-*"))
        if run.poll() is not None or any(any(s.iterdir()) for s in stages if s.exists()):
            break
        time.sleep(0.001)
    run.send_signal(signal.SIGKILL)
    run.wait()
    after = snapshot(out)
    build(corpus, tmp_path / "fresh")
    assert after in (old, snapshot(tmp_path / "fresh"))
    build(corpus, out)
    assert leftovers(out) == []


def test_leftovers_of_a_killed_build_are_cleaned_on_the_next_run(corpus, tmp_path):
    out = tmp_path / "build"
    build(corpus, out)
    stage = tmp_path / ".build.staging-dead1"
    stage.mkdir()
    (stage / "esf.tmx").write_text("half a file", encoding="utf-8")
    (stage / ".esf.tmx.x1.tmp").write_bytes(b"\0" * 1000)
    old_aside = tmp_path / ".build.old-dead2"
    old_aside.mkdir()
    build(corpus, out)
    assert leftovers(out) == []
    assert (out / "esf.tmx").read_text(encoding="utf-8").startswith("<?xml")


def test_a_build_killed_between_its_two_renames_gets_the_previous_build_back(corpus, tmp_path):
    out = tmp_path / "build"
    build(corpus, out)
    before = snapshot(out)
    os.rename(out, tmp_path / ".build.old-1234abcd")
    (tmp_path / ".build.staging-5678").mkdir()
    recover(out)
    assert snapshot(out) == before and leftovers(out) == []


def test_the_users_own_files_stay_and_outputs_of_the_previous_build_go(corpus, tmp_path):
    out = tmp_path / "build"
    build(corpus, out)
    (out / "my-notes.txt").write_text("keep me", encoding="utf-8")
    (out / "exports").mkdir()
    (out / "exports" / "for-trados.tmx").write_text("mine", encoding="utf-8")
    (out / "esf.sv-hr.tmx").write_text("from a build that had Croatian", encoding="utf-8")
    (out / "esf-tm.sqlite-wal").write_bytes(b"the old TM's log")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    report["outputs"]["esf.sv-hr.tmx"] = 3
    (out / "report.json").write_text(json.dumps(report), encoding="utf-8")
    build(corpus, out)
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "keep me"
    assert (out / "exports" / "for-trados.tmx").read_text(encoding="utf-8") == "mine"
    assert not (out / "esf.sv-hr.tmx").exists()
    assert not (out / "esf-tm.sqlite-wal").exists()


def test_a_second_build_into_the_same_folder_is_refused_while_one_runs(corpus, tmp_path):
    out = tmp_path / "build"
    with filelock.FileLock(str(lock_path(out))):
        with pytest.raises(InputError, match="another esfterm build is writing to this folder"):
            build(corpus, out)
    assert not out.exists()


def test_an_output_folder_that_holds_the_corpus_is_refused(corpus, tmp_path):
    with pytest.raises(InputError, match="must be a folder of its own"):
        build(corpus, tmp_path)
    assert (corpus / "manifest.tsv").exists()


def test_a_manifest_entry_outside_the_corpus_folder_is_refused(corpus, tmp_path):
    secret = tmp_path / "secret.en.txt"
    secret.write_text("The password is hunter2.", encoding="utf-8")
    manifest = corpus / "manifest.tsv"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "../secret.en.txt\ten\tx\t\t\tyes\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"manifest.tsv:5: listed file '../secret.en.txt' is outside the corpus"):
        build(corpus, tmp_path / "build")
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("../secret.en.txt", str(secret)),
                        encoding="utf-8")
    with pytest.raises(InputError, match="is outside the corpus folder"):
        build(corpus, tmp_path / "build")
    assert not (tmp_path / "build").exists()


def test_a_page_that_links_out_of_the_corpus_folder_is_refused(corpus, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The password is hunter2.", encoding="utf-8")
    (corpus / "esf" / "extra.en.txt").symlink_to(secret)
    with pytest.raises(InputError, match="extra.en.txt: links to a file outside the corpus folder"):
        build(corpus, tmp_path / "build")
