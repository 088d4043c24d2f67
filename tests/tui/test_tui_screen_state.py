"""Screen state reaching the panes: marks (one reactive, five panes), the all-articles view, the tree icon."""

from __future__ import annotations

from pathlib import Path

from tui_articles import ferry_article, markup_article
from tui_harness import SIZE, fixture_app

from claimscope.store.db import Store
from claimscope.tui.widgets.article_tree import ArticleTree
from claimscope.tui.widgets.claims_list import ClaimsList
from claimscope.tui.widgets.stats_table import StatsTable
from claimscope.tui.widgets.status_line import StatusLine


def _mark_column(table: ClaimsList | StatsTable) -> list[str]:
    return [table.get_row_at(i)[0].plain for i in range(table.row_count)]


def _status(status: StatusLine) -> str:
    return str(status.render())


async def test_a_mark_reaches_every_pane(fixture_store: Path) -> None:
    article = ferry_article()
    claim = article.claims[1]
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        tree, reader, claims, stats = screen.articles, screen.reader, screen.claims, screen.stats
        status = screen.query_one(StatusLine)
        marked_colour = reader.get_component_rich_style("reader--marked").color
        assert "●" not in tree.render_line(0).text
        assert reader.style_at(claim.start).color != marked_colour

        await pilot.press("space")  # the articles pane has the focus: mark the ferry article
        claims.focus()
        await pilot.press("j", "space")  # the second claim
        stats.focus()
        await pilot.press("j", "j", "space")  # the third statistic
        await pilot.pause()

        assert "●" in tree.render_line(0).text  # the article row shows its dot
        assert "●" not in tree.render_line(1).text  # the forum story is not marked
        assert _mark_column(claims) == [" ", "●", " "]
        assert _mark_column(stats) == [" ", " ", "●"]
        assert reader.style_at(claim.start).color == marked_colour
        assert "3 marked" in _status(status)

        claims.focus()
        await pilot.press("space")  # unmark the claim again
        await pilot.pause()
        assert _mark_column(claims) == [" ", " ", " "]
        assert reader.style_at(claim.start).color != marked_colour
        assert "2 marked" in _status(status)
    with Store(fixture_store) as store:
        assert store.marks() == {"fx-ferry", "fx-ferry:n2"}


async def test_marks_set_in_another_terminal_reach_the_panes_on_refresh(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        with Store(fixture_store) as other:
            other.add_articles([markup_article()])  # a write, so the store file changes
            other.mark(["fx-ferry:c0"])
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _mark_column(screen.query_one(ClaimsList)) == ["●", " ", " "]
        assert "1 marked" in _status(screen.query_one(StatusLine))


async def test_a_lists_every_article_s_items_and_a_again_the_chosen_one_s(fixture_store: Path) -> None:
    every_claim = [c.text for c in (*ferry_article().claims, *markup_article().claims)]
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        claims, status = app.main_screen.claims, app.main_screen.query_one(StatusLine)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = [column.key for column in claims.columns].index("text")
        assert sorted(claims.get_row_at(i)[text].plain for i in range(claims.row_count)) == sorted(every_claim)
        assert _status(status).startswith("All 2 articles")
        assert "4 claims · 3 statistics" in _status(status)
        assert "listing" not in _status(status)
        await pilot.press("a")
        await pilot.pause()
        assert claims.row_count == 3
        assert _status(status).startswith("Harbour office rejects ferry audit")


async def test_clicking_an_article_s_arrow_expands_it(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.main_screen.query_one(ArticleTree)
        assert tree.render_line(0).text.startswith("▶ Harbour office rejects")
        await pilot.click(ArticleTree, offset=(1, 1))  # inside the border: the arrow of the first row
        await pilot.pause()
        assert tree.render_line(0).text.startswith("▼ Harbour office rejects")
        assert tree.render_line(1).text.startswith("├ ▼ ◆ Harbour office rejects")  # its opening section
