"""Messages the panes post up to the main screen, which is the only place that links panes together.

Panes never reference one another ("attributes down, messages up"): the tree says which article or
section the user is on, the claim and statistic panes say which item is under the cursor, and the screen
decides what every other pane shows.  Cursor messages define ``can_replace`` so a held arrow key coalesces
into one pending update instead of a queue of article loads.
"""

from __future__ import annotations

from textual.message import Message


class ArticleChosen(Message):
    """The cursor is on an article: show the whole article and all of its items."""

    def __init__(self, article_id: str) -> None:
        super().__init__()
        self.article_id = article_id

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, (ArticleChosen, SectionChosen))


class SectionChosen(Message):
    """The cursor is on a section (or on one of its captions or related links)."""

    def __init__(
        self, article_id: str, section_id: str, offset: int | None = None, *, jump: bool = False
    ) -> None:
        super().__init__()
        self.article_id = article_id
        self.section_id = section_id
        self.offset = offset
        """Character offset to bring into view, e.g. a caption inside the section."""
        self.jump = jump
        """True when the user pressed enter: move the focus to the reader."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, (ArticleChosen, SectionChosen)) and not getattr(message, "jump", False)


class ClaimChosen(Message):
    """The cursor is on a claim; ``jump`` is true when the user pressed enter to read it in context."""

    def __init__(self, article_id: str, claim_id: str, *, jump: bool = False) -> None:
        super().__init__()
        self.article_id = article_id
        self.claim_id = claim_id
        self.jump = jump

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ClaimChosen) and not message.jump


class StatisticChosen(Message):
    """The cursor is on a statistic; ``jump`` is true when the user pressed enter."""

    def __init__(self, article_id: str, statistic_id: str, *, jump: bool = False) -> None:
        super().__init__()
        self.article_id = article_id
        self.statistic_id = statistic_id
        self.jump = jump

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, StatisticChosen) and not message.jump

