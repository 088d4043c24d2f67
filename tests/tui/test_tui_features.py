"""First run, search, marks, export, literal markup, keymap and store errors, through the real app."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from textual.widgets import Label
from tui_articles import FERRY_CLAIM, MARKUP_SENTENCE
from tui_harness import SIZE, fixture_app, record_notifications

from claimscope.store.db import Store
from claimscope.tui.app import make_app, run_explorer
from claimscope.tui.keymap import load_keymap
from claimscope.tui.screens.export_dialog import ExportDialog
from claimscope.tui.screens.help_screen import HelpScreen
from claimscope.tui.screens.search_modal import SearchModal
from claimscope.tui.widgets.article_tree import ArticleTree
from claimscope.tui.widgets.claims_list import ClaimsList
from claimscope.tui.widgets.reader import Reader
from claimscope.tui.widgets.status_line import StatusLine

SAMPLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


def _sample_count() -> int:
    return sum(
        1 for entry in resources.files("claimscope.data").iterdir() if entry.name.endswith(SAMPLE_SUFFIXES)
    )


async def test_first_run_imports_the_samples_and_says_so(store_path: Path) -> None:
    app = make_app(None, import_samples=True, auto_refresh=None)  # the store comes from CLAIMSCOPE_DB
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        expected = _sample_count()
        assert expected >= 5
        assert app.imported_samples == expected
        assert app.main_screen.query_one(ArticleTree).article_count == expected
        assert any(f"Imported {expected} sample articles" in message for message in shown)
        reader = app.main_screen.query_one(Reader)
        assert reader.article is not None and reader.plain_lines  # the newest sample is open
    with Store(store_path) as store:
        assert len(store.article_summaries()) == expected


async def test_a_failed_first_run_import_says_what_to_do(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_room(store: Store) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr("claimscope.store.importer.import_samples", no_room)
    app = make_app(None, import_samples=True, auto_refresh=None)
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):  # the import fails in a thread; its notification arrives as a message
            await pilot.pause(0.01)
            if shown:
                break
        assert shown == [
            "Could not import the sample articles (OSError: No space left on device). "
            "Run `claimscope import PATH` to add your own articles, then press r here to see them."
        ]
        tree = app.main_screen.query_one(ArticleTree)
        assert not tree.loading  # the loading indicator is gone
        assert tree.article_count == 0
        assert app.is_running
        assert "0 articles" in str(app.main_screen.query_one(StatusLine).render())


async def test_search_with_a_typo_jumps_to_the_claim(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        assert isinstance(app.screen, SearchModal)
        await pilot.press(*"Tomsa Rehn")  # typo: "Tomas"
        await app.workers.wait_for_complete()
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, SearchModal) and modal.shown_query == "Tomsa Rehn"
        prompts = [str(modal.results.get_option_at_index(i).prompt) for i in range(modal.results.option_count)]
        assert prompts[0].startswith("Claims (")  # grouped under a heading per kind
        assert "Tomas Rehn  the audit stood" in prompts
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchModal)
        claims = app.main_screen.query_one(ClaimsList)
        assert app.focused is claims
        assert claims.current_item_id == "fx-ferry:c2"
        reader = app.main_screen.query_one(Reader)
        assert reader.focus_item is not None and reader.focus_item.item_id == "fx-ferry:c2"


async def test_escape_closes_search_without_moving(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.main_screen.query_one(Reader).article
        await pilot.press("slash", "m", "a", "r", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchModal)
        assert app.main_screen.query_one(Reader).article is before


async def test_marks_survive_a_restart(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.main_screen.query_one(ClaimsList).focus()
        await pilot.press("j", "space")
        await pilot.pause()
        status = str(app.main_screen.query_one(StatusLine).render())
        assert "1 marked" in status
    with Store(fixture_store) as store:
        assert store.marks() == {"fx-ferry:c1"}

    again = fixture_app(fixture_store)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        claims = again.main_screen.query_one(ClaimsList)
        marks_column = [str(claims.get_row_at(i)[0]) for i in range(claims.row_count)]
        assert marks_column == [" ", "●", " "]
        claims.focus()
        await pilot.press("j", "space")  # unmark
        await pilot.pause()
    with Store(fixture_store) as store:
        assert store.marks() == set()


async def test_export_writes_the_marked_items(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.main_screen.query_one(ClaimsList).focus()
        await pilot.press("j", "space", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.press("enter")  # accept json and the default file name
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    written = list(fixture_store.parent.glob("claimscope-export-*.json"))
    assert len(written) == 1
    rows = json.loads(written[0].read_text(encoding="utf-8"))
    assert [(row["kind"], row["id"], row["text"]) for row in rows] == [("claim", "fx-ferry:c1", FERRY_CLAIM)]


async def test_export_with_nothing_marked_says_so(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        assert any("Nothing is marked" in message for message in shown)


async def test_markup_in_an_article_is_shown_literally(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.main_screen.query_one(ArticleTree)
        tree.focus()
        await pilot.press("j")  # the forum story
        await pilot.pause()
        reader = app.main_screen.query_one(Reader)
        text = "\n".join(reader.plain_lines)
        assert "Forum moderators remove [bold] spam posts" in text
        assert "[bold]WIN[/bold]" in text
        assert "[@click=app.quit]click here[/]" in text
        assert "\x1b" not in text and "␛[31mred␛[0m" in text
        # the rendered segments carry no link or action metadata from the article text
        styled = reader.styled_text()
        assert all(not span_style_has_meta(span.style) for span in styled.spans)
        status = str(app.main_screen.query_one(StatusLine).render())
        assert "Forum moderators remove [bold] spam posts" in status
        # clicking on the words does not run the embedded action
        await pilot.click(Reader)
        await pilot.pause()
        assert app.is_running
    assert MARKUP_SENTENCE.startswith("One post read [bold]")


def span_style_has_meta(style: object) -> bool:
    meta = getattr(style, "meta", None)
    return bool(meta)


async def test_keymap_file_remaps_keys_and_help_shows_them(fixture_store: Path) -> None:
    keymap_file = fixture_store.parent / "keymap.toml"
    keymap_file.write_text('[keys]\n"claimscope.search" = "f"\n"claimscope.mark" = ["m"]\n', encoding="utf-8")
    app = fixture_app(fixture_store, keymap=load_keymap(keymap_file))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = {row.binding_id: row.keys for row in help_screen.rows}
        assert keys["claimscope.search"] == "f"
        assert keys["claimscope.mark"] == "m"
        assert keys["claimscope.quit"] == "q"
        enter_rows = [(row.where, row.description, row.binding_id) for row in help_screen.rows if row.keys == "⏎"]
        assert enter_rows == [  # once per pane kind, and no made-up binding id a keymap could not use
            ("articles", "Expand article / read section", ""),
            ("claims, statistics", "Read the item in context", ""),
            ("speakers (p)", "List their claims / read the claim in context", ""),
            ("figures (f)", "List its figures / read the figure in context", ""),
        ]
        note = help_screen.query_one("#help-note", Label).render()
        assert str(note) == (
            f"Remap keys in {keymap_file}: a [keys] table of binding id = keys, "
            'e.g. "claimscope.search" = "ctrl+f,slash"'
        )
        await pilot.press("escape", "f")
        await pilot.pause()
        assert isinstance(app.screen, SearchModal)
        await pilot.press("escape")
        app.main_screen.query_one(ClaimsList).focus()
        await pilot.press("m")
        await pilot.pause()
    with Store(fixture_store) as store:
        assert store.marks() == {"fx-ferry:c0"}


def test_a_broken_keymap_is_reported_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text("[keys\n", encoding="utf-8")
    loaded = load_keymap(path)
    assert loaded.keys == {} and len(loaded.warnings) == 1


def test_a_damaged_store_is_one_line_and_status_2(store_path: Path, capsys: object) -> None:
    store_path.write_text("{ this is not json", encoding="utf-8")
    assert run_explorer(store_path) == 2
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert err.startswith("claimscope: error:") and err.count("\n") == 1
    assert store_path.read_text(encoding="utf-8") == "{ this is not json"  # kept, not replaced


async def test_copy_puts_the_claim_and_its_citation_on_the_clipboard(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.main_screen.query_one(ClaimsList).focus()
        await pilot.press("j", "j", "y")
        await pilot.pause()
        assert app.clipboard == (
            "Tomas Rehn (said): “the audit stood”\n"
            "— “Harbour office rejects ferry audit”, Test Writer, fixture:fx-ferry, 2025-03-12 [fx-ferry:c2]"
        )


async def test_s_sorts_statistics_by_value(fixture_store: Path) -> None:
    from claimscope.tui.widgets.stats_table import StatsTable

    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        stats = app.main_screen.query_one(StatsTable)
        stats.focus()
        await pilot.press("s")  # value, ascending
        await pilot.pause()
        assert [stats.get_row_at(i)[1].plain for i in range(stats.row_count)] == ["18", "1,240", "38.5M"]
        await pilot.press("s")  # value, descending
        await pilot.pause()
        assert [stats.get_row_at(i)[1].plain for i in range(stats.row_count)] == ["38.5M", "1,240", "18"]
