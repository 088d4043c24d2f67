"""Segment files: immutable files of article documents, one JSON document per line, beside the manifest.

A segment is written once, fsynced, and never changed; the manifest (``manifest.py``) says which segments
are live and, per article, the byte offset and length of its document, so reading one article is one
``os.pread`` of its bytes and one ``orjson.loads``.  Removing an article only drops it from the manifest;
its bytes stay in the segment until compaction rewrites that segment.

Compaction is a tiered merge, as in LSM stores and Lucene: segments are kept oldest first, and after an
import appends a new segment the newest two are merged while the older one holds no more live bytes than
the newer one.  That is a binary counter over segment sizes: every document is copied about log2(n)
times over a whole import, so the bytes an import writes stay O(n log n) instead of O(n²), and a store
holds O(log n) segments.  A merge never produces a segment above ``MAX_SEGMENT_BYTES``, which bounds the
worst single write (one import of one article never rewrites the corpus), and a segment whose bytes are
mostly removed articles is rewritten on its own to give them back.

Segment names come from a counter kept in the manifest and are never reused once a manifest named them,
so a process that cached an open file of a segment can never read another segment's bytes under its name.
Files in the folder that the manifest does not name (left by a killed writer, or merged away) are
deleted by the next writer, under the store's lock; a reader that still needs one of those re-reads the
manifest (see ``corpus.Corpus.document``).
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimscope.store.errors import StoreDamaged, StoreError
from claimscope.store.records import Record
from claimscope.store.storage import fsync_directory

SEGMENT_PREFIX = "seg-"
SEGMENT_SUFFIX = ".jsonl"
MAX_SEGMENT_BYTES = 32 * 1024 * 1024
"""No merge writes a segment larger than this; larger segments come only from one big batch, split here."""
DEAD_SHARE = 0.5
"""A segment whose removed articles hold at least this share of its bytes is rewritten without them."""

LOCATION_KEYS = ("seg", "at", "len", "crc")
"""The fields of an article's manifest entry that say where its document is and its checksum (the rest
is its summary).  The CRC-32 catches a damaged byte even where the JSON would still parse, and lets
compaction copy documents without parsing them yet never copy damage into a new segment."""


class SegmentMissing(StoreDamaged):
    """A segment the manifest names is not there: merged away by another writer, or lost."""


@dataclass(frozen=True, slots=True)
class Location:
    segment: str
    offset: int
    length: int
    crc: int


def location_of(entry: Record, article_id: str, path: Path | None) -> Location:
    """Where an article's document is, from its manifest entry; a malformed entry is damage."""
    try:
        segment, offset, length, crc = entry["seg"], entry["at"], entry["len"], entry["crc"]
    except KeyError:
        raise _bad_manifest(path, f"article {article_id} has no location") from None
    if not (isinstance(segment, str) and isinstance(offset, int) and isinstance(length, int) and isinstance(crc, int)):
        raise _bad_manifest(path, f"article {article_id} has a malformed location")
    return Location(segment, offset, length, crc)


def _bad_manifest(path: Path | None, problem: str) -> StoreDamaged:
    return StoreDamaged(f"store file {path} is damaged ({problem}); it was left untouched")


def segment_name(number: int) -> str:
    return f"{SEGMENT_PREFIX}{number:08d}{SEGMENT_SUFFIX}"


