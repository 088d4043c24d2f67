"""Moving a whole store to another one (TinyDB to PostgreSQL and back): every article, then the marks.

Articles travel as their stored documents, so the copy rebuilds exactly the ``Article`` the source holds
(no re-extraction, nothing re-derived), in batches, each one write on the destination.  Re-running a copy
that was cut off resumes it: articles the destination already has count as unchanged and are not written
again (the embedded store skips known ids; PostgreSQL's ``ON CONFLICT`` does), so at most the batch in
flight is redone.  Marks go last: the source's current mark set (its only one for the embedded store;
the user's or the named set for PostgreSQL) is added to the destination's current one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import orjson

from claimscope.store.interface import StoreInterface
from claimscope.store.records import PreparedArticle, summary_of

COPY_BATCH = 500
GROWTH = 0.1
"""A batch also waits until it is this share of what the destination holds (the importer's rule: each
embedded write replaces the manifest, so fixed batches would make a big copy quadratic)."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class CopySummary:
    copied: int
    unchanged: int
    marks: int

    def line(self) -> str:
        return f"copied {self.copied} article(s), {self.unchanged} already there; {self.marks} mark(s)"


def copy_store(source: StoreInterface, destination: StoreInterface, progress: Progress | None = None) -> CopySummary:
    """Copy every article and the current marks of ``source`` into ``destination`` (see the module docstring)."""
    total = source.size()
    copied = unchanged = done = 0
    batch: list[PreparedArticle] = []
    held = destination.size()
    if progress is not None:
        progress(0, total)
    for article_id, document in source.documents():
        batch.append(PreparedArticle(article_id, summary_of(document), orjson.dumps(document)))
        if len(batch) >= max(COPY_BATCH, GROWTH * held):
            result = destination.add_prepared(batch)
            copied += result.imported
            unchanged += result.unchanged
            done += len(batch)
            held += result.imported
            batch.clear()
            if progress is not None:
                progress(done, total)
    if batch:
        result = destination.add_prepared(batch)
        copied, unchanged = copied + result.imported, unchanged + result.unchanged
    marks = source.marks()
    if marks:
        destination.mark(marks)
    if progress is not None:
        progress(total, total)
    return CopySummary(copied, unchanged, len(marks))
