"""The `e` dialog: choose a format and a file for the marked items; it only collects, never writes.

Writing is the caller's job (through ``claimscope.store.export.write_export``, the same writer the
``claimscope export`` command uses), so this modal stays a form that dismisses an ``ExportRequest``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the user chose: format, target file, and whether an existing file may be replaced."""

    fmt: str
    path: Path
    overwrite: bool


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Format select, file name (defaulting to a name for the format, in the working directory)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(
        self,
        formats: Sequence[str],
        default_name: Callable[[str], str],
        count: int,
        directory: Path,
    ) -> None:
        super().__init__()
        self._formats = list(formats)
        self._default_name = default_name
        self._count = count
        self._directory = directory
        self._fmt = self._formats[0]

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            noun = "item" if self._count == 1 else "items"
            yield Label(Text(f"Export {self._count} marked {noun}"), id="export-title")
            yield Label("Format")
            yield Select([(fmt, fmt) for fmt in self._formats], value=self._fmt, allow_blank=False,
                         id="export-format")
            yield Label("File")
            yield Input(str(self._directory / self._default_name(self._fmt)), id="export-path")
            yield Checkbox("Overwrite if the file exists", id="export-overwrite")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        new = str(event.value)
        path_input = self.query_one("#export-path", Input)
        old_default = str(self._directory / self._default_name(self._fmt))
        if path_input.value == old_default:
            path_input.value = str(self._directory / self._default_name(new))
        self._fmt = new

    @on(Button.Pressed, "#export-ok")
    @on(Input.Submitted, "#export-path")
    def _confirm(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.notify("Give a file name", severity="warning")
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = self._directory / path
        overwrite = self.query_one("#export-overwrite", Checkbox).value
        self.dismiss(ExportRequest(self._fmt, path, overwrite))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