class SegmentFiles:
    """The segment folder of one store: reads by location, with the files kept open once used.

    An open file stays readable after another process deletes it (POSIX), so a reader that has touched a
    segment keeps reading it even after a merge elsewhere; ``opened`` records which files this process
    opened (the cost tests count them).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._files: dict[str, int] = {}
        self.opened: list[str] = []

    def close(self) -> None:
        for fd in self._files.values():
            with contextlib.suppress(OSError):
                os.close(fd)
        self._files.clear()

    def path_of(self, name: str) -> Path:
        return self.directory / name

    def _fd(self, name: str) -> int:
        fd = self._files.get(name)
        if fd is None:
            path = self.path_of(name)
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                raise SegmentMissing(
                    f"segment file {path} is missing (the store file names it); the store was left untouched"
                ) from None
            except OSError as exc:
                raise StoreError(f"cannot read segment file {path}: {exc.strerror or exc}") from None
            self._files[name] = fd
            self.opened.append(name)
        return fd

    def read(self, where: Location, article_id: str) -> bytes:
        """The bytes of one document; bytes that are cut short or fail the checksum are damage."""
        if "/" in where.segment or where.offset < 0 or where.length <= 0:
            raise StoreDamaged(f"the place of article {article_id} in the store file is malformed: {where}")
        data = os.pread(self._fd(where.segment), where.length, where.offset)
        problem = None
        if len(data) != where.length:
            problem = f"cut short before article {article_id}'s end at byte {where.offset + where.length}"
        elif zlib.crc32(data) != where.crc:
            problem = f"article {article_id} fails its checksum"
        if problem:
            raise StoreDamaged(
                f"segment file {self.path_of(where.segment)} is damaged ({problem}); it was left untouched"
            )
        return data

    def read_many(self, wanted: Iterable[tuple[str, Location]]) -> Iterator[tuple[str, bytes]]:
        """Documents in file order (segment, then offset), so a pass over many reads each file forward."""
        ordered = sorted(wanted, key=lambda pair: (pair[1].segment, pair[1].offset))
        for article_id, where in ordered:
            yield article_id, self.read(where, article_id)

    # -- writing (the caller holds the store's lock) -------------------------------------------------

    def write(self, name: str, documents: Sequence[tuple[str, bytes]]) -> dict[str, Location]:
        """Write one new segment and fsync it; where each document landed."""
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.path_of(name)
        places: dict[str, Location] = {}
        offset = 0
        with open(path, "wb") as handle:
            for article_id, data in documents:
                handle.write(data)
                handle.write(b"\n")
                places[article_id] = Location(name, offset, len(data), zlib.crc32(data))
                offset += len(data) + 1
            handle.flush()
            os.fsync(handle.fileno())
        return places

    def sync(self) -> None:
        """Make the new segments' directory entries durable before the manifest that names them."""
        fsync_directory(self.directory)

    def sweep(self, live: Iterable[str]) -> None:
        """Delete every segment file no manifest names (only ever called under the store's lock)."""
        keep = set(live)
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(self.directory):
                if entry.name not in keep and entry.name.startswith(SEGMENT_PREFIX):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


# -- compaction plan --------------------------------------------------------------------------------


@dataclass(slots=True)
class SegmentUse:
    """One live segment: its name, its size on disk and the bytes its live articles still use."""

    name: str
    size: int
    live: int
    members: list[str] = field(default_factory=list)


def chunks_for_segments(documents: Sequence[tuple[str, bytes]]) -> list[list[tuple[str, bytes]]]:
    """Split a batch of new documents into segments of at most ``MAX_SEGMENT_BYTES`` (each at least one)."""
    chunks: list[list[tuple[str, bytes]]] = [[]]
    size = 0
    for pair in documents:
        if chunks[-1] and size + len(pair[1]) > MAX_SEGMENT_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append(pair)
        size += len(pair[1]) + 1
    return [c for c in chunks if c]


def merge_groups(segments: list[SegmentUse]) -> list[list[SegmentUse]]:
    """Which runs of neighbouring segments to rewrite as one, oldest first; untouched ones stand alone.

    The tail merges like a binary counter (while the older neighbour holds no more live bytes than the
    newer, merge them, within the size cap); a segment mostly made of removed articles is rewritten alone.
    """
    groups: list[list[SegmentUse]] = []
    for segment in segments:
        groups.append([segment])
        while len(groups) >= 2:
            older, newer = groups[-2], groups[-1]
            older_live = sum(s.live for s in older)
            newer_live = sum(s.live for s in newer)
            if older_live > newer_live or older_live + newer_live > MAX_SEGMENT_BYTES:
                break
            groups[-2:] = [older + newer]
    return groups


def needs_rewrite(group: list[SegmentUse]) -> bool:
    """A group is rewritten when it merges segments or when one segment is mostly dead bytes."""
    if len(group) > 1:
        return True
    only = group[0]
    return only.live == 0 or only.live <= (1 - DEAD_SHARE) * only.size
