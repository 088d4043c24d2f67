"""Who speaks: the speaker phrase before a reporting verb, and the name it resolves to.

The words before a verb are cut at commas, dashes and quotations into segments; the speaker is the last
segment that names someone, read past discourse openers ("However,"), ages ("54"), participle pieces
("published on Tuesday") and relative clauses ("who have charged 19 people").  Every scan stays inside
``SUBJECT_WINDOW`` characters before the verb, so the cost per candidate verb is bounded.
"""

from __future__ import annotations

from functools import lru_cache

from claimscope.extract.claims import patterns as P
from claimscope.extract.claims.context import ParagraphContext, Subject
from claimscope.extract.claims.spans import is_adverb, skip_back, trim_span, word_after, word_before
from claimscope.extract.quotes import QUOTE_MARKS
from claimscope.extract.speakers import ARTICLES, NP_LINKS, ROLES, SOURCES, SpeakerPhrase, noun_of, parse_speaker

SUBJECT_WINDOW = 240
"""How far before a verb (or after an inverted one) a speaker phrase may reach."""
_UNREAD_SENTENCES = 6
_NAMES_NO_ONE = (P.DISCOURSE_SEGMENT, P.AGE, P.PARTICIPLE_PIECE, P.TAIL_ONLY)
"""Pieces between a speaker and the verb that name no one: "however", "54", "published on Tuesday",
"in a statement" (tried in this order; the first match decides)."""


def leading_np(text: str, lo: int, hi: int) -> int:
    """End of the noun phrase that opens ``text[lo:hi]`` ("The mayor", "Regional health chief Ana Ruiz")."""
    p = end = lo
    for n in range(8):
        q, word = word_after(text, p, hi)
        bare = word.strip(",.;:").lower()
        if bare.endswith(("'s", "\u2019s")):
            bare = bare[:-2]
        bare = bare.rstrip("'\u2019")
        if not word or not (word[:1].isupper() or (n == 0 and bare in ARTICLES) or np_word(bare)):
            break
        p = end = q
        if word.endswith(","):
            break
    return end


def np_word(word: str) -> bool:
    """A lower-case word that may stand inside a speaker phrase: a role, a source noun or a link ("of")."""
    return noun_of(word, ROLES) is not None or noun_of(word, SOURCES) is not None or word in NP_LINKS


def noun_or_passive(text: str, floor: int, v0: int) -> bool:
    """Handles "the report", "his comments", "was believed": a verb form that does not attribute anything here."""
    s, word = word_before(text, floor, v0)
    low = word.lower()
    if is_adverb(word):
        s, word = word_before(text, floor, s)
        low = word.lower()
        return low in P.PASSIVE_MARKERS
    if low in P.PASSIVE_MARKERS or low in P.NOUN_MARKERS:
        return True
    possessive = low.endswith(P.POSSESSIVE_ENDINGS)
    return possessive and low[:-2] not in P.CONTRACTED_SUBJECTS


def strip_lead_ins(text: str, floor: int, v0: int) -> int:
    """Where the subject ends once "has also", "on Tuesday", "vehemently", "went on to" are set aside."""
    p = v0
    while p > floor:
        s, word = word_before(text, floor, p)
        if not word:
            break
        low = word.lower()
        if (low in P.LEAD_IN_WORDS and word.islower()) or is_adverb(word):
            p = s
            continue
        if low in P.TIME_WORDS:
            s2, before = word_before(text, floor, s)
            p = s2 if before.lower() in P.TIME_OPENERS else s
            continue
        if low not in P.LEAD_IN_PHRASE_ENDS:
            break
        tail = text[max(floor, p - 30) : p].rstrip().lower()
        for phrase in P.LEAD_IN_PHRASES:
            if tail.endswith(phrase) and (len(tail) == len(phrase) or tail[-len(phrase) - 1].isspace()):
                p = p - (len(text[max(floor, p - 30) : p]) - len(tail)) - len(phrase)
                break
        else:
            break
    return p


def strip_tails(text: str, start: int, stop: int) -> int:
    """End of a speaker phrase once "in a statement", "on Monday" and final punctuation are cut."""
    e = skip_back(text, start, stop, " \t.!?)\u2026" + QUOTE_MARKS)
    m = P.TAIL_CUT.search(text, start, e)
    return m.start() if m else e


