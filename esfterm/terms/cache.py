"""The term index cache: a lookup on a big termbase loads its index instead of rebuilding it.

Building the index of a 100,000-concept termbase takes most of a minute; the cache keeps it
in a SQLite file read lazily (esfterm.terms.lazystore), so a later call only touches what its
query needs. The cache is keyed by the termbase's content hash and the code version (the
esfterm sources and the versions of the libraries that make word keys): a changed termbase
or a new esfterm rebuilds it. A cache is written to a locked temp file and renamed into
place, so two processes building at once both succeed (the last rename wins, each result is
whole) and a reader never sees a half-written cache.

The cache sits next to the termbase (`.esf.tbx.esfterm-index`) when that folder is writable,
else in the user cache folder (ESFTERM_CACHE_DIR, else the platform's, e.g. ~/.cache/esfterm).
"""

from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

import platformdirs

import esfterm
from esfterm.fileio import atomic_path
from esfterm.terms.lazystore import read_meta, read_store, write_store

#: Bumped when the cache layout changes in a way the code hash would not show.
FORMAT_VERSION = "1"
SUFFIX = ".esfterm-index"
CACHE_ENV = "ESFTERM_CACHE_DIR"
#: Libraries whose versions change the index (word keys, fuzzy vocabulary).
_LIBRARIES = ("simplemma", "snowballstemmer", "PyStemmer", "rapidfuzz")


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the esfterm sources (as files: stat is quicker than reading them) and the
    versions of the libraries the index depends on."""
    digest = hashlib.blake2b(digest_size=12)
    package = Path(esfterm.__file__).parent
    for source in sorted(package.rglob("*.py")):  # a source's size and date: any edit shows
        st = source.stat()
        digest.update(f"{source.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}".encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def content_digest(path: Path) -> str:
    """The termbase's content hash (its bytes, whatever its name or date)."""
    digest = hashlib.blake2b(digest_size=20)
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stat_key(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def cache_path(termbase: Path) -> Path:
    """Where the cache of `termbase` lives: beside it when its folder is writable (and not the
    installed package's), else in the user cache folder under a name made from its path."""
    real = termbase.resolve()
    package = Path(esfterm.__file__).resolve().parent
    if os.access(real.parent, os.W_OK) and not real.is_relative_to(package) and not os.environ.get(CACHE_ENV):
        return real.with_name(f".{real.name}{SUFFIX}")
    folder = Path(os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir("esfterm"))
    tag = hashlib.blake2b(str(real).encode(), digest_size=8).hexdigest()
    return folder / f"{real.name}.{tag}{SUFFIX}"


def _open(cache: Path) -> sqlite3.Connection | None:
    """The cache opened read-only (it never changes once renamed into place), or None."""
    if not cache.exists():
        return None
    try:
        return sqlite3.connect(f"file:{quote(str(cache))}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None


def _valid(conn: sqlite3.Connection, key: str, termbase: Path, stat: str) -> bool:
    """True when the cache was built from this content by this code: by the recorded file
    state when it is unchanged, else by hashing the file again."""
    try:
        meta = read_meta(conn)
    except sqlite3.Error:
        return False
    if meta.get("code") != key:
        return False
    return meta.get("stat") == stat or meta.get("content") == content_digest(termbase)


def load_cached(termbase: str | os.PathLike, build: Callable[[Path], Any]) -> Any:
    """The object `build(termbase)` makes, from the cache when it is valid, else built and cached.

    A cache that cannot be written (read-only disk, no space) only costs the rebuild next time.
    """
    termbase = Path(termbase)
    stat = _stat_key(termbase)
    key = f"{FORMAT_VERSION}:{code_version()}"
    cache = cache_path(termbase)
    conn = _open(cache)
    if conn is not None:
        if _valid(conn, key, termbase, stat):
            try:
                return read_store(conn)
            except (sqlite3.Error, EOFError, ImportError, AttributeError):
                pass
        conn.close()
    digest = content_digest(termbase)
    obj = build(termbase)
    if _stat_key(termbase) != stat:  # changed while it was read: cache nothing
        return obj
    try:
        write_cache(cache, obj, {"code": key, "stat": stat, "content": digest, "source": str(termbase.resolve())})
    except (OSError, sqlite3.Error):
        pass
    return obj


def write_cache(cache: Path, obj: Any, meta: dict[str, str]) -> None:
    """Write the cache into a locked temp beside its place and rename it there when complete."""
    with atomic_path(cache) as tmp:
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("BEGIN")
            write_store(conn, obj, meta)
            conn.execute("COMMIT")
        finally:
            conn.close()
