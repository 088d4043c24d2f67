"""Writing a transaction to disk: new segments first, then compaction, then the manifest, then cleanup.

The order is the crash-safety argument.  Segment files are written and fsynced (and their folder) before
the manifest that names them is replaced (temporary file, fsync, ``os.replace``, fsync of the folder), and
segments the new manifest no longer names are deleted only after it is in place.  So at every moment the
manifest on disk names only complete segments: a ``kill -9`` at any point leaves the old manifest with
its old segments, or the new one with its new segments, plus perhaps files no manifest names, which the
next writer deletes (under the lock, after re-reading the manifest).  The caller holds the store's lock.

A write takes one of two paths to the same bytes (a test holds them equal).  A store opened from its
manifest edits the manifest's lines (``_commit_lines``): only the lines of removed, added and moved
articles are parsed or written, new lines go where the article-list order puts them (bisection), and the
segments' live bytes come from the manifest, so importing one article into 100,000 parses about twenty
lines.  A corpus whose entries are already parsed (a new or in-memory-migrated store, or one whose
article list was read) is encoded whole from its entries.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from pathlib import Path

import orjson

from claimscope.store import manifest
from claimscope.store.corpus import Corpus, ids_of_lines
from claimscope.store.digest import digest_of
from claimscope.store.entries import as_entry, entry_row
from claimscope.store.errors import StoreDamaged
from claimscope.store.records import Record, display_key
from claimscope.store.segments import (
    Location,
    SegmentFiles,
    SegmentUse,
    chunks_for_segments,
    location_of,
    merge_groups,
    needs_rewrite,
    segment_name,
)
from claimscope.store.storage import Fingerprint, write_store_bytes

INSERT_LIMIT = 1000
"""Up to this many new articles are inserted one by one into the manifest's order; more are sorted in."""


def commit(draft: Corpus, files: SegmentFiles, path: Path, *, compact: bool) -> Fingerprint | None:
    """Write ``draft`` (changed in place: its new documents get places in segments); the new fingerprint.

    ``compact`` runs the merge policy (imports); without it (removal) only segments left with no live
    article are dropped, which costs nothing but the manifest.
    """
    files.sweep(draft.segment_sizes)  # leftovers of a killed writer: nothing names them
    if draft.manifest is not None and not draft.parsed and draft.segment_live is not None:
        return _commit_lines(draft, files, path, compact=compact)
    new = [(article_id, bytes(doc)) for article_id, doc in draft.raw.items() if article_id in draft.entries]
    _put_in_list_order(draft, [article_id for article_id, _ in new])
    for chunk in chunks_for_segments(new):
        _write_segment(draft, files, chunk)
    draft.raw = {}
    uses = _segment_uses(draft)
    groups = merge_groups(uses) if compact else [[use] for use in uses]
    sizes: dict[str, int] = {}
    live = {use.name: use.live for use in uses}
    for group in groups:
        if not any(use.live for use in group):
            continue
        members = _readable_members(draft, files, group) if compact and needs_rewrite(group) else None
        if members is not None:
            _write_segment(draft, files, members, into=sizes)
            live[next(reversed(sizes))] = sizes[next(reversed(sizes))]
        else:
            sizes.update((use.name, use.size) for use in group)
    draft.segment_sizes = sizes
    draft.segment_live = {name: live[name] for name in sizes}
    draft.digest = digest_of(draft.entries)  # every entry is parsed here: recomputed, never carried over
    files.sync()
    fingerprint = write_store_bytes(path, manifest.encode(draft))
    draft.manifest = None
    files.sweep(sizes)
    return fingerprint


def _put_in_list_order(draft: Corpus, new: list[str]) -> None:
    """Keep the entries in article-list order: a few new ones are inserted by bisection into the order
    the manifest already has (a handful of key computations each); otherwise everything is sorted once."""
    entries = draft.entries

    def key(article_id: str) -> tuple[bool, str, str, str]:
        return display_key(article_id, entries[article_id])

    if draft.ordered and len(new) <= INSERT_LIMIT:
        fresh = set(new)
        order = [a for a in entries if a not in fresh]
        for article_id in new:
            bisect.insort(order, article_id, key=key)
    else:
        order = sorted(entries, key=key)
    draft.entries = {article_id: entries[article_id] for article_id in order}
    draft.ordered = True


