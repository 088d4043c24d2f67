"""The `t` screen: repeated claims, each group from its first appearance to its latest repeat.

Grouping reads every claim of the store, so it runs in a thread worker (``find``) and the screen says
so while it does; the worker posts ``RepeatsScreen.Found`` and only the UI thread fills the list.  The
store's cache (``STORE.repeats.json``) makes every later opening instant until the store changes.
Opened on a claim that has repeats, the screen shows that claim's group; `a` switches between it and
every group.  Enter on a claim dismisses the screen with it, and the main screen shows it in the reader
as it does a search hit.  All article text goes through ``safe_text`` into ``rich.text.Text``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from claimscope.store.repeats.groups import ClaimRef, RepeatGroup
from claimscope.tui.safe_text import one_line

GroupsFunction = Callable[[], list[RepeatGroup]]
MAX_TEXT = 300
"""Characters of a claim kept in its row (rows are one line, cut with an ellipsis)."""


class RepeatsScreen(Screen[ClaimRef | None]):
    """Groups of repeated claims; enter reads the chosen claim in context, esc goes back."""

    BINDING_GROUP_TITLE = "Repeated claims"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", id="repeats.close"),
        Binding("a", "toggle_all", "This claim/all", id="repeats.all",
                tooltip="Show the repeats of the chosen claim, or every group"),
    ]

    DEFAULT_CSS = """
    RepeatsScreen { layout: vertical; }
    RepeatsScreen #repeats-summary { height: 1; padding: 0 1; background: $panel; }
    RepeatsScreen #repeats-list { height: 1fr; border: round $accent; }
    """

    class Found(Message):
        """The worker's groups (only the UI thread shows them)."""

        def __init__(self, groups: list[RepeatGroup]) -> None:
            super().__init__()
            self.groups = groups

    def __init__(self, find: GroupsFunction, claim_id: str | None = None) -> None:
        super().__init__()
        self._find = find
        self.claim_id = claim_id
        """The claim the screen was opened on (its group is shown first), if any."""
        self.groups: list[RepeatGroup] | None = None
        """Every group, once the worker has found them (tests wait for it)."""
        self.show_all = claim_id is None
        self._claims: dict[str, ClaimRef] = {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Finding repeated claims…"), id="repeats-summary")
            yield OptionList(id="repeats-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#repeats-list", OptionList).focus()
        self._find_groups()

    @work(thread=True, exclusive=True, group="repeats", exit_on_error=False, description="repeated claims")
    def _find_groups(self) -> None:
        groups = self._find()
        if not get_current_worker().is_cancelled:
            self.post_message(self.Found(groups))

    @on(Found)
    def _found(self, message: Found) -> None:
        self.groups = message.groups
        self._show()

    @property
    def shown_groups(self) -> list[RepeatGroup]:
        """The groups on screen: every one, or only the chosen claim's."""
        groups = self.groups or []
        if self.show_all or self.claim_id is None:
            return groups
        return [g for g in groups if any(m.id == self.claim_id for m in g.members)]

    def _show(self) -> None:
        options = self.query_one("#repeats-list", OptionList)
        options.clear_options()
        self._claims = {}
        shown = self.shown_groups
        prompts: list[Option] = []
        for number, group in enumerate(shown, start=1):
            prompts.append(Option(_group_heading(number, group), disabled=True))
            for role, member in [("first", group.first), *(("repeat", r) for r in group.repeats)]:
                self._claims[member.id] = member
                prompts.append(Option(_member_prompt(role, member), id=member.id))
        options.add_options(prompts)
        self.query_one("#repeats-summary", Label).update(Text(self._summary(shown)))
        if self.claim_id is not None and self.claim_id in self._claims:
            options.highlighted = options.get_option_index(self.claim_id)
        elif self._claims:
            options.highlighted = options.get_option_index(next(iter(self._claims)))

    def _summary(self, shown: list[RepeatGroup]) -> str:
        total = len(self.groups or [])
        if not total:
            return "No claim is made again in another article"
        if not self.show_all and self.claim_id is not None:
            if not shown:
                return f"{self.claim_id} is not made again in another article · a: all {total} groups"
            return f"Repeats of {self.claim_id} · a: all {total} groups"
        return f"{total} group{'s' if total != 1 else ''} of repeated claims, biggest first · enter: read in context"

    def action_toggle_all(self) -> None:
        if self.claim_id is None or self.groups is None:
            return
        self.show_all = not self.show_all
        self._show()

    @on(OptionList.OptionSelected, "#repeats-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        member = self._claims.get(event.option.id or "")
        if member is not None:
            self.dismiss(member)

    def action_close(self) -> None:
        self.dismiss(None)


def _group_heading(number: int, group: RepeatGroup) -> Text:
    heading = Text(f"{number}. {group.size} articles", style="bold reverse", no_wrap=True, overflow="ellipsis")
    who = group.repeated_by()
    if who:
        heading.append(" · repeated by " + ", ".join(one_line(name) for name in who))
    return heading


def _member_prompt(role: str, member: ClaimRef) -> Text:
    prompt = Text(no_wrap=True, overflow="ellipsis", end="")
    prompt.append(f"{role:<7}", style="bold" if role == "first" else "dim")
    prompt.append(f"{(member.published or 'undated')[:10]:<11}", style="dim")
    prompt.append(one_line(member.speaker or "—")[:28], style="bold")
    prompt.append("  ")
    prompt.append(one_line(member.text)[:MAX_TEXT])
    return prompt
