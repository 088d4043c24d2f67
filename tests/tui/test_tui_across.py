"""The speakers (p) and figures (f) views through the real app: keys pressed, panes read."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Label
from tui_harness import SIZE, fixture_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))

from across_articles import across_store

from claimscope.tui.app import ClaimscopeApp
from claimscope.tui.screens.figures import FiguresScreen
from claimscope.tui.screens.help_screen import HelpScreen
from claimscope.tui.screens.speakers import SpeakersScreen
from claimscope.tui.widgets.claims_list import ClaimsList
from claimscope.tui.widgets.reader import Reader
from claimscope.tui.widgets.stats_table import StatsTable
from claimscope.tui.widgets.virtual_table import VirtualTable


@pytest.fixture
def across(store_path: Path) -> Path:
    return across_store(store_path)


async def _settle(app: ClaimscopeApp, pilot: Pilot[int]) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def _cells(table: VirtualTable) -> list[list[str]]:
    return [[cell.plain for cell in table.get_row_at(n)] for n in range(table.row_count)]


async def test_p_lists_speakers_and_their_claims_and_enter_reads_one(across: Path) -> None:
    app = fixture_app(across)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
        await pilot.press("p")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        speakers = _cells(screen.query_one("#speakers-table", VirtualTable))
        assert speakers[0] == ["Dana Okafor", "5", "3", "2025-03-02", "person"]
        assert [row[0] for row in speakers].count("Dana Okafor") == 1
        claims = _cells(screen.query_one("#speaker-claims", VirtualTable))
        assert [row[0] for row in claims] == ["2025-03-02", "2025-02-05", "2025-02-05", "2025-02-04", "2025-02-04"]
        assert claims[0][1] == '"We are back to a full timetable," said Minister Dana Okafor.'
        status = str(screen.query_one(".across-status", Label).render())
        assert "speakers" in status and "most claims first" in status
        await pilot.press("enter")  # to the claims
        await pilot.press("down", "enter")  # the second claim: the Post's, in the reader
        await _settle(app, pilot)
        assert app.screen is app.main_screen
        reader = app.main_screen.query_one(Reader)
        assert reader.article is not None
        assert reader.article.title == "Minister defends flood spending as warnings climb"
        chosen = app.main_screen.query_one(ClaimsList).current_item_id
        assert chosen is not None
        assert chosen in {c.id for c in reader.article.claims}
        claim = next(c for c in reader.article.claims if c.id == chosen)
        assert claim.text == "the defences were working."


async def test_o_orders_speakers_by_date(across: Path) -> None:
    app = fixture_app(across)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
        await pilot.press("p")
        await _settle(app, pilot)
        await pilot.press("o")
        await _settle(app, pilot)
        dates = [row[3] for row in _cells(app.screen.query_one("#speakers-table", VirtualTable))]
        assert dates == sorted(dates, reverse=True)
        assert "most recently quoted first" in str(app.screen.query_one(".across-status", Label).render())
        await pilot.press("escape")
        assert app.screen is app.main_screen


async def test_f_flags_conflicts_charts_a_measure_and_enter_reads_a_figure(across: Path) -> None:
    app = fixture_app(across)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
        await pilot.press("f")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, FiguresScreen)
        groups = _cells(screen.query_one("#figure-groups", VirtualTable))
        assert groups == [["!", "flood warnings", "-", "4", "3"], ["!", "homes flooded", "-", "3", "3"]]
        figures = _cells(screen.query_one("#figure-values", VirtualTable))
        assert [(row[0], row[1], row[2]) for row in figures] == [
            ("", "2023", "60"), ("!", "2024", "120"), ("!", "2024", "about 125"), ("!", "2024", "160")]
        periods, points = screen.charted
        assert periods == ["2023", "2024"]
        assert sorted(points) == [(1, 60.0), (2, 120.0), (2, 125.0), (2, 160.0)]
        await pilot.press("m")
        await _settle(app, pilot)
        every = [row[1] for row in _cells(screen.query_one("#figure-groups", VirtualTable))]
        assert "crossings cancelled" in every and len(every) == 5
        await pilot.press("c")
        await _settle(app, pilot)
        conflicts = [row[1] for row in _cells(screen.query_one("#figure-groups", VirtualTable))]
        assert conflicts == ["flood warnings", "homes flooded"]
        await pilot.press("enter", "end", "enter")  # the last figure of flood warnings: the Herald's 160
        await _settle(app, pilot)
        assert app.screen is app.main_screen
        reader = app.main_screen.query_one(Reader)
        assert reader.article is not None and reader.article.title == "Lune valley counts the cost of a wet year"
        chosen = app.main_screen.query_one(StatsTable).current_item_id
        statistic = next(s for s in reader.article.statistics if s.id == chosen)
        assert statistic.raw == "160"


async def test_p_and_f_switch_views_and_are_in_the_footer_help_and_palette(across: Path) -> None:
    app = fixture_app(across)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
        await pilot.press("p")
        await _settle(app, pilot)
        await pilot.press("f")
        await _settle(app, pilot)
        assert isinstance(app.screen, FiguresScreen)
        await pilot.press("escape")
        assert app.screen is app.main_screen  # f replaced p instead of stacking on it
        footer_keys = {b.id for _key, b, _enabled, _tip in app.screen.active_bindings.values()}
        assert {"claimscope.speakers", "claimscope.figures"} <= footer_keys
        rows = {row.binding_id: row for row in app.key_rows()}
        assert rows["claimscope.speakers"].keys == "p" and rows["claimscope.figures"].keys == "f"
        assert (rows["speakers.sort"].where, rows["speakers.sort"].keys) == ("speakers (p)", "o")
        assert {rows["figures.conflicts"].keys, rows["figures.every"].keys} == {"c", "m"}
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Figures that")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, FiguresScreen)


async def test_an_empty_store_says_there_is_nothing_across(store_path: Path) -> None:
    app = fixture_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
        await pilot.press("p")
        await _settle(app, pilot)
        assert "0 speakers" in str(app.screen.query_one(".across-status", Label).render())
        assert app.screen.query_one("#speaker-claims", VirtualTable).row_count == 0


async def test_a_long_list_of_measures_is_cut_and_says_so(across: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("claimscope.tui.screens.figures.LISTED_GROUPS", 1)
    app = fixture_app(across)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
        await pilot.press("f")
        await _settle(app, pilot)
        groups = _cells(app.screen.query_one("#figure-groups", VirtualTable))
        assert [row[1] for row in groups] == ["flood warnings"]
        assert "the first 1 measure reported by two or more articles" in str(
            app.screen.query_one(".across-status", Label).render())
