"""The reporting-verb frame: a verb from the lexicon with its speaker before it or after it.

For one candidate verb, in this order: refuse a verb used as a noun or a passive ("the report", "was
believed"); try the inverted shape ("..., said the spokesman."); find the speaker before the verb; then
decide on which side the content lies.  ``CONTENT_BEFORE_SPEAKER`` is the ordered table of signs that it
came first ("\"...,\" she said, adding ..."); otherwise the content follows the verb ("X said (that) ...").
A claim after the verb may hand over to a second speaker ("X said A, while Y said B"), up to
``_MAX_HANDOVERS`` deep.
"""

from __future__ import annotations

from collections.abc import Callable

from claimscope.extract.claims import patterns as P
from claimscope.extract.claims.content import (
    Span,
    adverbs_before,
    boundary_before,
    comma_quote,
    content_span,
    left_span,
    short_tail,
)
from claimscope.extract.claims.context import Draft, ParagraphContext, Subject, draft
from claimscope.extract.claims.continuation import after_frame, find_continuation
from claimscope.extract.claims.spans import BLANKS, comma_back, skip_back, space_back, space_forward, trim_span
from claimscope.extract.claims.subjects import (
    SUBJECT_WINDOW,
    noun_or_passive,
    resolve_speaker,
    shared_subject,
    strip_lead_ins,
    strip_tails,
    subject_before,
)
from claimscope.extract.quotes import QUOTE_MARKS
from claimscope.extract.speakers import DOCUMENT_NOUNS, parse_speaker

MAX_VERBS_PER_SENTENCE = 12
"""Candidate verbs tried per sentence (or per handover span): bounds the work on a run-on sentence."""
_HEAD_WINDOW = 90
_MAX_HANDOVERS = 3


def verb_frame(ctx: ParagraphContext, lo: int, hi: int, v0: int, v1: int, depth: int = 0) -> list[Draft]:
    """The claims framed by the reporting verb at ``text[v0:v1]`` in the sentence ``text[lo:hi]``."""
    text = ctx.text
    verb = text[v0:v1].lower()
    if verb in P.NAMING_VERBS and not _names_something(ctx, v1, hi):
        return []
    if verb not in P.PASSIVE_EXEMPT_VERBS and noun_or_passive(text, max(lo, v0 - _HEAD_WINDOW), v0):
        return []
    inverted = _inverted(ctx, lo, hi, v0, v1, verb)
    if inverted:
        return inverted
    subject_end = strip_lead_ins(text, max(lo, v0 - _HEAD_WINDOW), v0)
    subject = subject_before(ctx, lo, subject_end) or shared_subject(text, lo, subject_end)
    if subject is None or _as_clause(text, lo, subject.start):
        return []
    rest = v1
    if verb in P.TELL_VERBS and not P.CONTENT_LEAD.match(text, v1, hi):
        obj = P.TOLD_OBJECT.match(text, v1, hi)
        if obj is None:
            return []
        rest = obj.end()
    if subject.relative:
        return _relative(ctx, hi, rest, subject, verb)
    if P.TAIL_ONLY.match(text, rest, hi) or (verb in P.AUDIENCE_VERBS and short_tail(text, rest, hi)):
        return _left_content(ctx, lo, hi, subject, verb, rest)
    for sign in CONTENT_BEFORE_SPEAKER:  # a loop, not any(): no generator per candidate verb
        if sign(ctx, lo, hi, subject.start, rest):
            left = _left_content(ctx, lo, hi, subject, verb, rest)
            if left:
                return left
            break
    return _right_content(ctx, lo, hi, v0, rest, subject, verb, depth)


def _as_clause(text: str, lo: int, subject_start: int) -> bool:
    """ "..., not £340 million as the newspaper stated, the spokesperson said.": a speaker after "as" inside the
    sentence names a source of comparison, not the source of this sentence (sentence-initial "As X said, ..."
    still frames what follows)."""
    before = space_back(text, lo, subject_start)
    return before - 2 > lo and text[before - 2 : before].lower() == "as" and not text[before - 3].isalnum()


# --- signs that the content came before the speaker -------------------------------------------------------
# Each reads the sentence ``text[lo:hi]``, where the speaker starts, and where the words after the verb start.


def _continuation_follows(ctx: ParagraphContext, lo: int, hi: int, subject_start: int, rest: int) -> bool:
    """ "\"...,\" she said, adding that ...": a continuation cue right after the verb."""
    return P.CONTINUATION.match(ctx.text, rest, hi) is not None


def _quotation_resumes(ctx: ParagraphContext, lo: int, hi: int, subject_start: int, rest: int) -> bool:
    """ "\"...,\" he said, \"...\"": a comma and an opening mark right after the verb."""
    text = ctx.text
    j = space_forward(text, rest, hi)
    if j >= hi or text[j] != ",":
        return False
    j = space_forward(text, j + 1, hi)
    return j < hi and text[j] in P.OPEN_MARKS


