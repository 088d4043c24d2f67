"""Attributed statements: who asserts what, found sentence by sentence in the paragraphs of a document.

A claim is anchored by an attribution *frame*: a reporting verb from the lexicon with a speaker phrase
before it ("the spokesman said ...", "..., officials said Monday.", "\"...,\" he says") or after it
("..., said the spokesman."), "according to X", a participial cue ("Pointing out that A, X said B"), a
relative clause ("which investigators claim was ..."), or a noun ("X's assertion that ...").  A quoted
paragraph with no frame of its own continues the previous speaker.  Long quotations become one claim per
sentence so that no claim swallows a whole speech.

Cost: one trie-shaped regex scan per sentence, then work bounded by a window around each candidate verb
(at most ``_MAX_VERBS_PER_SENTENCE`` of them), so the stage is linear in the text length; speakers are
resolved from a running state (``SpeakerState``), never by rescanning earlier text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from claimscope.extract import claims_patterns as P
from claimscope.extract.datelines import match_dateline
from claimscope.extract.document import Document
from claimscope.extract.model import Claim, ClaimKind, Sentence
from claimscope.extract.quotes import QUOTE_MARKS, Quote, find_quotes
from claimscope.extract.speakers import (
    DOCUMENT_NOUNS,
    NP_LINKS,
    ROLES,
    SOURCES,
    SpeakerPhrase,
    SpeakerState,
    noun_of,
    parse_speaker,
)

_MAX_VERBS_PER_SENTENCE = 12
_SUBJECT_WINDOW = 240
_HEAD_WINDOW = 90
_STRIP_END = " \t\n\r,;:\u00a0"
_DATELINE_PARAGRAPHS = 2
_DATELINE_WINDOW = 160
_MAX_HANDOVERS = 3
_UNREAD_SENTENCES = 6


@dataclass(slots=True)
class _Draft:
    """A claim before ids and sentences are attached."""

    start: int
    end: int
    speaker: str | None
    cue: str
    direct: bool
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(slots=True)
class _Subject:
    """A speaker phrase found in a sentence (mutable only because frozen dataclasses are slower to build)."""

    start: int
    end: int
    phrase: SpeakerPhrase
    relative: bool = False


class _Quotes:
    """The quotations of one paragraph, searchable by position in O(log n)."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.items = quotes
        self.opens = [q.open for q in quotes]
        self.ends = {q.end: q for q in quotes}

    def at(self, pos: int) -> Quote | None:
        i = bisect_right(self.opens, pos) - 1
        if i >= 0 and pos < self.items[i].end:
            return self.items[i]
        return None

    def starting_at(self, pos: int) -> Quote | None:
        i = bisect_left(self.opens, pos)
        if i < len(self.opens) and self.opens[i] == pos:
            return self.items[i]
        return None


_NO_QUOTES = _Quotes([])


def find_claims(doc: Document) -> list[Claim]:
    """Every attributed statement in the paragraphs of ``doc``, in reading order."""
    text = doc.text
    state = SpeakerState()
    claims: list[Claim] = []
    last: _Draft | None = None
    last_paragraph = -100
    for paragraph_no, (block_index, group) in enumerate(groupby(doc.sentences, key=lambda s: s.block_index)):
        sentences = list(group)
        if not 0 <= block_index < len(doc.blocks):
            continue
        block = doc.blocks[block_index]
        found_quotes = find_quotes(text, block.start, block.end)
        quotes = _Quotes(found_quotes) if found_quotes else _NO_QUOTES
        drafts: list[_Draft] = []
        covered = block.start
        if paragraph_no < _DATELINE_PARAGRAPHS:
            covered = _after_dateline(text, block.start, block.end)
        for sentence in sentences:
            if sentence.end <= covered:
                continue
            lo = max(sentence.start, covered)
            found = _sentence_claims(text, lo, sentence.end, quotes, state)
            if not found:
                state.unread.append((lo, sentence.end))
            for d in found:
                covered = max(covered, d.end if d.end > sentence.end else covered)
            drafts.extend(found)
        previous = last if paragraph_no - last_paragraph <= P.CONTINUATION_PARAGRAPHS else None
        drafts.extend(_continued_quotes(text, block.start, block.end, quotes, drafts, previous))
        if not drafts:
            continue
        drafts.sort(key=lambda d: d.start)
        last = drafts[-1]
        last_paragraph = paragraph_no
        section_id = doc.sections[sentences[0].section_index].id if doc.sections else ""
        starts = [s.start for s in sentences]
        for d in drafts:
            for start, end in _pieces(text, d):
                claims.append(_claim(doc, len(claims), d, start, end, section_id, sentences, starts))
    return claims


def _after_dateline(text: str, start: int, end: int) -> int:
    """Where the story starts in "LONDON (Reuters) - ..." or "City, Aug 14 (PTI) ...": a dateline asserts nothing."""
    m = match_dateline(text[start : min(end, start + _DATELINE_WINDOW)])
    if m is None or m.end() >= end - start:
        return start
    return start + m.end()


