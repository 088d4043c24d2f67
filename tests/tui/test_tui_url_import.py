"""Import from a URL in the explorer: key u and the palette open the prompt; the page is fetched in a worker
from a local server (``web`` fixture), then the article is shown; a failure is one notification."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from local_web import LocalWeb
from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._toast import Toast
from tui_harness import SIZE, fixture_app, record_notifications

from claimscope.tui.app import ClaimscopeApp
from claimscope.tui.screens.url_prompt import UrlPrompt
from claimscope.tui.widgets.article_tree import ArticleTree
from claimscope.tui.widgets.reader import Reader

TITLE = "Library adds a night reading room"
PAGE = f"""<html><head><meta charset="utf-8"><title>{TITLE}</title></head>
<body><article><h1>{TITLE}</h1>
<p>The central library will keep one reading room open until midnight from April, the city said on Friday.</p>
<p>"Students asked for it in 212 of the 300 letters we received," said Rhea Castell, the head librarian.</p>
</article></body></html>
"""


async def submit_address(pilot: Pilot[Any], app: ClaimscopeApp, address: str) -> None:
    """Type into the prompt (set at once: the keys of an address are not all key names) and press enter."""
    assert isinstance(app.screen, UrlPrompt)
    app.screen.query_one(Input).value = address
    await pilot.press("enter")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def import_with_u(pilot: Pilot[Any], app: ClaimscopeApp, address: str) -> None:
    await pilot.press("u")
    await pilot.pause()
    await submit_address(pilot, app, address)


async def run_palette_command(pilot: Pilot[Any], title: str) -> None:
    """Open the command palette, type the row's title and choose it."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*title)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def test_u_fetches_a_page_and_shows_the_article(fixture_store: Path, web: LocalWeb) -> None:
    web.page("/library/night-room", PAGE.encode("utf-8"))
    start = web.redirect("/s/42", "/library/night-room")
    app = fixture_app(fixture_store)
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await import_with_u(pilot, app, start)
        assert not isinstance(app.screen, UrlPrompt)
        tree = app.main_screen.query_one(ArticleTree)
        assert tree.article_count == 3
        article = app.main_screen.article
        assert article is not None and article.title == TITLE
        final = web.url("/library/night-room")
        assert article.source == final
        assert tree.current_ref is not None and tree.current_ref.article_id == article.id
        assert app.main_screen.query_one(Reader).border_subtitle == final
        assert shown[-1] == f"Imported {start}"


async def test_palette_row_opens_the_prompt_and_a_failure_is_one_notification(
    fixture_store: Path, web: LocalWeb
) -> None:
    app = fixture_app(fixture_store)
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_palette_command(pilot, "Import from a URL")
        before = len(shown)
        await submit_address(pilot, app, web.url("/missing"))
        assert shown[before:] == [f"Fetching {web.url('/missing')}…", f"{web.url('/missing')}: HTTP 404 Not Found"]
        assert app.main_screen.query_one(ArticleTree).article_count == 2


async def test_a_page_with_no_article_text_is_one_notification(fixture_store: Path, web: LocalWeb) -> None:
    url = web.page("/blank", b"<html><head><title>Nothing</title></head><body></body></html>")
    app = fixture_app(fixture_store)
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await import_with_u(pilot, app, url)
        assert shown[1:] == [f"{url}: no article text found"]
        assert app.main_screen.query_one(ArticleTree).article_count == 2


async def test_brackets_in_an_address_are_shown_literally(fixture_store: Path, web: LocalWeb) -> None:
    url = web.url("/search?tag[b]=ferries")
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await import_with_u(pilot, app, url)
        await pilot.pause(0.3)
        toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert toasts == [f"Fetching {url}…", f"Import from a URL failed\n{url}: HTTP 404 Not Found"]


async def test_the_prompt_refuses_what_is_not_a_web_address(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await import_with_u(pilot, app, "library/night-room.html")
        assert isinstance(app.screen, UrlPrompt)
        assert shown == ["Give an address starting with http:// or https://"]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, UrlPrompt)


async def test_u_is_in_the_footer_and_the_help(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = [row for row in app.key_rows() if row.binding_id == "claimscope.import_url"]
        assert [(row.keys, row.description) for row in rows] == [("u", "Import URL")]
        footer_keys = [key for key, active in app.main_screen.active_bindings.items() if active.binding.show]
        assert "u" in footer_keys
