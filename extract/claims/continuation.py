"""The same speaker again: ", adding that ...", the second half of a split quotation, and quoted paragraphs
with no frame of their own that carry on the speaker before them.
"""

from __future__ import annotations

from bisect import bisect_left

from claimscope.extract.claims import patterns as P
from claimscope.extract.claims.content import content_span, quote_after_comma
from claimscope.extract.claims.context import Draft, ParagraphContext, Subject, draft
from claimscope.extract.claims.spans import skip_forward, space_back
from claimscope.extract.quotes import QUOTE_MARKS, Quote

Continuation = tuple[int, int, str]
"""Where the cue starts, where its content starts, and the cue ("adding that")."""


def find_continuation(ctx: ParagraphContext, start: int, hi: int) -> Continuation | None:
    """The first ", adding that", ", stating: '...'" or "and added that" outside quotations."""
    text, quotes = ctx.text, ctx.quotes
    if not quotes.items and text.find("that", start, hi) < 0 and text.find(":", start, hi) < 0:
        return None  # every continuation ends in "that", a colon or a quotation: two C scans rule most out
    for m in P.CONTINUATION.finditer(text, start, hi):
        if quotes.at(m.start()) is None:
            return m.start(), m.end(), m.group("cue").lower() + (" that" if "that" in m.group("sep") else "")
    return None


def after_frame(
    ctx: ParagraphContext, pos: int, hi: int, name: str, subject: Subject, cont: Continuation | None
) -> list[Draft]:
    """What follows a frame: the second half of a split quotation, or an "adding that ..." claim."""
    out: list[Draft] = []
    if cont is None:
        q = quote_after_comma(ctx, pos, hi)
        if q is not None:
            out.append(draft(q.inner_start, q.inner_end, name, "said", True, subject))
            cont = find_continuation(ctx, q.end, hi)
    if cont is not None:
        _, c1, cue = cont
        span = content_span(ctx, c1, hi)
        if span is not None:
            out.append(draft(span[0], span[1], name, cue, span[2], subject))
    return out


def continued_quotes(
    ctx: ParagraphContext, lo: int, hi: int, drafts: list[Draft], previous: Draft | None
) -> list[Draft]:
    """Stand-alone quoted sentences that carry on the speaker before them (same or previous paragraph).

    Called only for a paragraph with quotations."""
    quotes = ctx.quotes
    covered = sorted((d.start, d.end) for d in drafts)
    starts = [c[0] for c in covered]
    ends_max: list[int] = []
    running = -1
    for _, e in covered:
        running = max(running, e)
        ends_max.append(running)
    ordered = sorted(drafts, key=lambda d: d.start)
    order_starts = [d.start for d in ordered]
    out: list[Draft] = []
    for q in quotes.items:
        i = bisect_left(starts, q.inner_end) - 1
        if i >= 0 and ends_max[i] > q.inner_start:
            continue
        if not _standalone(ctx.text, lo, hi, q):
            continue
        k = bisect_left(order_starts, q.open) - 1
        source = ordered[k] if k >= 0 else (out[-1] if out else previous)
        if out and (source is None or out[-1].start > source.start):
            source = out[-1]
        if source is None or source.speaker is None:
            continue
        out.append(Draft(q.inner_start, q.inner_end, source.speaker, source.cue, True))
    return out


def _standalone(text: str, lo: int, hi: int, q: Quote) -> bool:
    """A quotation that is a sentence of its own, not a phrase quoted inside a narrative sentence."""
    inner = text[q.inner_start : q.inner_end]
    if len(P.WORD.findall(inner)) < P.MIN_STANDALONE_WORDS:
        return False
    p = space_back(text, lo, q.open)
    if p > lo and text[p - 1] not in ".!?:\u2026" + QUOTE_MARKS:
        return False
    if not q.closed:
        return True
    e = skip_forward(text, q.end, hi, " \t.!?\u2026")
    ends_sentence = inner.rstrip(QUOTE_MARKS + " ")[-1:] in ".!?\u2026" or text[q.end : q.end + 1] in ".!?"
    return ends_sentence and (e >= hi or text[e] in P.OPEN_MARKS or text[e].isupper())