def _note_subject(text: str, lo: int, hi: int, state: SpeakerState) -> None:
    """A sentence that claims nothing may still introduce whom a later "she" or "it" means.

    Read lazily, only when a pronoun is about to be resolved: most such sentences are never needed."""
    end = _leading_np(text, lo, hi)
    if end <= lo:
        return
    phrase = parse_speaker(text[lo:end].rstrip(","))
    if phrase is not None:
        state.mention(phrase)
    if text[end - 1] == ",":
        appositive = _leading_np(text, end, hi)
        if appositive > end and text[appositive - 1] == ",":
            named = parse_speaker(text[end:appositive].strip(" ,"))
            if named is not None:
                state.mention(named)


def _claim(
    doc: Document,
    n: int,
    d: _Draft,
    start: int,
    end: int,
    section_id: str,
    sentences: list[Sentence],
    starts: list[int],
) -> Claim:
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


# --- one sentence ---------------------------------------------------------------------------------------


def _sentence_claims(text: str, lo: int, hi: int, quotes: _Quotes, state: SpeakerState) -> list[_Draft]:
    tried = 0
    for m in P.VERB.finditer(text, lo, hi):
        if quotes.at(m.start()) is not None:
            continue
        tried += 1
        if tried > _MAX_VERBS_PER_SENTENCE:
            break
        found = _verb_frame(text, lo, hi, m.start(), m.end(), quotes, state)
        if found:
            return _with_according_before(text, lo, found, quotes, state)
    return (
        _according_frame(text, lo, hi, quotes, state)
        or _nominal_frame(text, lo, hi, quotes, state)
        or _subject_continuation(text, lo, hi, quotes, state)
        or _participial_only(text, lo, hi, quotes, state)
    )


def _leading_np(text: str, lo: int, hi: int) -> int:
    """End of the noun phrase that opens ``text[lo:hi]`` ("The mayor", "Regional health chief Ana Ruiz")."""
    p = end = lo
    for n in range(8):
        q, word = _word_after(text, p, hi)
        bare = word.strip(",.;:").lower()
        if bare.endswith(("'s", "\u2019s")):
            bare = bare[:-2]
        bare = bare.rstrip("'\u2019")
        if not word or not (word[:1].isupper() or (n == 0 and bare in {"the", "a", "an"}) or _np_word(bare)):
            break
        p = end = q
        if word.endswith(","):
            break
    return end


def _participial_only(text: str, lo: int, hi: int, quotes: _Quotes, state: SpeakerState) -> list[_Draft]:
    """Handles "Stressing that A, the ministry urged ...": A is a claim even when the main verb reports nothing."""
    if text.find("ing ", lo, min(hi, lo + P.PARTICIPIAL_REACH)) < 0:
        return []
    front = P.PARTICIPIAL_FRONT.match(text, lo, hi)
    if front is None:
        return []
    comma = text.find(",", front.end(), hi)
    while comma >= 0:
        start = comma + 1
        s, e = _trim_span(text, start, _leading_np(text, start, hi))
        phrase = parse_speaker(text[s:e].rstrip(",")) if e > s else None
        if phrase is not None and quotes.at(comma) is None:
            subject = _Subject(s, e, phrase)
            name = _speaker(subject, state, text, s, e)
            a_end = _trim_span(text, front.end(), comma)[1]
            return [_draft(front.end(), a_end, name, front.group("cue").lower() + " that", False, subject)]
        comma = text.find(",", comma + 1, hi)
    return []


def _subject_continuation(text: str, lo: int, hi: int, quotes: _Quotes, state: SpeakerState) -> list[_Draft]:
    """Handles "The mayor defended the decision, stating, '...'": the sentence subject makes the second claim."""
    cont = _find_continuation(text, lo, hi, quotes)
    if cont is None:
        return []
    end = _leading_np(text, lo, cont[0])
    if end <= lo:
        return []
    phrase = parse_speaker(text[lo:end])
    if phrase is None or phrase.pronoun is not None:
        return []
    span = _content(text, cont[1], hi, quotes)
    if span is None:
        return []
    subject = _Subject(lo, _trim_span(text, lo, end)[1], phrase)
    name = _speaker(subject, state, text, lo, end)
    return [_draft(span[0], span[1], name, cont[2], span[2], subject)]


def _word_after(text: str, p: int, hi: int) -> tuple[int, str]:
    m = P.NEXT_WORD.match(text, p, hi)
    if m is None:
        return p, ""
    return m.end(), m.group(1)


def _np_word(word: str) -> bool:
    return noun_of(word, ROLES) is not None or noun_of(word, SOURCES) is not None or word in NP_LINKS


