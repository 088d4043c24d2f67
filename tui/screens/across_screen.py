"""What the speakers and figures screens share: a status line, workers that open the index, back and jump.

Each screen is a full ``Screen`` pushed over the main screen.  It opens the index across articles in a
thread worker (which posts ``Progress`` while it catches up with the store, then the subclass's listing);
escape goes back, and choosing an item dismisses the screen with an ``ItemJump`` that the app hands to
the main screen, which shows the item in the reader like a search hit.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label
from textual.worker import Worker, WorkerState

from claimscope.tui.across_source import AcrossSource, ItemJump
from claimscope.tui.widgets.virtual_table import VirtualTable


class AcrossScreen(Screen[ItemJump | None]):
    """Base of the views across articles; subclasses compose their panes and list in ``load``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="across.close", tooltip="Back to the articles"),
    ]

    class Progress(Message):
        """The worker has read ``done`` of ``total`` articles the index lacked."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    def __init__(self, source: AcrossSource) -> None:
        super().__init__()
        self.source = source
        self.ready = False
        """True once the first listing is on screen (tests wait for it)."""

    def status(self, text: str) -> None:
        self.query_one(".across-status", Label).update(Text(text))

    def open_and_list(self) -> None:
        """Catch the index up (a worker posts progress), then list; subclasses call this from ``on_mount``."""
        self.status("opening the index across articles…")
        self.run_worker(self._open_and_list, thread=True, exclusive=True, group="across-open",
                        description="index across articles", exit_on_error=False)

    def _open_and_list(self) -> None:
        self.source.open(progress=self._post_progress)
        self.load()

    def _post_progress(self, done: int, total: int) -> None:
        self.post_message(self.Progress(done, total))

    def load(self) -> None:
        """Query the index and post the rows (runs in a worker)."""
        raise NotImplementedError

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        if message.total:
            self.status(f"reading {message.done:,} of {message.total:,} articles for the index across articles…")

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.status(f"could not list: {event.worker.error}")
            self.notify(f"{event.worker.description} failed: {event.worker.error}", severity="error", timeout=10)

    def action_close(self) -> None:
        self.dismiss(None)

    def jump(self, kind: str, item_id: str) -> None:
        self.dismiss(ItemJump(kind, item_id, item_id.split(":", 1)[0]))


def table_with(table: VirtualTable, columns: list[tuple[str, str, int]], right: frozenset[str] = frozenset()) -> None:
    """Add ``(key, label, width)`` columns; counts in ``right`` are right-aligned."""
    for key, label, width in columns:
        table.add_column(label, key=key, width=width, justify="right" if key in right else "left")
