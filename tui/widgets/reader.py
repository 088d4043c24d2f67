"""The reader: one article's text with claims, statistics and speakers highlighted.

The text is built as Rich ``Text`` objects (``append`` and ``stylize`` on character spans, never markup
strings) and wrapped here, line by line, so the widget knows which screen line holds which character of
``Article.text``.  That map is what lets the explorer scroll straight to a claim's sentence; rendering is
through the Line API so only the visible lines are painted, however long the article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from claimscope.extract.model import Article, Block, Section
from claimscope.tui.safe_text import visible

GUTTER = 3
"""Columns left of the text: a bar marks the chosen section, a symbol marks captions and links."""

BLOCK_SYMBOLS = {"caption": "▣", "related": "↗", "byline": "✎", "dateline": "◷"}

WORD = re.compile(r"\s*\S+\s*")
"""A word with the spaces around it: lines break after a word's trailing spaces, so they stay on it."""


@dataclass(frozen=True, slots=True)
class ReaderLine:
    """One screen line: its text, where it starts in ``Article.text`` and what the gutter shows."""

    text: Text
    start: int
    section_index: int
    symbol: str = ""


@dataclass(frozen=True, slots=True)
class Focus:
    """The item the reader highlights strongly: its kind, id and spans."""

    kind: str
    item_id: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int


