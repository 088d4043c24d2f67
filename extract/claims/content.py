"""What is asserted: the content span on either side of an attribution, and its cut into claims.

Content after the verb runs to the end of the sentence (or the next continuation cue); content before the
speaker is the clause or quotation closed by a comma.  A quotation that fills the content makes the claim
direct speech, and a direct quotation becomes one claim per sentence so no claim swallows a whole speech.
"""

from __future__ import annotations

from claimscope.extract.claims import patterns as P
from claimscope.extract.claims.context import Draft, ParagraphContext
from claimscope.extract.claims.spans import (
    BLANKS,
    BLANKS_OR_NEWLINE,
    STRIP_END,
    comma_back,
    is_adverb,
    skip_back,
    skip_forward,
    space_back,
    space_forward,
    trim_span,
    word_before,
)
from claimscope.extract.quotes import QUOTE_MARKS, Quote

Span = tuple[int, int, bool]
"""Start, end, and whether the words are a quotation (direct speech)."""


def content_span(ctx: ParagraphContext, start: int, stop: int, allow_beyond: bool = True) -> Span | None:
    """The asserted words from ``start`` to ``stop``; a quotation that fills them is direct speech.

    A quotation that opens here and is only closed in a later sentence (or paragraph end) is followed.
    """
    text, quotes = ctx.text, ctx.quotes
    start = space_forward(text, start, stop)
    if start >= stop:
        return None
    q = quotes.starting_at(start)
    if q is not None:
        after = q.end
        rest = text[after:stop] if after < stop else ""
        if not rest.strip(" \t.,;:!?)\u2026" + QUOTE_MARKS):
            if q.inner_end - q.inner_start < 1:
                return None
            return q.inner_start, q.inner_end, True
        if allow_beyond and q.end > stop:
            stop = q.end
    inner = quotes.at(stop - 1)
    if allow_beyond and inner is not None and inner.open >= start and inner.end > stop:
        stop = inner.end
    s, e = trim_span(text, start, stop)
    e = skip_back(text, s, e, STRIP_END)
    if e - s < 2:
        return None
    return s, e, False


def left_span(ctx: ParagraphContext, lo: int, end: int, need_comma: bool = True) -> Span | None:
    """Content that ends just before a ", X said" attribution at ``end``: a quotation or the clause."""
    text, quotes = ctx.text, ctx.quotes
    p, comma = comma_back(text, lo, end, BLANKS_OR_NEWLINE)
    if comma:
        p = skip_back(text, lo, p, BLANKS_OR_NEWLINE)
    q = quotes.closed_ending_at(p)
    if q is not None:
        if q.inner_end - q.inner_start < 1:
            return None
        return q.inner_start, q.inner_end, True
    if need_comma and not comma:
        return None
    s, e = trim_span(text, lo, p)
    e = skip_back(text, s, e, STRIP_END)
    if e - s < 2:
        return None
    q = quotes.starting_at(s)
    if q is not None and q.end >= e:
        return q.inner_start, min(q.inner_end, e), True
    if q is not None and q.closed and _is_appositive(text[q.end : e]):
        return q.inner_start, q.inner_end, True  # "\"...,\" the company's lawyer, Anna Berg, said"
    return s, e, False


def _is_appositive(between: str) -> bool:
    """A short role phrase set off by commas between a quotation and its speaker's name."""
    between = between.strip(" ,\t\n\u00a0")
    return 0 < len(between) <= 80 and between.count(" ") < 8 and not any(c in between for c in '.;:!?"“”')


def short_tail(text: str, rest: int, hi: int) -> bool:
    """ "... told reporters outside the court.": a few words of place or time, not the content."""
    tail = text[rest:hi].strip(" ,.\t\n\u00a0")
    return tail.count(" ") < 5 and not P.CONTENT_LEAD.match(text, rest, hi) and not any(c in tail for c in ':"“')


def comma_quote(text: str, start: int, stop: int) -> int | None:
    """Position of ", \"" (a quotation resuming after the attribution) between ``start`` and ``stop``."""
    i = text.find(",", start, stop)
    while i >= 0:
        j = space_forward(text, i + 1, stop)
        if j < stop and text[j] in P.OPEN_MARKS:
            return i
        i = text.find(",", i + 1, stop)
    return None


def quote_after_comma(ctx: ParagraphContext, pos: int, hi: int) -> Quote | None:
    """The quotation that opens after spaces and commas at ``pos``: the second half of a split quotation."""
    text = ctx.text
    j = pos
    while j < hi and (text[j].isspace() or text[j] == ","):
        j += 1
    return ctx.quotes.starting_at(j) if j < hi else None


def adverbs_before(text: str, floor: int, v0: int) -> int:
    """Start of "vehemently opposed and resolutely" before a stance verb, so the claim keeps its force."""
    p = v0
    while p > floor:
        s, word = word_before(text, floor, p)
        if is_adverb(word) or (word == "and" and p != v0):
            p = s
            continue
        break
    while p < v0 and text[p : p + 4] == "and ":
        p += 4
    return p


def boundary_before(text: str, start: int, end: int) -> int | None:
    """The comma that closes "Pointing out that A," before the speaker at ``end``."""
    p, comma = comma_back(text, start, end, BLANKS)
    if not comma:
        return None
    e = space_back(text, start, p)
    return e if e - start >= 2 else None


def pieces(text: str, d: Draft) -> list[tuple[int, int]]:
    """One span per sentence of a direct quotation (indirect content stays whole), trimmed of marks."""
    if not d.direct:
        s, e = trim_span(text, d.start, d.end)
        citing = P.CITING_CUT.search(text, s, e)
        if citing is not None:
            e = citing.start()
        e = skip_back(text, s, e, STRIP_END)
        return [(s, e)] if e > s else []
    out: list[tuple[int, int]] = []
    pos = d.start
    for m in P.SENTENCE_SPLIT.finditer(text, d.start, d.end):
        word = P.LAST_WORD.search(text, max(pos, m.start() - 12), m.start())
        if word is not None and (word.group(1).lower() in P.ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        out.append(_clean(text, pos, m.start() + 1))
        pos = m.end()
    out.append(_clean(text, pos, d.end))
    return [p for p in out if p[1] - p[0] >= 2] or [_clean(text, d.start, d.end)]


_MARKS_AND_SPACE = " \t\n\r\u00a0" + QUOTE_MARKS


def _clean(text: str, s: int, e: int) -> tuple[int, int]:
    s = skip_forward(text, s, e, _MARKS_AND_SPACE)
    return s, skip_back(text, s, e, _MARKS_AND_SPACE + ",;:")
