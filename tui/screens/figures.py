"""The figures view (key f): statistics grouped by what they count, conflicts flagged, one measure charted.

Left, the groups (measure and unit, ``store/across/figures.py``), conflicts first; right, the highlighted
group's figures by period, date and article (``!`` marks a period whose figures disagree), and below them
a chart of its values over its periods (textual-plotext), so a spread within one period is seen at once.
``c`` shows only the groups in conflict, ``m`` also the measures only one article reports; enter on a
figure shows it in the reader.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Label
from textual.worker import get_current_worker
from textual_plotext import PlotextPlot

from claimscope.store.across import FigureRow, GroupRow
from claimscope.tui.across_source import AcrossSource
from claimscope.tui.safe_text import one_line
from claimscope.tui.screens.across_screen import AcrossScreen, table_with
from claimscope.tui.widgets.virtual_table import Row, VirtualTable

CONFLICT_FLAG = "!"
LISTED_GROUPS = 50_000
"""Most measures listed at once: conflicts and the most widely reported come first, and the rows of
100,000 articles' single-article measures (hundreds of thousands) take seconds to build."""


def group_rows(groups: list[GroupRow]) -> list[Row]:
    return [
        (g.key, (CONFLICT_FLAG if g.n_conflicts else "", g.measure, g.unit or "-", str(g.n_figures), str(g.n_articles)))
        for g in groups
    ]


def figure_rows(figures: list[FigureRow]) -> list[Row]:
    return [
        (f.stat_id, (CONFLICT_FLAG if f.conflict else "", f.period or "-", f.raw, (f.published or "-")[:10],
                     f.title or f.article_id))
        for f in figures
    ]


def chart_points(figures: list[FigureRow]) -> tuple[list[str], list[tuple[int, float]]]:
    """The periods in order (x labels, 1-based) and one point per figure that has a period."""
    periods = sorted({f.period for f in figures if f.period is not None})
    position = {period: n for n, period in enumerate(periods, start=1)}
    return periods, [(position[f.period], f.value) for f in figures if f.period is not None]


