"""Snapshot tests of the main screen and the search screen (pytest-textual-snapshot).

Run ``pytest tests/tui --snapshot-update`` after an intended visual change and review the SVG diff.
The store is the hand-built fixture store, so nothing depends on the extractor or the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from tui_harness import fixture_app

from claimscope.tui.widgets.stats_table import StatsTable

SnapCompare = Callable[..., bool]


def test_main_screen_wide(fixture_store: Path, snap_compare: SnapCompare) -> None:
    async def choose_statistic(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.query_one(StatsTable).focus()
        await pilot.press("j")
        await pilot.pause()

    assert snap_compare(fixture_app(fixture_store), terminal_size=(160, 48), run_before=choose_statistic)


def test_main_screen_narrow(fixture_store: Path, snap_compare: SnapCompare) -> None:
    async def open_section(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("enter", "j", "j", "j", "j")  # the ferry statement's "Inspection record"
        await pilot.pause()

    assert snap_compare(fixture_app(fixture_store), terminal_size=(80, 24), run_before=open_section)


def test_search_screen(fixture_store: Path, snap_compare: SnapCompare) -> None:
    async def search(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("slash", *"inspectons 2024")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(fixture_app(fixture_store), terminal_size=(100, 30), run_before=search)
