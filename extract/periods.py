"""When a number applies: years, quarters, months, dates and relative phrases ("last year", "on Tuesday").

One compiled regex finds every calendar expression in a sentence; each mention also tells the statistics
stage which characters are calendar text (so "2024", "27" in "June 27, 2025" and "five" in "the past five
years" are not read as statistics) and whether the period is a comparison base ("compared with Q1 2022",
"since 2020"), which describes the other side of a change rather than the number itself.  Relative phrases
are resolved against the article's published date; without one they stay unresolved (``value`` None).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal, NamedTuple

from claimscope.extract.lexicons import alternation, alternation_with_tails, load_json, saying_verbs
from claimscope.extract.numbers import counts_a_noun

PeriodKind = Literal["date", "month", "quarter", "year", "relative", "weekday", "week", "anaphoric", "mask"]

_LEX = load_json("periods.json")
_CHANGES = load_json("changes.json")
_MEASURE = load_json("measure_words.json")
_NUMBERS = load_json("number_words.json")

MONTHS: dict[str, int] = {k: int(v) for k, v in _LEX["months"].items()}
WEEKDAYS: dict[str, int] = {k: int(v) for k, v in _LEX["weekdays"].items()}
RELATIVE_YEARS: dict[str, int] = {k: int(v) for k, v in _LEX["relative_years"].items()}
RELATIVE_MONTHS: dict[str, int] = {k: int(v) for k, v in _LEX["relative_months"].items()}
RELATIVE_DAYS: dict[str, int] = {k: int(v) for k, v in _LEX["relative_days"].items()}
QUARTERS: dict[str, int] = {k: int(v) for k, v in _LEX["quarters"].items()}
HALVES: dict[str, int] = {k: int(v) for k, v in _LEX["halves"].items()}
BASE_PREPOSITIONS = frozenset(_LEX["base_prepositions"])
MASKS = frozenset(_LEX["masks"])
ANAPHORIC_NOT_BEFORE = tuple(_LEX["anaphoric_not_before"])
RELATIVE_OPENERS: dict[str, int] = {k: int(v) for k, v in _LEX["relative_openers"].items()}
"""Before a month or weekday name: which one is meant, as a step from the published date ("last May": -1)."""
DURATION_ARTICLES = frozenset(_LEX["duration_articles"])
"""Words that open a duration ("the past five years", "those two months")."""
REPORTING_VERBS = saying_verbs()


_SPACES = r"[ \t]+"


_YEAR = r"(?:1[89]\d\d|2[01]\d\d)(?![\d%]|[.,]\d|[ \t]?(?:per[ \t]?cent|percent)(?![a-z]))"
_DAY = rf"(?:[12]\d|3[01]|0?[1-9]){alternation(_NUMBERS['ordinal_suffixes'])}?(?![\d%])"
_DAYS = rf"{_DAY}(?:[ \t]*(?:-|–|to|and)[ \t]*{_DAY})?"
_NUMWORDS = [*_NUMBERS["units"], *_NUMBERS["tens"]]
_NUMWORD = alternation(_NUMWORDS, space=_SPACES)
_DURATION_N = rf"(?:\d+(?:\.\d+)?|{_NUMWORD}(?:[ \t-]+{_NUMWORD})?)"
_DURATION_UNIT_WORDS = tuple(_LEX["duration_units"])
_DURATION_UNITS = alternation(_DURATION_UNIT_WORDS, space=_SPACES)
_OPENERS = alternation(_LEX["duration_openers"], space=_SPACES)
_ADJ_NOUNS = alternation([*_MEASURE["period_nouns"], *_CHANGES["change_nouns"]], space=_SPACES)
_HYPHEN_DURATION = rf"-{alternation(_LEX['hyphen_duration_units'])}(?:-long)?[ \t]+(?:{_ADJ_NOUNS})(?![a-z])"
_AGO = rf"[ \t]+{alternation(_LEX['ago_units'])}[ \t]+(?:{alternation(_LEX['ago_words'], space=_SPACES)})(?![a-z])"
_MON_TAIL = rf"\.?(?![a-z])(?:[ \t]+{_DAYS})?(?:,?[ \t]+{_YEAR})?"
_QUARTER_TAIL = rf"(?:[ \t]+of)?[ \t,]+(?:(?:the[ \t]+)?(?:fiscal|financial)[ \t]+(?:year[ \t]+)?)?{_YEAR}"


_ANAPHORIC_HEADS = frozenset(_LEX["anaphoric"])
_MONTH_QUARTER = _LEX["month_quarter"]
"""After a month name: the quarter that ends with it ("the March quarter": January to March)."""


_WEEK_NUMBER_WORDS = frozenset(_LEX["week_number_words"])


def _word_heads() -> dict[str, str]:
    heads: dict[str, str] = {}
    for month in MONTHS:
        heads[month] = _MON_TAIL
        heads[f"{month} {_MONTH_QUARTER}"] = f"(?:{_QUARTER_TAIL})?(?![a-z])"  # "the March quarter (of 2025)"
    for day in WEEKDAYS:
        heads[day] = r"\.?(?![a-z])"
    for phrase in [*RELATIVE_YEARS, *RELATIVE_MONTHS, *RELATIVE_DAYS, *_LEX["anaphoric"]]:
        heads[phrase] = "(?![a-z])"
    for which in RELATIVE_OPENERS:
        for name in [*MONTHS, *WEEKDAYS]:
            heads[f"{which} {name}"] = r"\.?(?![a-z])(?![ \t]*\d)"
    for phrase in [*QUARTERS, *HALVES]:
        heads[phrase] = _QUARTER_TAIL
        if " " in phrase:
            open_ended = f"the {phrase}" in _ANAPHORIC_HEADS
            heads[f"the {phrase}"] = f"(?:{_QUARTER_TAIL}|(?![a-z]))" if open_ended else _QUARTER_TAIL
    for phrase in MASKS:
        heads[phrase] = "(?![a-z])"
    for word in _WEEK_NUMBER_WORDS:
        heads[word] = r"[ \t]+(?:[1-9]|[1-4]\d|5[0-3])(?!\d)"  # "week 48": a numbered week of the year
    for article in DURATION_ARTICLES:
        heads[article] = rf"[ \t]+(?:(?:{_OPENERS})[ \t]+)?{_DURATION_N}[ \t]+(?:{_DURATION_UNITS})(?![a-z])"
    for word in _NUMWORDS:
        heads[word] = f"(?:{_HYPHEN_DURATION}|{_AGO})"
    return heads


WORD_PERIOD_RE = re.compile(alternation_with_tails(_word_heads(), space=_SPACES))
"""Calendar expressions that start with a word; run on the ASCII-lowered sentence."""

DIGIT_PERIOD_RE = re.compile(
    rf"""
      (?P<dm>{_DAYS}[ \t]+(?:of[ \t]+)?(?:{alternation(MONTHS, space=_SPACES)})\.?(?![a-z])(?:,?[ \t]+{_YEAR})?)
    | (?P<numdate>\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}(?![\d.]))
    | (?P<time>\d{{1,2}}(?::\d{{2}}(?::\d{{2}})?(?:[ \t]*(?:am|pm|a\.m\.|p\.m\.))?
        |(?:\.\d{{2}})?[ \t]*(?:am|pm|a\.m\.|p\.m\.)(?![a-z])))
    | (?P<fiscal>{_YEAR}[ \t]*[/–-][ \t]*(?:\d{{4}}|\d{{2}})(?!\d))
    | (?P<decade>(?:1[89]|20)\d0s(?![a-z]))
    | (?P<year>{_YEAR})
    | (?P<hyphen>\d+(?:\.\d+)?{_HYPHEN_DURATION})
    | (?P<ago>\d{{1,3}}{_AGO})
    """,
    re.VERBOSE,
)
"""Calendar expressions that start with a digit; matched only where a digit run starts."""
_DIGITS = re.compile(r"\d+")
_ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(65, 91)})
_NOT_BEFORE_DIGITS = frozenset("0123456789.,$£€¥")
_ANAPHORIC_SET = frozenset(" ".join(p.split()) for p in _LEX["anaphoric"])
_NON_SPACE = re.compile(r"\S+")
_LAST_WORD = re.compile(r"([A-Za-z]+)[ \t]+$")
_WORDS = re.compile(r"[A-Za-z]+")
_YEAR_ONLY = re.compile(r"(1[89]\d\d|2[01]\d\d)")


class PeriodMention(NamedTuple):
    """A calendar expression; ``start``/``end`` include a leading "in"/"at the end of".

    (A named tuple: immutable like a frozen dataclass, and cheaper to build in the per-sentence scan.)
    """

    start: int
    end: int
    core_start: int
    kind: PeriodKind
    value: str | None
    base: bool
    reported: bool = False  # "said on Tuesday": when it was said, a fallback for the numbers' period


def find_periods(
    text: str,
    start: int,
    end: int,
    published: date | None,
    lowered: str | None = None,
    digit_starts: Iterable[int] = (),
    *,
    naming_only: bool = False,
) -> list[PeriodMention]:
    """Every calendar expression in ``text[start:end]`` with its ISO value where it can be resolved.

    ``lowered`` is ``text.translate(ASCII_LOWER)``; ``digit_starts`` the digit runs of the span (the number
    scan has them already), the only places a digit-led expression can begin. With ``naming_only`` the
    answer is [] when no expression can name a period by itself (only "the year", durations, times): such
    mentions are all anaphoric or masks, so a caller that wants the period a span names (the look-back of
    statistics) is spared reading the prepositions and verbs around them.
    """
    low = text.translate(_ASCII_LOWER) if lowered is None else lowered
    spans = _expressions(text, start, end, low, digit_starts)
    if naming_only and all(
        _resolve(kind_name, text[at:stop], published)[0] in _NEVER_NAMING for at, stop, kind_name in spans
    ):
        return []
    return [_mention(text, start, at, stop, kind_name, published) for at, stop, kind_name in spans]


_NEVER_NAMING: frozenset[PeriodKind] = frozenset({"anaphoric", "mask"})
"""Kinds ``_mention`` only keeps or turns into a mask: read from another period, or no period at all."""


def _expressions(
    text: str, start: int, end: int, low: str, digit_starts: Iterable[int]
) -> list[tuple[int, int, str]]:
    """Where each calendar expression of ``text[start:end]`` starts and ends, and its kind name; an
    expression inside a longer one is left out."""
    found: list[tuple[int, int, str]] = []
    for match in WORD_PERIOD_RE.finditer(low, start, end):
        at = match.start()
        if at > start and low[at - 1].isalpha():
            continue
        kind = _word_kind(text, match.group(), at)
        if kind:
            found.append((at, match.end(), kind))
    last_end = -1
    for at in digit_starts:
        if at < last_end or at < start or at >= end or (at > start and low[at - 1] in _NOT_BEFORE_DIGITS):
            continue
        digit_match = DIGIT_PERIOD_RE.match(low, at, end)
        if digit_match is not None and digit_match.lastgroup == "year" \
                and counts_a_noun(text, at, digit_match.end(), start, end):
            continue  # "checked 2000 visitors": a count, not a year
        if digit_match is not None and digit_match.lastgroup:
            found.append((at, digit_match.end(), digit_match.lastgroup))
            last_end = digit_match.end()
    found.sort()
    out: list[tuple[int, int, str]] = []
    covered = -1
    for at, stop, kind_name in found:
        if at < covered:
            continue  # inside a longer expression already taken ("27" in "June 27, 2025")
        covered = stop
        out.append((at, stop, kind_name))
    return out


def _word_kind(text: str, surface: str, at: int) -> str:
    """Which kind of word-led expression ``surface`` is; "" when it is not one (the verb "may")."""
    first = surface.split(None, 1)[0].rstrip(".,")
    if first in MONTHS:
        if not text[at].isupper():
            return ""
        if surface.split()[1:2] == [_MONTH_QUARTER]:
            return "monthquarter"
        has_digit = any(c.isdigit() for c in surface)
        if not has_digit:
            return "month"
        return "mdy" if _YEAR_ONLY.search(surface) and len(_DIGITS.findall(surface)) > 1 else (
            "monyear" if _YEAR_ONLY.search(surface) and _DIGITS.findall(surface)[0] == _year_text(surface)
            else "md")
    if first in WEEKDAYS:
        return "weekday" if text[at].isupper() else ""
    if first in _WEEK_NUMBER_WORDS and any(c.isdigit() for c in surface):
        return "weekno"
    phrase = " ".join(surface.split())
    if phrase in MASKS:
        return "mask"
    if phrase.endswith(_AGO_ENDINGS) and first in _NUMWORDS:
        return "ago"
    if phrase in _ANAPHORIC_SET and _ANAPHORIC_STOP.match(text, at + len(surface)):
        return ""  # "the year to March": the month says which year
    if any(c.isdigit() for c in surface) and (first in DURATION_ARTICLES and "quarter" not in phrase
                                               and "half" not in phrase):
        return "duration"
    if first in DURATION_ARTICLES and any(w in phrase.split() for w in _DURATION_UNIT_WORDS) \
            and phrase not in RELATIVE_YEARS and phrase not in _ANAPHORIC_SET:
        return "duration"
    if "-" in surface and first.split("-")[0] in _NUMWORDS:
        return "hyphen"
    if phrase in _ANAPHORIC_SET:
        return "anaphoric"
    if any(q in phrase for q in ("quarter", "half")) and _YEAR_ONLY.search(surface):
        return "quarter"
    if phrase[:2] in {"q1", "q2", "q3", "q4", "h1", "h2"}:
        return "quarter" if _YEAR_ONLY.search(surface) else ""
    if phrase.split()[0] in RELATIVE_OPENERS and phrase.split()[-1].rstrip(".") in MONTHS:
        return "relative" if text[at + len(surface) - len(phrase.split()[-1])].isupper() else ""
    return "relative"


_AGO_ENDINGS = tuple(f" {w}" for w in _LEX["ago_words"])


_ANAPHORIC_STOP = re.compile(
    rf"[ \t]+(?i:{alternation(ANAPHORIC_NOT_BEFORE, space=_SPACES)})[ \t]+(?:the[ \t]+end[ \t]+of[ \t]+)?[A-Z]"
)
"""After "the year": "to March", "ending June" say which year it is ("the quarter to 4.6%" does not)."""


def _year_text(surface: str) -> str:
    found = _YEAR_ONLY.search(surface)
    return found.group() if found else ""


def _mention(text: str, start: int, at: int, stop: int, kind_name: str, published: date | None) -> PeriodMention:
    kind, value = _resolve(kind_name, text[at:stop], published)
    begin, prep = _preposition_before(text, start, at)
    base = _base_by_preposition(prep, kind) or (bool(prep) and _after_comparison(text, start, begin))
    if kind_name == "month" and not prep:
        kind, value = "mask", None  # a bare month name without "in"/"since": maybe a name ("May said")
    reported = _reporting_verb_before(text, start, begin)
    return PeriodMention(begin, stop, at, kind, value, base, reported)


_MAX_PREP_WORDS = max(len(p.split()) for p in _LEX["period_prepositions"])
_PREPOSITIONS = frozenset(" ".join(p.split()) for p in _LEX["period_prepositions"])
_EDGES = frozenset(" ".join(p.split()) for p in _LEX["period_edges"])
_PREP_LAST_WORDS = frozenset(p.split()[-1] for p in _PREPOSITIONS)


def _preposition_before(text: str, start: int, at: int) -> tuple[int, str]:
    """Where the phrase leading into a period starts ("at the end of Q1 2023") and its preposition."""
    window = text[max(start, at - 40) : at]
    if not window or not window[-1].isspace():
        return at, ""
    words = window.lower().split()
    n = len(words)
    k = n
    if k >= 1 and words[k - 1] == "of":  # "the end of", "the first half of"
        for width in (2, 1):
            if k - 1 - width >= 0 and " ".join(words[k - 1 - width : k - 1]) in _EDGES:
                k = k - 1 - width
                if k >= 1 and words[k - 1] == "the":
                    k -= 1
                break
        else:
            return at, ""
    if k >= 2 and words[k - 1] in _DETERMINERS_BEFORE_PERIOD and words[k - 2] in _PREP_LAST_WORDS:
        k -= 1  # "compared with the September quarter of 2023"
    if k == 0 or words[k - 1] not in _PREP_LAST_WORDS:
        return at, ""  # no preposition ends here: the common case, decided without joining words
    for width in range(min(_MAX_PREP_WORDS, k), 0, -1):
        phrase = " ".join(words[k - width : k])
        if phrase in _PREPOSITIONS:
            return at - _tail_length(window, n - (k - width)), phrase
    return at, ""


def _base_by_preposition(prep: str, kind: PeriodKind) -> bool:
    """ "compared with 2023", "since Q1": the preposition makes the period a comparison's base ("on" and
    "over" only before a calendar period: "over two years" is a span)."""
    return prep in BASE_PREPOSITIONS and (prep not in {"on", "over"} or kind in _CALENDAR_KINDS)


_CALENDAR_KINDS = frozenset({"year", "quarter", "month", "relative"})


_DETERMINERS_BEFORE_PERIOD = frozenset(_LEX["determiners_before_period"])
_COMPARISON_WORDS = frozenset(_LEX["comparison_words"])
_COMPARISON_REACH = 4


def _after_comparison(text: str, start: int, begin: int) -> bool:
    """ "4.2% below its level in Q3 2022", "higher than it was in 2019": a period whose phrase follows a
    comparison word within a few words, with no number between them, is the other side of the comparison
    (a base), not the period of the number before it. "fell below 2% in March" keeps March: a number stands
    between."""
    words = text[max(start, begin - 40) : begin].lower().split()[-_COMPARISON_REACH:]
    for k in range(len(words) - 1, -1, -1):
        if any(c.isdigit() for c in words[k]):
            return False
        if words[k] in _COMPARISON_WORDS:
            return True
    return False


def _tail_length(window: str, n_words: int) -> int:
    """Characters from the start of the last ``n_words`` words of ``window`` to its end."""
    starts = [m.start() for m in _NON_SPACE.finditer(window)]
    return len(window) - starts[-n_words] if 0 < n_words <= len(starts) else 0


def _reporting_verb_before(text: str, start: int, pos: int) -> bool:
    lo = max(start, pos - 20)
    window = text[lo:pos]
    if window.endswith("\n"):
        window = window[:-1]  # "$" in _LAST_WORD also matches before a final newline
    stripped = window.rstrip(" \t")
    if len(stripped) == len(window) or not stripped:
        return False
    last = stripped.rsplit(None, 1)[-1]
    if last.isascii() and last.isalpha():  # the common case without a regex search over the window
        return last.lower() in REPORTING_VERBS
    word = _LAST_WORD.search(text, lo, pos)
    return word is not None and word.group(1).lower() in REPORTING_VERBS


def published_date(published: str | None) -> date | None:
    """The calendar date of an ISO timestamp, or None."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _resolve(kind: str, surface: str, ref: date | None) -> tuple[PeriodKind, str | None]:
    if kind == "dm" and _YEAR_ONLY.search(surface) and len(_DIGITS.findall(surface)) > 1:
        kind = "dmy"
    if kind in {"mdy", "dmy"}:
        return "date", _full_date(surface)
    if kind in {"md", "dm"}:
        month = _month_in(surface)
        day = _first_int(surface)
        if ref is None or month is None or day is None:
            return "date", None
        return "date", _iso(ref.year, month, day)
    if kind == "monyear":
        month = _month_in(surface)
        year = _year_in(surface)
        return "month", f"{year}-{month:02d}" if month and year else None
    if kind == "quarter":
        return "quarter", _quarter(surface)
    if kind == "monthquarter":
        return "quarter", _month_quarter(surface, ref)
    if kind == "ago":
        return "relative", _ago(surface, ref)
    if kind == "fiscal":
        return "year", _fiscal(surface)
    if kind == "year":
        if not surface.strip().isdigit():
            return "mask", None
        year = _year_in(surface)
        return "year", str(year) if year else None
    if kind == "relative":
        return "relative", _relative(surface, ref)
    if kind == "weekday":
        if ref is None:
            return "weekday", None
        wanted = WEEKDAYS.get(surface.rstrip(".").lower(), ref.weekday())
        back = (ref.weekday() - wanted) % 7
        return "weekday", (ref - timedelta(days=back)).isoformat()
    if kind == "month":
        month = _month_in(surface)
        if ref is None or month is None:
            return "month", None
        year = ref.year if month <= ref.month else ref.year - 1
        return "month", f"{year}-{month:02d}"
    if kind == "weekno":
        return "week", _week_number(surface, ref)
    if kind == "anaphoric":
        return "anaphoric", None
    return "mask", None  # times, numeric dates, decades, durations


