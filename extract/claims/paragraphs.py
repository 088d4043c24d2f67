"""The walk over an article: paragraph by paragraph, sentence by sentence, drafts in, numbered claims out.

Per paragraph: take an interview answer whole (``interview``), skip a dateline (in the first two), find
the quotations, run the frames on each sentence not already covered by a claim, let stand-alone quotations
continue the previous speaker, then cut direct quotations into one claim per sentence and attach ids,
sections and sentence spans.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import groupby

from claimscope.extract.claims import patterns as P
from claimscope.extract.claims.content import pieces
from claimscope.extract.claims.context import NO_QUOTES, Draft, ParagraphContext, QuoteIndex
from claimscope.extract.claims.continuation import continued_quotes
from claimscope.extract.claims.frames import sentence_claims
from claimscope.extract.claims.interview import Interview
from claimscope.extract.datelines import match_dateline
from claimscope.extract.document import Document
from claimscope.extract.model import Claim, ClaimKind, Sentence
from claimscope.extract.quotes import find_quotes
from claimscope.extract.speakers import SpeakerState

_DATELINE_PARAGRAPHS = 2
_DATELINE_WINDOW = 160


def find_claims(doc: Document) -> list[Claim]:
    """Every attributed statement in the paragraphs of ``doc``, in reading order."""
    text = doc.text
    state = SpeakerState()
    ctx = ParagraphContext(text, NO_QUOTES, state)  # one per article; only the quotations change per paragraph
    claims: list[Claim] = []
    last: Draft | None = None
    last_paragraph = -100
    interview = Interview()
    for paragraph_no, (block_index, group) in enumerate(groupby(doc.sentences, key=lambda s: s.block_index)):
        sentences = list(group)
        if not 0 <= block_index < len(doc.blocks):
            continue
        block = doc.blocks[block_index]
        found_quotes = find_quotes(text, block.start, block.end)
        ctx.quotes = QuoteIndex(found_quotes) if found_quotes else NO_QUOTES
        answer = interview.read(ctx, block.start, block.end)
        drafts: list[Draft] = [answer] if answer is not None else []
        covered = block.end if answer is not None else block.start
        if paragraph_no < _DATELINE_PARAGRAPHS:
            covered = _after_dateline(text, block.start, block.end)
        for sentence in sentences:
            if sentence.end <= covered:
                continue
            lo = max(sentence.start, covered)
            found = sentence_claims(ctx, lo, sentence.end)
            if not found:
                state.unread.append((lo, sentence.end))
            for d in found:
                covered = max(covered, d.end if d.end > sentence.end else covered)
            drafts.extend(found)
        if found_quotes:
            previous = last if paragraph_no - last_paragraph <= P.CONTINUATION_PARAGRAPHS else None
            drafts.extend(continued_quotes(ctx, block.start, block.end, drafts, previous))
        if not drafts:
            continue
        drafts.sort(key=lambda d: d.start)
        last = drafts[-1]
        last_paragraph = paragraph_no
        section_id = doc.sections[sentences[0].section_index].id if doc.sections else ""
        starts = [s.start for s in sentences]
        for d in drafts:
            for start, end in pieces(text, d):
                claims.append(_claim(doc, len(claims), d, start, end, section_id, sentences, starts))
    return claims


def _after_dateline(text: str, start: int, end: int) -> int:
    """Where the story starts in "LONDON (Reuters) - ..." or "City, Aug 14 (PTI) ...": a dateline asserts nothing."""
    m = match_dateline(text[start : min(end, start + _DATELINE_WINDOW)])
    if m is None or m.end() >= end - start:
        return start
    return start + m.end()


def _claim(
    doc: Document,
    n: int,
    d: Draft,
    start: int,
    end: int,
    section_id: str,
    sentences: list[Sentence],
    starts: list[int],
) -> Claim:
    """The ``n``-th claim of ``doc``: the piece ``text[start:end]`` of draft ``d``, with the sentences it spans."""
    first = max(0, bisect_right(starts, start) - 1)
    last = max(first, bisect_left(starts, end) - 1)
    s_start = min(sentences[first].start, start)
    s_end = max(sentences[min(last, len(sentences) - 1)].end, end)
    kind: ClaimKind = "direct" if d.direct else "indirect"
    return Claim(
        id=f"{doc.article_id}:c{n + 1}",
        text=doc.text[start:end],
        speaker=d.speaker,
        cue=d.cue,
        kind=kind,
        section_id=section_id,
        sentence=doc.text[s_start:s_end],
        start=start,
        end=end,
        sentence_start=s_start,
        sentence_end=s_end,
        speaker_start=d.speaker_start,
        speaker_end=d.speaker_end,
    )
