"""Numbers that state facts: value, unit, what they measure, when, which way they moved, and who said them.

One scan of the whole text finds where numbers may start (``numbers.TextScan``); a sentence without one costs
a bisection, a sentence with one a scan for calendar expressions (``periods.find_periods``).  A number is
dropped when it is calendar text (a year, a date, "the past five years"), an age ("a 44-year-old", "'Tiny,'
31"), part of a name or a label ("Level 2", "Racer 64", "Section 23"), list numbering, or the pronoun-like
"one".  The rest become ``Statistic`` records; what they measure comes from ``measures``, the period from
the nearest calendar expression in the sentence that is not a comparison base.  Work per number is bounded,
so the stage is linear in the article length.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal, NamedTuple

from claimscope.extract.document import Document
from claimscope.extract.lexicons import alternation, word_set
from claimscope.extract.measures import (
    ADVERBS,
    AUXILIARIES,
    CHANGE_NOUNS,
    CHANGE_WORDS,
    COMPARATIVES,
    CONJUNCTIONS,
    DENOMINATORS,
    DETERMINERS,
    LABEL_WORDS,
    LINK_VERBS,
    MULTIPLIER_NOUNS,
    NOTHING,
    PREPOSITIONS,
    PRONOUNS,
    RANGE_WORDS,
    REPORTING,
    SHARED_MEASURE_WORDS,
    SPENDING_VERBS,
    Phrase,
    Tokens,
    change_phrase_after,
    change_word_after,
    direction_near,
    forward,
    forward_noun,
    group_after,
    is_verbish,
    lookback,
    noun_backward,
    tokenize,
)
from claimscope.extract.model import Claim, Direction, Sentence, Statistic
from claimscope.extract.numbers import (
    APPROXIMATORS,
    CURRENCY_CODES,
    CURRENCY_WORDS,
    RATIO_WORDS,
    SCALE_WORDS,
    UNIT_SURFACES,
    NumberMention,
    TextScan,
    lowered_copy,
)
from claimscope.extract.periods import (
    MONTHS,
    WEEKDAYS,
    WORD_PERIOD_RE,
    PeriodMention,
    find_periods,
    published_date,
    resolve_anaphoric,
    resolve_from_named,
)

_AGE_AFTER = re.compile(r"[ \t-]*(?:(?:years?|yrs?)[ \t-]*)?old\b", re.IGNORECASE)
_AGE_WORDS = word_set("measure_words.json", "age_words")
_AGE_BEFORE = re.compile(
    rf"\b{alternation(_AGE_WORDS)}(?:[ \t]+{alternation(word_set('measure_words.json', 'age_prepositions'))})?[ \t]+$",
    re.IGNORECASE,
)
_AGE_LETTER = max(frozenset.intersection(*map(frozenset, _AGE_WORDS)), default="")
"""A letter every age word has ("g"): a window without it ends in none, and is decided without a regex."""
_SPACES = r"[ \t]+"
_RANGE_BETWEEN = re.compile(r"[ \t]*(?:-|–|to|and)[ \t]*$")
_RATE_MARKERS = word_set("measure_words.json", "rate_markers")
_RATE_BEFORE = re.compile(rf"\b{alternation(_RATE_MARKERS, space=_SPACES)}[ \t]+$", re.IGNORECASE)
_RATE_LAST_LETTERS = frozenset(m[-1] for m in _RATE_MARKERS) | frozenset(m[-1].upper() for m in _RATE_MARKERS)
_RATE_NOUN = re.compile(r"[ \t]+(?:of[ \t]+)?(?:the[ \t]+)?([a-z][a-z-]*)(?:[ \t]+([a-z][a-z-]*))?")
_DURING_BEFORE = re.compile(
    rf"(?P<word>[\w%’'-]+)[ \t]+(?P<prep>{alternation(word_set('measure_words.json', 'during_prepositions'))})[ \t]+$",
    re.IGNORECASE,
)
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
_RANGE_OR_BASE = RANGE_WORDS | SHARED_MEASURE_WORDS
_NEAR_TOKENS = 7
_DURATION_LINKS = word_set("measure_words.json", "duration_links")
_DURATION_SKIP = PREPOSITIONS | COMPARATIVES | word_set("measure_words.json", "filler_before_number") \
    | frozenset(w for phrase in APPROXIMATORS for w in phrase.split())
"""Read past between a bare duration and its verb ("for", "longer than", "more than", "up to")."""
"""After a duration, these lead to what it belongs to ("two years in post", "six months behind")."""
_SHARE = frozenset({"percent", "fraction"})
_AFTER_A_QUANTITY = CHANGE_WORDS | CHANGE_NOUNS | frozenset(UNIT_SURFACES) | frozenset(SCALE_WORDS) \
    | frozenset(CURRENCY_WORDS) | word_set("measure_words.json", "quantity_words")
_BEFORE_A_PERIOD = word_set("measure_words.json", "period_markers_before_in")
"""Words after which "in five years" says when ("the first time in five years"), not how long something took."""
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
    range_end: bool = False  # the second end of "between 4 and 6 per cent": shares the first one's direction


def find_statistics(doc: Document, claims: list[Claim]) -> list[Statistic]:
    """Every statistic in the paragraphs of ``doc``; ``claims`` lets a number point at its claim."""
    text = doc.text
    lowered = lowered_copy(text)
    scan = TextScan(text, lowered)
    ref = published_date(doc.published)
    claim_index = _ClaimIndex(claims)
    out: list[Statistic] = []
    carry: str | None = None
    maybe_at = scan.starts
    candidate_count, text_size = len(maybe_at), len(text)
    context = _PeriodContext(doc, scan, lowered, ref)
    for sentence_index, sentence in enumerate(doc.sentences):
        # Runs for every sentence, so plain comparisons rather than max(), min() and len() calls.
        start = sentence.start if sentence.start > 0 else 0
        end = sentence.end if sentence.end < text_size else text_size
        first = bisect.bisect_left(maybe_at, start)
        if first == candidate_count or maybe_at[first] >= end:
            continue  # no digit, number word or fraction word: most sentences
        numbers, digit_starts = scan.numbers(start, end)
        if not numbers:
            continue
        periods = find_periods(text, start, end, ref, lowered, digit_starts)
        in_view = functools.partial(context.before, sentence_index)
        values, carry = _period_values(text, periods, carry, ref, in_view)
        context.remember(sentence_index, values)
        candidates: list[_Candidate] = []
        dropped: list[tuple[int, int]] = []  # numbers that are not statistics but name a calendar span or an age
        rates: list[tuple[int, str]] = []  # "per 100,000 people": (candidate it belongs to, text)
        previous_age = False
        for n in numbers:
            if previous_age and _RANGE_BETWEEN.match(text, dropped[-1][1], n.start):
                dropped.append((n.start, n.end))  # "aged 16 to 64": both ends are ages
                continue
            previous_age = False
            verdict = _verdict(text, n, periods, start)
            if verdict is _STAT:
                if candidates and _is_rate(text, n, start):
                    rates.append((len(candidates) - 1, _rate_text(text, n, end)))
                    dropped.append((n.start, n.end))
                elif n.unit_kind == "time" and _is_during(text, lowered, n, start):
                    dropped.append((n.start, n.end))  # "a 25% rise over two years": when, not how long
                else:
                    candidates.append(_Candidate(n))
            elif verdict is _AGE:
                dropped.append((n.start, n.end))
                previous_age = True
        if not candidates:
            continue
        if len(candidates) > 1:
            _share_range_units(text, candidates)
        window_start = max(start, candidates[0].num.start - _TOKEN_REACH)
        window_end = min(end, candidates[-1].num.end + _TOKEN_REACH)
        tokens = tokenize(text, window_start, window_end)
        _mark(tokens, candidates, periods, dropped)
        _measure_all(text, tokens, candidates)
        for index, rate in rates:
            cand = candidates[index]
            cand.measure = _clean(f"{cand.measure} {rate}" if cand.measure else rate)
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
                    period=_period_for(text, num, values, next_start, in_view, cand.direction is not None),
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


_Verdict = Literal["statistic", "age", "other"]
_STAT: _Verdict = "statistic"
_AGE: _Verdict = "age"
_OTHER: _Verdict = "other"


def _verdict(text: str, num: NumberMention, periods: list[PeriodMention], sentence_start: int) -> _Verdict:
    """``_STAT`` for a statistic, ``_AGE`` for an age (its tokens are then hidden from the measure finder),
    ``_OTHER`` for calendar text, labels, list numbers and the pronoun "one"."""
    for period in periods:
        if period.core_start <= num.num_start < period.end:
            return _OTHER  # a year, a date, a time, "the past five years"
    if num.in_words and num.value == 1 and not num.scaled and num.unit_kind not in {"percent", "currency"}:
        return _OTHER  # "one of the ringleaders", "one thing": a pronoun more often than a count
    if _is_age(text, num):
        return _AGE
    if num.unit is None and _is_label(text, num, sentence_start):
        return _OTHER
    return _OTHER if _is_list_number(text, num, sentence_start) else _STAT



def _is_rate(text: str, num: NumberMention, sentence_start: int) -> bool:
    """ "11.2 deaths per 100,000 people": the 100,000 is the base of a rate, not a statistic."""
    if num.unit is not None or num.approximate or num.start < 2 or text[num.start - 2] not in _RATE_LAST_LETTERS:
        return False  # cheap test first: a rate marker ("per", "every") ends in one of these letters
    return bool(_RATE_BEFORE.search(text, max(sentence_start, num.start - 14), num.start))


def _rate_text(text: str, num: NumberMention, sentence_end: int) -> str:
    per = _RATE_BEFORE.search(text, max(0, num.start - 14), num.start)
    begin = per.start() if per is not None else num.start
    stop = num.end
    noun = _RATE_NOUN.match(text, num.end, sentence_end)
    if noun is not None:
        first, second = noun.group(1), noun.group(2)
        if first not in _NOT_NAME:
            stop = noun.end(1)
            if second and second not in _NOT_NAME and not second.endswith("ed"):
                stop = noun.end(2)
    return _SPACE.sub(" ", text[begin:stop])


def _is_during(text: str, lowered: str, num: NumberMention, sentence_start: int) -> bool:
    """ "rose 25% over two years", "the slowest growth in four years", "$5bn over five years": a span of
    time that says when the number applies; "waited over five years" and "for over a decade" stay."""
    head = lowered[num.start : num.num_start]
    if head.strip() == "over":  # read as an approximator; here it may be the preposition
        begin = max(sentence_start, num.start - 30)
        match = re.search(r"([\w%’'-]+)[ \t]+$", text[begin : num.start])
        word = match.group(1).lower() if match else ""
        prep = "over"
    elif head:
        return False
    else:
        match = _DURING_BEFORE.search(text, max(sentence_start, num.start - 40), num.start)
        if match is None:
            return False
        word, prep = match.group("word").lower(), match.group("prep").lower()
    if not word:
        return False
    if any(c.isdigit() for c in word) or word in _AFTER_A_QUANTITY:
        return True  # after a number, a change or a unit: "a 25% rise over two years", "$5bn over five years"
    return prep == "in" and (word in _BEFORE_A_PERIOD or word.endswith("est"))


def _is_age(text: str, num: NumberMention) -> bool:
    if num.unit_kind in {"time", None} and _AGE_AFTER.match(text, num.end) and num.unit in {None, "year"}:
        return True  # "a 19 year old man", "a 44-year-old trader"
    lo = max(0, num.start - 16)
    before = text[lo : num.start]
    if (_AGE_LETTER in before or _AGE_LETTER.upper() in before) and _AGE_BEFORE.search(text, lo, num.start):
        return True  # "aged 54"
    if num.unit is not None or num.in_words or not float(num.value).is_integer() or not 0 < num.value <= 120:
        return False
    if "," not in text[max(0, num.start - 30) : num.start]:
        return False
    return bool(_NAME_COMMA_BEFORE.search(text, max(0, num.start - 30), num.start)) and bool(
        _AGE_END.match(text, num.end)
    )  # "Jane Roe, 58, pleaded", "'Tiny,' 31, the"


def _is_label(text: str, num: NumberMention, sentence_start: int) -> bool:
    if num.approximate or num.start <= sentence_start or text[num.start - 1] not in " \t\n":
        return False  # _PREV_WORD ends in spaces or tabs (then "$", which also matches before a last "\n")
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


def _share_range_units(text: str, candidates: list[_Candidate]) -> None:
    """ "between 1.5 and 3.2 per cent", "from 4 to 6%": the first end takes the unit of the second."""
    for first, second in itertools.pairwise(candidates):
        a, b = first.num, second.num
        if a.unit is not None or a.scaled or b.unit is None or b.scaled:
            continue  # "2 to 3 million tonnes": the first end would also need the scale
        if b.unit_kind == "currency" and not b.unit_text:
            continue  # "4 to $7": a symbol belongs to its own number
        if _RANGE_BETWEEN.match(text, a.end, b.start) is None:
            continue
        first.num = a._replace(unit=b.unit, unit_kind=b.unit_kind)
        second.range_end = True


def _mark(
    tokens: Tokens, candidates: list[_Candidate], periods: list[PeriodMention], dropped: list[tuple[int, int]]
) -> None:
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
    for span_start, span_end in dropped:
        a = bisect.bisect_left(starts, span_start)
        while a < n and ends[a] <= span_end:
            masked[a] = True
            a += 1


def _measure_all(text: str, tokens: Tokens, candidates: list[_Candidate]) -> None:
    for index in range(len(candidates)):
        _measure_one(text, tokens, candidates, index)
    for cand in candidates:
        if text.startswith(":", cand.num.end) and _RATIO_TAIL.match(text, cand.num.end) \
                and not RATIO_WORDS.intersection((cand.measure or "").lower().split()):
            cand.measure = _clean(f"{cand.measure or ''} {_RATIO}")  # "a target of 26:1": a target ratio
    for index in range(1, len(candidates)):
        cand = candidates[index]
        prev = candidates[index - 1]
        if not cand.range_end:
            continue
        if prev.base is not None and cand.base is None:
            cand.base, cand.measure = prev.base, prev.measure  # "20-25% in some regions": one thing measured
        elif cand.base is not None and prev.base is None:
            prev.base, prev.measure = cand.base, cand.measure  # "a 20-25% rise in fares"
        if prev.direction is None:
            prev.direction = cand.direction  # the change word follows the second end
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
    if in_parens and num.unit_kind in _SHARE and prev is not None and prev.last == before - 1:
        cand.base, cand.measure = prev.base, prev.measure  # "fell by 109,000 (0.4%)": the same change
        cand.direction = prev.direction
        return
    if in_parens and num.unit_kind == "percent":
        _measure_parenthesised(text, tokens, cand)
        return

    direction, is_level = direction_near(tokens, before, after)
    cand.direction = _signed(num) or direction
    if cand.direction is None and cand.range_end and prev is not None:
        cand.direction = prev.direction  # "grow between 4 and 6 per cent"
    if cand.direction is None and not is_level and num.unit_kind in _SHARE and prev is not None \
            and prev.num.unit_kind in _SHARE:
        cand.direction = prev.direction  # "a 27% increase in food and 25% in the arts"

    if num.unit_kind == "time":
        own = forward(tokens, after)
        if not own.found and _low(tokens, after) in _DURATION_LINKS:
            own = forward_noun(tokens, after + 1)
            if own.found:
                own = Phrase(tokens.start[after], own.end)
        if not own.found and _coordinated(tokens, candidates, index, after):
            cand.coordinated = True
        unit_word = num.unit_text or ""
        subject = None if own.found else (_level_subject(text, tokens, before) or _duration_verb(tokens, before))
        if subject:  # "Response times averaged 31 minutes", "delays of up to two years": both words count
            cand.base = _compose(subject, unit_word)
        else:
            cand.base = _clean(f"{unit_word} {_text(text, own)}" if own.found else unit_word)
        cand.measure = cand.base
        return

    own = forward(tokens, after)
    if own.elided and num.unit is None and prev is not None and prev.base:
        own = NOTHING  # "the 57 recorded a year earlier", "when 71 were issued": the same thing as before
    if own.found and num.unit_kind == "measure":
        if _low(tokens, before) == "of" and _level_subject(text, tokens, before):
            own = NOTHING  # "Winds of up to 90 mph tore through": the winds, not what follows
    elif own.found and num.unit_kind in _SHARE:
        own_text = _text(text, own)
        if own_text and own_text.lower() in DENOMINATORS:
            subject = _level_subject(text, tokens, before, verbs_too=True)
            if subject:  # "The deficit was 2.2% of GDP": the deficit, as a share of GDP
                cand.base = subject
                cand.measure = _compose(subject, own_text)
                return
    if own.found and tokens.low[after] in MULTIPLIER_NOUNS and own.end == tokens.end[after]:
        subject = _level_subject(text, tokens, before, verbs_too=True)
        if subject:  # "Bills are now three times what they were": a multiple of the bills
            cand.base = cand.measure = subject
            if cand.direction is None and num.value > 1:
                cand.direction = "increase"
            return
    if not own.found and _coordinated(tokens, candidates, index, after):
        cand.coordinated = True
    base: str | None = _text(text, own) if own.found else None
    change = change_word_after(tokens, after)
    if base is None and prev is not None:
        lead = _skip_filler(tokens, before)
        if _low(tokens, lead) in _RANGE_OR_BASE \
                and (lead - prev.last <= _NEAR_TOKENS or _low(tokens, lead - 1) == "compared"):
            base = prev.base  # "up from 1.3%", "from £19 to £29", "rose by 6.2% over the year to €1,204"
    if base is None:
        look = lookback(tokens, before)
        if look.stat >= 0:
            base = candidates[look.stat].base
        elif look.found and not (look.verb_only and (num.unit_kind in _SHARE or change >= 0)):
            base = _text(text, look)
        elif prev is not None:
            base = prev.base
        elif change >= 0:
            base = tokens.text[change]  # "does not undo a 25% rise": what is known is that it is a rise
    group: Phrase = NOTHING
    if num.unit_kind in {"percent", "fraction", "currency"} and not own.found:
        at = after
        if change >= 0:
            at = change + 1
        group = group_after(tokens, at, spent=_low(tokens, _skip_adverbs(tokens, before)) in SPENDING_VERBS)
    cand.base = base
    cand.measure = _compose(base, _text(text, group) if group.found else None)


_FILLER = word_set("measure_words.json", "filler_before_number")


def _skip_adverbs(tokens: Tokens, i: int) -> int:
    while i >= 0 and tokens.low[i] in ADVERBS:
        i -= 1
    return i


def _skip_filler(tokens: Tokens, i: int) -> int:
    """The token before "an average of", "a total of", "a record" (words that only restate the number)."""
    k = i
    while k >= 0 and i - k < 4 and tokens.low[k] in _FILLER:
        k -= 1
    return k


_DURATION_VERB_REACH = 4


def _duration_verb(tokens: Tokens, before: int) -> str | None:
    """The verb a bare duration says how long of, past "for", "to", "longer than" ("jailed for six years",
    "have waited longer than 20 weeks"): what a reader calls the duration; None when no verb is near."""
    k = before
    while k >= 0 and before - k < _DURATION_VERB_REACH and tokens.low[k] in _DURATION_SKIP:
        k -= 1
    if k < 0 or k == before or not tokens.word[k] or not is_verbish(tokens, k) or tokens.low[k] in AUXILIARIES:
        return None
    return tokens.text[k]


def _level_subject(text: str, tokens: Tokens, before: int, verbs_too: bool = False) -> str | None:
    """The noun phrase a duration or a measured level belongs to, when the number follows its verb or "of"
    ("Response times averaged 31 minutes", "delays of up to two years"); None when that is unclear."""
    if before < 0:
        return None
    low = tokens.low[before]
    if not verbs_too and not (low == "of" or low in LINK_VERBS or low in AUXILIARIES or is_verbish(tokens, before)):
        return None
    look = lookback(tokens, before)
    if look.stat >= 0 or not look.found or look.verb_only:
        return None
    return _text(text, look)


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
    anaphoric: bool = False  # "the quarter", "a year earlier": read from another period, so not carried on


def _period_values(
    text: str, periods: list[PeriodMention], carry: str | None, ref: date | None,
    named: Callable[[], str | None] | None,
) -> tuple[list[_Period], str | None]:
    """The periods of a sentence that resolve; "the quarter" takes the last period the article named, and
    "a year earlier" counts back from the period in view (the sentence's own, else ``named()``, its context's:
    a call, so the sentences before are read only for such a phrase)."""
    out: list[_Period] = []
    in_view: str | None = None
    looked = named is None
    for period in periods:
        value = period.value
        counted_back = False
        if period.kind == "anaphoric":
            value = resolve_anaphoric(text[period.core_start : period.end], carry, ref)
        elif period.kind == "mask":
            continue
        elif period.kind == "relative":
            if not looked and named is not None:
                in_view, looked = named(), True
            back = resolve_from_named(text[period.core_start : period.end], in_view)
            value, counted_back = (back, True) if back is not None else (value, False)
        if value is None:
            continue
        usable = not period.base and not period.reported
        out.append(_Period(period.start, period.end, value, usable, period.reported,
                           counted_back or period.kind == "anaphoric"))
        if usable and period.kind != "anaphoric":
            carry = value
        if not period.reported:
            in_view, looked = value, True
    return out, carry


def _period_for(
    text: str, num: NumberMention, values: list[_Period], next_start: int, context: Callable[[], str | None],
    change: bool = False,
) -> str | None:
    """The period named after the number before the next one, else the nearest before it in the sentence
    (for a ``change``, the nearest that is not counted back from another: a base's period is the base's),
    else the period in view from the sentences before, the heading or the headline; "said on Monday" (when
    it was said, so the published date) only when the text names no other."""
    for period in values:
        if num.end <= period.start < next_start and period.usable:
            if _CLAUSE_OPENERS.intersection(_WORD.findall(text[num.end : period.start].lower())):
                break  # "the lowest since the series began in 2006": another clause's time
            return period.value  # "11,300 initial screenings in 2024", "41 employers ... last year"
    best: str | None = None
    own: str | None = None  # the nearest before it that is not counted back from another ("a year earlier")
    for period in values:
        if period.end <= num.start and period.usable:
            best = period.value  # the nearest period named before the number in the same sentence
            if not period.anaphoric:
                own = period.value
        elif period.start >= num.start:
            break
    if change and own is not None:
        best = own  # "2,106 in the previous year, a fall of 11 per cent": the change is the current period's
    if best is None:
        best = _clause_period(text, num, values, next_start)
    if best is None:
        best = context()
    if best is None:
        best = next((p.value for p in values if p.reported), None)  # "officials said on Monday"
    return best


def _clause_period(text: str, num: NumberMention, values: list[_Period], next_start: int) -> str | None:
    """ "Fourteen people have been arrested and £38,000 of drugs seized over the weekend": a number with no
    period of its own, before or after it, shares the one that closes its clause past the next number (the
    first usable one that is counted back from nothing, with no clause break or clause opener before it)."""
    for period in values:
        if period.start < next_start:
            continue
        if not period.usable or period.anaphoric:
            return None
        between = text[num.end : period.start]
        if _CLAUSE_BREAK.search(between) or _CLAUSE_OPENERS.intersection(_WORD.findall(between.lower())):
            return None
        return period.value
    return None


_CLAUSE_BREAK = re.compile(r",(?!\d)|[;:()]")


class _PeriodContext:
    """The period a sentence's numbers belong to when the sentence names none: the one named last in the
    sentences before it in its section ("Q1 2024. That was 11,500 more than a year earlier."), else in the
    section's heading, else in the headline.  Only the few sentences a number needs are scanned, each once."""

    def __init__(self, doc: Document, scan: TextScan, lowered: str, ref: date | None) -> None:
        self._doc, self._scan, self._lowered, self._ref = doc, scan, lowered, ref
        self._sentence: dict[int, str | None] = {}
        self._span: dict[tuple[int, int], str | None] = {}
        self._before: dict[int, str | None] = {}
        self._fallback: dict[int, str | None] = {}

    def remember(self, index: int, values: list[_Period]) -> None:
        """The periods the main scan found in sentence ``index``, so it is not scanned again."""
        self._sentence[index] = next((p.value for p in reversed(values) if p.usable and not p.anaphoric), None) \
            if values else None

    def before(self, index: int) -> str | None:
        if index not in self._before:
            self._before[index] = self._look_back(index)
        return self._before[index]

    def _look_back(self, index: int) -> str | None:
        sentences = self._doc.sentences
        section = sentences[index].section_index
        for j in range(index - 1, max(-1, index - 1 - _CONTEXT_SENTENCES), -1):
            if sentences[j].section_index != section:
                break
            if j not in self._sentence:
                self._sentence[j] = self._named(sentences[j].start, sentences[j].end)
            if self._sentence[j] is not None:
                return self._sentence[j]
        if section not in self._fallback:
            self._fallback[section] = self._heading_or_headline(section)
        return self._fallback[section]

    def _heading_or_headline(self, section: int) -> str | None:
        sections = self._doc.sections
        if 0 <= section < len(sections):
            here = sections[section]
            if here.heading_start is not None and here.heading_end is not None:
                found = self._named(here.heading_start, here.heading_end)
                if found is not None:
                    return found
        if sections:
            headline = next((b for b in sections[0].blocks if b.kind == "headline"), None)
            if headline is not None:
                return self._named(headline.start, headline.end)
        return None

    def _named(self, start: int, end: int) -> str | None:
        """The last period in ``text[start:end]`` that is neither a base nor when something was said."""
        key = (start, end)
        if key not in self._span:
            text = self._doc.text
            has_digit = _A_DIGIT.search(text, start, end) is not None
            if not has_digit and WORD_PERIOD_RE.search(self._lowered, start, end) is None:
                self._span[key] = None  # most sentences: nothing in them can be a period (decided in C)
                return None
            digit_starts = self._scan.numbers(start, end)[1] if has_digit else []
            periods = find_periods(text, start, end, self._ref, self._lowered, digit_starts, naming_only=True)
            values, _ = _period_values(text, periods, None, self._ref, None)
            self._span[key] = next((p.value for p in reversed(values) if p.usable and not p.anaphoric), None)
        return self._span[key]


_A_DIGIT = re.compile(r"\d")
_RATIO_TAIL = re.compile(r":[1-9](?!\d)")
_RATIO = min(RATIO_WORDS, key=len)
"""The word a measure of "N:1" gets when it does not say it is a ratio."""
_CLAUSE_OPENERS = word_set("periods.json", "clause_openers")
_WORD = re.compile(r"[a-z]+")
_CONTEXT_SENTENCES = 2
"""How many sentences back a period still applies: a paragraph or two of the same section."""


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
