"""Rows of every article read an article at a time: the all-articles view lists at once and still sorts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from tui_harness import SIZE, fixture_app

from claimscope.tui.article_rows import GONE, ArticleOfItem, ArticleRows, ItemById
from claimscope.tui.widgets.stats_table import StatsTable
from claimscope.tui.widgets.virtual_table import Row


@dataclass(frozen=True)
class Note:
    id: str
    words: str


ITEMS = {
    "north": [Note("north:c1", "pier repairs begin"), Note("north:c2", "ferry fares rise")],
    "quiet": [],
    "south": [Note("south:c1", "bridge tolls end"), Note("south:c2", "trams run late"),
              Note("south:c3", "market hours grow")],
}


def _rows(reads: list[str], counts: list[int] | None = None) -> ArticleRows[Note]:
    def items_of(article_id: str) -> list[Note]:
        reads.append(article_id)
        return ITEMS.get(article_id, [])

    def row_of(note: Note) -> Row:
        return note.id, (note.words,)

    return ArticleRows(["north", "quiet", "south"], counts or [2, 0, 3], items_of, row_of)


def test_length_comes_from_the_counts_and_a_row_reads_only_its_article() -> None:
    reads: list[str] = []
    rows = _rows(reads)
    assert len(rows) == 5
    assert reads == []
    assert rows[3] == ("south:c2", ("trams run late",))
    assert reads == ["south"]
    assert rows[-1] == ("south:c3", ("market hours grow",))
    assert rows[1:3] == [("north:c2", ("ferry fares rise",)), ("south:c1", ("bridge tolls end",))]
    assert reads == ["south", "north"]
    with pytest.raises(IndexError):
        rows[5]


def test_a_key_is_found_by_reading_its_article_alone() -> None:
    reads: list[str] = []
    rows = _rows(reads)
    assert rows.index_of("south:c3") == 4
    assert reads == ["south"]
    assert rows.index_of("south:c9") is None
    assert rows.index_of("elsewhere:c1") is None
    assert rows.item("north:c1") == Note("north:c1", "pier repairs begin")
    assert ArticleOfItem(rows)["south:c1"] == "south"
    assert ItemById(rows)["north:c2"].words == "ferry fares rise"
    with pytest.raises(KeyError):
        ItemById(rows)["north:c7"]
    assert "north:c7" not in ArticleOfItem(rows)


def test_an_article_with_fewer_items_than_counted_keeps_its_place_with_blank_rows() -> None:
    reads: list[str] = []
    rows = _rows(reads, counts=[3, 0, 3])
    assert [key for key, _cells in rows] == ["north:c1", "north:c2", f"north:{GONE}2",
                                             "south:c1", "south:c2", "south:c3"]
    assert rows[2][1] == ()
    assert rows.index_of("south:c1") == 3


async def test_all_articles_statistics_sort_by_value_in_a_worker(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        stats = app.main_screen.query_one(StatsTable)
        assert stats.row_count == 3
        stats.focus()
        await pilot.press("s")  # value, ascending: every statistic is read off the UI thread
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [stats.get_row_at(i)[1].plain for i in range(stats.row_count)] == ["18", "1,240", "38.5M"]
        await pilot.press("s")  # value, descending
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [stats.get_row_at(i)[1].plain for i in range(stats.row_count)] == ["38.5M", "1,240", "18"]
