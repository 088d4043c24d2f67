"""The claims pane: speaker, cue and text of each claim in the chosen article or section (or all)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text

from claimscope.extract.model import Claim
from claimscope.tui.messages import ClaimChosen
from claimscope.tui.widgets.item_table import MARK_COLUMN, ItemTable
from claimscope.tui.widgets.safe_text import one_line

CLAIM_TEXT_LIMIT = 240
"""Characters of a claim shown in its row; the reader shows the rest."""


class ClaimsList(ItemTable):
    """One row per claim; the cursor posts ``ClaimChosen``."""

    COLUMN_LIMITS: ClassVar[dict[str, int]] = {"speaker": 16, "cue": 10, "text": CLAIM_TEXT_LIMIT}
    FLEX_COLUMN: ClassVar[str | None] = "text"
    SHRINK_TO_FIT: ClassVar[bool] = True

    def on_mount(self) -> None:
        self.add_column(Text("●"), key=MARK_COLUMN, width=1)
        self.add_column("Speaker", key="speaker")
        self.add_column("Cue", key="cue")
        self.add_column("Claim", key="text")

    def show_claims(self, claims: Iterable[tuple[str, Claim]]) -> None:
        self.replace_rows([(article_id, claim.id, claim_cells(claim)) for article_id, claim in claims])

    def post_chosen(self, article_id: str, item_id: str, jump: bool) -> None:
        self.post_message(ClaimChosen(article_id, item_id, jump=jump))


def claim_cells(claim: Claim) -> list[Text]:
    """The speaker (or "unattributed"), cue and text cells, as literal text."""
    speaker = Text(one_line(claim.speaker), style="bold") if claim.speaker else Text("—", style="dim")
    body = one_line(claim.text)
    if len(body) > CLAIM_TEXT_LIMIT:
        body = body[: CLAIM_TEXT_LIMIT - 1] + "…"
    return [speaker, Text(one_line(claim.cue), style="italic"), Text(body)]
