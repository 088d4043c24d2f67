"""Writing a transaction to disk: new segments first, then compaction, then the manifest, then cleanup.

The order is the crash-safety argument.  Segment files are written and fsynced (and their folder) before
the manifest that names them is replaced (temporary file, fsync, ``os.replace``, fsync of the folder), and
segments the new manifest no longer names are deleted only after it is in place.  So at every moment the
manifest on disk names only complete segments: a ``kill -9`` at any point leaves the old manifest with
its old segments, or the new one with its new segments, plus perhaps files no manifest names, which the
next writer deletes (under the lock, after re-reading the manifest).  The caller holds the store's lock.
"""

from __future__ import annotations

from pathlib import Path

from claimscope.store import manifest
from claimscope.store.corpus import Corpus
from claimscope.store.errors import StoreDamaged
from claimscope.store.records import Record
from claimscope.store.segments import (
    Location,
    SegmentFiles,
    SegmentUse,
    chunks_for_segments,
    merge_groups,
    needs_rewrite,
    segment_name,
)
from claimscope.store.storage import Fingerprint, write_store_bytes


def commit(draft: Corpus, files: SegmentFiles, path: Path, *, compact: bool) -> Fingerprint | None:
    """Write ``draft`` (changed in place: its new documents get places in segments); the new fingerprint.

    ``compact`` runs the merge policy (imports); without it (removal) only segments left with no live
    article are dropped, which costs nothing but the manifest.
    """
    files.sweep(draft.segment_sizes)  # leftovers of a killed writer: nothing names them
    new = [(article_id, bytes(doc)) for article_id, doc in draft.raw.items() if article_id in draft.entries]
    for chunk in chunks_for_segments(new):
        _write_segment(draft, files, chunk)
    draft.raw = {}
    uses = _segment_uses(draft)
    groups = merge_groups(uses) if compact else [[use] for use in uses]
    sizes: dict[str, int] = {}
    for group in groups:
        if not any(use.live for use in group):
            continue
        members = _readable_members(draft, files, group) if compact and needs_rewrite(group) else None
        if members is not None:
            _write_segment(draft, files, members, into=sizes)
        else:
            sizes.update((use.name, use.size) for use in group)
    draft.segment_sizes = sizes
    files.sync()
    fingerprint = write_store_bytes(path, manifest.encode(draft))
    files.sweep(sizes)
    return fingerprint


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
