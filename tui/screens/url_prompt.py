"""A one-field modal asking for a web address (key u and the palette's "Import from a URL").

Its own screen rather than ``PathPrompt`` with another check: a path prompt resolves what is typed
against a folder and dismisses with a ``Path``, an address is kept as typed.  It looks the same (the
same ids, so the same styles).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class UrlPrompt(ModalScreen[str | None]):
    """Dismisses with an http:// or https:// address, or ``None`` on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(Text("Import from a URL"), id="prompt-title")
            yield Input(placeholder="https://example.org/news/story", id="prompt-input")
            yield Label(Text("enter: fetch and import   esc: cancel"), id="prompt-hint")

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        address = event.value.strip()
        if not address:
            return
        from claimscope.tui.url_fetch import is_web_address  # loads httpx, which start-up does not need

        if not is_web_address(address):
            self.notify("Give an address starting with http:// or https://", severity="error")
            return
        self.dismiss(address)

    def action_cancel(self) -> None:
        self.dismiss(None)