def _week_number(surface: str, ref: date | None) -> str | None:
    """ "week 48" in a weekly bulletin: the ISO week of the published year, or of the year before when that
    week has not begun yet ("week 52" in a January bulletin)."""
    number = _first_int(surface)
    if ref is None or number is None:
        return None
    year, current, _ = ref.isocalendar()
    if number > current:
        year -= 1
    return f"{year}-W{number:02d}"


def _relative(surface: str, ref: date | None) -> str | None:
    if ref is None:
        return None
    phrase = " ".join(surface.lower().split())
    if phrase in RELATIVE_YEARS:
        return str(ref.year + RELATIVE_YEARS[phrase])
    if phrase in RELATIVE_MONTHS:
        index = ref.year * 12 + ref.month - 1 + RELATIVE_MONTHS[phrase]
        return f"{index // 12}-{index % 12 + 1:02d}"
    if phrase in RELATIVE_DAYS:
        return (ref + timedelta(days=RELATIVE_DAYS[phrase])).isoformat()
    words = phrase.split()
    if len(words) == 2:
        step, name = RELATIVE_OPENERS.get(words[0]), words[1].rstrip(".")
        if step is None:
            return None
        if name in MONTHS:
            month = MONTHS[name]
            if step < 0:
                year = ref.year if month < ref.month else ref.year - 1
            elif step > 0:
                year = ref.year if month > ref.month else ref.year + 1
            else:
                year = ref.year
            return f"{year}-{month:02d}"
        if name in WEEKDAYS:
            back = (ref.weekday() - WEEKDAYS[name]) % 7 or 7
            if step == 0:
                return (ref - timedelta(days=back % 7)).isoformat()
            day = ref - timedelta(days=back) if step < 0 else ref + timedelta(days=(7 - back) % 7 or 7)
            return day.isoformat()
    return None


