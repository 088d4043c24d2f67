"""A TinyDB storage that never leaves a half-written file, and a middleware that writes only when told.

TinyDB's ``JSONStorage`` re-reads and rewrites the whole file on every operation, in place (seek, write,
truncate), so a crash mid-write loses the store and every click costs a full rewrite.  Here:

* ``AtomicJSONStorage`` serialises first (orjson), writes a temporary file in the same directory, fsyncs
  it, ``os.replace``s it over the store and fsyncs the directory: a reader or a ``kill -9`` sees either
  the old file or the new one.  It remembers the file's fingerprint (inode, size, mtime) so the store can
  tell when another process replaced it.  A file that is not a store is reported, never rewritten.
* ``BatchingMiddleware`` keeps the tables in memory; TinyDB's ``write`` calls only update that copy, and
  the store calls ``flush()`` once per batch, under its lock.
"""

from __future__ import annotations

import contextlib
import gc
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from tinydb.middlewares import Middleware
from tinydb.storages import Storage

from claimscope.store.errors import StoreDamaged, StoreError

Tables = dict[str, dict[str, Any]]

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
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
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
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreDamaged(f"{what} {path} is a directory, not a store file") from None
    except OSError as exc:
        raise StoreError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    if not raw.strip():
        return None
    try:
        with gc_paused():
            return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreDamaged(f"{what} {path} is damaged (not valid JSON: {exc}); it was left untouched") from None


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file, written atomically; see the module docstring."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.fingerprint: Fingerprint | None = None

    def read(self) -> Tables | None:
        before = Fingerprint.of(self.path)
        data = read_json_file(self.path, what="store file")
        if data is not None:
            check_shape(data, self.path)
        self.fingerprint = before
        return data  # type: ignore[no-any-return]

    def write(self, data: Tables) -> None:
        blob = orjson.dumps(data)
        remove_stale_temp_files(self.path)
        atomic_write_bytes(self.path, blob)
        self.fingerprint = Fingerprint.of(self.path)

    def changed_on_disk(self) -> bool:
        return Fingerprint.of(self.path) != self.fingerprint


def check_shape(data: Any, path: Path) -> None:
    """A TinyDB file is ``{table: {doc_id: {field: value}}}``; anything else is reported as damaged."""
    problem: str | None = None
    if not isinstance(data, dict):
        problem = "top level is not an object"
    else:
        for name, table in data.items():
            if not isinstance(table, dict):
                problem = f"table {name!r} is not an object"
                break
            if not all(isinstance(doc, dict) for doc in table.values()):
                problem = f"table {name!r} holds a record that is not an object"
                break
    if problem:
        raise StoreDamaged(f"store file {path} is damaged ({problem}); it was left untouched")


class BatchingMiddleware(Middleware):
    """Hold the tables in memory; TinyDB's writes touch only this copy until ``flush()``.

    Unlike TinyDB's ``CachingMiddleware`` there is no write counter that flushes behind the store's back:
    the store decides when to write, and does it under its lock.
    """

    def __init__(self, storage_cls: type[Storage]) -> None:
        super().__init__(storage_cls)
        self.cache: Tables | None = None
        self.dirty = False

    def read(self) -> Tables | None:
        if self.cache is None:
            self.cache = self.storage.read() or {}
        return self.cache

    def write(self, data: Tables) -> None:
        self.cache = data
        self.dirty = True

    def reload(self) -> Tables:
        """Drop the in-memory copy (and any unflushed change) and read the storage again."""
        self.cache = self.storage.read() or {}
        self.dirty = False
        return self.cache

    def flush(self) -> None:
        if self.dirty and self.cache is not None:
            self.storage.write(self.cache)
            self.dirty = False

    def close(self) -> None:
        """Closing never writes: an unflushed change is one the store chose not to commit."""
        self.storage.close()