def _write_segment(
    draft: Corpus, files: SegmentFiles, documents: list[tuple[str, bytes]], *, into: dict[str, int] | None = None
) -> None:
    """Write one segment, point its articles' entries at it and list it (last) in ``into``."""
    name = segment_name(draft.next_segment)
    draft.next_segment += 1
    places = files.write(name, documents)
    for article_id, where in places.items():
        draft.entries[article_id] = _placed(draft.entries[article_id], where)
    size = sum(where.length + 1 for where in places.values())
    (draft.segment_sizes if into is None else into)[name] = size


def _readable_members(draft: Corpus, files: SegmentFiles, group: list[SegmentUse]) -> list[tuple[str, bytes]] | None:
    """The live documents of a group in file order, or None if any is damaged: a damaged segment is never
    merged (its bytes are kept as they are, and reading the article reports it)."""
    ordered = [a for use in group for a in sorted(use.members, key=lambda a: draft.entries[a]["at"])]
    try:
        return [(a, files.read(draft.location(a), a)) for a in ordered]
    except StoreDamaged:
        return None


def _placed(entry: Record, where: Location) -> Record:
    """A new entry (entries are shared with the corpus before the transaction, so never changed in place)."""
    return {**entry, "seg": where.segment, "at": where.offset, "len": where.length, "crc": where.crc}


def _segment_uses(corpus: Corpus) -> list[SegmentUse]:
    """Each live segment with the articles still in it, in the manifest's order (oldest first)."""
    uses = {name: SegmentUse(name, size, 0) for name, size in corpus.segment_sizes.items()}
    for article_id, entry in corpus.entries.items():
        use = uses[entry["seg"]]
        use.live += entry["len"] + 1
        use.members.append(article_id)
    return list(uses.values())


# -- the same write over the manifest's lines, without parsing every entry ----------------------------


class ManifestLines:
    """The article lines of a manifest, addressed by index, changed by a list of edits then joined once.

    Each line is ``\\n"<id>":[row],`` (the last line's comma is added here and taken off at the end), so
    deleting, replacing and inserting lines is slicing.  Finding a line is ``bytes.find``; the line starts
    are collected once by a C-level regex scan, and keys are parsed only for the lines a bisection visits.
    """

    def __init__(self, data: bytes, lines_at: int) -> None:
        region = data[lines_at : len(data) - len(manifest.CLOSE)]
        self.region = region + b"," if region.strip() else b""
        self.starts = [m.start() for m in _LINE_START.finditer(self.region)]
        self.replaced: dict[int, bytes] = {}
        self.inserted: list[tuple[int, tuple[bool, str, str, str], bytes]] = []

    def _end(self, index: int) -> int:
        return self.starts[index + 1] if index + 1 < len(self.starts) else len(self.region)

    def parse(self, index: int) -> tuple[str, Record]:
        line = self.region[self.starts[index] + 1 : self._end(index) - 1]
        ((article_id, value),) = orjson.loads(b"{" + line + b"}").items()
        entry = as_entry(value)
        if entry is None:
            raise StoreDamaged(f"article {article_id}'s manifest entry is not a row; the store was left untouched")
        return article_id, entry

    def find(self, article_id: str) -> int | None:
        at = self.region.find(b'\n"' + article_id.encode() + b'":[')
        return None if at < 0 else bisect.bisect_left(self.starts, at)

    def in_segment(self, name: str) -> Iterator[int]:
        """The lines that may have their document in segment ``name`` (the name as a field of the row: the
        caller checks the entry's ``seg``, since a title could be spelt like a segment name)."""
        needle = b"," + orjson.dumps(name) + b","
        at = self.region.find(needle)
        while at >= 0:
            yield bisect.bisect_right(self.starts, at) - 1
            at = self.region.find(needle, at + 1)

    def replace(self, index: int, article_id: str | None, entry: Record | None) -> None:
        self.replaced[index] = b"" if article_id is None else _line(article_id, entry or {})

    def insert(self, article_id: str, entry: Record) -> None:
        key = display_key(article_id, entry)
        index = bisect.bisect_left(range(len(self.starts)), key, key=lambda i: display_key(*self.parse(i)))
        self.inserted.append((index, key, _line(article_id, entry)))

    def joined(self) -> bytes:
        """The new article region, ready to follow the articles line."""
        points = sorted(
            [(self.starts[i] if i < len(self.starts) else len(self.region), 0, k, line) for i, k, line in self.inserted]
            + [(self.starts[i], 1, (False, "", "", ""), line) for i, line in self.replaced.items()]
        )
        pieces: list[bytes] = []
        done = 0
        for offset, kind, _, line in points:
            pieces.append(self.region[done:offset])
            pieces.append(line)
            done = offset if kind == 0 else self._end(bisect.bisect_left(self.starts, offset))
        pieces.append(self.region[done:])
        return b"".join(pieces)[:-1]