def _fiscal(surface: str) -> str | None:
    """ "2024-25", "2024/25", "2024-2025" -> "2024-25" (a year that starts in one calendar year and ends in the
    next); "2019-2023" (a span) -> "2019"."""
    digits = _DIGITS.findall(surface)
    if not digits:
        return None
    year = int(digits[0])
    if len(digits) > 1 and int(digits[1]) in {year + 1, (year + 1) % 100}:
        return f"{year}-{(year + 1) % 100:02d}"
    return str(year)


_NUMBER_VALUES: dict[str, int] = {k: int(v) for k, v in [*_NUMBERS["units"].items(), *_NUMBERS["tens"].items()]}


def _ago(surface: str, ref: date | None) -> str | None:
    """ "five years ago", "20 years ago", "two decades ago", "six months ago" against the published date."""
    words = surface.lower().split()
    if ref is None or len(words) < 3:
        return None
    n = int(words[0]) if words[0].isdigit() else _NUMBER_VALUES.get(words[0])
    if n is None:
        return None
    unit = words[1]
    if unit.startswith("month"):
        index = ref.year * 12 + ref.month - 1 - n
        return f"{index // 12}-{index % 12 + 1:02d}"
    return str(ref.year - n * (10 if unit.startswith("decade") else 1))


_PREVIOUS = frozenset(_LEX["previous_words"])


