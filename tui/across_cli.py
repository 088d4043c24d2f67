"""What ``speakers``, ``claims --speaker`` and ``figures`` share: the index across articles, opened with a note.

The first command after an import catches the index up with the store (seconds for a large import);
a note on stderr says so, so a slow first listing is explained and stdout stays the data.
"""

from __future__ import annotations

from claimscope.store.across import AcrossIndex, open_across
from claimscope.store.interface import StoreInterface
from claimscope.tui.cli_output import note

NOTE_FROM = 2_000
"""Catching up with fewer articles takes about a second or less: not worth a line on stderr."""


class _CatchUpNote:
    """Says once, on stderr, how many articles the index lacked."""

    def __init__(self) -> None:
        self.said = False

    def __call__(self, done: int, total: int) -> None:
        if not self.said and total >= NOTE_FROM:
            self.said = True
            note(f"claimscope: reading {total} article(s) for the views across articles")


def across_index(store: StoreInterface) -> AcrossIndex:
    return open_across(store, progress=_CatchUpNote())


def date_of(published: str | None) -> str:
    """The day of an ISO timestamp, or "-" for an undated article."""
    return (published or "-")[:10]