def _with_according_before(
    text: str, lo: int, found: list[_Draft], quotes: _Quotes, state: SpeakerState
) -> list[_Draft]:
    """Handles "A, according to the ministry, which added that B": A is the ministry's claim too."""
    first = found[0]
    if first.speaker_start is None or first.speaker_end is None or first.start < first.speaker_start:
        return found
    window = max(lo, first.speaker_start - 20)
    if P.ACCORDING_HINT.search(text, window, first.speaker_start) is None:
        return found
    return _according_frame(text, lo, first.speaker_end, quotes, state) + found


def _verb_frame(
    text: str, lo: int, hi: int, v0: int, v1: int, quotes: _Quotes, state: SpeakerState, depth: int = 0
) -> list[_Draft]:
    verb = text[v0:v1].lower()
    if verb in P.NAMING_VERBS and not _names_something(text, v1, hi, quotes):
        return []
    if verb not in P.PASSIVE_EXEMPT_VERBS and _noun_or_passive(text, max(lo, v0 - _HEAD_WINDOW), v0):
        return []
    inverted = _inverted(text, lo, hi, v0, v1, quotes, state, verb)
    if inverted:
        return inverted
    subject_end = _strip_lead_ins(text, max(lo, v0 - _HEAD_WINDOW), v0)
    subject = _subject(text, lo, subject_end, quotes) or _shared_subject(text, lo, subject_end)
    if subject is None:
        return []
    rest = v1
    if verb in {"told", "tell", "tells"} and not P.CONTENT_LEAD.match(text, v1, hi):
        obj = P.TOLD_OBJECT.match(text, v1, hi)
        if obj is None:
            return []
        rest = obj.end()
    if subject.relative:
        return _relative(text, hi, rest, subject, quotes, state, verb)
    if P.TAIL_ONLY.match(text, rest, hi) or (verb in P.AUDIENCE_VERBS and _short_tail(text, rest, hi)):
        return _left_content(text, lo, hi, subject, quotes, state, verb, rest)
    if (
        _continuation_at(text, rest, hi)
        or _opens_quote_after_comma(text, rest, hi)
        or _parenthetical(text, lo, subject.start, rest, hi)
        or (_quote_before(text, lo, subject.start, quotes) and not P.CONTENT_LEAD.match(text, rest, hi))
    ):
        left = _left_content(text, lo, hi, subject, quotes, state, verb, rest)
        if left:
            return left
    return _right_content(text, lo, hi, v0, rest, subject, quotes, state, verb, depth)


def _quote_before(text: str, lo: int, pos: int, quotes: _Quotes) -> bool:
    """Handles "\"...,\" she said with a laugh.": a quotation closed by a comma just before the speaker."""
    p = pos
    while p > lo and text[p - 1] in " \t\u00a0":
        p -= 1
    comma = p > lo and text[p - 1] == ","
    if comma:
        p -= 1
    q = _quote_ending_at(quotes, p)
    if q is None:
        return False
    return comma or text[q.inner_end - 1 : q.inner_end] in (",", "?", "!")


def _shared_subject(text: str, lo: int, end: int) -> _Subject | None:
    """Handles "The union welcomed the move but said ...": the sentence's subject speaks after "and"/"but"."""
    s, word = _word_before(text, lo, end)
    if word not in ("and", "but") or s <= lo:
        return None
    np_end = _leading_np(text, lo, s)
    if np_end <= lo:
        return None
    ps, pe = _trim_span(text, lo, np_end)
    phrase = parse_speaker(text[ps:pe].rstrip(","))
    if phrase is None:
        return None
    return _Subject(ps, pe, phrase)


def _short_tail(text: str, rest: int, hi: int) -> bool:
    """ "... told reporters outside the court.": a few words of place or time, not the content."""
    tail = text[rest:hi].strip(" ,.\t\n\u00a0")
    return tail.count(" ") < 5 and not P.CONTENT_LEAD.match(text, rest, hi) and not any(c in tail for c in ':"“')


def _parenthetical(text: str, lo: int, subject_start: int, rest: int, hi: int) -> bool:
    """Handles "Prices rose, analysts said, but demand held": commas on both sides of the attribution."""
    if P.TAILS_THEN_COMMA.match(text, rest, min(hi, rest + 120)) is None:
        return False
    i = subject_start
    while i > lo and text[i - 1] in " \t":
        i -= 1
    return i > lo and text[i - 1] == ","


def _word_before(text: str, floor: int, p: int) -> tuple[int, str]:
    """The whitespace-delimited word that ends before ``p`` (and where it starts)."""
    while p > floor and text[p - 1].isspace():
        p -= 1
    # The last space first, then a newline or no-break space only after it: the later scans stay inside the
    # word instead of running back to ``floor``.
    start = text.rfind(" ", floor, p) + 1 or floor
    start = text.rfind("\n", start, p) + 1 or start
    start = text.rfind("\u00a0", start, p) + 1 or start
    return start, text[start:p]


def _is_adverb(word: str) -> bool:
    return len(word) > 4 and word.endswith("ly") and word.islower() and word not in P.LY_NOUNS


