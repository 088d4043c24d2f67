"""The `/` search: fuzzy matches over every article, section, claim and statistic, as you type.

Each keystroke starts a thread worker in one exclusive group, so an older search is cancelled; the
worker posts its hits as ``SearchModal.Found`` and results for a query the user has since changed are
dropped, so typing never waits for the matcher.  Results
are grouped by kind under headings; enter (or a click) dismisses the modal with the chosen hit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Protocol

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from claimscope.tui.safe_text import one_line

KIND_TITLES = {
    "article": "Articles",
    "section": "Sections",
    "claim": "Claims",
    "statistic": "Statistics",
    "entity": "Entities",
    "passage": "Passages",
}
PROGRESS_SECONDS = 0.25
"""How often the modal looks at the index build's progress while a search waits for it."""
MAX_PROMPT = 300
"""Characters of hit text kept in a result row (rows are one line, cut with an ellipsis)."""


class SearchHit(Protocol):
    """What the search modal needs from a store search hit."""

    @property
    def kind(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def article_id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def spans(self) -> tuple[tuple[int, int], ...]: ...
    @property
    def copies(self) -> int: ...


SearchFunction = Callable[[str], Sequence[SearchHit]]
ProgressFunction = Callable[[], "tuple[int, int] | None"]


class SearchModal(ModalScreen[SearchHit | None]):
    """Type to search; up/down choose; enter jumps to the item in context; esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_search", "Close", id="search.close"),
        Binding("down", "move(1)", "Next", show=False, priority=True),
        Binding("up", "move(-1)", "Previous", show=False, priority=True),
        Binding("pagedown", "move(10)", show=False, priority=True),
        Binding("pageup", "move(-10)", show=False, priority=True),
    ]

    class Found(Message):
        """A search worker's hits for ``query``."""

        def __init__(self, query: str, hits: list[SearchHit]) -> None:
            super().__init__()
            self.query = query
            self.hits = hits

    def __init__(self, search: SearchFunction, progress: ProgressFunction | None = None) -> None:
        super().__init__()
        self._search = search
        self._progress = progress
        self._pending: str | None = None
        """The query a worker is running, until its results are shown."""
        self._hits: dict[str, SearchHit] = {}
        self.shown_query: str | None = None
        """The query whose results are on screen (tests wait for it)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(placeholder="Search everything (typos welcome)…", id="search-input")
            yield Label("", id="search-summary")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.query_one("#search-results", OptionList).can_focus = False
        if self._progress is not None:
            self.set_interval(PROGRESS_SECONDS, self._show_progress)

    def _show_progress(self) -> None:
        """While a search waits for the index to be built, say how far the build is."""
        progress = self._progress() if self._progress is not None else None
        if progress is None or self._pending is None:
            return
        done, total = progress
        self.query_one("#search-summary", Label).update(
            Text(f"indexing {done:,} of {total:,} articles… {one_line(self._pending)!r} runs when it is done")
        )

    @property
    def results(self) -> OptionList:
        return self.query_one("#search-results", OptionList)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._run_search(event.value)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        options = self.results
        index = options.highlighted
        if index is None:
            self.action_move(1)
            index = options.highlighted
        if index is not None:
            self._choose(options.get_option_at_index(index).id)

    @on(OptionList.OptionSelected, "#search-results")
    def _result_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def action_move(self, step: int) -> None:
        """Move the highlight ``step`` results, skipping the kind headings."""
        options = self.results
        count = options.option_count
        if not count:
            return
        direction = 1 if step > 0 else -1
        index = options.highlighted
        if index is None:
            index = -1 if direction > 0 else count
        for _ in range(abs(step)):
            probe = index + direction
            while 0 <= probe < count and options.get_option_at_index(probe).disabled:
                probe += direction
            if not 0 <= probe < count:
                break
            index = probe
        if 0 <= index < count:
            options.highlighted = index

    def action_dismiss_search(self) -> None:
        self.dismiss(None)

    def _choose(self, option_id: str | None) -> None:
        if option_id is not None and option_id in self._hits:
            self.dismiss(self._hits[option_id])

    # searching --------------------------------------------------------------------------------

    def _run_search(self, query: str) -> None:
        if not query.strip():
            self.workers.cancel_group(self, "search")
            self._pending = None
            self._show(query, [])
            return
        self._pending = query
        self._search_worker(query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False, description="search")
    def _search_worker(self, query: str) -> None:
        hits = list(self._search(query))
        worker = get_current_worker()
        if not worker.is_cancelled:
            self.post_message(self.Found(query, hits))

    @on(Found)
    def _found(self, message: Found) -> None:
        self._show(message.query, message.hits)

    def _show(self, query: str, hits: list[SearchHit]) -> None:
        if query != self.query_one("#search-input", Input).value:
            return  # stale: the user has typed since this search started
        self._pending = None
        options = self.results
        options.clear_options()
        self._hits = {}
        groups: dict[str, list[SearchHit]] = {}
        for hit in hits:
            groups.setdefault(hit.kind, []).append(hit)
        prompts: list[Option] = []
        for kind, members in groups.items():
            title = KIND_TITLES.get(kind, kind.capitalize())
            prompts.append(Option(Text(f"{title} ({len(members)})", style="bold reverse"), disabled=True))
            for hit in members:
                option_id = f"{hit.kind}:{hit.id}"
                self._hits[option_id] = hit
                prompts.append(Option(_hit_prompt(hit), id=option_id))
        options.add_options(prompts)
        summary = self.query_one("#search-summary", Label)
        if query.strip():
            summary.update(Text(f"{len(hits)} matches for {one_line(query)!r}"))
        else:
            summary.update(Text("Type to search articles, sections, claims and statistics"))
        self.shown_query = query
        if self._hits:
            self.action_move(1)


def _hit_prompt(hit: SearchHit) -> Text:
    """Label, then the snippet with its matched words styled (spans, never markup), then the copy count."""
    prompt = Text(no_wrap=True, overflow="ellipsis", end="")
    label = one_line(hit.label or "")
    text = Text(one_line(hit.text))  # one_line maps characters one to one, so the spans still fit
    for start, end in hit.spans:
        text.stylize("bold underline", start, end)
    if label and text.plain.startswith(f"{label}: "):
        text = text[len(label) + 2 :]  # section hits repeat their heading
    if label:
        prompt.append(label, style="bold")
        prompt.append("  ")
    prompt.append_text(text[:MAX_PROMPT])
    if hit.copies > 1:
        prompt.append(f"  (+{hit.copies - 1} more with this line)", style="dim")
    return prompt
