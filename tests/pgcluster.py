"""A throwaway PostgreSQL cluster for tests and benchmarks: initdb in a temp folder, a free
loopback port, trust authentication for one user, stopped and removed at the end.

    python tests/pgcluster.py start DIR    # prints the cluster's URL (DIR must not exist yet)
    python tests/pgcluster.py stop DIR     # stops it and removes DIR

initdb refuses to run as root, so as root the server runs as the `postgres` user that Debian's
package creates. Only 127.0.0.1 is listened on; the socket lives in DIR.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

USER = "esfterm"
DATABASE = "esfterm"


def bin_dir() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian: /usr/lib/postgresql/N/bin), or None."""
    found = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    if not found:
        initdb = shutil.which("initdb")
        return Path(initdb).parent if initdb else None
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(args: list[str], as_postgres: bool) -> None:
    if as_postgres:
        args = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{a}'" for a in args)]
    result = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if result.returncode:
        raise RuntimeError(f"{args[0]} failed: {(result.stderr or result.stdout).strip()[-500:]}")


def start(folder: Path | None = None, *, durable: bool = False) -> tuple[Path, str]:
    """Start a cluster in `folder` (a new temp folder by default; as root, the postgres user must
    be able to reach it); returns (folder, URL).

    Tests run without fsync; a `durable` cluster (benchmarks) keeps PostgreSQL's defaults."""
    binaries = bin_dir()
    if binaries is None:
        raise RuntimeError("PostgreSQL is not installed (no initdb found)")
    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="esfterm-pg-"))
    folder.mkdir(parents=True, exist_ok=True)
    as_postgres = os.geteuid() == 0
    if as_postgres:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", _free_port()
    _run([str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8",
          "--locale=C.UTF-8"], as_postgres)
    _run([str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w", "-t", "60",
          "-o", f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c max_connections=200"
          + ("" if durable else " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"),
          "start"], as_postgres)
    _run([str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", USER, DATABASE], as_postgres)
    return folder, f"postgresql://{USER}@127.0.0.1:{port}/{DATABASE}"


def stop(folder: Path) -> None:
    """Stop the cluster in `folder` and remove the folder."""
    binaries = bin_dir()
    if binaries is not None and (folder / "data" / "postmaster.pid").exists():
        _run([str(binaries / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate", "-w", "stop"],
             os.geteuid() == 0)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    command, where = sys.argv[1], Path(sys.argv[2])
    if command == "start":
        print(start(where)[1])
    elif command == "stop":
        stop(where)
    else:
        sys.exit(f"usage: {sys.argv[0]} start|stop DIR")
