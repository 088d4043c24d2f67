"""A row-cursor table that paints only the rows on screen, so a list of 100,000 items scrolls smoothly.

``DataTable`` builds per-row objects and caches as rows are added (0.1–0.3 ms each), which is seconds for
100,000 rows.  Here rows are a plain Python list of ``(key, cells)`` tuples (or any ``Sequence`` of them,
``KeyedRows``) whose cells are ``str`` (styled by their column) or ready ``Text``; nothing is measured or
rendered until a row scrolls into view (Textual's Line API: ``render_line`` paints one screen line).
Cell text is data: it is never parsed
as markup, and control characters are shown as symbols (``safe_text``).

Line 0 of the widget is a header that stays put; clicking a column header posts ``HeaderSelected``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from claimscope.tui.safe_text import one_line

Cell = str | Text
Row = tuple[str, tuple[Cell, ...]]
"""A row: its key (an item id) and its cells, one per column."""



class KeyedRows(Sequence[Row]):
    """Rows that are not a list (made when read, ``tui/article_rows.py``) and find a key themselves.

    ``VirtualTable.index_of`` would otherwise read every row once to index the keys.
    """

    def index_of(self, key: str) -> int | None:
        raise NotImplementedError


HEADER_LINES = 1
CELL_PADDING = 1
ELLIPSIS = "…"


@dataclass(slots=True)
class Column:
    """One column: what the header says, how wide it is and how its ``str`` cells are styled."""

    key: str
    label: str
    width: int
    style: str = ""
    justify: Literal["left", "right"] = "left"


class VirtualTable(ScrollView, can_focus=True):
    """A table over a list of row tuples; the cursor is a row index.

    | Key | Action |
    | --- | --- |
    | j / down, k / up | next / previous row |
    | page down / page up | a screenful down / up |
    | home / end | first / last row |
    | enter | select the row |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("j", "cursor_down", "Down", show=False, id="cursor.down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor.up"),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "first_row", "First", show=False),
        Binding("end", "last_row", "Last", show=False),
        Binding("enter", "select_row", "Select", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--even-row",
    }

    cursor_row: reactive[int] = reactive(0, always_update=False, init=False)

    class RowMessage(Message):
        """A message about one row: which table, which row, and the row's key."""

        def __init__(self, table: VirtualTable, index: int, key: str) -> None:
            super().__init__()
            self.table = table
            self.index = index
            self.key = key

        @property
        def control(self) -> VirtualTable:
            return self.table

    class RowHighlighted(RowMessage):
        """The cursor moved to a row."""

    class RowSelected(RowMessage):
        """The user pressed enter on a row, or clicked the row the cursor is on."""

    class HeaderSelected(Message):
        """A column header was clicked."""

        def __init__(self, table: VirtualTable, column_key: str) -> None:
            super().__init__()
            self.table = table
            self.column_key = column_key

        @property
        def control(self) -> VirtualTable:
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = []
        self.rows: Sequence[Row] = []
        self._index_of: dict[str, int] | None = None
        self._painted_width = -1

    # columns and rows (attributes down) ---------------------------------------------------------

    def add_column(
        self,
        label: str,
        *,
        key: str,
        width: int | None = None,
        style: str = "",
        justify: Literal["left", "right"] = "left",
    ) -> None:
        self.columns.append(Column(key, label, width if width is not None else cell_len(label), style, justify))
        self.refresh()

    def set_column_widths(self, widths: dict[str, int]) -> None:
        for column in self.columns:
            if column.key in widths:
                column.width = max(1, widths[column.key])
        self.refresh()

    def set_column_label(self, key: str, label: str) -> None:
        for column in self.columns:
            if column.key == key:
                column.label = label
        self.refresh()

    def set_rows(self, rows: Sequence[Row], *, keep_key: str | None = None) -> None:
        """Show ``rows`` (the list is kept, not copied); the cursor goes to ``keep_key`` or the top.

        ``rows`` may be any sequence; only the rows on screen are read while painting.
        """
        self.rows = rows
        self._index_of = None
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows) + HEADER_LINES)
        index = self.index_of(keep_key) if keep_key is not None else None
        self._set_cursor(index if index is not None else 0, force=True)
        if index is None:
            self.scroll_to(y=0, animate=False, force=True)
        self.refresh()

    # reading --------------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def current_key(self) -> str | None:
        if not self.rows:
            return None
        return self.rows[min(self.cursor_row, len(self.rows) - 1)][0]

    def index_of(self, key: str) -> int | None:
        if isinstance(self.rows, KeyedRows):
            return self.rows.index_of(key)
        if self._index_of is None:
            self._index_of = {row_key: index for index, (row_key, _cells) in enumerate(self.rows)}
        return self._index_of.get(key)

    def row_cells(self, index: int) -> Sequence[Cell]:
        """The cells painted for row ``index``; subclasses may add computed cells (a mark column)."""
        return self.rows[index][1]

    def get_row_at(self, index: int) -> list[Text]:
        """Row ``index`` as literal ``Text`` cells, as painted (for tests and copying)."""
        return [cell if isinstance(cell, Text) else Text(one_line(cell)) for cell in self.row_cells(index)]

    @property
    def page_rows(self) -> int:
        """Data rows visible at once (the header takes one line)."""
        return max(1, self.scrollable_content_region.height - HEADER_LINES)

    # cursor ---------------------------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        self._set_cursor(row)

    def _set_cursor(self, row: int, *, force: bool = False) -> None:
        row = max(0, min(row, len(self.rows) - 1)) if self.rows else 0
        if row == self.cursor_row and not force:
            self.scroll_to_row(row)
            return
        self.set_reactive(VirtualTable.cursor_row, row)
        self._cursor_moved(row)

    def watch_cursor_row(self, row: int) -> None:  # direct assignment of cursor_row
        self._cursor_moved(row)

    def _cursor_moved(self, row: int) -> None:
        self.scroll_to_row(row)
        self.refresh()
        if self.rows:
            self.post_message(self.RowHighlighted(self, row, self.rows[row][0]))

    def scroll_to_row(self, row: int) -> None:
        top = int(self.scroll_offset.y)
        page = self.page_rows
        if row < top:
            self.scroll_to(y=row, animate=False, force=True)
        elif row >= top + page:
            self.scroll_to(y=row - page + 1, animate=False, force=True)

    def action_cursor_down(self) -> None:
        self._set_cursor(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self._set_cursor(self.cursor_row - 1)

    def action_page_down(self) -> None:
        self._set_cursor(self.cursor_row + self.page_rows)

    def action_page_up(self) -> None:
        self._set_cursor(self.cursor_row - self.page_rows)

    def action_first_row(self) -> None:
        self._set_cursor(0)

    def action_last_row(self) -> None:
        self._set_cursor(len(self.rows) - 1)

    def action_select_row(self) -> None:
        if self.rows:
            self.post_message(self.RowSelected(self, self.cursor_row, self.rows[self.cursor_row][0]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y < HEADER_LINES:
            column = self._column_at(offset.x)
            if column is not None:
                self.post_message(self.HeaderSelected(self, column.key))
            return
        index = int(self.scroll_offset.y) + offset.y - HEADER_LINES
        if 0 <= index < len(self.rows):
            already = index == self.cursor_row
            self._set_cursor(index, force=True)
            if already or event.chain > 1:
                self.action_select_row()

    def _column_at(self, x: int) -> Column | None:
        left = 0
        for column in self.columns:
            right = left + column.width + 2 * CELL_PADDING
            if left <= x < right:
                return column
            left = right
        return None

    # rendering -----------------------------------------------------------------------------------

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + HEADER_LINES)
        self.scroll_to_row(self.cursor_row)

    def width_changed(self, width: int) -> None:
        """The painted width changed (a resize, or the scrollbar came or went): subclasses refit columns."""

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._painted_width:
            self._painted_width = width
            self.width_changed(width)
        base = self.rich_style
        if y < HEADER_LINES:
            style = base + self.get_component_rich_style("virtual-table--header")
            cells: Sequence[Cell] = [column.label for column in self.columns]
            return self._render_cells(cells, style, width, header=True)
        index = int(self.scroll_offset.y) + y - HEADER_LINES
        if index >= len(self.rows):
            return Strip.blank(width, base)
        style = base
        if index % 2:
            style += self.get_component_rich_style("virtual-table--even-row")
        if index == self.cursor_row:
            style += self.get_component_rich_style("virtual-table--cursor")
        return self._render_cells(self.row_cells(index), style, width, header=False)

    def _render_cells(self, cells: Sequence[Cell], row_style: Style, width: int, *, header: bool) -> Strip:
        segments: list[Segment] = []
        pad = " " * CELL_PADDING
        console = self.app.console
        for column, cell in zip(self.columns, cells, strict=False):
            cell_style = row_style if header or not column.style else row_style + Style.parse(column.style)
            segments.append(Segment(pad, row_style))
            if isinstance(cell, Text):
                text = cell.copy()
                text.plain = one_line(text.plain)  # same length, so the spans still fit
                text.truncate(column.width, overflow="ellipsis")
                if column.justify == "right" and not header:
                    text.pad_left(column.width - text.cell_len)
                else:
                    text.pad_right(column.width - text.cell_len)
                segments.extend(Segment.apply_style(text.render(console, end=""), cell_style))
            else:
                segments.append(Segment(_fit(one_line(cell), column.width, column.justify, header), cell_style))
            segments.append(Segment(pad, row_style))
        strip = Strip(segments)
        return strip.crop_extend(0, width, row_style)


def _fit(text: str, width: int, justify: Literal["left", "right"], header: bool) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells."""
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + ELLIPSIS if width > 1 else set_cell_size(text, width)
    if justify == "right" and not header:
        return " " * (width - length) + text
    return text + " " * (width - length)