def resolve_anaphoric(surface: str, carry: str | None, ref: date | None) -> str | None:
    """ "the quarter" is the period the article named last; "the first quarter" is a quarter of that
    period's year (or of the published year); "the previous quarter" the quarter before it."""
    low = " ".join(surface.lower().split())
    year = carry[:4] if carry and carry[:4].isdigit() else (str(ref.year) if ref else None)
    if year and ref and int(year) > ref.year:
        year = str(ref.year)  # "... by the end of 2025. The jobless rate was 4.3% in the first quarter": a
        # quarter without a year is not read as one after the published year (a forecast's year is no context)
    if any(word in low for word in _PREVIOUS):
        if carry and len(carry) == 7 and carry[5] == "Q" and carry[6] in "1234" and year:
            n = int(carry[6]) - 1
            return f"{year}-Q{n}" if n else f"{int(year) - 1}-Q4"
        return None
    for phrase, n in QUARTERS.items():
        if " " in phrase and phrase in low and not phrase.startswith("last"):
            return f"{year}-Q{n}" if year else None
    for phrase, n in HALVES.items():
        if " " in phrase and phrase in low:
            return f"{year}-H{n}" if year else None
    return carry


def _full_date(surface: str) -> str | None:
    month = _month_in(surface)
    year = _year_in(surface)
    day = _first_int(_YEAR_ONLY.sub(" ", surface))
    if month is None or year is None or day is None:
        return None
    return _iso(year, month, day)


