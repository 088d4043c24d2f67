"""The speakers view (key p): every speaker across the store; choose one to list their claims.

Left, the speakers (one person however the articles name them: ``store/across/names.py``); right, the
highlighted speaker's claims with date, article and sentence, read in a worker as the cursor moves.
Enter on a speaker moves to their claims; enter on a claim shows it in the reader.  ``o`` switches the
order between most claims and most recent.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Label
from textual.worker import get_current_worker

from claimscope.store.across import SpeakerRow
from claimscope.store.across.speakers import SpeakerClaim
from claimscope.tui.across_source import AcrossSource
from claimscope.tui.safe_text import one_line
from claimscope.tui.screens.across_screen import AcrossScreen, table_with
from claimscope.tui.widgets.virtual_table import Row, VirtualTable

SORT_LABELS = {"count": "most claims first", "recent": "most recently quoted first"}


def speaker_rows(speakers: list[SpeakerRow]) -> list[Row]:
    return [
        (s.key, (s.name, str(s.n_claims), str(s.n_articles), (s.latest or "-")[:10], s.kind)) for s in speakers
    ]


def claim_rows(claims: list[SpeakerClaim]) -> list[Row]:
    return [(c.claim_id, ((c.published or "-")[:10], c.sentence, c.title or c.article_id)) for c in claims]


class SpeakersScreen(AcrossScreen):
    """Speakers | their claims."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *AcrossScreen.BINDINGS,
        Binding("o", "toggle_sort", "Order", id="speakers.sort", tooltip="Most claims first, or most recent"),
    ]

    class Listed(Message):
        def __init__(self, speakers: list[SpeakerRow]) -> None:
            super().__init__()
            self.speakers = speakers

    class ClaimsListed(Message):
        def __init__(self, key: str, claims: list[SpeakerClaim]) -> None:
            super().__init__()
            self.key = key
            self.claims = claims

    def __init__(self, source: AcrossSource) -> None:
        super().__init__(source)
        self.sort = "count"
        self.speakers: dict[str, SpeakerRow] = {}
        self.shown_speaker: str | None = None
        """The key of the speaker whose claims are listed (tests wait for it)."""

    def compose(self) -> ComposeResult:
        yield Label("", classes="across-status")
        with Horizontal(classes="across-panes"):
            speakers = VirtualTable(id="speakers-table", classes="across-list")
            speakers.border_title = "Speakers"
            yield speakers
            claims = VirtualTable(id="speaker-claims", classes="across-detail")
            claims.border_title = "Claims"
            yield claims
        yield Footer()

    def on_mount(self) -> None:
        # the name first and the sentence before the article: what a narrow terminal must still show
        columns = [("name", "Speaker", 26), ("claims", "Claims", 6), ("articles", "Arts", 4), ("latest", "Latest", 10),
                   ("kind", "Kind", 12)]
        table_with(self.speakers_table, columns, frozenset({"claims", "articles"}))
        table_with(self.claims_table, [("date", "Date", 10), ("sentence", "Sentence", 72), ("article", "Article", 40)])
        self.speakers_table.focus()
        self.open_and_list()

    @property
    def speakers_table(self) -> VirtualTable:
        return self.query_one("#speakers-table", VirtualTable)

    @property
    def claims_table(self) -> VirtualTable:
        return self.query_one("#speaker-claims", VirtualTable)

    def load(self) -> None:
        self.post_message(self.Listed(self.source.speakers("recent" if self.sort == "recent" else "count")))

    @on(Listed)
    def _listed(self, message: Listed) -> None:
        self.speakers = {s.key: s for s in message.speakers}
        keep = self.speakers_table.current_key
        self.speakers_table.set_rows(speaker_rows(message.speakers), keep_key=keep)
        count = len(message.speakers)
        self.status(f"{count:,} speaker{'s' if count != 1 else ''}, {SORT_LABELS[self.sort]} · enter: their claims"
                    " · o: order · escape: back")
        self.speakers_table.border_title = f"Speakers ({count:,})"
        if not message.speakers:
            self.claims_table.set_rows([])
        self.ready = True

    def action_toggle_sort(self) -> None:
        self.sort = "recent" if self.sort == "count" else "count"
        self.run_worker(self.load, thread=True, exclusive=True, group="across-list", description="speakers",
                        exit_on_error=False)

    @on(VirtualTable.RowHighlighted, "#speakers-table")
    def _speaker_highlighted(self, message: VirtualTable.RowHighlighted) -> None:
        key = message.key
        self.run_worker(lambda: self._load_claims(key), thread=True, exclusive=True, group="speaker-claims",
                        description="claims of a speaker", exit_on_error=False)

    def _load_claims(self, key: str) -> None:
        claims = self.source.claims_of(key)
        if not get_current_worker().is_cancelled:
            self.post_message(self.ClaimsListed(key, claims))

    @on(ClaimsListed)
    def _claims_listed(self, message: ClaimsListed) -> None:
        if message.key != self.speakers_table.current_key:
            return  # the cursor has moved on since
        self.claims_table.set_rows(claim_rows(message.claims))
        speaker = self.speakers.get(message.key)
        name = speaker.name if speaker is not None else message.key
        self.claims_table.border_title = Text(f"Claims of {one_line(name)} ({len(message.claims)})")
        self.shown_speaker = message.key

    @on(VirtualTable.RowSelected, "#speakers-table")
    def _speaker_chosen(self) -> None:
        self.claims_table.focus()

    @on(VirtualTable.RowSelected, "#speaker-claims")
    def _claim_chosen(self, message: VirtualTable.RowSelected) -> None:
        self.jump("claim", message.key)