class Reader(ScrollView, can_focus=True):
    """Shows an article and highlights the chosen item's sentence.

    | Key | Action |
    | --- | --- |
    | j / down | Scroll down |
    | k / up | Scroll up |
    | space, page keys | Scroll by page (space marks items on the main screen) |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, id="cursor.down"),
        Binding("k", "scroll_up", "Up", show=False, id="cursor.up"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--claim",
        "reader--statistic",
        "reader--speaker",
        "reader--sentence",
        "reader--item",
        "reader--headline",
        "reader--heading",
        "reader--byline",
        "reader--caption",
        "reader--related",
        "reader--gutter",
        "reader--section-bar",
        "reader--marked",
    }

    marks: reactive[frozenset[str]] = reactive(frozenset)
    """Marked item ids, bound down from the screen; marked claims and statistics are styled."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.section_id: str | None = None
        self.focus_item: Focus | None = None
        self._lines: list[ReaderLine] = []
        self._line_starts: list[int] = []
        self._layout_width = -1
        self._pending_offset: int | None = None
        self._strip_cache: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._styled = Text()

    # attributes down ----------------------------------------------------------------------------

    def show(
        self,
        article: Article | None,
        *,
        section_id: str | None = None,
        focus: Focus | None = None,
        scroll_to: int | None = None,
    ) -> None:
        """Display ``article``; bring character ``scroll_to`` (or the top) into view."""
        same_article = self.article is not None and article is not None and self.article.id == article.id
        self.article = article
        self.section_id = section_id
        self.focus_item = focus
        self._relayout()
        if scroll_to is not None:
            self.scroll_to_offset(scroll_to)
        elif not same_article:
            self.scroll_to(y=0, animate=False)

    def watch_marks(self) -> None:
        self._relayout()

    @property
    def plain_lines(self) -> list[str]:
        """The wrapped text as plain strings (what a test or a copy command sees)."""
        return [line.text.plain for line in self._lines]

    @property
    def current_item_id(self) -> str | None:
        """What space and y act on in the reader: the highlighted item, else the section or article."""
        if self.focus_item is not None:
            return self.focus_item.item_id
        if self.section_id is not None:
            return self.section_id
        return self.article.id if self.article is not None else None

    def styled_text(self) -> Text:
        """The whole rendered article as one ``Text`` (for tests and copying)."""
        return Text("\n").join(line.text for line in self._lines)

    def style_at(self, offset: int) -> Style:
        """The combined style of character ``offset`` of ``Article.text`` as the reader paints it."""
        return self._styled.get_style_at_offset(self.app.console, offset)

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding character ``offset`` sits a third of the way down."""
        if self._layout_width <= 0:
            self._pending_offset = offset
            return
        index = self.line_of_offset(offset)
        target = max(0, index - max(1, self.scrollable_content_region.height // 3))
        self.scroll_to(y=target, animate=False, force=True)

    def line_of_offset(self, offset: int) -> int:
        return max(0, bisect_right(self._line_starts, offset) - 1)

    # layout -------------------------------------------------------------------------------------

    def on_resize(self) -> None:
        pending, self._pending_offset = self._pending_offset, None
        anchor = self._top_offset()
        self._relayout()
        if pending is not None:
            self.scroll_to_offset(pending)
        elif anchor is not None:
            self.scroll_to(y=self.line_of_offset(anchor), animate=False, force=True)

    def _top_offset(self) -> int | None:
        if not self._lines:
            return None
        index = min(int(self.scroll_offset.y), len(self._lines) - 1)
        return self._lines[index].start

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        self._strip_cache.clear()
        self._layout_width = width
        if width <= GUTTER or self.article is None:
            self._lines = []
            self._line_starts = []
            self.virtual_size = Size(0, 0)
            self.refresh()
            return
        self._styled = self._styled_article(self.article)
        self._lines = self._build_lines(self._styled, self.article, width - GUTTER)
        self._line_starts = [line.start for line in self._lines]
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def _build_lines(self, styled: Text, article: Article, width: int) -> list[ReaderLine]:
        lines: list[ReaderLine] = []
        for section_index, section in enumerate(article.sections):
            if section.heading and section.heading_start is not None and section.heading_end is not None:
                lines.extend(self._wrap(styled, section.heading_start, section.heading_end,
                                        section_index, width, ""))
                lines.append(ReaderLine(Text(), section.heading_end, section_index))
            for block in section.blocks:
                symbol = BLOCK_SYMBOLS.get(block.kind, "")
                lines.extend(self._wrap(styled, block.start, block.end, section_index, width, symbol))
                lines.append(ReaderLine(Text(), block.end, section_index))
        if not lines and article.text:
            lines.extend(self._wrap(styled, 0, len(article.text), 0, width, ""))
        return lines

    def _wrap(
        self, styled: Text, start: int, end: int, section_index: int, width: int, symbol: str
    ) -> list[ReaderLine]:
        out: list[ReaderLine] = []
        piece_start = start
        plain = styled.plain
        while piece_start <= end:
            newline = plain.find("\n", piece_start, end)
            piece_end = end if newline == -1 else newline
            piece = styled[piece_start:piece_end]
            offsets = wrap_offsets(piece.plain, width)
            for index, (line_start, line) in enumerate(
                zip([0, *offsets], piece.divide(offsets), strict=False)
            ):
                line.rstrip()
                out.append(
                    ReaderLine(line, piece_start + line_start, section_index,
                               symbol if not out and index == 0 else "")
                )
            if newline == -1:
                break
            piece_start = newline + 1
        return out

    def _styled_article(self, article: Article) -> Text:
        text = Text(visible(article.text), no_wrap=True, end="")
        style = self.get_component_rich_style
        sections: list[Section] = article.sections
        for section in sections:
            if section.heading_start is not None and section.heading_end is not None:
                text.stylize(style("reader--heading"), section.heading_start, section.heading_end)
            for block in section.blocks:
                block_style = _block_class(block)
                if block_style:
                    text.stylize(style(block_style), block.start, block.end)
        for claim in article.claims:
            text.stylize(style("reader--claim"), claim.start, claim.end)
            if claim.speaker_start is not None and claim.speaker_end is not None:
                text.stylize(style("reader--speaker"), claim.speaker_start, claim.speaker_end)
            if claim.id in self.marks:
                text.stylize(style("reader--marked"), claim.start, claim.end)
        for statistic in article.statistics:
            text.stylize(style("reader--statistic"), statistic.start, statistic.end)
            if statistic.id in self.marks:
                text.stylize(style("reader--marked"), statistic.start, statistic.end)
        focus = self.focus_item
        if focus is not None:
            text.stylize(style("reader--sentence"), focus.sentence_start, focus.sentence_end)
            text.stylize(style("reader--item"), focus.start, focus.end)
        return text

    # rendering ----------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        key = (index, width)
        strip = self._strip_cache.get(key)
        if strip is None:
            strip = self._render_reader_line(self._lines[index], base)
            self._strip_cache[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_offsets(scroll_x, index)

    def _render_reader_line(self, line: ReaderLine, base: Style) -> Strip:
        in_section = False
        if self.article is not None and self.section_id is not None:
            sections = self.article.sections
            in_section = 0 <= line.section_index < len(sections) and (
                sections[line.section_index].id == self.section_id
            )
        bar_style = self.get_component_rich_style("reader--section-bar")
        gutter_style = self.get_component_rich_style("reader--gutter")
        bar = Segment("▎" if in_section else " ", base + (bar_style if in_section else gutter_style))
        symbol = Segment((line.symbol or " ")[:1] + " ", base + gutter_style)
        body = list(line.text.render(self.app.console, end=""))
        segments = [bar, symbol, *Segment.apply_style(body, base)]
        return Strip(segments)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.article is not None:
            self._relayout()


def _block_class(block: Block) -> str | None:
    if block.kind in ("headline", "byline", "caption", "related"):
        return f"reader--{block.kind}"
    if block.kind == "dateline":
        return "reader--byline"
    return None


def wrap_offsets(text: str, width: int) -> list[int]:
    """Where ``text`` breaks into lines of at most ``width`` cells: after spaces, or inside a long word.

    The offsets are what ``Text.divide`` takes, so each wrapped line keeps its place in the article
    text.  A word wider than the line is cut into pieces of ``width`` cells.
    """
    breaks: list[int] = []
    used = 0
    for match in WORD.finditer(text):
        start, word = match.start(), match.group()
        length = cell_len(word.rstrip())
        if length <= width - used:
            used += cell_len(word)
            continue
        if length <= width:
            if start:
                breaks.append(start)
            used = cell_len(word)
            continue
        for piece in chop_cells(word, width):
            if start:
                breaks.append(start)
            start += len(piece)
            used = cell_len(piece)
    return breaks
