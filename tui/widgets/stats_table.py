"""The statistics pane: value, unit, measure, period and change, sortable by any column.

``s`` cycles the sort column (and reverses on a second press of the same column); clicking a header
sorts by it.  The model objects are kept beside the rows, so sorting reorders rows by the statistics'
values and never parses cell text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.worker import get_current_worker

from claimscope.extract.model import Statistic
from claimscope.tui.messages import StatisticChosen
from claimscope.tui.safe_text import one_line
from claimscope.tui.widgets.item_table import ItemTable, item_rows
from claimscope.tui.widgets.virtual_table import KeyedRows, Row, VirtualTable

SortKey = Callable[[Statistic], tuple[int, float | str]]


def _text_key(get: Callable[[Statistic], str | None]) -> SortKey:
    def key(statistic: Statistic) -> tuple[int, float | str]:
        value = get(statistic)
        return (0, value.casefold()) if value else (1, "")

    return key


SORT_KEYS: dict[str, SortKey] = {
    "value": lambda s: (0, s.value),
    "unit": _text_key(lambda s: s.unit),
    "measure": _text_key(lambda s: s.measure),
    "period": _text_key(lambda s: s.period),
    "change": _text_key(lambda s: s.direction),
}
SORT_ORDER = list(SORT_KEYS)
CHANGE_SYMBOLS = {"increase": "▲ up", "decrease": "▼ down"}


class StatsTable(ItemTable):
    """One row per statistic; the cursor posts ``StatisticChosen``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "cycle_sort", "Sort", tooltip="Sort by the next column (again: reverse)",
                id="stats.sort"),
    ]

    COLUMN_LIMITS: ClassVar[dict[str, int]] = {
        "value": 10, "unit": 12, "measure": 40, "period": 14, "change": 8,
    }
    FLEX_COLUMN: ClassVar[str | None] = "measure"
    SHRINK_TO_FIT: ClassVar[bool] = True
    NEVER_SHRINK: ClassVar[frozenset[str]] = frozenset({"value"})
    HEADER_ROOM: ClassVar[int] = 2

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sort_column: str | None = None
        self.sort_reverse = False
        self._statistics: Mapping[str, Statistic] = {}
        self._article_order: Sequence[Row] = []

    def on_mount(self) -> None:
        self.add_mark_column()
        self.add_column("Value", key="value", style="bold", justify="right")
        self.add_column("Unit", key="unit")
        self.add_column("Measure", key="measure")
        self.add_column("Period", key="period")
        self.add_column("Change", key="change")

    def show_statistics(self, statistics: Iterable[tuple[str, Statistic]]) -> None:
        pairs = list(statistics)
        rows, article_of = statistic_rows(pairs)
        self.show_statistic_rows(rows, article_of, {s.id: s for _a, s in pairs})

    def show_statistic_rows(
        self, rows: Sequence[Row], article_of: Mapping[str, str], statistics: Mapping[str, Statistic]
    ) -> None:
        """Ready rows in article order, kept sorted by the current sort column.

        Rows read as they are painted (``KeyedRows``, the "all articles" view) are shown in article order
        at once and sorted in a thread worker: sorting them reads every article.
        """
        self._statistics = statistics
        self._article_order = rows
        if self._sorts_in_worker():
            self.show_rows(rows, article_of)
            self._sort_in_worker(rows, statistics, None)
        else:
            self.show_rows(self._sorted(rows), article_of)

    def sort_by(self, column: str | None, reverse: bool = False) -> None:
        self.sort_column = column if column in SORT_KEYS else None
        self.sort_reverse = reverse
        self._update_headers()
        if self._sorts_in_worker():
            self._sort_in_worker(self._article_order, self._statistics, self.current_item_id)
            return
        self.workers.cancel_group(self, "sort")
        self.set_rows(self._sorted(self._article_order), keep_key=self.current_item_id)

    def _sorts_in_worker(self) -> bool:
        return self.sort_column is not None and isinstance(self._article_order, KeyedRows)

    def _sorted(self, rows: Sequence[Row]) -> Sequence[Row]:
        if self.sort_column is None:
            return rows
        key = SORT_KEYS[self.sort_column]
        statistics = self._statistics
        return sorted(rows, key=lambda row: key(statistics[row[0]]), reverse=self.sort_reverse)

    @work(thread=True, exclusive=True, group="sort", exit_on_error=False, description="sort statistics")
    def _sort_in_worker(
        self, rows: Sequence[Row], statistics: Mapping[str, Statistic], keep_key: str | None
    ) -> None:
        """Sort rows that read every article to be sorted, off the UI thread; a newer sort or list wins."""
        self.app.call_from_thread(self.notify, f"Sorting {len(rows):,} statistics…", timeout=2)
        order = (self.sort_column, self.sort_reverse)
        ordered = self._sorted(rows)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._sorted_ready, ordered, (rows, statistics, order), keep_key)

    def _sorted_ready(self, ordered: Sequence[Row], sorted_from: tuple[object, ...], keep_key: str | None) -> None:
        """Show sorted rows if they are still what the pane lists, in the order it is asked for."""
        rows, statistics, order = sorted_from
        current = rows is self._article_order and statistics is self._statistics
        if current and order == (self.sort_column, self.sort_reverse):
            self.set_rows(ordered, keep_key=keep_key)

    def action_cycle_sort(self) -> None:
        if self.sort_column is None:
            self.sort_by(SORT_ORDER[0])
        elif not self.sort_reverse:
            self.sort_by(self.sort_column, reverse=True)
        else:
            index = SORT_ORDER.index(self.sort_column) + 1
            self.sort_by(SORT_ORDER[index] if index < len(SORT_ORDER) else None)
        if self.sort_column is not None:
            direction = "descending" if self.sort_reverse else "ascending"
            self.notify(f"Statistics sorted by {self.sort_column}, {direction}", timeout=2)
        else:
            self.notify("Statistics in article order", timeout=2)

    @on(VirtualTable.HeaderSelected)
    def _header(self, event: VirtualTable.HeaderSelected) -> None:
        event.stop()
        column = event.column_key
        if column not in SORT_KEYS:
            return
        reverse = self.sort_column == column and not self.sort_reverse
        self.sort_by(column, reverse)

    def post_chosen(self, article_id: str, item_id: str, jump: bool) -> None:
        self.post_message(StatisticChosen(article_id, item_id, jump=jump))

    def _update_headers(self) -> None:
        for column in self.columns:
            if column.key not in SORT_KEYS:
                continue
            title = column.key.capitalize()
            if column.key == self.sort_column:
                title += " ▼" if self.sort_reverse else " ▲"
            self.set_column_label(column.key, title)


def compact_number(value: float) -> str:
    """``38500000`` -> ``38.5M``: short enough for a column; the reader shows the words as written."""
    size = abs(value)
    for threshold, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if size >= threshold:
            return f"{value / threshold:.4g}{suffix}"
    if size >= 10_000:
        return f"{value:,.0f}"
    return f"{value:,.4g}" if size >= 1000 else f"{value:.4g}"


def statistic_rows(statistics: Iterable[tuple[str, Statistic]]) -> tuple[list[Row], dict[str, str]]:
    """Rows for (article id, statistic) pairs and the article of each statistic."""
    return item_rows(statistics, statistic_cells)


def statistic_cells(statistic: Statistic) -> tuple[str, ...]:
    """Compact value (``~`` when approximate), then unit, measure, period and change."""
    value = ("~" if statistic.approximate else "") + compact_number(statistic.value)
    return (
        value,
        one_line(statistic.unit or ""),
        one_line(statistic.measure or ""),
        one_line(statistic.period or ""),
        CHANGE_SYMBOLS.get(statistic.direction or "", ""),
    )
