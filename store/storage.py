"""Files that are never half-written, fingerprints that tell when another process replaced one, and the
read-only TinyDB storage over the store's views.

TinyDB's ``JSONStorage`` re-reads and rewrites the whole file on every operation, in place (seek, write,
truncate), so a crash mid-write loses the store and every click costs a full rewrite.  Here a write
serialises first, writes a temporary file in the same directory, fsyncs it, ``os.replace``s it over the
target and fsyncs the directory: a reader or a ``kill -9`` sees either the old file or the new one.  The
store remembers the file's fingerprint (inode, size, mtime) to tell when another process replaced it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from claimscope.store.errors import StoreDamaged, StoreError

TEMP_PREFIX = ".claimscope-"
TEMP_SUFFIX = ".tmp"


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What changes when any process replaces a file: a new inode from ``os.replace``, its size, its mtime."""

    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Fingerprint | None:
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        return cls(st.st_ino, st.st_size, st.st_mtime_ns)


def atomic_write_bytes(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to ``path`` so that the file is at every moment either complete or absent.

    With ``replace=False`` an existing file is kept and ``FileExistsError`` raised (``os.link`` refuses to
    overwrite, so no other process can slip a file in between the check and the write).
    """
    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", suffix=TEMP_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(temp_name, path)
        else:
            os.link(temp_name, path)
            os.unlink(temp_name)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    fsync_directory(directory)


def fsync_directory(directory: Path) -> None:
    """Make the rename itself durable; some platforms cannot open a directory, which is harmless there."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temp_files(path: Path) -> None:
    """Delete temporary files a killed writer left beside ``path``.

    Only called while holding the store's lock: no live writer can own one of these files then.
    """
    with contextlib.suppress(OSError):
        for leftover in path.parent.glob(f"{TEMP_PREFIX}{path.name}.*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                leftover.unlink()


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of acyclic objects.

    Parsing a large store allocates millions of dicts and strings; every few hundred allocations the
    collector would walk all of them again, which made opening 10,000 articles twenty times slower than
    opening 1,000.  JSON data has no reference cycles, so nothing is lost by pausing it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_json_file(path: Path, *, what: str) -> Any:
    """Parse a JSON file; anything unreadable becomes ``StoreDamaged`` naming the path (file untouched)."""
    raw = read_file_bytes(path, what=what)
    if raw is None or not raw.strip():
        return None
    try:
        with gc_paused():
            return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreDamaged(f"{what} {path} is damaged (not valid JSON: {exc}); it was left untouched") from None


def read_file_bytes(path: Path, *, what: str) -> bytes | None:
    """A store file's bytes, or None when it does not exist yet; other failures name the file and why."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreDamaged(f"{what} {path} is a directory, not a store file") from None
    except OSError as exc:
        raise StoreError(f"cannot read {what} {path}: {exc.strerror or exc}") from None


def write_store_bytes(path: Path, blob: bytes) -> Fingerprint | None:
    """Replace the store file atomically (the caller holds the lock); returns the new fingerprint."""
    remove_stale_temp_files(path)
    atomic_write_bytes(path, blob)
    return Fingerprint.of(path)


class ViewStorage(Storage):
    """A read-only TinyDB storage whose tables are the store's lazy views (``corpus.py``).

    TinyDB's queries (``table.get``, ``table.search``) run over these views; every change goes through
    the ``Store``'s transactions instead, because TinyDB's own writes rebuild and rewrite whole tables.
    """

    def __init__(self, tables: Callable[[], dict[str, Any]]) -> None:
        self._tables = tables

    def read(self) -> dict[str, Any] | None:
        return self._tables()

    def write(self, data: dict[str, Any]) -> None:
        raise StoreError("the store is changed through Store methods (add_articles, remove_articles), not TinyDB")