def _parenthetical(ctx: ParagraphContext, lo: int, hi: int, subject_start: int, rest: int) -> bool:
    """ "Prices rose, analysts said, but demand held": commas on both sides of the attribution."""
    if P.TAILS_THEN_COMMA.match(ctx.text, rest, min(hi, rest + 120)) is None:
        return False
    return comma_back(ctx.text, lo, subject_start, " \t")[1]


def _quotation_before_speaker(ctx: ParagraphContext, lo: int, hi: int, subject_start: int, rest: int) -> bool:
    """ "\"...,\" she said with a laugh.": a quotation closed by a comma (or ? or !) just before the speaker,
    and no "that" or colon after the verb to say the content is still to come."""
    text = ctx.text
    p, comma = comma_back(text, lo, subject_start, BLANKS)
    q = ctx.quotes.closed_ending_at(p)
    if q is None:
        return False
    if not (comma or text[q.inner_end - 1 : q.inner_end] in (",", "?", "!")):
        return False
    return not P.CONTENT_LEAD.match(text, rest, hi)


ContentSign = Callable[[ParagraphContext, int, int, int, int], bool]
CONTENT_BEFORE_SPEAKER: tuple[ContentSign, ...] = (
    _continuation_follows,
    _quotation_resumes,
    _parenthetical,
    _quotation_before_speaker,
)
"""Tried in order; the first that holds sends the frame to look left of the speaker for the content."""


# --- the shapes of the frame -----------------------------------------------------------------------------


def _inverted(ctx: ParagraphContext, lo: int, hi: int, v0: int, v1: int, verb: str) -> list[Draft]:
    """Handles "..., said the spokesman." / "\"...,\" reads the statement.": the speaker follows the verb."""
    if verb in P.AUDIENCE_VERBS or verb in P.STANCE_VERBS:
        return []  # "X, the chair, told reporters" / "X, an MP, called the plan ...": the speaker comes first
    text = ctx.text
    p = skip_back(text, lo, v0, BLANKS)
    if p <= lo or not (text[p - 1] == "," or ctx.quotes.closed_ending_at(p) is not None):
        return []
    if v1 >= hi or not text[v1].isspace():
        return []
    stop = min(hi, v1 + SUBJECT_WINDOW)
    cont = find_continuation(ctx, v1, stop)
    if cont is not None:
        stop = cont[0]
    split_quote = comma_quote(text, v1, stop)
    if split_quote is not None:
        stop = split_quote
    cand_end = strip_tails(text, v1, stop)
    s, e = trim_span(text, v1, cand_end)
    if s >= e or text[s] in QUOTE_MARKS or text[s:e].lower().startswith("that "):
        return []
    phrase = parse_speaker(text[s:e])
    if phrase is None:
        comma = text.find(",", s, e)
        if comma < 0:
            return []
        e = trim_span(text, s, comma)[1]
        phrase = parse_speaker(text[s:e])
        if phrase is None or phrase.pronoun is not None:
            return []
    subject = Subject(s, e, phrase)
    left = left_span(ctx, lo, v0)
    if left is None:
        return []
    name = resolve_speaker(ctx, subject, e, stop)
    out = [draft(left[0], left[1], name, verb, left[2], subject)]
    out.extend(after_frame(ctx, stop, hi, name, subject, cont))
    return out


def _left_content(ctx: ParagraphContext, lo: int, hi: int, subject: Subject, verb: str, rest: int) -> list[Draft]:
    """Handles "Content, X said." and "\"Content,\" X said, adding that ...": the content precedes the speaker."""
    left = left_span(ctx, lo, subject.start)
    if left is None:
        return []
    cont = find_continuation(ctx, rest, hi)
    stop = cont[0] if cont else hi
    name = resolve_speaker(ctx, subject, rest, stop)
    out = [draft(left[0], left[1], name, verb, left[2], subject)]
    split_quote = comma_quote(ctx.text, rest, stop)
    out.extend(after_frame(ctx, split_quote if split_quote is not None else stop, hi, name, subject, cont))
    return out


