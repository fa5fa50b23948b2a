"""Shared test helpers: where the repository and ../shared are."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """../shared beside the checkout (CI always has it; a user's fresh clone may not)."""
    if not SHARED.is_dir():
        pytest.skip("../shared (standards and interop samples) is not beside this checkout")
    return SHARED


@pytest.fixture
def repo() -> Path:
    return REPO


def run_msgfmt(path: Path, *, check: bool = True) -> subprocess.CompletedProcess:
    """gettext's msgfmt on a PO file (-c: also the header, plural forms and format checks)."""
    args = ["msgfmt", *(["-c"] if check else []), "-o", os.devnull, str(path)]
    return subprocess.run(args, capture_output=True, text=True, check=False)


@pytest.fixture
def msgfmt():
    """run_msgfmt, or a skip when gettext is not installed (.ci/run installs it)."""
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext's msgfmt is not installed")
    return run_msgfmt


# ---------------------------------------------------------------- TM backends

#: .ci/run starts a PostgreSQL cluster and gives its URL here; without it the tests start their own.
PG_ENV = "ESFTERM_TEST_PG"


@pytest.fixture(scope="session")
def pg_server():
    """The URL of a PostgreSQL server for the TM tests: $ESFTERM_TEST_PG when set (then it must
    answer: CI really runs these tests), else a throwaway cluster started for this session when
    PostgreSQL is installed; a skip, with the reason, only when neither is possible."""
    import psycopg

    import pgcluster

    url = os.environ.get(PG_ENV)
    if url:
        psycopg.connect(url, connect_timeout=10).close()
        yield url
        return
    if pgcluster.bin_dir() is None:
        pytest.skip(f"PostgreSQL is not installed and ${PG_ENV} is not set (.ci/run installs and starts it)")
    try:
        folder, url = pgcluster.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"could not start a PostgreSQL cluster: {exc}")
    try:
        yield url
    finally:
        pgcluster.stop(folder)


class Backend:
    """Where a test's TMs live: files in tmp_path, or schemas of their own in the test database
    (dropped at the end), so every TM of every test starts empty."""

    def __init__(self, kind: str, tmp_path: Path, pg_url: str | None = None) -> None:
        self.kind, self.tmp_path, self.pg_url = kind, tmp_path, pg_url
        self._schemas: list[str] = []

    def __repr__(self) -> str:
        return self.kind

    def location(self, name: str = "tm") -> str | Path:
        """A new, empty TM location: a .sqlite path or a postgresql:// URL."""
        if self.kind == "sqlite":
            return self.tmp_path / f"{name}.sqlite"
        import psycopg

        schema = f"t{os.getpid()}_{next(_SCHEMA_NUMBERS)}_{name}".replace("-", "_").lower()
        with psycopg.connect(self.pg_url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            conn.execute(f"CREATE SCHEMA {schema}")
        self._schemas.append(schema)
        return with_search_path(self.pg_url, schema)

    def drop(self) -> None:
        if not self._schemas:
            return
        import psycopg

        with psycopg.connect(self.pg_url, autocommit=True) as conn:
            for schema in self._schemas:
                conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


_SCHEMA_NUMBERS = itertools.count(1)


def with_search_path(url: str, schema: str) -> str:
    """The URL with the connection's search_path set to `schema` (where the TM's tables go)."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path) -> Backend:
    """Each TM test runs once per backend: a SQLite file and a PostgreSQL database."""
    chosen = Backend(request.param, tmp_path,
                     request.getfixturevalue("pg_server") if request.param == "postgresql" else None)
    yield chosen
    chosen.drop()