def _noun_or_passive(text: str, floor: int, v0: int) -> bool:
    """Handles "the report", "his comments", "was believed": a verb form that does not attribute anything here."""
    s, word = _word_before(text, floor, v0)
    low = word.lower()
    if _is_adverb(word):
        s, word = _word_before(text, floor, s)
        low = word.lower()
        return low in P.PASSIVE_MARKERS
    if low in P.PASSIVE_MARKERS or low in P.NOUN_MARKERS:
        return True
    possessive = low.endswith(("'s", "\u2019s", "s'", "s\u2019"))
    return possessive and low[:-2] not in {"he", "she", "it", "that", "there", "who"}


def _strip_lead_ins(text: str, floor: int, v0: int) -> int:
    """Where the subject ends once "has also", "on Tuesday", "vehemently", "went on to" are set aside."""
    p = v0
    while p > floor:
        s, word = _word_before(text, floor, p)
        if not word:
            break
        low = word.lower()
        if (low in P.LEAD_IN_WORDS and word.islower()) or _is_adverb(word):
            p = s
            continue
        if low in P.TIME_WORDS:
            s2, before = _word_before(text, floor, s)
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


def _subject(text: str, lo: int, end: int, quotes: _Quotes) -> _Subject | None:
    """The speaker phrase that ends at ``end`` (the verb, less auxiliaries), if the words there can be one."""
    floor = max(lo, end - _SUBJECT_WINDOW)
    while end > floor and text[end - 1] in " \t\n\r\u00a0":
        end -= 1
    trailing_comma = end > floor and text[end - 1] == ","
    if trailing_comma:
        end -= 1
    segments = _segments(text, floor, end, quotes)
    if not segments:
        return None
    i = len(segments) - 1
    while i > 0 and _skippable(text, *segments[i]):
        i -= 1
    if trailing_comma and i > 0:
        rel_subject = _relative_clause_subject(text, segments, i, quotes)
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
            return _Subject(tail_start, e, phrase, relative=True)
        if trailing_comma and i > 0:
            return _relative_clause_subject(text, segments, i, quotes)
        return _head_before_relative(text, s, rel.start())
    phrase = parse_speaker(text[s:e]) or _modified_head(text, s, e)
    if phrase is None:
        s = _after_subordinator(text, s, e)
        phrase = parse_speaker(text[s:e]) if s < e else None
        if phrase is None:
            return None
        return _Subject(s, e, phrase)
    start = s
    if phrase.pronoun is None and i > 0 and segments[0][0] == lo:
        ext = _appositive_start(text, segments, i)
        if ext is not None:
            start = ext
            phrase = parse_speaker(text[start:e]) or phrase
    return _Subject(start, e, phrase)


def _head_before_relative(text: str, s: int, rel_start: int) -> _Subject | None:
    """Handles "Officials who spoke on condition of anonymity said ...": the noun phrase before "who" speaks."""
    hs, he = _trim_span(text, s, rel_start)
    phrase = parse_speaker(text[hs:he]) if he > hs else None
    if phrase is None or phrase.pronoun is not None:
        return None
    return _Subject(hs, he, phrase)


def _segments(text: str, lo: int, end: int, quotes: _Quotes) -> list[tuple[int, int]]:
    """Comma-, dash- and quote-separated pieces of ``text[lo:end]``, trimmed (boundaries inside quotes ignored)."""
    cuts: list[tuple[int, int]] = []
    for b in P.SEGMENT_BOUNDARY.finditer(text, lo, end):
        if quotes.at(b.start()) is None:
            cuts.append((b.start(), b.end()))
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
            out.append(_trim_span(text, pos, c0))
        pos = max(pos, c1)
    out.append(_trim_span(text, pos, end))
    return out


def _trim_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _modified_head(text: str, s: int, e: int) -> SpeakerPhrase | None:
    """Handles "A trade body representing retailers": judge the phrase by its head, keep all of it as the speaker."""
    p = s
    for _ in range(6):
        q, word = _word_after(text, p, e)
        if not word or q >= e:
            return None
        if p > s and word.islower() and (word.endswith("ing") or word in {"based", "led", "backed", "run", "owned"}):
            head = parse_speaker(text[s:p])
            if head is None or head.pronoun is not None:
                return None
            return SpeakerPhrase(text[s:e], head.kind, None, head.surname, head.role, False, head.names)
        p = q
    return None


def _antecedent(text: str, segment: tuple[int, int]) -> _Subject | None:
    """Handles ", according to the ministry, which added that ...": the longest speaker phrase ending the segment."""
    s, e = segment
    best: _Subject | None = None
    p = e
    for _ in range(6):
        ws, word = _word_before(text, s, p)
        if not word:
            break
        phrase = parse_speaker(text[ws:e])
        if phrase is None:
            if best is not None:
                break
        elif phrase.pronoun is None:
            best = _Subject(ws, e, phrase)
        p = ws
    return best


