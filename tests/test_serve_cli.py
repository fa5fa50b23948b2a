"""`esfterm serve` as users start it: one command serves; bad options are one line and exit 2."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import httpx
from click.testing import CliRunner

from esfterm.cli import main
from esfterm.tm import TranslationMemory

TOKEN = "team-token-0123456789"
SERVE = [sys.executable, "-c", "from esfterm.cli import main; main()", "serve"]


def run(*args) -> object:
    return CliRunner().invoke(main, ["serve", *map(str, args)])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(args: list[str]) -> tuple[subprocess.Popen, str]:
    """A server process; returns it with its base URL once it says where it listens."""
    server = subprocess.Popen([*SERVE, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = server.stderr.readline()
    assert "serving" in line, line + server.stderr.read()
    return server, line.split(" at ")[1].split("/ ")[0]


def test_one_command_serves_the_api_and_the_page(backend):
    location = backend.location()
    server, url = start(["--tm", str(location), "--port", str(free_port()), "--token", TOKEN])
    try:
        info = httpx.get(f"{url}/api/info", timeout=30).json()
        assert info["tm"]["backend"] == backend.kind and info["imports"] is True
        done = httpx.post(f"{url}/api/tm/import", params={"filename": "a.tsv", "src": "sv", "tgt": "sl"},
                          content="Ansök nu\tPrijavite se zdaj\n".encode(), headers={"Authorization": f"Bearer {TOKEN}"},
                          timeout=30).json()
        assert done["added"] == 1
        assert "<title>esfterm lookup</title>" in httpx.get(url + "/", timeout=30).text
    finally:
        server.terminate()
        server.wait(30)
    with TranslationMemory(location, readonly=True) as tm:
        assert len(tm) == 1


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        result = run("--tm", tmp_path / "tm.sqlite", "--port", busy.getsockname()[1])
    assert result.exit_code == 2
    assert result.stderr.startswith("esfterm: error: cannot listen on 127.0.0.1:") and result.stderr.count("\n") == 1


def test_an_unreachable_database_is_one_line_and_exit_2():
    port = free_port()
    result = run("--tm", f"postgresql://esfterm:secret@127.0.0.1:{port}/tm?connect_timeout=3", "--port", free_port())
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "cannot connect to the PostgreSQL server" in result.stderr
    assert "secret" not in result.stderr and "esfterm:***@" in result.stderr


def test_a_file_that_is_no_tm_or_a_missing_termbase_is_one_line_and_exit_2(tmp_path):
    notes = tmp_path / "notes.sqlite"
    notes.write_text("not a database " * 100, encoding="utf-8")
    result = run("--tm", notes, "--port", free_port())
    assert result.exit_code == 2 and "not a translation memory" in result.stderr and result.stderr.count("\n") == 1
    missing = run("--tm", tmp_path / "tm.sqlite", "--termbase", tmp_path / "none.tbx", "--port", free_port())
    assert missing.exit_code == 2 and "none.tbx" in missing.stderr and missing.stderr.count("\n") == 1


def test_a_short_token_is_refused(tmp_path):
    result = run("--tm", tmp_path / "tm.sqlite", "--token", "secret")
    assert result.exit_code == 2 and "--token is too short" in result.stderr
    assert not Path(tmp_path / "tm.sqlite").exists()
