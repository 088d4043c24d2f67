"""The index beside the store (``<store>.index/``): segments, tombstones, a manifest, kept in step.

Layout::

    store.json.index/
        MANIFEST.json        {"version", "segments": [names], "tombstones": {name: [article ids]},
                              "covers": {"articles": count, "digest": hex}}
        seg-<n>-<random>/    one immutable segment (``segment.py``): .npy arrays, vocab.txt, meta.json
        lock                 the index's own lock (filelock), separate from the store's

Every change writes new segment directories first (files fsynced, directory renamed into place) and
replaces ``MANIFEST.json`` last (temp file, fsync, ``os.replace``), so a kill -9 at any moment leaves
either the old manifest or the new one, each naming only complete segments; directories no manifest
names are deleted by the next writer.

The index is never trusted: ``open_index`` checks that it covers exactly the store's articles.  The
fast check compares the count and digest of the article ids the store's manifest records
(``store/digest.py``) with the ones the index's manifest recorded when it was written; when they
differ, or either side recorded none, it compares the article ids the store holds with the ones the
index covers (segments' articles minus tombstones).  Missing articles are indexed into a new delta
segment, extra ones tombstoned, and a manifest or segment that cannot be read or whose files disagree
with their recorded size and checksum means a rebuild from the store.  So a crash between a store write
and the index update (or a store changed by an older claimscope) is repaired on the next open.  When
the lock is busy (another process is updating), the catch-up stays in memory and nothing is written.

Deltas are merged when there are more than ``MAX_DELTAS`` of them (into one delta, re-read from the
store's documents of just those articles), and everything is rebuilt when deltas and tombstones outgrow
a share of the base, so a query never reads many segments and the work of a merge stays proportional
to what changed, except for the rare rebuild.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from claimscope.store.db import Store
from claimscope.store.digest import as_text, digest_of, from_text
from claimscope.store.interface import Searcher, SearchesItself, StoreInterface
from claimscope.store.records import Record
from claimscope.store.search.index import SearchIndex
from claimscope.store.search.segment import Segment, SegmentBuilder, SegmentDamaged
from claimscope.store.storage import Fingerprint, atomic_write_bytes, gc_paused

INDEX_VERSION = 1
MANIFEST = "MANIFEST.json"
LOCK = "lock"
MAX_DELTAS = 4
REBUILD_SHARE = 0.5
"""Rebuild everything when deltas plus tombstoned articles exceed this share of the base's articles."""

Progress = Callable[[int, int], None]


def index_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".index")


def store_article_ids(store: StoreInterface) -> set[str]:
    """The article ids the store holds (read from the manifest's rows: no article is parsed)."""
    return set(store.article_ids())


def documents_for(store: StoreInterface, ids: Iterable[str]) -> Iterator[tuple[str, Record]]:
    """The stored documents of ``ids`` only: the one place the index reads articles from the store (only
    the segments that hold them are read)."""
    return store.documents(ids)


def build_segment(store: StoreInterface, ids: list[str], progress: Progress | None = None) -> Segment:
    """A new segment of the given articles, read one at a time from the store."""
    builder = SegmentBuilder()
    if progress is not None:
        progress(0, len(ids))
    with gc_paused():
        for done, (article_id, document) in enumerate(documents_for(store, ids), start=1):
            builder.add_article(article_id, document)
            if progress is not None and done % 200 == 0:
                progress(done, len(ids))
    if progress is not None:
        progress(len(ids), len(ids))
    return builder.finish()


class _State:
    """What a manifest names, loaded: segments by name, in order, and per segment its tombstones.

    Tombstones are per segment, so an article removed and imported again is dead in its old segment
    and alive in the new one.  ``covers`` is what the manifest recorded of the articles it covers (their
    count and digest, ``store/digest.py``), or None when it recorded nothing (a state not read from disk,
    or a manifest written by a claimscope that did not record it).
    """

    def __init__(
        self,
        segments: dict[str, Segment],
        tombstones: dict[str, set[str]],
        covers: tuple[int, int] | None = None,
    ) -> None:
        self.segments = segments
        self.tombstones = {name: s.holding(tombstones.get(name, set())) for name, s in segments.items()}
        self.covers = covers
        self._covered: set[str] | None = None

    def matches(self, store: Store) -> bool:
        """True when the store's article set is the one this state recorded covering: the store's manifest
        records the digest of its ids, and the count and digest are the ones written here.  No id is read."""
        digest = store.article_digest()
        return self.covers is not None and digest is not None and self.covers == (store.size(), digest)

    def index(self) -> SearchIndex:
        return SearchIndex(self.segments.values(), [frozenset(self.tombstones[n]) for n in self.segments])

    def covered(self) -> set[str]:
        """The article ids whose units count (a state never changes once made, so this is worked out once)."""
        if self._covered is None:
            self._covered = {
                a for name, s in self.segments.items() for a in s.article_ids if a not in self.tombstones[name]
            }
        return self._covered

    def manifest(self, digest: int | None = None) -> bytes:
        """The manifest's bytes, with the count and digest of the articles covered: ``digest`` when the caller
        knows it (the store's, for a state just compared equal to the store's ids), else computed here."""
        tombstones = {name: sorted(ids) for name, ids in self.tombstones.items() if ids}
        covered = self.covered()
        manifest = {
            "version": INDEX_VERSION,
            "segments": list(self.segments),
            "tombstones": tombstones,
            "covers": {"articles": len(covered), "digest": as_text(digest_of(covered) if digest is None else digest)},
        }
        return json.dumps(manifest).encode()


EMPTY = _State({}, {})