def _after_subordinator(text: str, s: int, e: int) -> int:
    """Start of the clause after the last "after", "when", "and" ... in ``text[s:e]`` (``e`` when none)."""
    p = e
    while p > s:
        ws, word = _word_before(text, s, p)
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
    return bool(
        P.DISCOURSE_SEGMENT.match(piece)
        or P.AGE.match(piece)
        or P.PARTICIPLE_PIECE.match(piece)
        or P.TAIL_ONLY.match(piece)
    )


def _skip_discourse(text: str, s: int, e: int) -> int:
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


def _relative_clause_subject(text: str, segments: list[tuple[int, int]], i: int, quotes: _Quotes) -> _Subject | None:
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
                return _Subject(ps, pe, phrase)
            return None
    return None


def _speaker(subject: _Subject, state: SpeakerState, text: str, tail_from: int, tail_to: int) -> str:
    unread = state.unread
    if unread:
        phrase = subject.phrase
        new_name = phrase.short and phrase.surname is not None and phrase.surname not in state.by_surname
        if phrase.pronoun is not None or new_name:
            for lo, hi in unread[-_UNREAD_SENTENCES:]:
                _note_subject(text, lo, hi, state)
        unread.clear()
    name = state.resolve(subject.phrase)
    if P.STATEMENT_TAIL.search(text, tail_from, tail_to):
        state.note_statement(name)
    return name


def _inverted(
    text: str, lo: int, hi: int, v0: int, v1: int, quotes: _Quotes, state: SpeakerState, verb: str
) -> list[_Draft]:
    """Handles "..., said the spokesman." / "\"...,\" reads the statement.": the speaker follows the verb."""
    if verb in P.AUDIENCE_VERBS or verb in P.STANCE_VERBS:
        return []  # "X, the chair, told reporters" / "X, an MP, called the plan ...": the speaker comes first
    p = v0
    while p > lo and text[p - 1] in " \t\u00a0":
        p -= 1
    if p <= lo or not (text[p - 1] == "," or _quote_ending_at(quotes, p) is not None):
        return []
    if v1 >= hi or not text[v1].isspace():
        return []
    stop = min(hi, v1 + _SUBJECT_WINDOW)
    cont = _find_continuation(text, v1, stop, quotes)
    if cont is not None:
        stop = cont[0]
    split_quote = _comma_quote(text, v1, stop)
    if split_quote is not None:
        stop = split_quote
    cand_end = _strip_tails(text, v1, stop)
    s, e = _trim_span(text, v1, cand_end)
    if s >= e or text[s] in QUOTE_MARKS or text[s:e].lower().startswith("that "):
        return []
    phrase = parse_speaker(text[s:e])
    if phrase is None:
        comma = text.find(",", s, e)
        if comma < 0:
            return []
        e = _trim_span(text, s, comma)[1]
        phrase = parse_speaker(text[s:e])
        if phrase is None or phrase.pronoun is not None:
            return []
    subject = _Subject(s, e, phrase)
    left = _left_span(text, lo, v0, quotes)
    if left is None:
        return []
    name = _speaker(subject, state, text, e, stop)
    out = [_draft(left[0], left[1], name, verb, left[2], subject)]
    out.extend(_after(text, stop, hi, quotes, name, subject, cont))
    return out


def _left_content(
    text: str, lo: int, hi: int, subject: _Subject, quotes: _Quotes, state: SpeakerState, verb: str, rest: int
) -> list[_Draft]:
    """Handles "Content, X said." and "\"Content,\" X said, adding that ...": the content precedes the speaker."""
    left = _left_span(text, lo, subject.start, quotes)
    if left is None:
        return []
    cue = verb
    cont = _find_continuation(text, rest, hi, quotes)
    stop = cont[0] if cont else hi
    name = _speaker(subject, state, text, rest, stop)
    out = [_draft(left[0], left[1], name, cue, left[2], subject)]
    split_quote = _comma_quote(text, rest, stop)
    out.extend(_after(text, split_quote if split_quote is not None else stop, hi, quotes, name, subject, cont))
    return out


def _after(
    text: str,
    pos: int,
    hi: int,
    quotes: _Quotes,
    name: str,
    subject: _Subject,
    cont: tuple[int, int, str] | None,
) -> list[_Draft]:
    """What follows a frame: the second half of a split quotation, or an "adding that ..." claim."""
    out: list[_Draft] = []
    if cont is None:
        q = _quote_after_comma(text, pos, hi, quotes)
        if q is not None:
            out.append(_draft(q.inner_start, q.inner_end, name, "said", True, subject))
            cont = _find_continuation(text, q.end, hi, quotes)
    if cont is not None:
        _, c1, cue = cont
        span = _content(text, c1, hi, quotes)
        if span is not None:
            out.append(_draft(span[0], span[1], name, cue, span[2], subject))
    return out