_LINE_START = re.compile(rb'\n"')
def _line(article_id: str, entry: Record) -> bytes:
    return b"\n" + orjson.dumps(article_id) + b":" + orjson.dumps(entry_row(entry)) + b","


def _commit_lines(draft: Corpus, files: SegmentFiles, path: Path, *, compact: bool) -> Fingerprint | None:
    """``commit`` for a corpus whose entries are still the manifest's lines: only the lines of removed,
    added and moved articles are parsed or written, and the segments' live bytes come from the manifest."""
    assert draft.manifest is not None and draft.segment_live is not None
    lines = ManifestLines(*draft.manifest)
    live = dict(draft.segment_live)
    for article_id in draft.removed:
        index = lines.find(article_id)
        if index is not None:
            entry = lines.parse(index)[1]
            live[entry["seg"]] = live.get(entry["seg"], 0) - entry["len"] - 1
            lines.replace(index, None, None)
    new = [(article_id, bytes(doc)) for article_id, doc in draft.raw.items() if article_id in draft.added]
    for chunk in chunks_for_segments(new):
        _write_segment_lazily(draft, files, chunk, live)
    uses = [SegmentUse(name, size, live[name]) for name, size in draft.segment_sizes.items()]
    groups = merge_groups(uses) if compact else [[use] for use in uses]
    sizes: dict[str, int] = {}
    for group in groups:
        if not any(use.live for use in group):
            continue
        members = _lazy_members(draft, lines, group) if compact and needs_rewrite(group) else None
        documents = _read_all(draft, files, members) if members is not None else None
        if members is None or documents is None:
            sizes.update((use.name, use.size) for use in group)
            continue
        name, places, size = _new_segment(draft, files, documents)
        sizes[name] = live[name] = size
        for article_id, (index, entry) in members.items():
            placed = _placed(entry, places[article_id])
            if index is None:
                draft.added[article_id] = placed
            else:
                lines.replace(index, article_id, placed)
    for article_id, entry in draft.added.items():
        lines.insert(article_id, entry)
    draft.segment_sizes = sizes
    draft.segment_live = {name: live[name] for name in sizes}
    draft.raw = {}
    files.sync()
    region = lines.joined()
    if draft.digest is None:  # written by a claimscope that kept no digest: computed once, from the ids
        draft.digest = digest_of(ids_of_lines(region))
    data = manifest.header(draft)
    lines_at = len(data)
    data += region + manifest.CLOSE
    fingerprint = write_store_bytes(path, data)
    draft.manifest, draft.removed, draft.added = (data, lines_at), set(), {}
    files.sweep(sizes)
    return fingerprint


def _new_segment(
    draft: Corpus, files: SegmentFiles, documents: list[tuple[str, bytes]]
) -> tuple[str, dict[str, Location], int]:
    name = segment_name(draft.next_segment)
    draft.next_segment += 1
    places = files.write(name, documents)
    return name, places, sum(where.length + 1 for where in places.values())


def _write_segment_lazily(
    draft: Corpus, files: SegmentFiles, documents: list[tuple[str, bytes]], live: dict[str, int]
) -> None:
    name, places, size = _new_segment(draft, files, documents)
    for article_id, where in places.items():
        draft.added[article_id] = _placed(draft.added[article_id], where)
    draft.segment_sizes[name] = live[name] = size


def _lazy_members(
    draft: Corpus, lines: ManifestLines, group: list[SegmentUse]
) -> dict[str, tuple[int | None, Record]]:
    """The live articles of a group's segments in file order: line index (None if added now) and entry."""
    found: list[tuple[int, int, str, int | None, Record]] = []
    for rank, use in enumerate(group):
        for index in lines.in_segment(use.name):
            if index in lines.replaced:
                continue
            article_id, entry = lines.parse(index)
            if entry.get("seg") != use.name:
                continue
            found.append((rank, entry["at"], article_id, index, entry))
        for article_id, entry in draft.added.items():
            if entry.get("seg") == use.name:
                found.append((rank, entry["at"], article_id, None, entry))
    found.sort(key=lambda row: (row[0], row[1]))
    return {article_id: (index, entry) for _, _, article_id, index, entry in found}


def _read_all(
    draft: Corpus, files: SegmentFiles, members: dict[str, tuple[int | None, Record]]
) -> list[tuple[str, bytes]] | None:
    """The members' documents, or None if any is damaged (a damaged segment is never merged)."""
    try:
        return [(a, files.read(location_of(entry, a, draft.path), a)) for a, (_, entry) in members.items()]
    except StoreDamaged:
        return None
