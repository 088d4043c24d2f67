"""What the claim and statistic panes share: rows keyed by item id, a mark column, focus-gated messages.

A pane only reports cursor moves while it has focus, so when the screen moves a pane's cursor (for
example to the claim that holds a chosen statistic) no message comes back and nothing loops.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist, RowKey

MARK_COLUMN = "mark"
MARK_SYMBOL = "●"


class ItemTable(DataTable[Text]):
    """A row-cursor table of extracted items; subclasses define the columns and the message."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="cursor.down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor.up"),
    ]

    COLUMN_LIMITS: ClassVar[dict[str, int]] = {}
    """Widest a column may grow (cells), by column key; the mark column is always one cell."""
    FLEX_COLUMN: ClassVar[str | None] = None
    """The column that takes whatever width the pane has left (the claim text)."""
    SHRINK_TO_FIT: ClassVar[bool] = False
    """Narrow the other columns so the flexible one keeps half the pane (else scroll sideways)."""
    NEVER_SHRINK: ClassVar[frozenset[str]] = frozenset()
    """Columns kept at full width even in a narrow pane (a statistic's value)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._natural: dict[str, int] = {}
        self.marks: frozenset[str] = frozenset()
        self.article_of: dict[str, str] = {}
        """Item id -> article id for every row."""

    # subclass hooks -----------------------------------------------------------------------------

    def post_chosen(self, article_id: str, item_id: str, jump: bool) -> None:
        raise NotImplementedError

    # attributes down ----------------------------------------------------------------------------

    def replace_rows(self, rows: Sequence[tuple[str, str, Sequence[Text]]]) -> None:
        """Rows are (article id, item id, cells without the mark column); the cursor returns to the top."""
        self.clear()
        self.article_of = {}
        marks = self.marks
        prepared = []
        keys = []
        for article_id, item_id, cells in rows:
            self.article_of[item_id] = article_id
            prepared.append([_mark_cell(item_id in marks), *cells])
            keys.append(item_id)
        self._measure(prepared)
        self._fit_columns()  # widths are set before rows are added, so no stale row renders remain
        for key, cells in zip(keys, prepared, strict=True):
            self.add_row(*cells, key=key)
        self.move_cursor(row=0, animate=False)

    def _measure(self, prepared: list[list[Text]]) -> None:
        """Natural width of each column: its widest cell (capped) or its label."""
        columns = list(self.columns.values())
        natural: dict[str, int] = {}
        for index, column in enumerate(columns):
            key = str(column.key.value)
            width = column.label.cell_len
            cap = self.COLUMN_LIMITS.get(key, 40)
            for cells in prepared:
                width = max(width, cells[index].cell_len)
                if width >= cap:
                    width = cap
                    break
            natural[key] = 1 if key == MARK_COLUMN else width
        self._natural = natural

    def _fit_columns(self) -> None:
        if not self._natural:
            return
        columns = list(self.columns.values())
        padding = 2 * self.cell_padding * len(columns)
        available = self.scrollable_content_region.width - padding
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
        for column in columns:
            key = str(column.key.value)
            width = widths.get(key, column.label.cell_len)
            if key == flex:
                width = max(12, available - fixed)
            column.width = width
            column.auto_width = False

    def on_resize(self) -> None:
        self._fit_columns()
        self.refresh()

    def set_marks(self, marks: frozenset[str]) -> None:
        changed = self.marks.symmetric_difference(marks)
        self.marks = marks
        for item_id in changed:
            if item_id in self.article_of:
                self.update_cell(item_id, MARK_COLUMN, _mark_cell(item_id in marks))

    def select_item(self, item_id: str) -> bool:
        """Move the cursor to ``item_id`` (quietly unless focused); false when it is not listed."""
        try:
            index = self.get_row_index(item_id)
        except RowDoesNotExist:
            return False
        self.move_cursor(row=index, animate=False, scroll=True)
        return True

    @property
    def current_item_id(self) -> str | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:
            return None
        return key.value

    # events up ----------------------------------------------------------------------------------

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if self.has_focus:
            self._post_row(event.row_key, jump=False)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._post_row(event.row_key, jump=True)

    def on_focus(self) -> None:
        item_id = self.current_item_id
        if item_id is not None:
            self.post_chosen(self.article_of[item_id], item_id, False)

    def _post_row(self, key: RowKey, *, jump: bool) -> None:
        item_id = key.value
        if item_id is not None and item_id in self.article_of:
            self.post_chosen(self.article_of[item_id], item_id, jump)


def _mark_cell(marked: bool) -> Text:
    return Text(MARK_SYMBOL if marked else " ", style="bold")