def _right_content(
    text: str,
    lo: int,
    hi: int,
    v0: int,
    rest: int,
    subject: _Subject,
    quotes: _Quotes,
    state: SpeakerState,
    verb: str,
    depth: int = 0,
) -> list[_Draft]:
    """Handles "X said (that) content" and "X said: \"content\"", plus a leading "Pointing out that A," claim."""
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
        start = _adverbs_before(text, subject.end, v0)
    cont = _find_continuation(text, start, hi, quotes)
    stop = cont[0] if cont else hi
    span = _content(text, start, stop, quotes, allow_beyond=not stance)
    if span is None:
        return []
    name = _speaker(subject, state, text, rest, start)
    out: list[_Draft] = []
    front = P.PARTICIPIAL_FRONT.match(text, lo, subject.start) if subject.start - lo > 12 else None
    if front is not None:
        boundary = _boundary_before(text, front.end(), subject.start)
        if boundary is not None:
            out.append(_draft(front.end(), boundary, name, front.group("cue").lower() + " that", False, subject))
    handover = None if span[2] or stance or depth >= _MAX_HANDOVERS else _handover(text, span, hi, quotes, state, depth)
    if handover is not None:
        out.append(_draft(span[0], handover[0], name, verb, False, subject))
        out.extend(handover[1])
        return out
    out.append(_draft(span[0], span[1], name, verb, span[2] and not stance, subject))
    if cont is not None:
        tail = _content(text, cont[1], hi, quotes)
        if tail is not None:
            out.append(_draft(tail[0], tail[1], name, cont[2], tail[2], subject))
    return out


def _handover(
    text: str, span: tuple[int, int, bool], hi: int, quotes: _Quotes, state: SpeakerState, depth: int
) -> tuple[int, list[_Draft]] | None:
    """Handles "X said A, while Y said B": where A ends, and Y's claims, when a second frame follows a link."""
    if P.CONTRAST.search(text, span[0], span[1]) is None:
        return None
    v = P.VERB.search(text, span[0], span[1])
    tried = 0
    while v is not None and tried < _MAX_VERBS_PER_SENTENCE:
        tried += 1
        verb = v.group().lower()
        link = None
        if verb not in P.STANCE_VERBS and quotes.at(v.start()) is None:
            for m in P.CONTRAST.finditer(text, max(span[0], v.start() - _HEAD_WINDOW), v.start()):
                link = m
        if link is not None:
            found = _verb_frame(text, link.end(), hi, v.start(), v.end(), quotes, state, depth + 1)
            if found and found[0].speaker_start is not None and found[0].speaker_start >= link.end():
                cut = link.start()
                while cut > span[0] and text[cut - 1] in " ,\t\n":
                    cut -= 1
                return cut, [d for d in found if not _bare_stance(text, d)]
        v = P.VERB.search(text, v.end(), span[1])
    return None


def _bare_stance(text: str, d: _Draft) -> bool:
    """ "..., but the ministry rejected it.": a stance with no content of its own is not a claim."""
    return d.cue in P.STANCE_VERBS and text.count(" ", d.start, d.end) < 3


def _names_something(text: str, start: int, hi: int, quotes: _Quotes) -> bool:
    """ "called the plan \"a stunt\"", "described it as reckless": not "called on", "described the scene"."""
    if P.NAMING_REFUSED.match(text, start, hi):
        return False
    stop = min(hi, start + _HEAD_WINDOW)
    for m in P.NAMING_HINT.finditer(text, start, stop):
        if m.group()[0] not in P.OPEN_MARKS or quotes.starting_at(m.start()) is not None:
            return True
    return False


def _relative(
    text: str, hi: int, rest: int, subject: _Subject, quotes: _Quotes, state: SpeakerState, verb: str
) -> list[_Draft]:
    """Handles "..., which investigators claim was a clearing house": the claim runs to the next comma."""
    start = P.PLAIN_LEAD.match(text, rest, hi).end()  # type: ignore[union-attr]
    stop = hi
    for i in range(start, hi):
        if text[i] == "," and quotes.at(i) is None:
            stop = i
            break
    span = _content(text, start, stop, quotes, allow_beyond=False)
    if span is None:
        return []
    name = _speaker(subject, state, text, rest, start)
    return [_draft(span[0], span[1], name, verb, False, subject)]


