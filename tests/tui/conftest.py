"""Explorer test fixtures: every test gets its own store file (``CLAIMSCOPE_DB``) and keymap path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input
from tui_articles import ferry_article, markup_article

from claimscope.store.db import Store
from claimscope.tui.app import ClaimscopeApp, make_app
from claimscope.tui.keymap import LoadedKeymap

SIZE = (160, 48)


@pytest.fixture(autouse=True)
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store.json"
    monkeypatch.setenv("CLAIMSCOPE_DB", str(path))
    monkeypatch.setenv("CLAIMSCOPE_KEYMAP", str(tmp_path / "keymap.toml"))
    monkeypatch.chdir(tmp_path)
    return path


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
def fixture_store(store_path: Path) -> Iterator[Path]:
    """A store file holding the hand-built articles (no sample import)."""
    with Store(store_path) as store:
        store.add_articles([ferry_article(), markup_article()])
    yield store_path


def fixture_app(store_path: Path, **options: object) -> ClaimscopeApp:
    """The real app on the fixture store, with no first-run import and no auto refresh."""
    return make_app(
        store_path,
        keymap=options.pop("keymap", LoadedKeymap(store_path.parent / "keymap.toml")),  # type: ignore[arg-type]
        import_samples=False,
        auto_refresh=options.pop("auto_refresh", None),  # type: ignore[arg-type]
        export_directory=store_path.parent,
        **options,  # type: ignore[arg-type]
    )


def record_notifications(app: App[Any]) -> list[str]:
    """Every notification's message, in order, as the user sees them (every pane's notify goes to the app)."""
    messages: list[str] = []
    show = app.notify

    def notify(message: str, **options: Any) -> None:
        messages.append(message)
        show(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    return messages