def subject_before(ctx: ParagraphContext, lo: int, end: int) -> Subject | None:
    """The speaker phrase that ends at ``end`` (the verb, less auxiliaries), if the words there can be one."""
    text = ctx.text
    floor = max(lo, end - SUBJECT_WINDOW)
    end = skip_back(text, floor, end, " \t\n\r\u00a0")
    trailing_comma = end > floor and text[end - 1] == ","
    if trailing_comma:
        end -= 1
    segments = _segments(ctx, floor, end)
    if not segments:
        return None
    i = len(segments) - 1
    while i > 0 and _skippable(text, *segments[i]):
        i -= 1
    if trailing_comma and i > 0:
        rel_subject = _relative_clause_subject(text, segments, i)
        if rel_subject is not None:
            return rel_subject
    s, e = segments[i]
    s = _skip_discourse(text, s, e)
    if s >= e:
        return None
    rel = None
    for found in P.RELATIVE.finditer(text, s, e):
        rel = found
    if rel is not None and rel.end() >= e and rel.start() == s and i > 0:
        return _antecedent(text, segments[i - 1])
    if rel is not None:
        tail_start = rel.end()
        phrase = parse_speaker(text[tail_start:e])
        if phrase is not None and phrase.pronoun is None:
            return Subject(tail_start, e, phrase, relative=True)
        if trailing_comma and i > 0:
            return _relative_clause_subject(text, segments, i)
        return _head_before_relative(text, s, rel.start())
    phrase = parse_speaker(text[s:e]) or _modified_head(text, s, e)
    if phrase is None:
        s = _after_subordinator(text, s, e)
        phrase = parse_speaker(text[s:e]) if s < e else None
        if phrase is None:
            return None
        return Subject(s, e, phrase)
    start = s
    if phrase.pronoun is None and i > 0 and segments[0][0] == lo:
        ext = _appositive_start(text, segments, i)
        if ext is not None:
            start = ext
            phrase = parse_speaker(text[start:e]) or phrase
    return Subject(start, e, phrase)


def shared_subject(text: str, lo: int, end: int) -> Subject | None:
    """Handles "The union welcomed the move but said ...": the sentence's subject speaks after "and"/"but"."""
    s, word = word_before(text, lo, end)
    if word not in ("and", "but") or s <= lo:
        return None
    np_end = leading_np(text, lo, s)
    if np_end <= lo:
        return None
    ps, pe = trim_span(text, lo, np_end)
    phrase = parse_speaker(text[ps:pe].rstrip(","))
    if phrase is None:
        return None
    return Subject(ps, pe, phrase)


def _head_before_relative(text: str, s: int, rel_start: int) -> Subject | None:
    """Handles "Officials who spoke on condition of anonymity said ...": the noun phrase before "who" speaks."""
    hs, he = trim_span(text, s, rel_start)
    phrase = parse_speaker(text[hs:he]) if he > hs else None
    if phrase is None or phrase.pronoun is not None:
        return None
    return Subject(hs, he, phrase)


def _segments(ctx: ParagraphContext, lo: int, end: int) -> list[tuple[int, int]]:
    """Comma-, dash- and quote-separated pieces of ``text[lo:end]``, trimmed (boundaries inside quotes ignored)."""
    text, quotes = ctx.text, ctx.quotes
    cuts: list[tuple[int, int]] = []
    quoted = quotes.at if quotes.items else None  # most paragraphs quote no one: skip the lookups
    for b in P.SEGMENT_BOUNDARY.finditer(text, lo, end):
        if quoted is None or quoted(b.start()) is None:
            cuts.append(b.span())
    q = quotes.at(end - 1) if end > lo else None
    for quote in quotes.items:
        if lo < quote.end <= end and quote.open >= lo:
            cuts.append((quote.open, quote.end))
        elif quote.open < lo < quote.end <= end:
            cuts.append((lo, quote.end))
    if q is not None and q.end > end:
        return []
    cuts.sort()
    out: list[tuple[int, int]] = []
    pos = lo
    for c0, c1 in cuts:
        if c0 >= pos:
            out.append(trim_span(text, pos, c0))
        pos = max(pos, c1)
    out.append(trim_span(text, pos, end))
    return out


def _modified_head(text: str, s: int, e: int) -> SpeakerPhrase | None:
    """Handles "A trade body representing retailers": judge the phrase by its head, keep all of it as the speaker."""
    p = s
    for _ in range(6):
        q, word = word_after(text, p, e)
        if not word or q >= e:
            return None
        if p > s and word.islower() and (word.endswith("ing") or word in P.HEAD_MODIFYING_PARTICIPLES):
            head = parse_speaker(text[s:p])
            if head is None or head.pronoun is not None:
                return None
            return SpeakerPhrase(text[s:e], head.kind, None, head.surname, head.role, False, head.names)
        p = q
    return None


