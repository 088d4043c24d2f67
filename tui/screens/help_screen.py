"""The `?` screen: every key in force, grouped by where it works, after the user's keymap is applied."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label


@dataclass(frozen=True, slots=True)
class KeyRow:
    """One line of the help table."""

    where: str
    keys: str
    description: str
    binding_id: str


class HelpScreen(ModalScreen[None]):
    """A table of keys; esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
    ]

    def __init__(self, rows: Sequence[KeyRow], keymap_note: str) -> None:
        super().__init__()
        self._rows = list(rows)
        self._note = keymap_note

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Label(Text("Keys in force", style="bold"), id="help-title")
            table: DataTable[Text] = DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            yield table
            yield Label(Text(self._note), id="help-note")

    def on_mount(self) -> None:
        table = self.query_one("#help-table", DataTable)
        table.add_column("Where", key="where")
        table.add_column("Keys", key="keys")
        table.add_column("Does", key="does")
        table.add_column("Binding id", key="id")
        for row in self._rows:
            table.add_row(Text(row.where), Text(row.keys, style="bold"), Text(row.description),
                          Text(row.binding_id, style="dim"))
        table.focus()

    @property
    def rows(self) -> list[KeyRow]:
        return list(self._rows)

    def action_close(self) -> None:
        self.dismiss(None)
