"""The article list on many articles: nodes are added a chunk at a time, and every article stays reachable."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from tui_articles import ferry_article, markup_article

from claimscope.store.db import ArticleSummary, Store
from claimscope.tui.summary_list import SummaryList
from claimscope.tui.widgets.article_tree import ARTICLE_CHUNK, ArticleTree

ARTICLES = 1_000


class TreeApp(App[None]):
    """The article tree alone, in a 90x30 terminal."""

    def __init__(self, tree: ArticleTree) -> None:
        super().__init__()
        self.article_tree = tree

    def compose(self) -> ComposeResult:
        yield self.article_tree


def _summaries(count: int) -> list[ArticleSummary]:
    return [ArticleSummary(f"a{i:04d}", f"Harbour report number {i}", "2024-03-01", None, 2, 3, 1)
            for i in range(count)]


def _cursor_id(tree: ArticleTree) -> str | None:
    ref = tree.current_ref
    return ref.article_id if ref is not None else None


async def test_only_a_chunk_of_articles_gets_nodes_until_the_cursor_comes_near_the_end() -> None:
    tree = ArticleTree()
    app = TreeApp(tree)
    async with app.run_test(size=(90, 30)) as pilot:
        tree.load(_summaries(ARTICLES))
        tree.focus()
        await pilot.pause()
        assert tree.article_count == ARTICLES
        assert len(tree.root.children) == ARTICLE_CHUNK
        assert "Harbour report number 0 " in tree.render_line(0).text

        for _ in range(ARTICLE_CHUNK // 20):
            await pilot.press("pagedown")
        await pilot.pause()
        assert len(tree.root.children) == 2 * ARTICLE_CHUNK

        await pilot.press("end")
        await pilot.pause()
        assert len(tree.root.children) == ARTICLES
        assert _cursor_id(tree) == f"a{ARTICLES - 1:04d}"


async def test_selecting_an_article_past_the_added_ones_adds_nodes_up_to_it() -> None:
    tree = ArticleTree()
    app = TreeApp(tree)
    async with app.run_test(size=(90, 30)) as pilot:
        tree.load(_summaries(ARTICLES))
        await pilot.pause()
        tree.select_item("a0750")
        await pilot.pause()
        assert _cursor_id(tree) == "a0750"
        assert 750 < len(tree.root.children) < ARTICLES
        tree.select_item("no-such-article")
        assert _cursor_id(tree) == "a0750"


async def test_reloading_keeps_the_cursor_on_an_article_past_the_first_chunk() -> None:
    tree = ArticleTree()
    app = TreeApp(tree)
    async with app.run_test(size=(90, 30)) as pilot:
        tree.load(_summaries(ARTICLES))
        tree.select_item("a0600")
        await pilot.pause()
        tree.load(_summaries(ARTICLES))
        await pilot.pause()
        assert _cursor_id(tree) == "a0600"


def test_summary_list_makes_the_store_summaries_in_order(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles([ferry_article(), markup_article()])
        listed = SummaryList.of_store(store)
        expected = store.article_summaries()
    assert len(listed) == 2
    assert list(listed) == expected
    assert listed[-1] == expected[1]
    assert listed[0:2] == expected
    assert listed.position(expected[1].id) == 1
    assert listed.position("nothing") is None
    assert listed.article_id(0) == expected[0].id


def test_summary_list_of_made_summaries_finds_them() -> None:
    made = _summaries(3)
    listed = SummaryList.of(made)
    assert listed[2] == made[2]
    assert listed.position("a0001") == 1
    assert made[0] in listed
    assert SummaryList.of(listed) is listed
