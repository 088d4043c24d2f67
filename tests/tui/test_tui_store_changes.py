"""Articles arriving while the explorer runs: from another terminal (auto refresh, `r`) and from the palette."""

from __future__ import annotations

from pathlib import Path

from tui_articles import ArticleDraft
from tui_harness import SIZE, fixture_app, record_notifications, wait_until

from claimscope.extract.model import Article
from claimscope.store.db import Store
from claimscope.tui.screens.path_prompt import PathPrompt
from claimscope.tui.widgets.article_tree import ArticleTree, NodeRef

LATE_TITLE = "Council opens a second night market"


def late_article() -> Article:
    """An article 'imported in another terminal' while the explorer is open."""
    draft = ArticleDraft("fx-late", LATE_TITLE, "2025-04-02")
    draft.section(
        None,
        ("headline", LATE_TITLE),
        ("paragraph", "The council said the market would open on Fridays from May."),
    )
    draft.claim("The council", "said", "the market would open on Fridays from May",
                "The council said the market would open on Fridays from May.")
    article: Article = draft.build()
    return article


def _article_ids(tree: ArticleTree) -> list[str]:
    return [ref.article_id for ref in _article_refs(tree)]


def _article_refs(tree: ArticleTree) -> list[NodeRef]:
    return [node.data for node in tree.root.children if node.data is not None]


async def test_an_article_added_by_another_process_appears_on_its_own(fixture_store: Path) -> None:
    app = fixture_app(fixture_store, auto_refresh=0.1)
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.main_screen.query_one(ArticleTree)
        assert tree.article_count == 2
        with Store(fixture_store) as other:  # a second Store on the same file, as another terminal would
            other.add_articles([late_article()])
        await wait_until(pilot, lambda: tree.article_count == 3)
        assert tree.article_count == 3
        assert _article_ids(tree) == ["fx-late", "fx-ferry", "fx-markup"]  # newest first
        assert any("1 new article in the store" in message for message in shown)


async def test_r_reloads_the_store_now(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)  # no auto refresh
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.main_screen.query_one(ArticleTree)
        with Store(fixture_store) as other:
            other.add_articles([late_article()])
        await pilot.pause()
        assert tree.article_count == 2  # nothing happens by itself
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert tree.article_count == 3
        assert "fx-late" in _article_ids(tree)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Nothing new in the store" in message for message in shown)


async def test_palette_import_a_file(fixture_store: Path, tmp_path: Path) -> None:
    article = tmp_path / "market.txt"
    article.write_text(
        "Council opens a second night market\n\n"
        "The council said on Tuesday that a second night market would open in the harbour district. "
        "Stall rents will rise by 4 percent in 2025, the council said.\n",
        encoding="utf-8",
    )
    app = fixture_app(fixture_store)
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Import a file")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        await pilot.press(*"market.txt", "enter")  # relative to the working directory (tmp_path)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        tree = app.main_screen.query_one(ArticleTree)
        assert tree.article_count == 3
        assert any(message.startswith("Imported 1, unchanged 0, failed 0") for message in shown)
    with Store(fixture_store) as store:
        assert "Council opens a second night market" in [s.title for s in store.article_summaries()]
