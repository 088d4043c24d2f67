"""The explorer on a store holding versions: the articles pane says so, d opens the Diff screen."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.style import Style
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Label, Static
from tui_harness import SIZE, fixture_app, record_notifications

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))

from version_articles import tram_story

from claimscope.store.db import Store
from claimscope.tui.app import ClaimscopeApp
from claimscope.tui.screens.diff_screen import DiffScreen
from claimscope.tui.widgets.article_tree import ArticleTree

FIRST, SECOND, THIRD = "cc00000000000001", "bb00000000000002", "aa00000000000003"
"""Imported in this order; the article list orders equal dates and titles by id, so the newest is on top."""
LONER = "dd00000000000004"


def store_with_versions(store_path: Path, *, third: bool = False) -> Path:
    with Store(store_path) as store:
        store.add_articles([tram_story(FIRST, rise=8)])
        store.add_articles([tram_story(SECOND, rise=11, updated=True)])
        if third:
            store.add_articles([tram_story(THIRD, rise=13, updated=True)])
        loner = tram_story(LONER, source="loner.txt", title="Library opens late on Sundays")
        store.add_articles([replace(loner, published="2024-12-01")])  # older: listed last
    return store_path


def tree_rows(app: ClaimscopeApp) -> list[str]:
    tree = app.main_screen.query_one(ArticleTree)
    return [tree.render_label(node, Style(), Style()).plain for node in tree.root.children]


async def press(pilot: Pilot[Any], *keys: str) -> Screen[Any]:
    """Press the keys, let the app settle, and return the screen on top."""
    await pilot.press(*keys)
    await pilot.pause()
    return pilot.app.screen


async def open_diff(pilot: Pilot[Any]) -> DiffScreen:
    """Wait for the explorer, press d, and return the Diff screen it must have opened."""
    await pilot.pause()
    screen = await press(pilot, "d")
    assert isinstance(screen, DiffScreen)
    return screen


def diff_body(app: ClaimscopeApp) -> str:
    body = app.screen.query_one("#diff-body", Static).render()
    return str(body)


async def test_the_articles_pane_shows_the_versions(store_path: Path) -> None:
    app = fixture_app(store_with_versions(store_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = tree_rows(app)
        assert rows[0].endswith(" 2 versions")
        assert rows[1].endswith(" version 1 of 2")  # no room left for the counts in this pane
        assert rows[2].endswith(" 2c 3s")
        await pilot.resize_terminal(220, 48)
        await pilot.pause()
        rows = tree_rows(app)
        assert rows[0].endswith(" 2 versions · 2c 2s")
        assert rows[1].endswith(" version 1 of 2 · 2c 3s")
        await pilot.resize_terminal(60, 40)
        await pilot.pause()
        assert tree_rows(app)[1].endswith(" v1/2")  # the short form, when even "version 1 of 2" leaves no room


async def test_d_opens_the_diff_of_the_newest_version_and_escape_goes_back(store_path: Path) -> None:
    app = fixture_app(store_with_versions(store_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_diff(pilot)
        assert screen.shown_pair == (FIRST, SECOND)
        title = str(screen.query_one("#diff-title", Label).render())
        assert "version 1 → 2 of 2" in title
        body = diff_body(app)
        assert "Statistics: 1 changed, 0 added, 1 removed, 1 unchanged" in body
        assert "    value: 8 → 11" in body
        assert "+ A petition against the rise gathered signatures at three depots overnight." in body
        assert await press(pilot, "escape") is app.main_screen


async def test_brackets_step_along_three_versions(store_path: Path) -> None:
    app = fixture_app(store_with_versions(store_path, third=True))
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_diff(pilot)
        assert screen.shown_pair == (SECOND, THIRD)
        assert "value: 11 → 13" in diff_body(app)
        await press(pilot, "left_square_bracket")
        assert screen.shown_pair == (FIRST, SECOND)
        assert "value: 8 → 11" in diff_body(app)
        await press(pilot, "left_square_bracket")
        assert screen.shown_pair == (FIRST, SECOND)
        assert notes[-1] == "No older pair of versions"
        await press(pilot, "right_square_bracket")
        assert screen.shown_pair == (SECOND, THIRD)


async def test_d_on_an_article_without_versions_says_so(store_path: Path) -> None:
    app = fixture_app(store_with_versions(store_path))
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await press(pilot, "j", "j", "d") is app.main_screen
        assert notes[-1] == "This article has no other version in the store"


async def test_the_palette_opens_the_diff(store_path: Path) -> None:
    app = fixture_app(store_with_versions(store_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Compare versions")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        assert screen.shown_pair == (FIRST, SECOND)


async def test_the_footer_and_help_list_the_key(store_path: Path) -> None:
    app = fixture_app(store_with_versions(store_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = {binding.id for (_, binding, enabled, _) in app.active_bindings.values() if binding.show and enabled}
        assert "claimscope.versions" in shown
        rows = {row.binding_id: row for row in app.key_rows()}
        assert (rows["claimscope.versions"].keys, rows["claimscope.versions"].where) == ("d", "explorer")
        assert rows["diff.older"].where == "versions"


async def test_a_version_removed_meanwhile_closes_the_diff_with_a_message(store_path: Path) -> None:
    app = fixture_app(store_with_versions(store_path, third=True))
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_diff(pilot)
        with Store(store_path) as other:
            other.remove_articles([FIRST])
        app.library.refresh_if_changed()
        assert await press(pilot, "left_square_bracket") is app.main_screen
        assert notes[-1].startswith(f"no article or item with id '{FIRST}'")
