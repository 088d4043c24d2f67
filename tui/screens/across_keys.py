"""The keys of the speakers and figures views, by view, for the help screen (imported when it opens)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType

from claimscope.tui.screens.figures import FiguresScreen
from claimscope.tui.screens.speakers import SpeakersScreen


def across_key_groups() -> list[tuple[str, Iterable[BindingType]]]:
    enter = Binding("enter", "select_row", "List their claims / read the claim in context")
    return [
        ("speakers (p)", [enter, *SpeakersScreen.BINDINGS]),
        ("figures (f)", [Binding("enter", "select_row", "List its figures / read the figure in context"),
                         *(b for b in FiguresScreen.BINDINGS if isinstance(b, Binding) and b.id != "across.close")]),
    ]
