"""Numbers that state facts: value, unit, what they measure, when, which way they moved, and who said them.

Per sentence: one scan for numbers (``numbers.find_numbers``) and one for calendar expressions
(``periods.find_periods``); sentences without a number cost one regex scan.  A number is dropped when it is
calendar text (a year, a date, "the past five years"), an age ("a 44-year-old", "'Tiny,' 31"), part of a
name or a label ("Level 2", "Racer 64", "Section 23"), list numbering, or the pronoun-like "one".  The
rest become ``Statistic`` records; what they measure comes from ``measures``, the period from the nearest
calendar expression in the sentence that is not a comparison base.  Work per number is bounded, so the
stage is linear in the article length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from claimscope.extract.document import Document
from claimscope.extract.measures import (
    ADVERBS,
    AUXILIARIES,
    CHANGE_WORDS,
    CONJUNCTIONS,
    DETERMINERS,
    LABEL_WORDS,
    NOTHING,
    PREPOSITIONS,
    PRONOUNS,
    RANGE_WORDS,
    REPORTING,
    Phrase,
    Tokens,
    change_phrase_after,
    change_word_after,
    direction_near,
    forward,
    forward_noun,
    group_after,
    lookback,
    noun_backward,
    tokenize,
)
from claimscope.extract.model import Claim, Direction, Sentence, Statistic
from claimscope.extract.numbers import (
    APPROXIMATORS,
    CURRENCY_CODES,
    NumberMention,
    lowered_copy,
    scan_numbers,
)
from claimscope.extract.periods import MONTHS, WEEKDAYS, PeriodMention, find_periods, published_date

_AGE_AFTER = re.compile(r"[ \t-]*(?:(?:years?|yrs?)[ \t-]*)?old\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)(?:[ \t]+of)?[ \t]+$", re.IGNORECASE)
_NAME_COMMA_BEFORE = re.compile(r"[A-Z][\w.'’-]*[’'\"”]?,[’'\"”]?[ \t]*$")
_AGE_END = re.compile(r"[ \t]*(?:[,;:.)]|$|and\b)")
_PREV_WORD = re.compile(r"(?P<word>[A-Za-z][\w'’-]*)(?P<dot>\.?)[ \t]+$")
_LIST_NUMBER_END = re.compile(r"[.)][ \t]")
_SPACE = re.compile(r"\s+")
_NOT_NAME = (
    DETERMINERS | PRONOUNS | PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | ADVERBS | REPORTING | CHANGE_WORDS
    | frozenset(w for phrase in APPROXIMATORS for w in phrase.split()) | frozenset(MONTHS) | frozenset(WEEKDAYS)
)
MAX_MEASURE_CHARS = 120
_RANGE_OR_BASE = RANGE_WORDS | frozenset({"from", "than", "versus", "vs", "against", "with"})
_NEAR_TOKENS = 7
_TOKEN_REACH = 160
"""How far around the numbers of a sentence the measure finder reads (it looks a few words each way)."""


@dataclass(slots=True)
class _Candidate:
    num: NumberMention
    first: int = 0
    last: int = 0
    base: str | None = None  # what is measured, without the group ("labour costs")
    measure: str | None = None  # with the group ("labour costs (Transportation & Storage)")
    direction: Direction | None = None
    coordinated: bool = False  # "56 months' and 36 months' imprisonment": the measure is the next one's


def find_statistics(doc: Document, claims: list[Claim]) -> list[Statistic]:
    """Every statistic in the paragraphs of ``doc``; ``claims`` lets a number point at its claim."""
    text = doc.text
    lowered = lowered_copy(text)
    ref = published_date(doc.published)
    claim_index = _ClaimIndex(claims)
    out: list[Statistic] = []
    carry: str | None = None
    for sentence in doc.sentences:
        start, end = max(0, sentence.start), min(len(text), sentence.end)
        numbers, digit_starts = scan_numbers(text, start, end, lowered)
        if not numbers:
            continue
        periods = find_periods(text, start, end, ref, lowered, digit_starts)
        values, carry = _period_values(periods, carry)
        candidates = [_Candidate(n) for n in numbers if _is_statistic(text, n, periods, start)]
        if not candidates:
            continue
        window_start = max(start, candidates[0].num.start - _TOKEN_REACH)
        window_end = min(end, candidates[-1].num.end + _TOKEN_REACH)
        tokens = tokenize(text, window_start, window_end)
        _mark(tokens, candidates, periods)
        _measure_all(text, tokens, candidates)
        section_id = _section_id(doc, sentence)
        sentence_text = text[start:end]
        for i, cand in enumerate(candidates):
            num = cand.num
            next_start = candidates[i + 1].num.start if i + 1 < len(candidates) else end
            out.append(
                Statistic(
                    id=f"{doc.article_id}:n{len(out) + 1}",
                    value=num.value,
                    raw=text[num.start : num.end],
                    unit=num.unit,
                    measure=cand.measure,
                    period=_period_for(num, values, next_start),
                    approximate=num.approximate,
                    direction=cand.direction,
                    claim_id=claim_index.containing(num.start, num.end),
                    section_id=section_id,
                    sentence=sentence_text,
                    start=num.start,
                    end=num.end,
                    sentence_start=start,
                    sentence_end=end,
                )
            )
    return out


# --- which numbers are statistics -------------------------------------------------------------------------


def _is_statistic(text: str, num: NumberMention, periods: list[PeriodMention], sentence_start: int) -> bool:
    for period in periods:
        if period.core_start <= num.num_start < period.end:
            return False  # a year, a date, a time, "the past five years"
    if num.in_words and num.value == 1 and not num.scaled and num.unit_kind not in {"percent", "currency"}:
        return False  # "one of the ringleaders", "one thing": a pronoun more often than a count
    if _is_age(text, num):
        return False
    if num.unit is None and _is_label(text, num, sentence_start):
        return False
    return not _is_list_number(text, num, sentence_start)


def _is_age(text: str, num: NumberMention) -> bool:
    if num.unit_kind in {"time", None} and _AGE_AFTER.match(text, num.end) and num.unit in {None, "year"}:
        return True  # "a 19 year old man", "a 44-year-old trader"
    before = text[max(0, num.start - 10) : num.start]
    if ("g" in before or "G" in before) and _AGE_BEFORE.search(text, max(0, num.start - 10), num.start):
        return True  # "aged 54"
    if num.unit is not None or num.in_words or not float(num.value).is_integer() or not 0 < num.value <= 120:
        return False
    if "," not in text[max(0, num.start - 30) : num.start]:
        return False
    return bool(_NAME_COMMA_BEFORE.search(text, max(0, num.start - 30), num.start)) and bool(
        _AGE_END.match(text, num.end)
    )  # "Jane Roe, 58, pleaded", "'Tiny,' 31, the"


def _is_label(text: str, num: NumberMention, sentence_start: int) -> bool:
    if num.approximate:
        return False
    prev = _PREV_WORD.search(text, max(sentence_start, num.start - 24), num.start)
    if prev is None:
        return False
    word = prev.group("word")
    low = word.lower()
    if low in LABEL_WORDS or (low + ".") in LABEL_WORDS:
        return True  # "Section 23", "No. 4411", "Level 2"
    if word in CURRENCY_CODES or low in _NOT_NAME:
        return False
    return any(c.isupper() for c in word)  # "Racer 64", "RA 2210", "iPhone 15"


def _is_list_number(text: str, num: NumberMention, sentence_start: int) -> bool:
    if text[sentence_start : num.start].strip() not in {"", "("}:
        return False
    return bool(_LIST_NUMBER_END.match(text, num.end)) and not num.unit


# --- measure and direction --------------------------------------------------------------------------------


def _mark(tokens: Tokens, candidates: list[_Candidate], periods: list[PeriodMention]) -> None:
    starts, ends, stat, masked, n = tokens.start, tokens.end, tokens.stat, tokens.masked, tokens.n
    for index, cand in enumerate(candidates):
        a = bisect.bisect_left(starts, cand.num.start)
        b = a
        num_end = cand.num.end
        while b < n and ends[b] <= num_end:
            stat[b] = index
            b += 1
        cand.first, cand.last = a, max(a, b - 1)
    for period in periods:
        a = bisect.bisect_left(starts, period.start)
        while a < n and ends[a] <= period.end:
            masked[a] = True
            a += 1


def _measure_all(text: str, tokens: Tokens, candidates: list[_Candidate]) -> None:
    for index in range(len(candidates)):
        _measure_one(text, tokens, candidates, index)
    for index in range(len(candidates) - 1, -1, -1):
        cand = candidates[index]
        if cand.coordinated and index + 1 < len(candidates):
            cand.base = candidates[index + 1].base
            cand.measure = candidates[index + 1].measure


def _measure_one(text: str, tokens: Tokens, candidates: list[_Candidate], index: int) -> None:
    cand = candidates[index]
    num = cand.num
    before, after = cand.first - 1, cand.last + 1
    prev = candidates[index - 1] if index > 0 else None
    in_parens = _low(tokens, before) == "(" and _low(tokens, after) == ")"

    if in_parens and prev is not None and num.unit_kind == "currency" and prev.num.unit_kind == "currency":
        cand.base, cand.measure = prev.base, prev.measure  # "£99 in the UK (149 euros)": a conversion
        cand.direction = prev.direction
        return
    if in_parens and num.unit_kind == "percent":
        _measure_parenthesised(text, tokens, cand)
        return

    direction, is_level = direction_near(tokens, before, after)
    cand.direction = _signed(num) or direction
    if cand.direction is None and not is_level and num.unit_kind == "percent" and prev is not None \
            and prev.num.unit_kind == "percent":
        cand.direction = prev.direction  # "a 27% increase in food and 25% in the arts"

    if num.unit_kind == "time":
        own = forward(tokens, after)
        if not own.found and _low(tokens, after) in {"in", "of", "behind"}:
            own = forward_noun(tokens, after + 1)
            if own.found:
                own = Phrase(tokens.start[after], own.end)
        if not own.found and _coordinated(tokens, candidates, index, after):
            cand.coordinated = True
        unit_word = num.unit_text or ""
        cand.base = _clean(f"{unit_word} {_text(text, own)}" if own.found else unit_word)
        cand.measure = cand.base
        return

    own = forward(tokens, after)
    if not own.found and _coordinated(tokens, candidates, index, after):
        cand.coordinated = True
    base: str | None = _text(text, own) if own.found else None
    change = change_word_after(tokens, after)
    if base is None and prev is not None and _low(tokens, before) in _RANGE_OR_BASE \
            and before - prev.last <= _NEAR_TOKENS:
        base = prev.base  # "up from 1.3%", "from £19 to £29", "rose by 6.2% over the year to €1,204"
    if base is None:
        look = lookback(tokens, before)
        if look.stat >= 0:
            base = candidates[look.stat].base
        elif look.found and not (look.verb_only and (num.unit_kind == "percent" or change >= 0)):
            base = _text(text, look)
        elif prev is not None:
            base = prev.base
    group: Phrase = NOTHING
    if num.unit_kind in {"percent", "currency"} and not own.found:
        at = after
        if change >= 0:
            at = change + 1
        group = group_after(tokens, at)
    cand.base = base
    cand.measure = _compose(base, _text(text, group) if group.found else None)


def _measure_parenthesised(text: str, tokens: Tokens, cand: _Candidate) -> None:
    """ "Retail workers (-4%) ... saw a fall in their typical monthly pay":
    the group is before the bracket, the quantity and its direction after the list."""
    open_at = cand.first - 1
    span = noun_backward(tokens, open_at - 1)
    group = None
    if span is not None:
        group = _clean(text[tokens.start[span[0]] : tokens.end[span[1]]])
    quantity, direction = change_phrase_after(tokens, cand.last + 2)
    cand.direction = _signed(cand.num) or direction
    cand.base = _text(text, quantity) if quantity.found else None
    cand.measure = _compose(cand.base, group)


def _coordinated(tokens: Tokens, candidates: list[_Candidate], index: int, after: int) -> bool:
    if index + 1 >= len(candidates) or _low(tokens, after) not in RANGE_WORDS:
        return False
    nxt = candidates[index + 1]
    return nxt.first == after + 1 and nxt.num.unit == candidates[index].num.unit


def _signed(num: NumberMention) -> Direction | None:
    if num.sign < 0:
        return "decrease"
    if num.sign > 0:
        return "increase"
    return None


def _compose(base: str | None, group: str | None) -> str | None:
    if base and group:
        return _clean(f"{base} ({group})")
    return base or group


def _text(text: str, phrase: Phrase) -> str | None:
    if phrase.text:
        return _clean(phrase.text)
    if phrase.end <= phrase.start:
        return None
    return _clean(text[phrase.start : phrase.end])


def _clean(value: str) -> str:
    return _SPACE.sub(" ", value).strip(" ,;:-–")[:MAX_MEASURE_CHARS] or ""


def _low(tokens: Tokens, i: int) -> str:
    return tokens.low[i] if 0 <= i < tokens.n else ""


# --- period -----------------------------------------------------------------------------------------------


class _Period(NamedTuple):
    start: int
    end: int
    value: str
    usable: bool  # not a comparison base ("compared with Q1 2022") and not when it was said
    reported: bool  # "said on Tuesday"


def _period_values(periods: list[PeriodMention], carry: str | None) -> tuple[list[_Period], str | None]:
    """The periods of a sentence that resolve; "the quarter" takes the last period the article named."""
    out: list[_Period] = []
    for period in periods:
        value = period.value
        if period.kind == "anaphoric":
            value = carry
        elif period.kind == "mask":
            continue
        if value is None:
            continue
        usable = not period.base and not period.reported
        out.append(_Period(period.start, period.end, value, usable, period.reported))
        if usable and period.kind != "anaphoric":
            carry = value
    return out, carry


def _period_for(num: NumberMention, values: list[_Period], next_start: int) -> str | None:
    for period in values:
        if num.end <= period.start < next_start and period.usable:
            return period.value  # "11,300 initial screenings in 2024", "41 employers ... last year"
    best: str | None = None
    for period in values:
        if period.end <= num.start and period.usable:
            best = period.value  # the nearest period named before the number in the same sentence
        elif period.start >= num.start:
            break
    if best is None:
        best = next((p.value for p in values if p.reported), None)  # "officials said on Monday"
    return best


# --- claims and sections ----------------------------------------------------------------------------------


class _ClaimIndex:
    """Claims sorted by start, so each statistic finds its claim by bisection."""

    def __init__(self, claims: list[Claim]) -> None:
        self._claims = sorted(claims, key=lambda c: (c.start, -c.end))
        self._starts = [c.start for c in self._claims]
        self._longest = max((c.end - c.start for c in self._claims), default=0)

    def containing(self, start: int, end: int) -> str | None:
        i = bisect.bisect_right(self._starts, start) - 1
        while i >= 0 and start - self._starts[i] <= self._longest:
            claim = self._claims[i]
            if claim.start <= start and end <= claim.end:
                return claim.id
            i -= 1
        return None


def _section_id(doc: Document, sentence: Sentence) -> str:
    if 0 <= sentence.section_index < len(doc.sections):
        return doc.sections[sentence.section_index].id
    return ""
