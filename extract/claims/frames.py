"""The attribution frames, as an ordered table of named rules: each reads one sentence and returns its
claims, and the first rule that finds any decides the sentence (``FRAMES``, tried top to bottom).

Order matters: ", the court heard." closing a sentence attributes all of it, verbs of saying inside
included ("that he described as ..."), so it goes first; a reporting verb is the strongest evidence next;
"according to" and claim nouns ("X's assertion that") follow; the rules that need no verb of their own
come last, because their cues ("..., stating, '...'", "Stressing that ...,", ", with X saying") are weaker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claimscope.extract.claims import patterns as P
from claimscope.extract.claims.content import content_span, left_span
from claimscope.extract.claims.context import Draft, ParagraphContext, Subject, draft
from claimscope.extract.claims.continuation import find_continuation
from claimscope.extract.claims.spans import trim_span, word_before
from claimscope.extract.claims.subjects import leading_np, np_word, resolve_speaker
from claimscope.extract.claims.verb_frames import MAX_VERBS_PER_SENTENCE, verb_frame
from claimscope.extract.speakers import ARTICLES, parse_speaker


@dataclass(frozen=True, slots=True)
class Frame:
    """One attribution rule: its name (for the docs and for debugging) and the function that applies it to
    the sentence ``ctx.text[lo:hi]``, returning that sentence's claims or an empty list."""

    name: str
    find: Callable[[ParagraphContext, int, int], list[Draft]]


def sentence_claims(ctx: ParagraphContext, lo: int, hi: int) -> list[Draft]:
    """The claims of the sentence ``ctx.text[lo:hi]``: those of the first frame in ``FRAMES`` that finds any."""
    for find in _FINDERS:
        found = find(ctx, lo, hi)
        if found:
            return found
    return []


def reporting_verb(ctx: ParagraphContext, lo: int, hi: int) -> list[Draft]:
    """ "X said ...", "..., said X", "\"...,\" X says": the first candidate verb outside quotations that
    frames a claim (at most ``MAX_VERBS_PER_SENTENCE`` are tried)."""
    quoted = ctx.quotes.at if ctx.quotes.items else None  # most paragraphs quote no one: skip the lookups
    tried = 0
    for m in P.VERB.finditer(ctx.text, lo, hi):
        if quoted is not None and quoted(m.start()) is not None:
            continue
        tried += 1
        if tried > MAX_VERBS_PER_SENTENCE:
            break
        found = verb_frame(ctx, lo, hi, m.start(), m.end())
        if found:
            return _with_according_before(ctx, lo, found)
    return []


def _with_according_before(ctx: ParagraphContext, lo: int, found: list[Draft]) -> list[Draft]:
    """Handles "A, according to the ministry, which added that B": A is the ministry's claim too."""
    first = found[0]
    if first.speaker_start is None or first.speaker_end is None or first.start < first.speaker_start:
        return found
    window = max(lo, first.speaker_start - 20)
    if P.ACCORDING_HINT.search(ctx.text, window, first.speaker_start) is None:
        return found
    return according_to(ctx, lo, first.speaker_end) + found


def according_to(ctx: ParagraphContext, lo: int, hi: int) -> list[Draft]:
    """Handles "According to X, content." and "Content, according to X."."""
    text, quotes = ctx.text, ctx.quotes
    if P.ACCORDING_HINT.search(text, lo, hi) is None:
        return []
    m = P.ACCORDING_FRONT.match(text, lo, hi)
    if m is not None and quotes.at(m.start("who")) is None:
        phrase = parse_speaker(m.group("who"))
        if phrase is not None:
            span = content_span(ctx, m.end(), hi)
            if span is not None:
                subject = Subject(m.start("who"), m.end("who"), phrase)
                name = resolve_speaker(ctx, subject, m.start("who"), m.end("who"))
                return [draft(span[0], span[1], name, m.group("cue").lower(), span[2], subject)]
    window = max(lo, hi - 260)
    m = P.ACCORDING_END.search(text, window, hi)
    if m is None or quotes.at(m.start()) is not None or m.start() <= lo:
        return []
    who_start, who_end = m.start("who"), trim_span(text, m.start("who"), m.end("who"))[1]
    phrase = parse_speaker(text[who_start:who_end])
    if phrase is None:
        comma = text.find(",", who_start, who_end)
        if comma < 0:
            return []
        who_end = comma
        phrase = parse_speaker(text[who_start:who_end])
        if phrase is None:
            return []
    left = left_span(ctx, lo, m.start() + 1 if text[m.start()] in ",;" else m.start(), need_comma=False)
    if left is None:
        return []
    subject = Subject(who_start, who_end, phrase)
    name = resolve_speaker(ctx, subject, who_start, who_end)
    return [draft(left[0], left[1], name, m.group("cue").lower(), left[2], subject)]


