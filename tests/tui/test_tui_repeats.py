"""The repeated-claims view through the real app: the claims-pane mark, key t, a, enter, esc, the palette."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Label, OptionList
from tui_harness import SIZE, fixture_app

from claimscope.store.db import Store
from claimscope.tui.app import ClaimscopeApp
from claimscope.tui.repeats_view import all_repeats, known_repeats
from claimscope.tui.screens.help_screen import HelpScreen
from claimscope.tui.screens.repeats_screen import RepeatsScreen
from claimscope.tui.widgets.claims_list import REPEAT_SYMBOL, ClaimsList
from claimscope.tui.widgets.reader import Reader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))
from repeats_articles import repeat_articles  # the store tests' hand-built articles


@pytest.fixture
def repeats_store(store_path: Path) -> Path:
    with Store(store_path) as store:
        store.add_articles(repeat_articles())
    return store_path


def prompts(screen: RepeatsScreen) -> list[str]:
    options = screen.query_one("#repeats-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def press_t_on_claim(app: ClaimscopeApp, pilot: Pilot[int], *moves: str) -> RepeatsScreen:
    """Focus the claims pane, move its cursor with ``moves``, press t and wait for the groups."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    app.main_screen.query_one(ClaimsList).focus()
    await pilot.press(*moves, "t")
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, RepeatsScreen)
    return screen


async def test_claims_with_repeats_are_marked_in_the_claims_pane(repeats_store: Path) -> None:
    app = fixture_app(repeats_store)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        claims = app.main_screen.query_one(ClaimsList)
        assert [claims.rows[i][0] for i in range(claims.row_count)] == [
            "rep-wednesday:c1", "rep-wednesday:c2", "rep-wednesday:c3"
        ]  # the newest article is open
        assert [str(claims.row_cells(i)[1]) for i in range(claims.row_count)] == [REPEAT_SYMBOL, REPEAT_SYMBOL, " "]


async def test_t_lists_every_group_and_enter_reads_the_first_appearance(repeats_store: Path) -> None:
    app = fixture_app(repeats_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        assert isinstance(app.screen, RepeatsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RepeatsScreen)
        shown = prompts(screen)
        assert shown[0] == "1. 3 articles · repeated by Dana Wells, Omar Reid"
        assert shown[1].startswith("first  2025-04-04 the minister, Dana Wells  Repairs to the Harbour Bridge")
        assert shown[2].startswith("repeat 2025-04-07 Dana Wells")
        assert shown[4] == "2. 2 articles · repeated by a transport department spokesperson"
        assert len(shown) == 7
        assert "2 groups of repeated claims" in str(screen.query_one("#repeats-summary", Label).render())
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, RepeatsScreen)
        claims = app.main_screen.query_one(ClaimsList)
        assert app.focused is claims
        assert claims.current_item_id == "rep-earliest:c1"
        reader = app.main_screen.query_one(Reader)
        assert reader.focus_item is not None and reader.focus_item.item_id == "rep-earliest:c1"


async def test_t_on_a_claim_shows_its_repeats_and_a_shows_all(repeats_store: Path) -> None:
    app = fixture_app(repeats_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await press_t_on_claim(app, pilot, "home", "down")
        assert screen.claim_id == "rep-wednesday:c2"
        shown = prompts(screen)
        assert shown[0].startswith("1. 3 articles")
        assert len(shown) == 4  # only the cost group
        assert screen.query_one("#repeats-list", OptionList).highlighted == 3  # the chosen claim's row
        assert "Repeats of rep-wednesday:c2" in str(screen.query_one("#repeats-summary", Label).render())
        await pilot.press("a")
        assert len(prompts(screen)) == 7
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RepeatsScreen)
        assert app.main_screen.query_one(ClaimsList).current_item_id == "rep-wednesday:c2"


async def test_a_claim_without_repeats_says_so(repeats_store: Path) -> None:
    app = fixture_app(repeats_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await press_t_on_claim(app, pilot, "end")
        assert screen.claim_id == "rep-wednesday:c3"
        assert prompts(screen) == []
        summary = str(screen.query_one("#repeats-summary", Label).render())
        assert summary == "rep-wednesday:c3 is not made again in another article · a: all 2 groups"


async def test_the_palette_opens_the_repeats_and_help_lists_t(repeats_store: Path) -> None:
    app = fixture_app(repeats_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Repeated claims")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RepeatsScreen)
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert any(r.keys == "t" and r.binding_id == "claimscope.repeats" for r in help_screen.rows)


def test_a_big_store_is_grouped_at_start_up_only_from_its_cache(
    repeats_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("claimscope.tui.repeats_view.AUTO_GROUP_ARTICLES", 3)  # the store holds 4
    with Store(repeats_store) as store:
        assert known_repeats(store) is None
        assert [g.size for g in all_repeats(store)] == [3, 2]  # what t does: groups and caches
        cached = known_repeats(store)
        assert cached is not None and [g.size for g in cached] == [3, 2]
