"""The claims pane: speaker, cue and text of each claim in the chosen article or section (or all)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive

from claimscope.extract.model import Claim
from claimscope.tui.messages import ClaimChosen
from claimscope.tui.safe_text import one_line
from claimscope.tui.widgets.item_table import ItemTable, item_rows
from claimscope.tui.widgets.virtual_table import Cell, Row

CLAIM_TEXT_LIMIT = 240
"""Characters of a claim shown in its row; the reader shows the rest."""
UNATTRIBUTED = Text("—", style="dim")
REPEAT_COLUMN = "repeat"
REPEAT_SYMBOL = "↻"


class ClaimsList(ItemTable):
    """One row per claim; the cursor posts ``ClaimChosen``.  A claim made again in another article has
    ``REPEAT_SYMBOL`` in the column after the mark (``repeated``, bound down from the screen)."""

    COLUMN_LIMITS: ClassVar[dict[str, int]] = {"speaker": 16, "cue": 10, "text": CLAIM_TEXT_LIMIT}
    FLEX_COLUMN: ClassVar[str | None] = "text"
    SHRINK_TO_FIT: ClassVar[bool] = True
    COMPUTED_COLUMNS: ClassVar[int] = 2

    repeated: reactive[frozenset[str]] = reactive(frozenset)
    """Ids of claims that have repeats in other articles; a change repaints the repeat column."""

    def on_mount(self) -> None:
        self.add_mark_column()
        self.add_column(REPEAT_SYMBOL, key=REPEAT_COLUMN, width=1, style="bold cyan")
        self.add_column("Speaker", key="speaker", style="bold")
        self.add_column("Cue", key="cue", style="italic")
        self.add_column("Claim", key="text")

    def row_cells(self, index: int) -> Sequence[Cell]:
        mark, *cells = super().row_cells(index)
        return (mark, REPEAT_SYMBOL if self.rows[index][0] in self.repeated else " ", *cells)

    def show_claims(self, claims: Iterable[tuple[str, Claim]]) -> None:
        rows, article_of = claim_rows(claims)
        self.show_rows(rows, article_of)

    def post_chosen(self, article_id: str, item_id: str, jump: bool) -> None:
        self.post_message(ClaimChosen(article_id, item_id, jump=jump))


def claim_rows(claims: Iterable[tuple[str, Claim]]) -> tuple[list[Row], dict[str, str]]:
    """Rows for (article id, claim) pairs and the article of each claim."""
    return item_rows(claims, claim_cells)


def claim_cells(claim: Claim) -> tuple[str | Text, ...]:
    """The speaker (or a dim dash), cue and text; plain strings are styled by their column."""
    body = claim.text if len(claim.text) <= CLAIM_TEXT_LIMIT else claim.text[: CLAIM_TEXT_LIMIT - 1] + "…"
    return (one_line(claim.speaker) if claim.speaker else UNATTRIBUTED, one_line(claim.cue), one_line(body))