def claim_noun(ctx: ParagraphContext, lo: int, hi: int) -> list[Draft]:
    """Handles "despite X's assertion that content": the speaker is the possessive before the noun."""
    text = ctx.text
    if text.find("that", lo, hi) < 0:
        return []  # every claim noun is followed by "that": one C scan rules out most sentences
    for m in P.NOMINAL.finditer(text, lo, hi):
        if ctx.quotes.at(m.start()) is not None:
            continue
        who_e = m.start()
        who_s = who_e
        p = who_e
        for n in range(5):
            s, word = word_before(text, lo, p)
            low = word.lower()
            head = n == 0 and np_word(low)
            if not word or not (word[:1].isupper() or head or low in ARTICLES) or word[-1:] in ",;:":
                break
            who_s = p = s
            if word.lower() in ARTICLES:
                break
        phrase = parse_speaker(text[who_s:who_e]) if who_s < who_e else None
        if phrase is None or phrase.pronoun is not None:
            continue
        span = content_span(ctx, m.end(), hi)
        if span is None:
            continue
        subject = Subject(who_s, who_e, phrase)
        name = resolve_speaker(ctx, subject, who_s, who_e)
        return [draft(span[0], span[1], name, m.group("cue").lower(), span[2], subject)]
    return []


def subject_continuation(ctx: ParagraphContext, lo: int, hi: int) -> list[Draft]:
    """Handles "The mayor defended the decision, stating, '...'": the sentence subject makes the second claim."""
    text = ctx.text
    cont = find_continuation(ctx, lo, hi)
    if cont is None:
        return []
    end = leading_np(text, lo, cont[0])
    if end <= lo:
        return []
    phrase = parse_speaker(text[lo:end])
    if phrase is None or phrase.pronoun is not None:
        return []
    span = content_span(ctx, cont[1], hi)
    if span is None:
        return []
    subject = Subject(lo, trim_span(text, lo, end)[1], phrase)
    name = resolve_speaker(ctx, subject, lo, end)
    return [draft(span[0], span[1], name, cont[2], span[2], subject)]


def participial_lead(ctx: ParagraphContext, lo: int, hi: int) -> list[Draft]:
    """Handles "Stressing that A, the ministry urged ...": A is a claim even when the main verb reports nothing."""
    text = ctx.text
    if text.find("ing ", lo, min(hi, lo + P.PARTICIPIAL_REACH)) < 0:
        return []
    front = P.PARTICIPIAL_FRONT.match(text, lo, hi)
    if front is None:
        return []
    comma = text.find(",", front.end(), hi)
    while comma >= 0:
        start = comma + 1
        s, e = trim_span(text, start, leading_np(text, start, hi))
        phrase = parse_speaker(text[s:e].rstrip(",")) if e > s else None
        if phrase is not None and ctx.quotes.at(comma) is None:
            subject = Subject(s, e, phrase)
            name = resolve_speaker(ctx, subject, s, e)
            a_end = trim_span(text, front.end(), comma)[1]
            return [draft(front.end(), a_end, name, front.group("cue").lower() + " that", False, subject)]
        comma = text.find(",", comma + 1, hi)
    return []


def hearing(ctx: ParagraphContext, lo: int, hi: int) -> list[Draft]:
    """Handles "Content, Lindale Crown Court heard." and "Content, the court was told, and ...": the body
    that heard it is the speaker (the court report's way of saying "the prosecution told the court")."""
    text = ctx.text
    if P.HEARING_HINT.search(text, lo, hi) is None:
        return []  # one C scan: "heard"/"told" closing a clause is rare, "told reporters" is not
    for m in P.HEARING.finditer(text, lo, hi):
        if ctx.quotes.at(m.start()) is not None:
            continue
        phrase = parse_speaker(m.group("who"))
        left = left_span(ctx, lo, m.start() + 1, need_comma=False) if phrase is not None else None
        if phrase is None or left is None:
            continue
        subject = Subject(m.start("who"), m.end("who"), phrase)
        name = resolve_speaker(ctx, subject, m.start("who"), m.end("who"))
        return [draft(left[0], left[1], name, m.group("cue").lower(), left[2], subject)]
    return []


def absolute_saying(ctx: ParagraphContext, lo: int, hi: int) -> list[Draft]:
    """Handles "The ruling came later, with the judge saying the law was unclear": the judge's claim."""
    text = ctx.text
    if text.find(" with ", lo, hi) < 0:
        return []
    for m in P.ABSOLUTE_SAYING.finditer(text, lo, hi):
        if ctx.quotes.at(m.start()) is not None:
            continue
        phrase = parse_speaker(m.group("who"))
        if phrase is None:
            continue
        span = content_span(ctx, m.end(), hi)
        if span is None:
            continue
        subject = Subject(m.start("who"), m.end("who"), phrase)
        name = resolve_speaker(ctx, subject, m.start("who"), m.end("who"))
        return [draft(span[0], span[1], name, m.group("cue").lower(), span[2], subject)]
    return []


FRAMES: tuple[Frame, ...] = (
    Frame("hearing", hearing),
    Frame("reporting verb", reporting_verb),
    Frame("according to", according_to),
    Frame("claim noun", claim_noun),
    Frame("subject continuation", subject_continuation),
    Frame("participial lead", participial_lead),
    Frame("absolute saying", absolute_saying),
)
"""The attribution rules in the order they are tried on each sentence (see the module docstring)."""
_FINDERS = tuple(frame.find for frame in FRAMES)
"""The rules' functions alone: the per-sentence loop then reads no attribute (a measurable cost here)."""
