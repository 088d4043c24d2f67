"""What every frame reads while a paragraph is scanned, and what frames produce.

``ParagraphContext`` carries the three things nearly every frame needs: the article text (frames work on
offsets into it), the paragraph's quotations (an opening mark or a comma inside a quotation is never an
attribution), and the running speaker state (the frames resolve "he" and "the minister" as they go).
One object instead of the same three parameters on a dozen functions.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from claimscope.extract.quotes import Quote
from claimscope.extract.speakers import SpeakerPhrase, SpeakerState


class QuoteIndex:
    """The quotations of one paragraph, searchable by position in O(log n)."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.items = quotes
        self.opens = [q.open for q in quotes]
        self.ends = {q.end: q for q in quotes}

    def at(self, pos: int) -> Quote | None:
        """The quotation whose marks enclose ``pos``."""
        i = bisect_right(self.opens, pos) - 1
        if i >= 0 and pos < self.items[i].end:
            return self.items[i]
        return None

    def starting_at(self, pos: int) -> Quote | None:
        """The quotation whose opening mark is at ``pos``."""
        i = bisect_left(self.opens, pos)
        if i < len(self.opens) and self.opens[i] == pos:
            return self.items[i]
        return None

    def closed_ending_at(self, pos: int) -> Quote | None:
        """The quotation whose closing mark ends just before ``pos`` (an unclosed one ends nowhere)."""
        q = self.ends.get(pos)
        return q if q is not None and q.closed else None


NO_QUOTES = QuoteIndex([])


@dataclass(slots=True)
class ParagraphContext:
    """The article text, the quotations of the paragraph being scanned, and who has spoken so far."""

    text: str
    quotes: QuoteIndex
    state: SpeakerState


@dataclass(slots=True)
class Draft:
    """A claim before ids and sentences are attached."""

    start: int
    end: int
    speaker: str | None
    cue: str
    direct: bool
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(slots=True)
class Subject:
    """A speaker phrase found in a sentence (mutable only because frozen dataclasses are slower to build)."""

    start: int
    end: int
    phrase: SpeakerPhrase
    relative: bool = False


def draft(start: int, end: int, speaker: str, cue: str, direct: bool, subject: Subject) -> Draft:
    """A claim by the speaker of ``subject``, the cue's spacing normalised ("pointing  out" -> "pointing out")."""
    return Draft(start, end, speaker, " ".join(cue.split()), direct, subject.start, subject.end)