def _according_frame(text: str, lo: int, hi: int, quotes: _Quotes, state: SpeakerState) -> list[_Draft]:
    """Handles "According to X, content." and "Content, according to X."."""
    if P.ACCORDING_HINT.search(text, lo, hi) is None:
        return []
    m = P.ACCORDING_FRONT.match(text, lo, hi)
    if m is not None and quotes.at(m.start("who")) is None:
        phrase = parse_speaker(m.group("who"))
        if phrase is not None:
            span = _content(text, m.end(), hi, quotes)
            if span is not None:
                subject = _Subject(m.start("who"), m.end("who"), phrase)
                name = _speaker(subject, state, text, m.start("who"), m.end("who"))
                return [_draft(span[0], span[1], name, m.group("cue").lower(), span[2], subject)]
    window = max(lo, hi - 260)
    m = P.ACCORDING_END.search(text, window, hi)
    if m is None or quotes.at(m.start()) is not None or m.start() <= lo:
        return []
    who_start, who_end = m.start("who"), _trim_span(text, m.start("who"), m.end("who"))[1]
    phrase = parse_speaker(text[who_start:who_end])
    if phrase is None:
        comma = text.find(",", who_start, who_end)
        if comma < 0:
            return []
        who_end = comma
        phrase = parse_speaker(text[who_start:who_end])
        if phrase is None:
            return []
    left = _left_span(text, lo, m.start() + 1 if text[m.start()] in ",;" else m.start(), quotes, need_comma=False)
    if left is None:
        return []
    subject = _Subject(who_start, who_end, phrase)
    name = _speaker(subject, state, text, who_start, who_end)
    return [_draft(left[0], left[1], name, m.group("cue").lower(), left[2], subject)]


def _nominal_frame(text: str, lo: int, hi: int, quotes: _Quotes, state: SpeakerState) -> list[_Draft]:
    """Handles "despite X's assertion that content": the speaker is the possessive before the noun."""
    for m in P.NOMINAL.finditer(text, lo, hi):
        if quotes.at(m.start()) is not None:
            continue
        who_e = m.start()
        who_s = who_e
        p = who_e
        for n in range(5):
            s, word = _word_before(text, lo, p)
            low = word.lower()
            head = n == 0 and _np_word(low)
            if not word or not (word[:1].isupper() or head or low in {"the", "a", "an"}) or word[-1:] in ",;:":
                break
            who_s = p = s
            if word.lower() in {"the", "a", "an"}:
                break
        phrase = parse_speaker(text[who_s:who_e]) if who_s < who_e else None
        if phrase is None or phrase.pronoun is not None:
            continue
        span = _content(text, m.end(), hi, quotes)
        if span is None:
            continue
        subject = _Subject(who_s, who_e, phrase)
        name = _speaker(subject, state, text, who_s, who_e)
        return [_draft(span[0], span[1], name, m.group("cue").lower(), span[2], subject)]
    return []


# --- spans ----------------------------------------------------------------------------------------------


def _draft(start: int, end: int, speaker: str, cue: str, direct: bool, subject: _Subject) -> _Draft:
    return _Draft(start, end, speaker, " ".join(cue.split()), direct, subject.start, subject.end)


def _content(
    text: str, start: int, stop: int, quotes: _Quotes, allow_beyond: bool = True
) -> tuple[int, int, bool] | None:
    """The asserted words from ``start`` to ``stop``; a quotation that fills them is direct speech.

    A quotation that opens here and is only closed in a later sentence (or paragraph end) is followed.
    """
    while start < stop and text[start].isspace():
        start += 1
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
    s, e = _trim_span(text, start, stop)
    while e > s and text[e - 1] in _STRIP_END:
        e -= 1
    if e - s < 2:
        return None
    return s, e, False


def _left_span(text: str, lo: int, end: int, quotes: _Quotes, need_comma: bool = True) -> tuple[int, int, bool] | None:
    """Content that ends just before a ", X said" attribution at ``end``: a quotation or the clause."""
    p = end
    while p > lo and text[p - 1] in " \t\n\u00a0":
        p -= 1
    comma = p > lo and text[p - 1] == ","
    if comma:
        p -= 1
        while p > lo and text[p - 1] in " \t\n\u00a0":
            p -= 1
    q = _quote_ending_at(quotes, p)
    if q is not None:
        if q.inner_end - q.inner_start < 1:
            return None
        return q.inner_start, q.inner_end, True
    if need_comma and not comma:
        return None
    s, e = _trim_span(text, lo, p)
    while e > s and text[e - 1] in _STRIP_END:
        e -= 1
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


def _quote_ending_at(quotes: _Quotes, pos: int) -> Quote | None:
    q = quotes.ends.get(pos)
    return q if q is not None and q.closed else None


def _find_continuation(text: str, start: int, hi: int, quotes: _Quotes) -> tuple[int, int, str] | None:
    if not quotes.items and text.find("that", start, hi) < 0 and text.find(":", start, hi) < 0:
        return None  # every continuation ends in "that", a colon or a quotation: two C scans rule most out
    for m in P.CONTINUATION.finditer(text, start, hi):
        if quotes.at(m.start()) is None:
            return m.start(), m.end(), m.group("cue").lower() + (" that" if "that" in m.group("sep") else "")
    return None


def _continuation_at(text: str, pos: int, hi: int) -> bool:
    return P.CONTINUATION.match(text, pos, hi) is not None


def _comma_quote(text: str, start: int, stop: int) -> int | None:
    """Position of ", \"" (a quotation resuming after the attribution) between ``start`` and ``stop``."""
    i = text.find(",", start, stop)
    while i >= 0:
        j = i + 1
        while j < stop and text[j].isspace():
            j += 1
        if j < stop and text[j] in P.OPEN_MARKS:
            return i
        i = text.find(",", i + 1, stop)
    return None


