"""The Diff screen (key d): what changed between one version of an article and the version before it.

It lists the claims and statistics added, removed and changed (a changed figure shows its old and new
value on one line) and the paragraphs that changed, their edited words coloured.  ``[`` and ``]`` step to
the older or newer pair of versions of the same story; escape or d goes back to the explorer.  The
lines are those of ``claimscope diff`` (``tui/diff_lines.py``); article text is painted as data
(``safe_text``), never parsed as markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from claimscope.store.errors import StoreError
from claimscope.store.versions.diff import diff_articles
from claimscope.tui.diff_lines import SIGN, DiffLine, diff_lines
from claimscope.tui.library import Library
from claimscope.tui.safe_text import one_line, visible

LINE_STYLES = {"heading": "bold", "added": "green", "removed": "red", "changed": "yellow", "detail": "dim"}
WORD_STYLES = {"=": "", "-": "red strike", "+": "bold green"}


def diff_text(lines: list[DiffLine]) -> Text:
    """The diff as one ``Text``: a sign and a colour per line, word runs coloured in changed paragraphs."""
    text = Text()
    for n, line in enumerate(lines):
        if line.kind == "heading" and n:
            text.append("\n")
        text.append(SIGN[line.kind], LINE_STYLES[line.kind])
        if line.words:
            for op, words in line.words:
                text.append(visible(words), WORD_STYLES[op])
        else:
            text.append(visible(line.text), LINE_STYLES[line.kind] if line.kind != "heading" else "bold")
        text.append("\n")
    return text


class DiffScreen(Screen[None]):
    """One pair of versions; ``[``/``]`` move along the story's versions."""

    BINDING_GROUP_TITLE = "Versions"
    DEFAULT_CSS = """
    DiffScreen #diff-title { width: 100%; height: auto; padding: 0 1; background: $boost; }
    DiffScreen #diff-scroll { height: 1fr; border: round $accent; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,d", "close", "Back", id="diff.close"),
        Binding("left_square_bracket", "step(-1)", "Older", id="diff.older",
                tooltip="Compare the previous pair of versions"),
        Binding("right_square_bracket", "step(1)", "Newer", id="diff.newer",
                tooltip="Compare the next pair of versions"),
    ]

    def __init__(self, library: Library, versions: list[str], at: int) -> None:
        """``versions`` oldest first; the screen compares ``versions[at - 1]`` with ``versions[at]``."""
        super().__init__()
        self.library = library
        self.versions = versions
        self.at = max(1, min(at, len(versions) - 1))

    def compose(self) -> ComposeResult:
        yield Label(id="diff-title")
        with VerticalScroll(id="diff-scroll"):
            yield Static(id="diff-body")
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        try:
            old = self.library.article(self.versions[self.at - 1])
            new = self.library.article(self.versions[self.at])
        except StoreError as error:  # removed by another process since the screen opened
            self.notify(str(error), severity="error")
            self.dismiss(None)
            return
        diff = diff_articles(old, new)
        title = Text(one_line(new.title or new.source or new.id), style="bold")
        title.append(f"  version {self.at} → {self.at + 1} of {len(self.versions)}  ({old.id} → {new.id})", "dim")
        self.query_one("#diff-title", Label).update(title)
        body = diff_text(diff_lines(diff)) if not diff.is_empty else Text("No claim, statistic or paragraph changed.")
        self.query_one("#diff-body", Static).update(body)
        self.query_one("#diff-scroll", VerticalScroll).scroll_home(animate=False)

    @property
    def shown_pair(self) -> tuple[str, str]:
        return self.versions[self.at - 1], self.versions[self.at]

    def action_step(self, delta: int) -> None:
        at = self.at + delta
        if not 1 <= at < len(self.versions):
            self.notify("No older pair of versions" if delta < 0 else "No newer pair of versions", timeout=2)
            return
        self.at = at
        self._show()

    def action_close(self) -> None:
        self.dismiss(None)
