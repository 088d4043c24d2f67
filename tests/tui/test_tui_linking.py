"""Pane linking: choosing a section filters the lists; choosing a statistic highlights its sentence."""

from __future__ import annotations

from pathlib import Path

from tui_articles import DOCK_SENTENCE, FERRY_STAT_SENTENCE
from tui_harness import SIZE, fixture_app

from claimscope.tui.screens.main import MainScreen
from claimscope.tui.widgets.article_tree import ArticleTree
from claimscope.tui.widgets.claims_list import ClaimsList
from claimscope.tui.widgets.reader import Reader
from claimscope.tui.widgets.stats_table import StatsTable
from claimscope.tui.widgets.status_line import StatusLine


def _claim_rows(screen: MainScreen) -> list[str]:
    table = screen.query_one(ClaimsList)
    text = [column.key for column in table.columns].index("text")
    return [str(table.get_row_at(i)[text]) for i in range(table.row_count)]


async def test_choosing_a_section_filters_claims_and_statistics(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        tree = screen.query_one(ArticleTree)
        tree.focus()
        await pilot.pause()
        # Articles are newest first: the ferry statement (March) is on top.
        assert tree.current_ref is not None and tree.current_ref.article_id == "fx-ferry"
        assert len(_claim_rows(screen)) == 3
        assert screen.query_one(StatsTable).row_count == 3

        await pilot.press("enter")  # expand the article: its sections appear
        await pilot.press("j")  # the opening section
        await pilot.pause()
        assert _claim_rows(screen) == ["The audit relies on old figures"]
        assert screen.query_one(StatsTable).row_count == 0

        await pilot.press("j", "j", "j")  # past the caption and link leaves, to "Inspection record"
        await pilot.pause()
        assert tree.current_ref is not None and tree.current_ref.section_id == "fx-ferry:s1"
        assert _claim_rows(screen) == [
            "inspectors carried out 1,240 vessel inspections in 2024",
            "the audit stood",
        ]
        stats = screen.query_one(StatsTable)
        assert [str(stats.get_row_at(i)[1]) for i in range(stats.row_count)] == [
            "1,240", "18", "38.5M"
        ]
        status = str(screen.query_one(StatusLine).render())
        assert "Harbour office rejects ferry audit › Inspection record" in status
        assert "2 claims · 3 statistics · 0 marked" in status


async def test_choosing_a_statistic_highlights_its_sentence_and_claim(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        stats = screen.query_one(StatsTable)
        stats.focus()
        await pilot.pause()
        await pilot.press("j", "j")  # the third statistic: 38.5 million marlows
        await pilot.pause()
        reader = screen.query_one(Reader)
        assert reader.focus_item is not None and reader.focus_item.item_id == "fx-ferry:n2"
        article = reader.article
        assert article is not None
        highlighted = article.text[reader.focus_item.sentence_start : reader.focus_item.sentence_end]
        assert highlighted == DOCK_SENTENCE
        # The sentence's characters carry the strong "current sentence" style in the rendered text.
        sentence_style = reader.get_component_rich_style("reader--sentence")
        assert sentence_style.bgcolor is not None
        inside = article.text.index("on dock upgrades")
        outside = article.text.index("Observers said")
        assert reader.style_at(inside).bgcolor == sentence_style.bgcolor
        assert reader.style_at(outside).bgcolor != sentence_style.bgcolor
        # and it is scrolled into view
        top = int(reader.scroll_offset.y)
        line = reader.line_of_offset(reader.focus_item.sentence_start)
        assert top <= line < top + reader.scrollable_content_region.height
        assert "The department said" in reader.plain_lines[line]

        await pilot.press("k", "k")  # the first statistic belongs to the "according to" claim
        await pilot.pause()
        claims = screen.query_one(ClaimsList)
        assert claims.current_item_id == "fx-ferry:c1"
        assert reader.focus_item is not None and reader.focus_item.item_id == "fx-ferry:n0"
        focus = reader.focus_item
        assert article.text[focus.sentence_start : focus.sentence_end] == FERRY_STAT_SENTENCE


async def test_enter_on_a_claim_moves_focus_to_the_reader(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        screen.query_one(ClaimsList).focus()
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        reader = screen.query_one(Reader)
        assert app.focused is reader
        assert reader.focus_item is not None and reader.focus_item.item_id == "fx-ferry:c2"
