"""The virtual lists: 100,000 rows load, the keys move the cursor to the right row on screen, sorting works."""

from __future__ import annotations

from textual.app import App, ComposeResult

from claimscope.extract.model import Statistic
from claimscope.tui.widgets.stats_table import StatsTable
from claimscope.tui.widgets.virtual_table import Row, VirtualTable

ROWS = 100_000


class TableApp(App[None]):
    """One table filling a 100x30 terminal."""

    def __init__(self, table: VirtualTable) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        yield self.table


def _numbered_rows(count: int) -> list[Row]:
    return [(f"k{i}", (f"row {i}", f"[bold]{i % 7}[/bold]")) for i in range(count)]


def _screen_text(table: VirtualTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


def _shown_line_of(table: VirtualTable, index: int) -> str:
    """The screen line that paints data row ``index`` (line 0 is the header)."""
    y = index - int(table.scroll_offset.y) + 1
    assert 1 <= y < table.scrollable_content_region.height, f"row {index} is not on screen"
    return table.render_line(y).text


async def test_a_hundred_thousand_rows_load_and_end_pgup_home_move_the_cursor() -> None:
    table = VirtualTable()
    app = TableApp(table)
    async with app.run_test(size=(100, 30)) as pilot:
        table.add_column("Name", key="name", width=20)
        table.add_column("Group", key="group", width=12)
        table.set_rows(_numbered_rows(ROWS))
        table.focus()
        await pilot.pause()
        assert table.row_count == ROWS
        lines = _screen_text(table)
        assert "Name" in lines[0] and "Group" in lines[0]
        assert "row 0 " in lines[1] and "row 1 " in lines[2]

        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == ROWS - 1
        assert table.current_key == f"k{ROWS - 1}"
        assert f"row {ROWS - 1}" in _shown_line_of(table, ROWS - 1)

        page = table.page_rows
        await pilot.press("pageup")
        await pilot.pause()
        assert table.cursor_row == ROWS - 1 - page
        assert f"row {ROWS - 1 - page}" in _shown_line_of(table, ROWS - 1 - page)

        await pilot.press("home", "pagedown", "pagedown", "j", "down", "k")
        await pilot.pause()
        expected = 2 * page + 1
        assert table.cursor_row == expected
        assert f"row {expected} " in _shown_line_of(table, expected)
        # cell text is data: markup in a cell is painted as the characters it is
        assert "[bold]" in _shown_line_of(table, expected)


async def test_clicking_a_row_moves_the_cursor_and_a_header_posts_its_column() -> None:
    table = VirtualTable()
    app = TableApp(table)
    headers: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        table.add_column("Name", key="name", width=20)
        table.add_column("Group", key="group", width=12)
        table.set_rows(_numbered_rows(50))
        table.focus()
        await pilot.pause()
        original = table.post_message

        def spy(message: object) -> bool:
            if isinstance(message, VirtualTable.HeaderSelected):
                headers.append(message.column_key)
            return original(message)  # type: ignore[arg-type]

        table.post_message = spy  # type: ignore[method-assign]
        await pilot.click(VirtualTable, offset=(3, 5))  # line 5 = data row 4
        await pilot.pause()
        assert table.cursor_row == 4
        await pilot.click(VirtualTable, offset=(25, 0))  # the second column's header
        await pilot.pause()
        assert headers == ["group"]


def _statistic(n: int) -> Statistic:
    value = float((n * 7919) % 100_003)
    return Statistic(f"a{n // 10}:n{n}", value, f"{value:g}", "people", f"measure {n % 13}", "2024", False,
                     None, None, f"a{n // 10}:s0", "", 0, 1, 0, 1)


async def test_sorting_a_hundred_thousand_statistics_by_value() -> None:
    stats = StatsTable()
    app = TableApp(stats)
    async with app.run_test(size=(100, 30)) as pilot:
        generated = [_statistic(n) for n in range(ROWS)]
        value_of = {statistic.id: statistic.value for statistic in generated}
        stats.show_statistics((f"a{n // 10}", statistic) for n, statistic in enumerate(generated))
        stats.focus()
        await pilot.pause()
        assert stats.row_count == ROWS
        first_in_article_order = stats.current_item_id
        await pilot.press("s")  # value, ascending
        await pilot.pause()
        values = [value_of[key] for key, _cells in stats.rows]
        assert values == sorted(values)
        assert stats.current_item_id == first_in_article_order  # the cursor stays on its statistic
        await pilot.press("home")
        await pilot.pause()
        assert stats.get_row_at(0)[1].plain == "0"  # 0 is the smallest value generated
        assert "Value ▲" in stats.render_line(0).text
        await pilot.press("s")  # value, descending
        await pilot.pause()
        values = [value_of[key] for key, _cells in stats.rows]
        assert values == sorted(values, reverse=True)
        assert "Value ▼" in stats.render_line(0).text
