"""Helpers the explorer tests import: the app on the fixture store, the terminal size, notifications.

Kept out of ``conftest.py``, which tests must never import by name: two test folders each have one, and which
``conftest`` module a name import found depended on the order the folders were collected in.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from claimscope.tui.app import ClaimscopeApp, make_app
from claimscope.tui.keymap import LoadedKeymap

SIZE = (160, 48)


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


async def wait_until(pilot: Pilot[Any], done: Callable[[], bool], tries: int = 100) -> None:
    """Let the app run (its refresh timers, its workers) until ``done()`` or ``tries`` short pauses pass."""
    for _ in range(tries):
        await asyncio.sleep(0.05)
        await pilot.pause()
        if done():
            return


def record_notifications(app: App[Any]) -> list[str]:
    """Every notification's message, in order, as the user sees them (every pane's notify goes to the app)."""
    messages: list[str] = []
    show = app.notify

    def notify(message: str, **options: Any) -> None:
        messages.append(message)
        show(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    return messages
