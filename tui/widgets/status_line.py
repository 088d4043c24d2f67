"""The status line: where you are (article, section), what is listed, and how many items are marked.

Both things it shows are reactives bound down from the main screen (``data_bind``): ``location`` is
rebuilt by the screen after every move, ``marks`` is the screen's set of marked ids, so the count here
can never disagree with the mark columns of the other panes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from claimscope.tui.safe_text import one_line


@dataclass(frozen=True, slots=True)
class Location:
    """Everything the status line reports; the screen builds one after every change."""

    article: str | None = None
    section: str | None = None
    claims: int = 0
    statistics: int = 0
    articles: int = 0
    scope_all: bool = False
    note: str = ""


class StatusLine(Widget):
    """One line, built as ``Text`` so titles with brackets show literally.

    A plain ``Widget`` with ``render`` (not a ``Static``): updating it repaints one line without asking
    the screen for a new layout, which matters when a held arrow key updates it many times a second.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status-line--place",
        "status-line--count",
        "status-line--marked",
    }

    location: reactive[Location] = reactive(Location)
    marks: reactive[frozenset[str]] = reactive(frozenset)

    def render(self) -> Text:
        """Counts keep their place at the right; the article and section give way on narrow terminals."""
        location = self.location
        marked_count = len(self.marks)
        place = self.get_component_rich_style("status-line--place", partial=True)
        count = self.get_component_rich_style("status-line--count", partial=True)
        marked = self.get_component_rich_style("status-line--marked", partial=True)
        counts = Text(no_wrap=True, end="")
        counts.append(f"{location.claims} claims", count)
        counts.append(" · ")
        counts.append(f"{location.statistics} statistics", count)
        counts.append(" · ")
        counts.append(f"{marked_count} marked", marked if marked_count else count)
        if location.note:
            counts.append(f" · {location.note}", count)
        where = Text(no_wrap=True, overflow="ellipsis", end="")
        if location.scope_all:
            where.append(f"All {location.articles} articles", place)
        elif location.article:
            where.append(one_line(location.article), place)
            if location.section:
                where.append(" › ")
                where.append(one_line(location.section), place)
        else:
            where.append(f"{location.articles} articles", place)
        room = max(0, self.size.width - counts.cell_len - 3)
        if where.cell_len > room:
            where.truncate(room, overflow="ellipsis")
        line = Text(no_wrap=True, end="")
        line.append_text(where)
        line.append(" " * max(1, self.size.width - where.cell_len - counts.cell_len))
        line.append_text(counts)
        return line