def _quarter(surface: str) -> str | None:
    year = _year_in(surface)
    if year is None:
        return None
    low = " ".join(surface.lower().split())
    head = low[:2]
    if head[0] in "qh" and head[1:].isdigit():
        return f"{year}-{head.upper()}"
    for phrase, n in QUARTERS.items():
        if " " in phrase and phrase in low:
            return f"{year}-Q{n}"
    for phrase, n in HALVES.items():
        if " " in phrase and phrase in low:
            return f"{year}-H{n}"
    return str(year)


def _month_quarter(surface: str, ref: date | None) -> str | None:
    """ "the March quarter of 2025" -> "2025-Q1"; without a year, the last such quarter before the
    published date."""
    month = _month_in(surface)
    year = _year_in(surface)
    if month is None:
        return None
    if year is None:
        if ref is None:
            return None
        year = ref.year if month <= ref.month else ref.year - 1
    return f"{year}-Q{(month - 1) // 3 + 1}"


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_in(surface: str) -> int | None:
    for word in _WORDS.findall(surface):
        month = MONTHS.get(word.lower())
        if month is not None and word[0].isupper():
            return month
    return None


def _year_in(surface: str) -> int | None:
    found = _YEAR_ONLY.search(surface)
    return int(found.group()) if found else None


def _first_int(surface: str) -> int | None:
    found = _DIGITS.search(surface)
    return int(found.group()) if found else None


