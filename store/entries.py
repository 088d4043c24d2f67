"""An article's manifest entry as the manifest writes it: one JSON array, its fields in a fixed order.

In memory an entry is a dict (``{"title": ..., "n_claims": ..., "seg": ...}``); on disk it is the array of
its values in the order of ``ENTRY_COLUMNS``, which the manifest's header also names.  Why: the article
list (``claimscope list``, the explorer's first paint) parses every entry, and orjson parses 100,000
arrays in about half the time of 100,000 objects (no keys to build), and the list can be printed from
the arrays without making a dict or an object per article.
"""

from __future__ import annotations

from typing import Any

from claimscope.store.records import Record
from claimscope.store.schema import SUMMARY_COUNTS
from claimscope.store.segments import LOCATION_KEYS

SUMMARY_COLUMNS = ("title", "published", "source", *SUMMARY_COUNTS.values())
"""The summary the article list shows, first, so a row's summary is its first ``len(SUMMARY_COLUMNS)`` values."""
VERSION_COLUMNS = ("lineage", "version")
"""A later version's link to its story (``store/versions/lineage.py``: the first version's id, its number);
null on an article that stands alone."""
ENTRY_COLUMNS = (*SUMMARY_COLUMNS, *LOCATION_KEYS, *VERSION_COLUMNS)
"""Every field of an entry, in the order the manifest writes them."""
TITLE, PUBLISHED, SOURCE = 0, 1, 2
N_SECTIONS = SUMMARY_COLUMNS.index("n_sections")
N_CLAIMS = SUMMARY_COLUMNS.index("n_claims")
N_STATISTICS = SUMMARY_COLUMNS.index("n_statistics")
LINEAGE = ENTRY_COLUMNS.index("lineage")
VERSION = ENTRY_COLUMNS.index("version")
"""Where the article list's fields are in a row."""

Row = list[Any]


def entry_row(entry: Record) -> Row:
    """The array the manifest writes for an entry (a field the entry lacks is null)."""
    unknown = entry.keys() - set(ENTRY_COLUMNS)
    if unknown:
        raise ValueError(f"manifest entries have no column for {sorted(unknown)}")
    return [entry.get(column) for column in ENTRY_COLUMNS]


def row_entry(row: Any) -> Record | None:
    """The entry of an array read from the manifest (null fields left out, as they were absent); None when
    it is not an array of the right length."""
    if type(row) is not list or len(row) != len(ENTRY_COLUMNS):
        return None
    return {column: value for column, value in zip(ENTRY_COLUMNS, row, strict=True) if value is not None}


def as_entry(value: Any) -> Record | None:
    """An entry read from a manifest: a row, or an object (as manifests before rows wrote it); None if neither."""
    if type(value) is dict:
        return value
    return row_entry(value)
