"""What the claim and statistic panes share: rows keyed by item id, a mark column, focus-gated messages.

A pane only reports cursor moves while it has focus, so when the screen moves a pane's cursor (for
example to the claim that holds a chosen statistic) no message comes back and nothing loops.  Rows live
in a ``VirtualTable``, so the "all articles" view can list every item of a large store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import ClassVar, Protocol, TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.reactive import reactive

from claimscope.tui.widgets.virtual_table import CELL_PADDING, Cell, Row, VirtualTable

MARK_COLUMN = "mark"
MARK_SYMBOL = "●"
MEASURED_ROWS = 2000
"""Rows read to size the columns: enough to be representative, few enough to stay instant."""


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


ItemT = TypeVar("ItemT", bound=_HasId)


def item_rows(
    items: Iterable[tuple[str, ItemT]], cells: Callable[[ItemT], tuple[Cell, ...]]
) -> tuple[list[Row], dict[str, str]]:
    """Rows for (article id, item) pairs and the article of each item; cheap enough for 100,000."""
    rows: list[Row] = []
    article_of: dict[str, str] = {}
    for article_id, item in items:
        rows.append((item.id, cells(item)))
        article_of[item.id] = article_id
    return rows, article_of


class ItemTable(VirtualTable):
    """A row-cursor table of extracted items; subclasses define the columns and the message."""

    COLUMN_LIMITS: ClassVar[dict[str, int]] = {}
    """Widest a column may grow (cells), by column key; the mark column is always one cell."""
    FLEX_COLUMN: ClassVar[str | None] = None
    """The column that takes whatever width the pane has left (the claim text)."""
    SHRINK_TO_FIT: ClassVar[bool] = False
    """Narrow the other columns so the flexible one keeps half the pane (else they are cut)."""
    NEVER_SHRINK: ClassVar[frozenset[str]] = frozenset()
    """Columns kept at full width even in a narrow pane (a statistic's value)."""
    HEADER_ROOM: ClassVar[int] = 0
    """Cells kept free after each header label (for a sort arrow)."""
    COMPUTED_COLUMNS: ClassVar[int] = 1
    """How many leading one-cell columns ``row_cells`` computes rather than reads from the rows (the mark
    column, and a subclass's own flags)."""

    marks: reactive[frozenset[str]] = reactive(frozenset)
    """Marked item ids, bound down from the screen; a change repaints the mark column."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._natural: dict[str, int] = {}
        self.article_of: Mapping[str, str] = {}
        """Item id -> article id for every row."""

    def add_mark_column(self) -> None:
        self.add_column(MARK_SYMBOL, key=MARK_COLUMN, width=1, style="bold")

    # subclass hooks -----------------------------------------------------------------------------

    def post_chosen(self, article_id: str, item_id: str, jump: bool) -> None:
        raise NotImplementedError

    # attributes down ----------------------------------------------------------------------------

    def show_rows(self, rows: Sequence[Row], article_of: Mapping[str, str], *, keep_key: str | None = None) -> None:
        """Show ready rows (built off the UI thread for big lists) and which article each item is in."""
        self.article_of = article_of
        self._measure(rows)
        self._fit_columns()
        self.set_rows(rows, keep_key=keep_key)

    def row_cells(self, index: int) -> Sequence[Cell]:
        key, cells = self.rows[index]
        return (MARK_SYMBOL if key in self.marks else " ", *cells)

    def _measure(self, rows: Sequence[Row]) -> None:
        """Natural width of each column: its widest cell among the first rows (capped), or its label."""
        natural: dict[str, int] = {}
        sample = rows[:MEASURED_ROWS]
        for index, column in enumerate(self.columns):
            if index < self.COMPUTED_COLUMNS:
                natural[column.key] = 1
                continue
            cap = self.COLUMN_LIMITS.get(column.key, 40)
            width = cell_len(column.label) + self.HEADER_ROOM
            for _key, cells in sample:
                cell = cells[index - self.COMPUTED_COLUMNS]
                width = max(width, cell.cell_len if isinstance(cell, Text) else cell_len(cell))
                if width >= cap:
                    width = cap
                    break
            natural[column.key] = width
        self._natural = natural

    def _fit_columns(self) -> None:
        if not self._natural:
            return
        available = self.scrollable_content_region.width - 2 * CELL_PADDING * len(self.columns)
        flex = self.FLEX_COLUMN
        widths = dict(self._natural)
        fixed = sum(w for key, w in widths.items() if key != flex)
        if self.SHRINK_TO_FIT and flex is not None and available - fixed < available // 2:
            # A narrow pane: shrink the other columns so the flexible one keeps half the width.
            keep = {flex, MARK_COLUMN, *self.NEVER_SHRINK}
            kept = sum(w for key, w in widths.items() if key in keep and key != flex)
            budget = max(1, available - available // 2 - kept)
            scale = budget / max(1, fixed - kept)
            widths = {key: (w if key in keep else max(3, int(w * scale))) for key, w in widths.items()}
            fixed = sum(w for key, w in widths.items() if key != flex)
        if flex is not None:
            widths[flex] = max(6, available - fixed)
        self.set_column_widths(widths)

    def width_changed(self, width: int) -> None:
        self._fit_columns()

    def select_item(self, item_id: str) -> bool:
        """Move the cursor to ``item_id`` (quietly unless focused); false when it is not listed."""
        index = self.index_of(item_id)
        if index is None:
            return False
        self.move_cursor(index)
        return True

    @property
    def current_item_id(self) -> str | None:
        return self.current_key

    # events up ----------------------------------------------------------------------------------

    @on(VirtualTable.RowSelected)
    def _row_selected(self, event: VirtualTable.RowSelected) -> None:
        event.stop()
        self._post_row(event.key, jump=True)

    @on(VirtualTable.RowHighlighted)
    def _row_highlighted(self, event: VirtualTable.RowHighlighted) -> None:
        event.stop()
        if self.has_focus:
            self._post_row(event.key, jump=False)

    def on_focus(self) -> None:
        item_id = self.current_item_id
        if item_id is not None:
            self._post_row(item_id, jump=False)

    def _post_row(self, item_id: str, *, jump: bool) -> None:
        if item_id in self.article_of:
            self.post_chosen(self.article_of[item_id], item_id, jump)