class FiguresScreen(AcrossScreen):
    """Groups | figures over their chart."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *AcrossScreen.BINDINGS,
        Binding("c", "toggle_conflicts", "Conflicts", id="figures.conflicts",
                tooltip="Only the measures whose figures disagree"),
        Binding("m", "toggle_every", "All measures", id="figures.every",
                tooltip="Also the measures only one article reports"),
    ]

    class Listed(Message):
        def __init__(self, groups: list[GroupRow]) -> None:
            super().__init__()
            self.groups = groups

    class FiguresListed(Message):
        def __init__(self, key: str, figures: list[FigureRow]) -> None:
            super().__init__()
            self.key = key
            self.figures = figures

    def __init__(self, source: AcrossSource) -> None:
        super().__init__(source)
        self.conflicts_only = False
        self.every = False
        self.groups: dict[str, GroupRow] = {}
        self.shown_group: str | None = None
        """The key of the group whose figures and chart are shown (tests wait for it)."""
        self.charted: tuple[list[str], list[tuple[int, float]]] = ([], [])
        """What the chart shows: its period labels and its points."""

    def compose(self) -> ComposeResult:
        yield Label("", classes="across-status")
        with Horizontal(classes="across-panes"):
            groups = VirtualTable(id="figure-groups", classes="across-list")
            groups.border_title = "Measures"
            yield groups
            with Vertical(classes="across-detail"):
                figures = VirtualTable(id="figure-values")
                figures.border_title = "Figures"
                yield figures
                chart = PlotextPlot(id="figure-chart")
                chart.border_title = "Over its periods"
                yield chart
        yield Footer()

    def on_mount(self) -> None:
        table_with(self.groups_table, [("flag", "!", 1), ("measure", "Measure", 24), ("unit", "Unit", 8),
                                       ("figures", "Figs", 4), ("articles", "Arts", 4)],
                   frozenset({"figures", "articles"}))
        table_with(self.figures_table, [("flag", "!", 1), ("period", "Period", 10), ("figure", "Figure", 16),
                                        ("date", "Date", 10), ("article", "Article", 200)])
        self.groups_table.focus()
        self.open_and_list()

    @property
    def groups_table(self) -> VirtualTable:
        return self.query_one("#figure-groups", VirtualTable)

    @property
    def figures_table(self) -> VirtualTable:
        return self.query_one("#figure-values", VirtualTable)

    def load(self) -> None:
        groups = self.source.groups(conflicts_only=self.conflicts_only, every=self.every, limit=LISTED_GROUPS + 1)
        self.post_message(self.Listed(groups))

    def _relist(self) -> None:
        self.run_worker(self.load, thread=True, exclusive=True, group="across-list", description="figures",
                        exit_on_error=False)

    def action_toggle_conflicts(self) -> None:
        self.conflicts_only = not self.conflicts_only
        self._relist()

    def action_toggle_every(self) -> None:
        self.every = not self.every
        self._relist()

    @on(Listed)
    def _listed(self, message: Listed) -> None:
        cut = len(message.groups) > LISTED_GROUPS
        message.groups = message.groups[:LISTED_GROUPS]
        self.groups = {g.key: g for g in message.groups}
        self.groups_table.set_rows(group_rows(message.groups), keep_key=self.groups_table.current_key)
        count = len(message.groups)
        which = "in conflict" if self.conflicts_only else "reported by any article" if self.every else (
            "reported by two or more articles")
        conflicts = sum(1 for g in message.groups if g.n_conflicts)
        first = "the first " if cut else ""
        self.status(f"{first}{count:,} measure{'s' if count != 1 else ''} {which}, {conflicts:,} with conflicts (!)"
                    " · c: only conflicts · m: all measures · escape: back")
        self.groups_table.border_title = f"Measures ({count:,})"
        if not message.groups:
            self.figures_table.set_rows([])
            self._chart("", [])
        self.ready = True

    @on(VirtualTable.RowHighlighted, "#figure-groups")
    def _group_highlighted(self, message: VirtualTable.RowHighlighted) -> None:
        key = message.key
        self.run_worker(lambda: self._load_figures(key), thread=True, exclusive=True, group="group-figures",
                        description="figures of a measure", exit_on_error=False)

    def _load_figures(self, key: str) -> None:
        figures = self.source.figures(key)
        if not get_current_worker().is_cancelled:
            self.post_message(self.FiguresListed(key, figures))

    @on(FiguresListed)
    def _figures_listed(self, message: FiguresListed) -> None:
        if message.key != self.groups_table.current_key:
            return
        group = self.groups.get(message.key)
        title = f"{group.measure} ({group.unit})" if group is not None and group.unit else (
            group.measure if group is not None else message.key)
        self.figures_table.set_rows(figure_rows(message.figures))
        self.figures_table.border_title = Text(f"{one_line(title)}: {len(message.figures)} figures")
        self._chart(title, message.figures)
        self.shown_group = message.key

    def _chart(self, title: str, figures: list[FigureRow]) -> None:
        periods, points = chart_points(figures)
        self.charted = (periods, points)
        chart = self.query_one("#figure-chart", PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        if points:
            plt.scatter([x for x, _ in points], [y for _, y in points], marker="dot")
            plt.xticks(list(range(1, len(periods) + 1)), [one_line(p) for p in periods])
            plt.xlim(0.5, len(periods) + 0.5)
            plt.title(one_line(title))
        else:
            plt.title("no figure of this measure has a period")
        chart.refresh()

    @on(VirtualTable.RowSelected, "#figure-groups")
    def _group_chosen(self) -> None:
        self.figures_table.focus()

    @on(VirtualTable.RowSelected, "#figure-values")
    def _figure_chosen(self, message: VirtualTable.RowSelected) -> None:
        self.jump("statistic", message.key)