def _antecedent(text: str, segment: tuple[int, int]) -> Subject | None:
    """Handles ", according to the ministry, which added that ...": the longest speaker phrase ending the segment."""
    s, e = segment
    best: Subject | None = None
    p = e
    for _ in range(6):
        ws, word = word_before(text, s, p)
        if not word:
            break
        phrase = parse_speaker(text[ws:e])
        if phrase is None:
            if best is not None:
                break
        elif phrase.pronoun is None:
            best = Subject(ws, e, phrase)
        p = ws
    return best


def _after_subordinator(text: str, s: int, e: int) -> int:
    """Start of the clause after the last "after", "when", "and" ... in ``text[s:e]`` (``e`` when none)."""
    p = e
    while p > s:
        ws, word = word_before(text, s, p)
        if word.lower() in P.SUBORDINATORS:
            return p
        if ws <= s or e - ws > 80:
            break
        p = ws
    return e


def _skippable(text: str, s: int, e: int) -> bool:
    """A piece between the speaker and the verb that names no one: "however", "54", "in a statement"."""
    return s >= e or _names_no_one(text[s:e])


@lru_cache(maxsize=8192)
def _names_no_one(piece: str) -> bool:
    """Memoised: the same pieces ("the spokesman", "however") recur, and three case-folded regexes are dear."""
    return any(pattern.match(piece) for pattern in _NAMES_NO_ONE)


def _skip_discourse(text: str, s: int, e: int) -> int:
    """Start of ``text[s:e]`` after "However," or "In a statement," (never all of it)."""
    while True:
        m = P.DISCOURSE_START.match(text, s, e)
        if m is None or m.end() >= e:
            return s
        s = m.end()


def _appositive_start(text: str, segments: list[tuple[int, int]], i: int) -> int | None:
    """Start of "The head of X, Acting Chief Y, Jane Doe" when every piece before the verb names the speaker."""
    if i > 3:
        return None
    for s, e in segments[:i]:
        if _skippable(text, s, e):
            return None
        phrase = parse_speaker(text[s:e])
        if phrase is None or phrase.pronoun is not None:
            return None
        if phrase.kind != "person" and not all(w[:1].isupper() or w == "and" for w in text[s:e].split()):
            return None
    return segments[0][0]


def _relative_clause_subject(text: str, segments: list[tuple[int, int]], i: int) -> Subject | None:
    """Handles "The authorities, who have charged 19 people, estimate ...": the speaker before the relative clause."""
    for j in range(i, 0, -1):
        s, e = segments[j]
        if P.RELATIVE.match(text, s, e):
            k = j - 1
            while k > 0 and P.AGE.match(text, *segments[k]):
                k -= 1
            ps, pe = segments[k]
            ps = _skip_discourse(text, ps, pe)
            phrase = parse_speaker(text[ps:pe])
            if phrase is not None:
                return Subject(ps, pe, phrase)
            return None
    return None


def resolve_speaker(ctx: ParagraphContext, subject: Subject, tail_from: int, tail_to: int) -> str:
    """The name ``subject`` stands for; "in a statement" in ``text[tail_from:tail_to]`` makes it the owner
    of a later "the statement"."""
    text, state = ctx.text, ctx.state
    unread = state.unread
    if unread:
        phrase = subject.phrase
        new_name = phrase.short and phrase.surname is not None and phrase.surname not in state.by_surname
        if phrase.pronoun is not None or new_name:
            for lo, hi in unread[-_UNREAD_SENTENCES:]:
                _note_subject(ctx, lo, hi)
        unread.clear()
    name = state.resolve(subject.phrase)
    if P.STATEMENT_TAIL.search(text, tail_from, tail_to):
        state.note_statement(name)
    return name


def _note_subject(ctx: ParagraphContext, lo: int, hi: int) -> None:
    """A sentence that claims nothing may still introduce whom a later "she" or "it" means.

    Read lazily, only when a pronoun is about to be resolved: most such sentences are never needed."""
    text, state = ctx.text, ctx.state
    end = leading_np(text, lo, hi)
    if end <= lo:
        return
    phrase = parse_speaker(text[lo:end].rstrip(","))
    if phrase is not None:
        state.mention(phrase)
    if text[end - 1] == ",":
        appositive = leading_np(text, end, hi)
        if appositive > end and text[appositive - 1] == ",":
            named = parse_speaker(text[end:appositive].strip(" ,"))
            if named is not None:
                state.mention(named)

