"""The main screen: composes the four panes and the status line, and is the only place that links them.

Panes post what the user is on (``ArticleChosen``, ``SectionChosen``, ``ClaimChosen``,
``StatisticChosen``); this screen loads what is needed through the ``Library`` and sets the other panes'
contents.  No pane knows about another (Textual's "attributes down, messages up").

State that several panes show lives here as reactives bound down with ``data_bind``: ``marks`` (the
marked ids: mark columns, tree dots, reader styles and the status count), ``location`` (the status
line) and ``importing`` (the articles pane's loading indicator).  The "all articles" lists are built
in a thread worker that posts ``AllItemsListed``; the worker never writes screen state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import Worker, WorkerState, get_current_worker

from claimscope.extract.model import Article, Claim, Statistic
from claimscope.store.errors import StoreError
from claimscope.tui.article_rows import ArticleOfItem, ArticleRows, ItemById
from claimscope.tui.library import Library
from claimscope.tui.messages import ArticleChosen, ClaimChosen, SectionChosen, StatisticChosen
from claimscope.tui.safe_text import one_line
from claimscope.tui.screens.diff_screen import DiffScreen
from claimscope.tui.widgets.article_tree import ArticleTree
from claimscope.tui.widgets.claims_list import ClaimsList, claim_cells
from claimscope.tui.widgets.item_table import MEASURED_ROWS
from claimscope.tui.widgets.reader import Focus, Reader
from claimscope.tui.widgets.stats_table import StatsTable, statistic_cells
from claimscope.tui.widgets.status_line import Location, StatusLine
from claimscope.tui.widgets.virtual_table import Row

if TYPE_CHECKING:
    from claimscope.store.repeats.groups import ClaimRef
    from claimscope.store.search import Hit

ItemT = TypeVar("ItemT", Claim, Statistic)

ClaimRows = tuple[Sequence[Row], Mapping[str, str]]
StatisticRows = tuple[Sequence[Row], Mapping[str, str], Mapping[str, Statistic]]


class MainScreen(Screen[None]):
    """Articles | reader | claims over statistics (stacked two by two when the terminal is narrow)."""

    BINDING_GROUP_TITLE = "Explorer"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_mark", "Mark", priority=True, id="claimscope.mark",
                tooltip="Mark or unmark the focused item (marks are saved in the store)"),
        Binding("y", "copy", "Copy", id="claimscope.copy",
                tooltip="Copy the focused item with its citation"),
        Binding("a", "toggle_scope", "All/one", id="claimscope.scope",
                tooltip="List claims and statistics of all articles, or of the chosen one"),
        Binding("d", "versions", "Versions", id="claimscope.versions",
                tooltip="What changed since the chosen article's previous version"),
        Binding("t", "repeats", "Repeats", id="claimscope.repeats",
                tooltip="Claims made again in other articles: the chosen claim's repeats, or every group"),
    ]

    AUTO_FOCUS = "#articles"
    """Focus starts on the articles, even while the first-run import is still filling them, so tab
    order is always articles → reader → claims → statistics from the first key press."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 (typed by Screen)

    marks: var[frozenset[str]] = var(frozenset)
    """Marked item ids (saved in the store); bound down to every pane and the status line."""
    location: var[Location] = var(Location)
    """What the status line reports; rebuilt after every move."""
    importing: var[bool] = var(False)
    """True while the first-run import fills the store (the articles pane shows a loading indicator)."""
    scope_all = var(False, init=False)
    """True when the lists hold the items of every article rather than of the chosen one."""
    loading_all = var(False)
    """True while the "all articles" lists are being built in a worker."""
    repeated: var[frozenset[str]] = var(frozenset)
    """Ids of claims made again in another article (the claims pane marks them); see ``_find_repeat_marks``."""

    class Ready(Message):
        """The panes exist: the app may load the store or start the first-run import."""

    class AllItemsListed(Message):
        """The worker has built the rows of every claim and statistic (only the UI thread shows them)."""

        def __init__(self, claims: ClaimRows, statistics: StatisticRows) -> None:
            super().__init__()
            self.claims = claims
            self.statistics = statistics

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.article: Article | None = None
        self.section_id: str | None = None

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status").data_bind(MainScreen.location, MainScreen.marks)
        with Grid(id="panes"):
            tree = ArticleTree(id="articles").data_bind(MainScreen.marks, loading=MainScreen.importing)
            tree.border_title = "Articles"
            yield tree
            reader = Reader(id="reader").data_bind(MainScreen.marks)
            reader.border_title = "Reader"
            yield reader
            claims = ClaimsList(id="claims").data_bind(MainScreen.marks, MainScreen.repeated)
            claims.border_title = "Claims"
            yield claims
            stats = StatsTable(id="statistics").data_bind(MainScreen.marks)
            stats.border_title = "Statistics"
            yield stats
        yield Footer()

    def on_mount(self) -> None:
        self.post_message(self.Ready())

    @classmethod
    def key_groups(cls) -> list[tuple[str, Iterable[BindingType]]]:
        """The screen's and its panes' bindings, by where they work (the help screen lists them)."""
        return [
            ("explorer", cls.BINDINGS),
            ("articles", [Binding("enter", "select_cursor", "Expand article / read section"),
                          *ArticleTree.BINDINGS]),
            ("claims, statistics", [Binding("enter", "select_row", "Read the item in context"),
                                    *(b for b in ClaimsList.BINDINGS
                                      if isinstance(b, Binding) and b.action != "select_row")]),
            ("statistics", [b for b in StatsTable.BINDINGS if isinstance(b, Binding) and b.id == "stats.sort"]),
            ("reader", Reader.BINDINGS),
            ("versions", DiffScreen.BINDINGS),
        ]

    # pane accessors (children only) --------------------------------------------------------------

    @property
    def articles(self) -> ArticleTree:
        return self.query_one(ArticleTree)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def claims(self) -> ClaimsList:
        return self.query_one(ClaimsList)

    @property
    def stats(self) -> StatsTable:
        return self.query_one(StatsTable)

    @property
    def article_count(self) -> int:
        return self.articles.article_count

    # loading -------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read summaries and marks (after an import or a change from another terminal)."""
        summaries = self.library.summaries()
        self.marks = self.library.marks()
        tree = self.articles
        tree.load(summaries)
        if self.article is not None and summaries.position(self.article.id) is not None:
            self._show_article(self.article.id, self.section_id)
        elif summaries:
            self._show_article(summaries[0].id, None)
            tree.select_item(summaries[0].id)
        else:
            self.article = None
            self.reader.show(None)
            self.claims.show_claims([])
            self.stats.show_statistics([])
            self._update_status()
        if self.focused is None:
            tree.focus()
        self._find_repeat_marks()

    def show_article(self, article_id: str) -> None:
        """Show an article from its start and put the articles cursor on it (after an import from a URL)."""
        self.scope_all = False
        self._show_article(article_id, None)
        self.articles.select_item(article_id)
        self.articles.focus()

    def _show_article(self, article_id: str, section_id: str | None, offset: int | None = None) -> None:
        try:
            article = self.library.article(article_id)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        changed = self.article is None or self.article.id != article.id or self.section_id != section_id
        self.article = article
        self.section_id = section_id
        self.articles.add_sections(article)
        if changed and not self.scope_all:
            self._fill_lists(article, section_id)
        scroll = offset if offset is not None else self._section_start(article, section_id)
        self.reader.show(article, section_id=section_id, scroll_to=scroll)
        self._update_status()

    @staticmethod
    def _section_start(article: Article, section_id: str | None) -> int | None:
        if section_id is None:
            return None
        for section in article.sections:
            if section.id == section_id:
                return section.heading_start if section.heading_start is not None else section.start
        return None

    def _fill_lists(self, article: Article, section_id: str | None) -> None:
        claims = [c for c in article.claims if section_id is None or c.section_id == section_id]
        statistics = [s for s in article.statistics if section_id is None or s.section_id == section_id]
        self.claims.show_claims((article.id, c) for c in claims)
        self.stats.show_statistics((article.id, s) for s in statistics)

    # messages from the panes ---------------------------------------------------------------------

    @on(ArticleTree.NeedsArticle)
    def _needs_article(self, message: ArticleTree.NeedsArticle) -> None:
        try:
            self.articles.add_sections(self.library.article(message.article_id))
        except StoreError as error:
            self.notify(str(error), severity="error")

    @on(ArticleChosen)
    def _article_chosen(self, message: ArticleChosen) -> None:
        self._show_article(message.article_id, None)

    @on(SectionChosen)
    def _section_chosen(self, message: SectionChosen) -> None:
        self._show_article(message.article_id, message.section_id, message.offset)
        if message.jump:
            self.reader.focus()

    @on(ClaimChosen)
    def _claim_chosen(self, message: ClaimChosen) -> None:
        article = self._article_for(message.article_id)
        claim = _find(article.claims, message.claim_id) if article else None
        if article is None or claim is None:
            return
        self._focus_reader_on(article, _claim_focus(claim))
        if message.jump:
            self.reader.focus()

    @on(StatisticChosen)
    def _statistic_chosen(self, message: StatisticChosen) -> None:
        article = self._article_for(message.article_id)
        statistic = _find(article.statistics, message.statistic_id) if article else None
        if article is None or statistic is None:
            return
        self._focus_reader_on(article, _statistic_focus(statistic))
        if statistic.claim_id is not None:
            self.claims.select_item(statistic.claim_id)
        if message.jump:
            self.reader.focus()

    def _article_for(self, article_id: str) -> Article | None:
        try:
            return self.library.article(article_id)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return None

    def _focus_reader_on(self, article: Article, focus: Focus) -> None:
        if self.article is None or self.article.id != article.id:
            self.article = article
            self.section_id = None
            if not self.scope_all:  # browsing every article's items: leave the tree where it is
                self.articles.add_sections(article)
                self.articles.select_item(article.id)
        self.reader.show(article, section_id=self.section_id, focus=focus, scroll_to=focus.sentence_start)
        self._update_status()

    # jumping from search -------------------------------------------------------------------------

    def jump_to(self, hit: Hit) -> None:
        """Show a search hit in context: its article and section, its row, its sentence."""
        article = self._article_for(hit.article_id)
        if article is None:
            return
        self.scope_all = False
        if hit.kind == "claim":
            claim = _find(article.claims, hit.id)
            self._show_article(article.id, claim.section_id if claim else None)
            self.articles.select_item(article.id, self.section_id)
            if claim is not None:
                self.claims.select_item(claim.id)
                self._focus_reader_on(article, _claim_focus(claim))
            self.claims.focus()
        elif hit.kind == "statistic":
            statistic = _find(article.statistics, hit.id)
            self._show_article(article.id, statistic.section_id if statistic else None)
            self.articles.select_item(article.id, self.section_id)
            if statistic is not None:
                self.stats.select_item(statistic.id)
                self._focus_reader_on(article, _statistic_focus(statistic))
                if statistic.claim_id is not None:
                    self.claims.select_item(statistic.claim_id)
            self.stats.focus()
        elif hit.kind in ("section", "passage"):  # a passage's id is its section's
            self._show_article(article.id, hit.id)
            self.articles.select_item(article.id, hit.id)
            self.reader.focus()
        else:
            self._show_article(article.id, None)
            self.articles.select_item(article.id)
            self.articles.focus()

    # repeated claims -----------------------------------------------------------------------------

    class RepeatsKnown(Message):
        """The worker knows which claims have repeats (only the UI thread marks them)."""

        def __init__(self, claim_ids: frozenset[str]) -> None:
            super().__init__()
            self.claim_ids = claim_ids

    @work(thread=True, exclusive=True, group="repeat-marks", exit_on_error=False, description="repeat marks")
    def _find_repeat_marks(self) -> None:
        """Mark claims with repeats: from the cache beside the store, or found now in a small store (a big
        one is grouped when `t` is first pressed, so start-up never spends seconds of CPU on it)."""
        from claimscope.tui.repeats_view import known_repeats

        groups = known_repeats(self.library.store)
        if groups is not None and not get_current_worker().is_cancelled:
            self.post_message(self.RepeatsKnown(frozenset(m.id for g in groups for m in g.members)))

    @on(RepeatsKnown)
    def _repeats_known(self, message: RepeatsKnown) -> None:
        self.repeated = message.claim_ids

    def action_repeats(self) -> None:
        """Open the repeats screen on the chosen claim (the focused claim row or reader item), if any."""
        from claimscope.tui.repeats_view import all_repeats
        from claimscope.tui.screens.repeats_screen import RepeatsScreen

        item_id = self.focused_item_id()
        claim_id = item_id if item_id is not None and item_id in self.claims.article_of else None
        screen = RepeatsScreen(partial(all_repeats, self.library.store), claim_id)

        def chosen(claim: ClaimRef | None) -> None:
            if screen.groups is not None:
                self.repeated = frozenset(m.id for g in screen.groups for m in g.members)
            if claim is not None:
                self.jump_to(claim_hit(claim))

        self.app.push_screen(screen, callback=chosen)

    # actions -------------------------------------------------------------------------------------

    def focused_item_id(self) -> str | None:
        """The id that space and y act on: the row, node or highlighted item of the focused pane."""
        focused = self.focused
        if isinstance(focused, ArticleTree):
            ref = focused.current_ref
            return ref.item_id if ref is not None else None
        if isinstance(focused, (ClaimsList, StatsTable, Reader)):
            return focused.current_item_id
        return None

    def action_toggle_mark(self) -> None:
        item_id = self.focused_item_id()
        if item_id is None:
            self.notify("Nothing to mark here", severity="warning", timeout=2)
            return
        try:
            marks = self.library.toggle_marks([item_id])
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self.marks = marks
        verb = "Marked" if item_id in marks else "Unmarked"
        self.notify(f"{verb} {item_id} ({len(marks)} marked)", timeout=2)

    def action_versions(self) -> None:
        """Open the Diff screen on the chosen article and the version before it (the next, for a first one)."""
        if self.article is None:
            self.notify("Choose an article first", severity="warning", timeout=2)
            return
        try:
            versions = self.library.versions(self.article.id)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        if len(versions) < 2:
            self.notify("This article has no other version in the store", severity="warning", timeout=3)
            return
        self.app.push_screen(DiffScreen(self.library, versions, max(1, versions.index(self.article.id))))

    def action_copy(self) -> None:
        from claimscope.tui.clipboard import citation_for

        item_id = self.focused_item_id()
        if item_id is None:
            self.notify("Nothing to copy here", severity="warning", timeout=2)
            return
        article = self.article
        if self.focused in (self.claims, self.stats):
            pane = self.focused
            assert isinstance(pane, (ClaimsList, StatsTable))
            article = self._article_for(pane.article_of.get(item_id, "")) if pane.article_of else article
        elif isinstance(self.focused, Reader) and self.focused.article is not None:
            article = self.focused.article
        if article is None:
            return
        text = citation_for(article, item_id)
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {item_id} with its citation", timeout=2)

    def action_toggle_scope(self) -> None:
        self.scope_all = not self.scope_all

    def watch_scope_all(self, scope_all: bool) -> None:
        if scope_all:
            self.loading_all = True
            self._load_all_items()
        else:
            self.workers.cancel_group(self, "all-items")
            self.loading_all = False
            if self.article is not None:
                self._fill_lists(self.article, self.section_id)
        self._update_status()

    @work(thread=True, exclusive=True, group="all-items", exit_on_error=False, description="all items")
    def _load_all_items(self) -> None:
        """List every claim and statistic from the summaries' counts; an article is read when its rows are.

        Only the first rows are read here (the panes measure their columns on them), off the UI thread;
        the rest are read as they scroll into view (``tui/article_rows.py``).
        """
        worker = get_current_worker()
        summaries = self.library.summaries()
        article_ids = summaries.article_ids()
        claims = ArticleRows(article_ids, summaries.claim_counts(), self.library.claims_of, _claim_row)
        statistics = ArticleRows(article_ids, summaries.statistic_counts(), self.library.statistics_of,
                                 _statistic_row)
        for rows in (claims, statistics):
            if worker.is_cancelled:
                return
            rows[:MEASURED_ROWS]  # read now, in the worker: the panes measure their columns on these
        if not worker.is_cancelled:
            self.post_message(self.AllItemsListed((claims, ArticleOfItem(claims)),
                                                  (statistics, ArticleOfItem(statistics), ItemById(statistics))))

    @on(AllItemsListed)
    def _all_items_listed(self, message: AllItemsListed) -> None:
        if not self.scope_all:
            return
        claims, statistics = message.claims, message.statistics
        self.claims.show_rows(*claims)
        self.stats.show_statistic_rows(*statistics)
        self.loading_all = False
        self._update_status()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.group == "all-items":
            self.loading_all = False
            self._update_status()
            self.notify(f"Could not list every item: {event.worker.error}", severity="error", timeout=10)

    # status --------------------------------------------------------------------------------------

    def _update_status(self) -> None:
        article = self.article
        section = None
        if article is not None and self.section_id is not None:
            section = next(
                (s.heading or "Opening" for s in article.sections if s.id == self.section_id), None
            )
        note = ""
        if self.scope_all and self.loading_all:
            note = "listing every claim and statistic…"
        source = article.source if article is not None else None
        self.reader.border_subtitle = Text(one_line(source)) if source else None  # where the article came from
        self.location = Location(
            article=(article.title or article.source or article.id) if article is not None else None,
            section=section,
            claims=self.claims.row_count,
            statistics=self.stats.row_count,
            articles=len(self.library.summaries()),
            scope_all=self.scope_all,
            note=note,
        )
        for pane, name in ((self.claims, "Claims"), (self.stats, "Statistics")):
            title = f"{name} ({pane.row_count})"
            if pane.border_title != title:
                pane.border_title = title


def claim_hit(claim: ClaimRef) -> Hit:
    """A claim from the repeats screen as the search hit ``jump_to`` shows in context."""
    from claimscope.store.search import Hit

    return Hit(kind="claim", id=claim.id, article_id=claim.article_id, text=claim.text, score=0.0, label="")


def _claim_row(claim: Claim) -> Row:
    return claim.id, claim_cells(claim)


def _statistic_row(statistic: Statistic) -> Row:
    return statistic.id, statistic_cells(statistic)


def _find(items: Iterable[ItemT], item_id: str) -> ItemT | None:
    for item in items:
        if item.id == item_id:
            return item
    return None


def _claim_focus(claim: Claim) -> Focus:
    return Focus("claim", claim.id, claim.start, claim.end, claim.sentence_start, claim.sentence_end)


def _statistic_focus(statistic: Statistic) -> Focus:
    return Focus(
        "statistic",
        statistic.id,
        statistic.start,
        statistic.end,
        statistic.sentence_start,
        statistic.sentence_end,
    )

