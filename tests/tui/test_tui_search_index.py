"""The explorer's search on the persisted index: usable while the index is built, and snippets marked."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.widgets import Label
from tui_harness import SIZE, fixture_app

import claimscope.store.search.persisted as persisted_module  # the Library imports open_index from it per call
from claimscope.tui.screens.search_modal import SearchModal


def prompts(modal: SearchModal) -> list[Text]:
    return [modal.results.get_option_at_index(i).prompt for i in range(modal.results.option_count)]  # type: ignore[misc]


async def test_a_query_typed_while_indexing_says_so_and_runs_when_the_index_is_ready(
    fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_open_index = persisted_module.open_index

    def slow_open_index(store: Any, **options: Any) -> Any:
        progress = options.get("progress")
        if progress is not None:
            progress(1, 2)
        release.wait(timeout=30)
        return real_open_index(store, **options)

    monkeypatch.setattr(persisted_module, "open_index", slow_open_index)
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"Tomas Rehn")
        modal = app.screen
        assert isinstance(modal, SearchModal)
        await pilot.pause(0.4)
        summary = str(modal.query_one("#search-summary", Label).render())
        assert summary == "indexing 1 of 2 articles… 'Tomas Rehn' runs when it is done"
        assert modal.shown_query is None
        release.set()  # no key pressed after this: the pending query must run by itself
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert modal.shown_query == "Tomas Rehn"
        assert any(p.plain.startswith("Tomas Rehn") for p in prompts(modal))


async def test_matched_words_are_styled_in_the_snippet(fixture_store: Path) -> None:
    app = fixture_app(fixture_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"audit stood")
        await app.workers.wait_for_complete()
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, SearchModal)
        row = next(p for p in prompts(modal) if "the audit stood" in p.plain)
        marked = [row.plain[s.start : s.end] for s in row.spans if "underline" in str(s.style)]
        assert marked == ["audit", "stood"]