def _right_content(
    ctx: ParagraphContext, lo: int, hi: int, v0: int, rest: int, subject: Subject, verb: str, depth: int = 0
) -> list[Draft]:
    """Handles "X said (that) content" and "X said: \"content\"", plus a leading "Pointing out that A," claim."""
    text = ctx.text
    lead = P.CONTENT_LEAD.match(text, rest, hi) or P.PREP_THAT.match(text, rest, hi)
    if lead is not None:
        start = lead.end()
        sep: str | None = lead.group("sep")
    else:
        tails = P.LEAD_TAILS.match(text, rest, hi)
        start = tails.end() if tails else P.PLAIN_LEAD.match(text, rest, hi).end()  # type: ignore[union-attr]
        sep = None
    if start >= hi:
        return []
    needs_clause = verb in P.CLAUSAL_VERBS or verb in P.QUOTE_ONLY_VERBS or verb in P.EVIDENCE_VERBS
    if needs_clause and sep is None:
        documentary = subject.phrase.role in DOCUMENT_NOUNS
        clause = verb not in P.QUOTE_ONLY_VERBS and P.CLAUSE_START.match(text, start, hi) is not None
        if not ((verb in P.EVIDENCE_VERBS and documentary) or clause):
            return []
    if verb in P.QUOTE_ONLY_VERBS and sep is not None and sep.lower() == "that":
        return []
    nxt = P.VERB.match(text, start, hi)
    if nxt is not None and verb not in P.STANCE_VERBS:
        return []
    stance = verb in P.STANCE_VERBS
    if stance:
        start = adverbs_before(text, subject.end, v0)
    cont = find_continuation(ctx, start, hi)
    stop = cont[0] if cont else hi
    span = content_span(ctx, start, stop, allow_beyond=not stance)
    if span is None:
        return []
    name = resolve_speaker(ctx, subject, rest, start)
    out: list[Draft] = []
    front = P.PARTICIPIAL_FRONT.match(text, lo, subject.start) if subject.start - lo > 12 else None
    if front is not None:
        boundary = boundary_before(text, front.end(), subject.start)
        if boundary is not None:
            out.append(draft(front.end(), boundary, name, front.group("cue").lower() + " that", False, subject))
    handover = None if span[2] or stance or depth >= _MAX_HANDOVERS else _handover(ctx, span, hi, depth)
    if handover is not None:
        out.append(draft(span[0], handover[0], name, verb, False, subject))
        out.extend(handover[1])
        return out
    out.append(draft(span[0], span[1], name, verb, span[2] and not stance, subject))
    if cont is not None:
        tail = content_span(ctx, cont[1], hi)
        if tail is not None:
            out.append(draft(tail[0], tail[1], name, cont[2], tail[2], subject))
    return out


def _handover(ctx: ParagraphContext, span: Span, hi: int, depth: int) -> tuple[int, list[Draft]] | None:
    """Handles "X said A, while Y said B": where A ends, and Y's claims, when a second frame follows a link."""
    text, quotes = ctx.text, ctx.quotes
    if P.CONTRAST.search(text, span[0], span[1]) is None:
        return None
    v = P.VERB.search(text, span[0], span[1])
    tried = 0
    while v is not None and tried < MAX_VERBS_PER_SENTENCE:
        tried += 1
        verb = v.group().lower()
        link = None
        if verb not in P.STANCE_VERBS and quotes.at(v.start()) is None:
            for m in P.CONTRAST.finditer(text, max(span[0], v.start() - _HEAD_WINDOW), v.start()):
                link = m
        if link is not None:
            found = verb_frame(ctx, link.end(), hi, v.start(), v.end(), depth + 1)
            if found and found[0].speaker_start is not None and found[0].speaker_start >= link.end():
                cut = skip_back(text, span[0], link.start(), " ,\t\n")
                return cut, [d for d in found if not _bare_stance(text, d)]
        v = P.VERB.search(text, v.end(), span[1])
    return None


def _bare_stance(text: str, d: Draft) -> bool:
    """ "..., but the ministry rejected it.": a stance with no content of its own is not a claim."""
    return d.cue in P.STANCE_VERBS and text.count(" ", d.start, d.end) < 3


def _names_something(ctx: ParagraphContext, start: int, hi: int) -> bool:
    """ "called the plan \"a stunt\"", "described it as reckless": not "called on", "described the scene"."""
    text = ctx.text
    if P.NAMING_REFUSED.match(text, start, hi):
        return False
    stop = min(hi, start + _HEAD_WINDOW)
    for m in P.NAMING_HINT.finditer(text, start, stop):
        if m.group()[0] not in P.OPEN_MARKS or ctx.quotes.starting_at(m.start()) is not None:
            return True
    return False


def _relative(ctx: ParagraphContext, hi: int, rest: int, subject: Subject, verb: str) -> list[Draft]:
    """Handles "..., which investigators claim was a clearing house": the claim runs to the next comma."""
    text = ctx.text
    start = P.PLAIN_LEAD.match(text, rest, hi).end()  # type: ignore[union-attr]
    stop = hi
    for i in range(start, hi):
        if text[i] == "," and ctx.quotes.at(i) is None:
            stop = i
            break
    span = content_span(ctx, start, stop, allow_beyond=False)
    if span is None:
        return []
    name = resolve_speaker(ctx, subject, rest, start)
    return [draft(span[0], span[1], name, verb, False, subject)]

