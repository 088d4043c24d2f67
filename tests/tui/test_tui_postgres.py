"""The explorer on a PostgreSQL store: it opens, and a colleague's import appears on its own (NOTIFY)."""

from __future__ import annotations

from pathlib import Path

import psycopg
from test_tui_store_changes import LATE_TITLE, late_article
from tui_articles import ferry_article, markup_article
from tui_harness import SIZE, record_notifications, wait_until

from claimscope.store.postgres.store import PostgresStore
from claimscope.tui.app import ClaimscopeApp, make_app
from claimscope.tui.keymap import LoadedKeymap
from claimscope.tui.widgets.article_tree import ArticleTree


def explorer_on(postgres_url: str, tmp_path: Path) -> ClaimscopeApp:
    """The real explorer on a PostgreSQL store holding two articles, refreshing every 0.1 s."""
    with PostgresStore(postgres_url, user="ann") as setup:
        setup.add_articles([ferry_article(), markup_article()])
    return make_app(
        postgres_url,
        keymap=LoadedKeymap(tmp_path / "keymap.toml"),
        import_samples=False,
        auto_refresh=0.1,
        export_directory=tmp_path,
    )


async def test_a_colleagues_import_appears_on_its_own(postgres_url: str, tmp_path: Path) -> None:
    app = explorer_on(postgres_url, tmp_path)
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.main_screen.query_one(ArticleTree)
        assert tree.article_count == 2
        with PostgresStore(postgres_url, user="ben") as colleague:
            colleague.add_articles([late_article()])
        await wait_until(pilot, lambda: tree.article_count == 3)
        assert tree.article_count == 3
        assert tree.root.children[0].data is not None
        assert tree.root.children[0].data.article_id == "fx-late"
        assert any("1 new article in the store" in message for message in shown)
    with PostgresStore(postgres_url) as check:
        assert LATE_TITLE in [s.title for s in check.article_summaries()]


async def test_a_lost_connection_says_reconnecting_and_recovers(postgres_url: str, tmp_path: Path) -> None:
    app = explorer_on(postgres_url, tmp_path)
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.main_screen.query_one(ArticleTree)
        await wait_until(pilot, lambda: False, tries=10)  # the refresh has started listening
        with psycopg.connect(postgres_url, autocommit=True) as admin:  # as a server restart would
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        await wait_until(pilot, lambda: any(m.startswith("Reconnecting: ") for m in shown))
        with PostgresStore(postgres_url, user="ben") as colleague:
            colleague.add_articles([late_article()])
        await wait_until(pilot, lambda: tree.article_count == 3)
        assert next(m for m in shown if m.startswith("Reconnecting")).count("\n") == 0
        assert "Reconnected to the store" in shown
        assert tree.article_count == 3