_COUNTED_BACK_YEARS: dict[str, int] = {k: int(v) for k, v in _LEX["counted_back"]["year_steps"].items()}
_COUNTED_BACK_MONTHS: dict[str, int] = {k: int(v) for k, v in _LEX["counted_back"]["month_steps"].items()}
_YEAR_AND_TAIL = re.compile(r"(1[89]\d\d|2[01]\d\d)(-(?:Q[1-4]|H[12]|\d\d))?(?:-\d\d)?$")


def resolve_from_named(surface: str, named: str | None) -> str | None:
    """ "a year earlier", "the year before": a step back from the period in view ("61 in 2023, up from 48 the
    year before" is 2022), not from the published date; None when the phrase is not one or nothing is in view.
    A quarter or month keeps its place in the year ("Q1 2024 ... a year earlier" is 2023-Q1); a fiscal
    "2024-25" steps as a whole year."""
    if named is None:
        return None
    phrase = " ".join(surface.lower().split())
    found = _YEAR_AND_TAIL.match(named)
    if found is None:
        return None
    year, tail = int(found.group(1)), found.group(2) or ""
    if phrase in _COUNTED_BACK_YEARS:
        if len(named) == 7 and named[4] == "-" and named[5:].isdigit() and int(named[5:]) == (year + 1) % 100:
            year += _COUNTED_BACK_YEARS[phrase]
            return f"{year}-{(year + 1) % 100:02d}"  # a fiscal year
        return f"{year + _COUNTED_BACK_YEARS[phrase]}{tail}"
    if phrase in _COUNTED_BACK_MONTHS and tail[1:].isdigit():
        index = year * 12 + int(tail[1:]) - 1 + _COUNTED_BACK_MONTHS[phrase]
        return f"{index // 12}-{index % 12 + 1:02d}"
    return None
