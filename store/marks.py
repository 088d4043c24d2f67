"""The marked item ids, kept in a small file beside the corpus.

Marking is the most frequent write (one per keypress in the explorer); keeping it out of the corpus file
means a click rewrites a few hundred bytes, not the whole collection.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from claimscope.store.errors import StoreDamaged
from claimscope.store.storage import Fingerprint, atomic_write_bytes, read_json_file, remove_stale_temp_files

MARKS_VERSION = 1


class MarksFile:
    """The marks on disk (or only in memory when ``path`` is None) and the fingerprint last seen."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.marks: set[str] = set()
        self.fingerprint: Fingerprint | None = None
        self.load()

    def load(self) -> None:
        if self.path is None:
            return
        before = Fingerprint.of(self.path)
        data = read_json_file(self.path, what="marks file")
        self.marks = _parse(data, self.path)
        self.fingerprint = before

    def changed_on_disk(self) -> bool:
        return self.path is not None and Fingerprint.of(self.path) != self.fingerprint

    def save(self, marks: set[str]) -> None:
        self.marks = set(marks)
        if self.path is None:
            return
        blob = orjson.dumps({"version": MARKS_VERSION, "marks": sorted(self.marks)})
        remove_stale_temp_files(self.path)
        atomic_write_bytes(self.path, blob)
        self.fingerprint = Fingerprint.of(self.path)


def _parse(data: object, path: Path) -> set[str]:
    if data is None:
        return set()
    if isinstance(data, dict):
        marks = data.get("marks")
        if isinstance(marks, list) and all(isinstance(m, str) for m in marks):
            return set(marks)
    raise StoreDamaged(f"marks file {path} is damaged (expected {{'marks': [ids]}}); it was left untouched")