def _read_state(directory: Path) -> _State | None:
    """The persisted state, or None when there is none or any part of it is damaged (then: rebuild)."""
    try:
        manifest = json.loads((directory / MANIFEST).read_bytes())
        if not isinstance(manifest, dict) or manifest.get("version") != INDEX_VERSION:
            return None
        names = [str(n) for n in manifest["segments"]]
        tombstones = {str(n): {str(a) for a in ids} for n, ids in dict(manifest["tombstones"]).items()}
        segments = {name: Segment.load(directory / name) for name in names}
        covers = manifest.get("covers")
        count = covers.get("articles") if isinstance(covers, dict) else None
        digest = from_text(covers.get("digest")) if isinstance(covers, dict) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, SegmentDamaged):
        return None
    recorded = (count, digest) if isinstance(count, int) and digest is not None else None
    return _State(segments, tombstones, recorded)


def open_index(store: StoreInterface, *, persist: bool = True, progress: Progress | None = None) -> Searcher:
    """The store's index: read from disk, verified against the store, caught up (and saved) if it lags.

    A store that searches in its own engine (``SearchesItself``: PostgreSQL) answers itself, with no
    index files.  An in-memory store gets a fresh in-memory index.  ``progress(done, total)`` is called
    while articles are being indexed (only when the index lags the store; first with ``done == 0``).
    """
    if isinstance(store, SearchesItself):
        return store.searcher()
    assert isinstance(store, Store), store
    return _open_files_index(store, persist=persist, progress=progress)


def _open_files_index(store: Store, *, persist: bool, progress: Progress | None) -> SearchIndex:
    """``open_index`` for the embedded store: the segment files beside it."""
    if store.path == Path(":memory:"):
        return SearchIndex([build_segment(store, sorted(store_article_ids(store)), progress)])
    directory = index_path(store.path)
    seen = Fingerprint.of(directory / MANIFEST)
    state = _read_state(directory) or EMPTY
    if state.matches(store):
        return state.index()
    wanted = store_article_ids(store)
    if state.covered() == wanted:
        if state.covers is None and persist:
            _record_covers(directory)
        return state.index()
    if persist:
        with suppress(OSError), _index_lock(directory) as locked:
            if locked:
                # Another process may have written since we read: then start again from what is on disk
                # now (every write replaces the manifest, so its fingerprint tells; segments never change).
                if Fingerprint.of(directory / MANIFEST) != seen:
                    state = _read_state(directory) or EMPTY
                if state.covered() != wanted:
                    state = _caught_up(store, state, wanted, progress)
                    # The store's digest is that of ``wanted``; the new state's ids are compared with it here,
                    # so hashing 100,000 ids again is needed only when they differ (never, by construction).
                    _write(directory, state, store.article_digest() if state.covered() == wanted else None)
                return state.index()
    return _caught_up(store, state, wanted, progress).index()


def _record_covers(directory: Path) -> None:
    """Rewrite the manifest of an index written before it recorded what it covers (once, if the lock is free)."""
    with suppress(OSError), _index_lock(directory) as locked:
        state = _read_state(directory) if locked else None
        if state is not None and state.covers is None:
            _write(directory, state)


def update_index(store: StoreInterface) -> None:
    """Bring the persisted index in step with the store after an import or a remove (never raises)."""
    if not isinstance(store, Store) or store.path == Path(":memory:"):
        return
    with suppress(OSError):
        open_index(store)


def _caught_up(store: Store, state: _State, wanted: set[str], progress: Progress | None) -> _State:
    """The state with tombstones for articles gone from the store and a delta for new ones; merged when big."""
    segments = dict(state.segments)
    tombstones = {name: ids | (set(segments[name].article_ids) - wanted) for name, ids in state.tombstones.items()}
    missing = sorted(wanted - state.covered())
    if missing:
        segments[_new_name()] = build_segment(store, missing, progress)
    names = list(segments)
    base = segments[names[0]]
    delta_articles = sum(len(segments[n].article_ids) for n in names[1:])
    dead = sum(len(ids) for ids in tombstones.values())
    if len(names) > 1 and delta_articles + dead > REBUILD_SHARE * max(len(base.article_ids), 1):
        return _State({_new_name(): build_segment(store, sorted(wanted), progress)}, {})
    if len(names) - 1 > MAX_DELTAS:
        in_deltas = {a for n in names[1:] for a in segments[n].article_ids} & wanted
        merged = build_segment(store, sorted(in_deltas - (set(base.article_ids) - tombstones.get(names[0], set()))))
        return _State({names[0]: base, _new_name(): merged}, {names[0]: tombstones.get(names[0], set())})
    return _State(segments, tombstones)


def _new_name() -> str:
    return f"seg-{os.urandom(6).hex()}"


def _write(directory: Path, state: _State, digest: int | None = None) -> None:
    """New segment directories, then the manifest (atomically, last), then unreferenced directories go."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, segment in state.segments.items():
        final = directory / name
        if final.exists():
            continue
        temp = directory / f".tmp-{name}"
        shutil.rmtree(temp, ignore_errors=True)
        segment.save(temp)
        os.replace(temp, final)
    _fsync_dir(directory)
    atomic_write_bytes(directory / MANIFEST, state.manifest(digest))
    for entry in directory.iterdir():
        if entry.is_dir() and entry.name not in state.segments:
            shutil.rmtree(entry, ignore_errors=True)


def _fsync_dir(directory: Path) -> None:
    with suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextmanager
def _index_lock(directory: Path) -> Iterator[bool]:
    """The index's own lock, without waiting: True when held, False when another process has it."""
    import filelock  # only a writer needs it: a read-only search does not pay for its import

    directory.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(str(directory / LOCK), timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        yield False
        return
    try:
        yield True
    finally:
        lock.release()