def _opens_quote_after_comma(text: str, pos: int, hi: int) -> bool:
    j = pos
    while j < hi and text[j].isspace():
        j += 1
    if j >= hi or text[j] != ",":
        return False
    j += 1
    while j < hi and text[j].isspace():
        j += 1
    return j < hi and text[j] in P.OPEN_MARKS


def _quote_after_comma(text: str, pos: int, hi: int, quotes: _Quotes) -> Quote | None:
    j = pos
    while j < hi and (text[j].isspace() or text[j] == ","):
        j += 1
    return quotes.starting_at(j) if j < hi else None


def _strip_tails(text: str, start: int, stop: int) -> int:
    """End of a speaker phrase once "in a statement", "on Monday" and final punctuation are cut."""
    e = stop
    while e > start and text[e - 1] in " \t.!?)\u2026" + QUOTE_MARKS:
        e -= 1
    m = P.TAIL_CUT.search(text, start, e)
    return m.start() if m else e


def _adverbs_before(text: str, floor: int, v0: int) -> int:
    """Start of "vehemently opposed and resolutely" before a stance verb, so the claim keeps its force."""
    p = v0
    while p > floor:
        s, word = _word_before(text, floor, p)
        if _is_adverb(word) or (word == "and" and p != v0):
            p = s
            continue
        break
    while p < v0 and text[p : p + 4] == "and ":
        p += 4
    return p


def _boundary_before(text: str, start: int, end: int) -> int | None:
    """The comma that closes "Pointing out that A," before the speaker at ``end``."""
    i = end
    while i > start and text[i - 1] in " \t\u00a0":
        i -= 1
    if i > start and text[i - 1] == ",":
        e = i - 1
        while e > start and text[e - 1].isspace():
            e -= 1
        return e if e - start >= 2 else None
    return None


# --- quotations without a frame of their own ------------------------------------------------------------


def _continued_quotes(
    text: str, lo: int, hi: int, quotes: _Quotes, drafts: list[_Draft], previous: _Draft | None
) -> list[_Draft]:
    """Stand-alone quoted sentences that carry on the speaker before them (same or previous paragraph)."""
    if not quotes.items:
        return []
    covered = sorted((d.start, d.end) for d in drafts)
    starts = [c[0] for c in covered]
    ends_max: list[int] = []
    running = -1
    for _, e in covered:
        running = max(running, e)
        ends_max.append(running)
    ordered = sorted(drafts, key=lambda d: d.start)
    order_starts = [d.start for d in ordered]
    out: list[_Draft] = []
    for q in quotes.items:
        i = bisect_left(starts, q.inner_end) - 1
        if i >= 0 and ends_max[i] > q.inner_start:
            continue
        if not _standalone(text, lo, hi, q):
            continue
        k = bisect_left(order_starts, q.open) - 1
        source = ordered[k] if k >= 0 else (out[-1] if out else previous)
        if out and (source is None or out[-1].start > source.start):
            source = out[-1]
        if source is None or source.speaker is None:
            continue
        out.append(_Draft(q.inner_start, q.inner_end, source.speaker, source.cue, True))
    return out


def _standalone(text: str, lo: int, hi: int, q: Quote) -> bool:
    """A quotation that is a sentence of its own, not a phrase quoted inside a narrative sentence."""
    inner = text[q.inner_start : q.inner_end]
    if len(P.WORD.findall(inner)) < P.MIN_STANDALONE_WORDS:
        return False
    p = q.open
    while p > lo and text[p - 1].isspace():
        p -= 1
    if p > lo and text[p - 1] not in ".!?:\u2026" + QUOTE_MARKS:
        return False
    if not q.closed:
        return True
    e = q.end
    while e < hi and text[e] in " \t.!?\u2026":
        e += 1
    ends_sentence = inner.rstrip(QUOTE_MARKS + " ")[-1:] in ".!?\u2026" or text[q.end : q.end + 1] in ".!?"
    return ends_sentence and (e >= hi or text[e] in P.OPEN_MARKS or text[e].isupper())


# --- splitting long quotations ---------------------------------------------------------------------------


def _pieces(text: str, d: _Draft) -> list[tuple[int, int]]:
    """One span per sentence of a direct quotation (indirect content stays whole), trimmed of marks."""
    if not d.direct:
        s, e = _trim_span(text, d.start, d.end)
        citing = P.CITING_CUT.search(text, s, e)
        if citing is not None:
            e = citing.start()
        while e > s and text[e - 1] in _STRIP_END:
            e -= 1
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


def _clean(text: str, s: int, e: int) -> tuple[int, int]:
    strip = " \t\n\r\u00a0" + QUOTE_MARKS
    while s < e and text[s] in strip:
        s += 1
    while e > s and text[e - 1] in strip + ",;:":
        e -= 1
    return s, e
