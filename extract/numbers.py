"""Number expressions as news copy writes them: "11,300", "1.2 million", "$4m", "HK$3.5 billion", "PHP1.7
million", "Twenty eight", "a million", "(-2%)", "a 3-percent", "56 months'".

This module only reads the number and what is glued to it (sign, currency, scale, unit, an approximator such
as "around"); whether the number states a fact (not a year, a date, an age, a label) is decided by the
statistics stage, which knows the sentence.  All vocabularies come from the lexicon files; the regexes are
compiled once at import and each number costs a few anchored matches on a short window, so a scan is linear
in the text.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from typing import Literal, NamedTuple

from claimscope.extract.lexicons import alternation, load_json, load_words

UnitKind = Literal["percent", "currency", "time", "measure", "fraction"]

_WORDS = load_json("number_words.json")
_CURRENCIES = load_json("currencies.json")
_UNITS = load_json("units.json")

UNIT_WORDS: dict[str, int] = {k: int(v) for k, v in _WORDS["units"].items()}
TEN_WORDS: dict[str, int] = {k: int(v) for k, v in _WORDS["tens"].items()}
MULTIPLIER_WORDS: dict[str, int] = {k: int(v) for k, v in _WORDS["multipliers"].items()}
SCALE_WORDS: dict[str, int] = {k: int(v) for k, v in _WORDS["scale_words"].items()}
SUFFIX_SCALES: dict[str, int] = {k: int(v) for k, v in _WORDS["suffix_scales"].items()}
WEAK_SUFFIXES = frozenset(_WORDS["weak_suffix_scales"])
METRE_CONTEXT = frozenset(_WORDS["metre_context"])

CURRENCY_PREFIXES: dict[str, str] = dict(_CURRENCIES["prefixes"])
CURRENCY_CODES = frozenset(_CURRENCIES["codes"])
CURRENCY_WORDS: dict[str, str] = dict(_CURRENCIES["words"])
GLUED_PREFIXES = frozenset(_CURRENCIES["glued_prefixes"])

UNIT_SURFACES: dict[str, str] = {k.lower(): v for k, v in _UNITS["units"].items()}
GLUED_UNITS = frozenset(u.lower() for u in _UNITS["glued"])
TIME_UNITS = frozenset(_UNITS["time_units"])
PERCENT_UNITS = frozenset(_UNITS["percent_units"])
APPROXIMATORS = load_words("approximators.txt")
FRACTIONS: dict[str, int] = {k: int(v) for k, v in _WORDS["fractions"].items()}
FRACTION_NUMERATORS: dict[str, int] = {k: int(v) for k, v in _WORDS["fraction_numerators"].items()}
FRACTION_AFTER = frozenset(_WORDS["fraction_after"])
FRACTION_BEFORE = frozenset(_WORDS["fraction_before"])
FRACTION_NOT_AFTER = frozenset(_WORDS["fraction_not_after"])
FRACTION_UNIT = "fraction"

MAX_DIGITS = 24
"""Longer digit runs are identifiers (card numbers, hashes), not quantities."""


ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(65, 91)})
"""Lower-cases A-Z only, so offsets in the lowered copy are offsets in the text."""


def lowered_copy(text: str) -> str:
    """``text`` lower-cased with every offset kept: ``str.lower`` (fast, in C) unless some character
    changes length when lower-cased ("İ"), then the slower ASCII-only table."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(ASCII_LOWER)


_SPACES = r"[ \t]+"
"""What a space inside a number phrase matches ("twenty  eight", "per\tcent" across a tab)."""


_NUMBER_WORD = alternation([*UNIT_WORDS, *TEN_WORDS, *MULTIPLIER_WORDS], space=_SPACES)
_SCALE_WORD = alternation(SCALE_WORDS, space=_SPACES)
_SUFFIX = alternation(SUFFIX_SCALES, space=_SPACES)

DIGITS_RE = re.compile(
    r"(?P<digits>\d(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?)"
    rf"(?P<scale>[ \t]?{_SCALE_WORD}(?![a-z])|{_SUFFIX}(?![a-z]))?"
)
_FIRST_WORD = alternation([*UNIT_WORDS, *TEN_WORDS, *MULTIPLIER_WORDS, *FRACTIONS], space=_SPACES)
WORDS_RE = re.compile(
    rf"(?P<words>{_FIRST_WORD}(?:(?:[ \t]*-[ \t]*|[ \t]+and[ \t]+|[ \t]+){_NUMBER_WORD})*)(?![a-z])"
)
"""A run of number words, or a fraction word ("third"): one trie, so one scan finds both (a top-level
alternation of two patterns would cost the regex engine its first-character shortcut)."""
"""Both run on the ASCII-lowered text (``ASCII_LOWER``) and start with a digit or a lower-case literal, which
lets the regex engine skip non-candidate positions in C instead of trying every alternative at each one."""
FRACTION_RE = re.compile(
    rf"(?:(?P<num>{alternation(FRACTION_NUMERATORS, space=_SPACES)})(?:[ \t]+|-))?"
    rf"(?P<den>{alternation(FRACTIONS, space=_SPACES)})(?![a-z-])"
)
"""A share written in words: "a third", "two-thirds", "half"; run on the lowered text."""
_FRACTION_FIRST = frozenset(w[0] for w in FRACTIONS)
_LOWER_WORD = re.compile(r"[a-z]+")
_NUMERATOR_REACH = max(len(w) for w in FRACTION_NUMERATORS) + 3
IN_EVERY_RE = re.compile(r"[ \t]+in[ \t]+(?:every[ \t]+)?$")
_WORD_TOKEN = re.compile(r"[A-Za-z]+")

_unit_surfaces = [*UNIT_SURFACES, *CURRENCY_WORDS]
_unit_trie = alternation(w.lower() for w in _unit_surfaces)
UNIT_AFTER = re.compile(
    rf"(?P<sep>[ \t]?-[ \t]?|[ \t]?)(?P<unit>{_unit_trie})(?P<apos>['’](?![A-Za-z]))?(?![A-Za-z0-9])",
    re.IGNORECASE,
)
CODE_AFTER = re.compile(rf"[ \t](?P<code>{alternation(CURRENCY_CODES)})\b")
_symbol_prefixes = [p for p in CURRENCY_PREFIXES if not p[0].isalpha()]
_letter_prefixes = [p for p in CURRENCY_PREFIXES if p[0].isalpha()]
CURRENCY_BEFORE = re.compile(
    rf"(?:(?<![A-Za-z])(?P<letters>{alternation(_letter_prefixes)})|(?P<symbol>{alternation(_symbol_prefixes)}))"
    r"(?P<space>[ \t]?)(?P<sign>[-−]?)$"
)
ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:a|an)[ \t]+$", re.IGNORECASE)
_ORDINAL_OR_TIME_SUFFIX = re.compile(
    rf"{alternation([*_WORDS['ordinal_suffixes'], *_WORDS['label_suffixes']])}(?![A-Za-z])", re.IGNORECASE
)
"""After digits: an ordinal ("3rd"), a decade ("1990s"), a time ("9am") or a factor ("4x"), not a quantity."""
_SIGNS = {"-": -1, "−": -1, "+": 1}
_MEASURE_WORDS = load_json("measure_words.json")
YEAR_BEFORE_WORDS = frozenset(_WORDS["year_before_words"])
NOT_A_COUNTED_NOUN = frozenset(
    [*_WORDS["year_nouns"], *_MEASURE_WORDS["determiners"], *_MEASURE_WORDS["prepositions"],
     *_MEASURE_WORDS["conjunctions"], *_MEASURE_WORDS["auxiliaries"], *_MEASURE_WORDS["pronouns"],
     *_MEASURE_WORDS["adverbs"]]
)
"""After a four-digit number, words that leave it a year ("2019 levels", "in 2000 the ...")."""
_PERCENT_AFTER = re.compile(r"[ \t]?(?:%|per[ \t]?cent(?![a-z])|percent(?![a-z]))", re.IGNORECASE)
_PERCENT_RANGE_AFTER = re.compile(r"[-–]\d+(?:\.\d+)?[ \t]?(?:%|per[ \t]?cent(?![a-z])|percent(?![a-z]))",
                                  re.IGNORECASE)
"""A second end with a percent sign: "20-25%" is a range of shares, not a code or a date."""
_RATIO_AFTER = re.compile(r":[1-9](?![\d:]|[.,]\d)")
"""A colon and one digit: "38:1" is a ratio (a clock time has two digits after the colon)."""
_AND_A_HALF = re.compile(
    rf"[ \t]+and[ \t]+a[ \t]+half(?:[ \t]+(?P<mult>{alternation(MULTIPLIER_WORDS)}))?(?![A-Za-z-])", re.IGNORECASE
)
RATIO_WORDS = frozenset(_WORDS["ratio_words"])
_RATIO_WORD = re.compile(rf"(?<![a-z]){alternation(RATIO_WORDS)}(?![a-z])", re.IGNORECASE)
_RATIO_REACH = 200
_PREV_TOKEN = re.compile(r"([A-Za-z’']+)[ \t]+$")
_NEXT_TOKEN = re.compile(r"[ \t]+([a-z][a-z-]*)(?![A-Za-z])")


class NumberMention(NamedTuple):
    """A number with what is glued to it; ``start``/``end`` span the whole expression (``raw``).

    A named tuple rather than a frozen dataclass: as immutable, and about three times cheaper to build,
    which counts for every number of every article.
    """

    start: int
    end: int
    num_start: int
    num_end: int
    value: float
    unit: str | None
    unit_kind: UnitKind | None
    unit_text: str
    approximate: bool
    sign: int
    in_words: bool
    scaled: bool


def find_numbers(
    text: str, start: int = 0, end: int | None = None, lowered: str | None = None
) -> list[NumberMention]:
    """Every number expression in ``text[start:end]``, in order, with absolute offsets.

    ``lowered`` is ``text.translate(ASCII_LOWER)``; pass it when scanning many sentences of one text.
    """
    return scan_numbers(text, start, end, lowered)[0]


def scan_numbers(
    text: str, start: int = 0, end: int | None = None, lowered: str | None = None
) -> tuple[list[NumberMention], list[int]]:
    """``find_numbers`` plus where each digit-led candidate starts.

    Those starts include every digit run that does not follow a digit, "." or "," (a run after those is
    inside a number), which is where a digit-led calendar expression can begin: the period finder takes
    them instead of scanning the sentence again.
    """
    stop = len(text) if end is None else min(end, len(text))
    low = lowered_copy(text) if lowered is None else lowered
    return _collect(text, low, start, stop, DIGITS_RE.finditer(low, start, stop),
                    WORDS_RE.finditer(low, start, stop))


class TextScan:
    """The digit and number-word candidates of a whole text, found with one regex pass each and handed out
    per sentence: a sentence without a number then costs a few bisections instead of two regex scans."""

    __slots__ = ("_digit_at", "_digits", "_low", "_text", "_word_at", "_words", "starts")

    def __init__(self, text: str, lowered: str) -> None:
        self._text, self._low = text, lowered
        self._digits = list(DIGITS_RE.finditer(lowered))
        self._digit_at = list(map(_MATCH_START, self._digits))
        self._words = _word_runs(lowered)
        self._word_at = list(map(_MATCH_START, self._words))
        self.starts = sorted([*self._digit_at, *self._word_at])
        """Where a number may start: a sentence with none of these between its ends has no number."""

    def numbers(self, start: int, end: int) -> tuple[list[NumberMention], list[int]]:
        """What ``scan_numbers(text, start, end, lowered)`` returns."""
        any_at = self.starts
        first = bisect.bisect_left(any_at, start)
        if first == len(any_at) or any_at[first] >= end:
            return [], []  # most sentences: nothing that can be a number starts here
        digits, words = self._digits, self._words
        a = bisect.bisect_left(self._digit_at, start)
        b = bisect.bisect_left(self._digit_at, end, a)
        c = bisect.bisect_left(self._word_at, start)
        d = bisect.bisect_left(self._word_at, end, c)
        crossing = (a > 0 and digits[a - 1].end() > start) or (b > a and digits[b - 1].end() > end) \
            or (c > 0 and words[c - 1].end() > start) or (d > c and words[d - 1].end() > end)
        if crossing:  # a match runs over the span's edge: scan the span itself, as scan_numbers does
            return scan_numbers(self._text, start, end, self._low)
        if a == b and c == d:
            return [], []
        return _collect(self._text, self._low, start, end, digits[a:b], words[c:d])


_MATCH_START = re.Match.start
_WORD_RUN_AFTER_BOUNDARY = re.compile(rf"[^a-z]{WORDS_RE.pattern}")
"""A number-word run with the character before it: only runs that start a word ("two", not the "one" of
"someone"). Matching that character keeps the engine's first-character skip (a look-behind would cost it),
and the next character a word can start at is after a space, so far fewer positions enter the trie."""


def _word_runs(low: str) -> list[re.Match[str]]:
    """The ``WORDS_RE`` matches of ``low`` that start a word, each matched again at its own start so that it
    is the match ``_collect`` expects. A run inside a word is skipped there anyway; not scanning it also
    lets a real run right after it be found ("xone two": "two")."""
    runs = [match for match in (WORDS_RE.match(low, 0),) if match is not None]
    match_at = WORDS_RE.match
    for found in _WORD_RUN_AFTER_BOUNDARY.finditer(low):
        again = match_at(low, found.start("words"))
        if again is not None:
            runs.append(again)
    return runs


def _collect(
    text: str,
    low: str,
    start: int,
    stop: int,
    digit_matches: Iterable[re.Match[str]],
    word_matches: Iterable[re.Match[str]],
) -> tuple[list[NumberMention], list[int]]:
    out: list[NumberMention] = []
    starts: list[int] = []
    for match in digit_matches:
        at = match.start()
        starts.append(at)
        if at > start and low[at - 1].isdigit():
            continue
        mention = _digits_mention(text, match, start, stop)
        if mention is not None:
            out.append(mention)
    words = False
    fractions: list[NumberMention] = []
    for match in word_matches:
        at = match.start()
        if at > start and low[at - 1].isalpha():
            continue  # "someone", "often", "behalf"
        word_end = match.end()
        if low[at:word_end] not in FRACTIONS and low[at] in _FRACTION_FIRST:  # a run that starts with one
            first = _LOWER_WORD.match(low, at, word_end)
            word_end = first.end() if first is not None else at
        if low[at:word_end] in FRACTIONS:  # "third": read the numerator before it, if any ("two-thirds")
            if word_end < stop and (low[word_end] == "-" or low[word_end].isalpha()):
                continue  # "half-time"
            whole = FRACTION_RE.search(low, max(start, at - _NUMERATOR_REACH), word_end)
            fraction = None
            if whole is not None and whole.end() == word_end:
                fraction = _fraction(text, low, whole, start, stop)
            if fraction is None and (whole is None or whole.start() < at):
                whole = FRACTION_RE.match(low, at, word_end)  # "xtwo-thirds": try the bare word
                fraction = _fraction(text, low, whole, start, stop) if whole is not None else None
            if fraction is not None:
                fractions.append(fraction)
            continue
        out.extend(_word_mentions(text, match, start, stop))
        words = True
    if words or fractions:
        out.sort(key=lambda m: m.start)
    if len(out) > 1:
        out = _one_in_n(text, out)
    if fractions:
        out = _merge_fractions(out, fractions)
    return out, starts


def _fraction(text: str, low: str, match: re.Match[str], lo: int, hi: int) -> NumberMention | None:
    """ "two-thirds of", "a third of", "half of", "by a fifth": a share, not an ordinal ("the third month")
    or a period ("the first half")."""
    at = match.start()
    if at > lo and (low[at - 1].isalnum() or low[at - 1] == "-"):
        return None
    numerator_word, den_word = match.group("num"), match.group("den")
    den = FRACTIONS[den_word]
    plural = den_word.endswith("s")
    numerator = FRACTION_NUMERATORS[numerator_word] if numerator_word else (1 if den == 2 else 0)
    if numerator == 0 or numerator >= den or (plural != (numerator > 1)):
        return None  # "third" alone is an ordinal; "one thirds", "five quarters" are not shares
    before = _word_before(low, at, lo)
    if before in FRACTION_NOT_AFTER:
        return None  # "the first half", "two and a half", "the other half"
    after = _word_after(low, match.end(), hi)
    end_punct = match.end() >= hi or low[match.end()] in ".,;:)"
    if not (after in FRACTION_AFTER or before in FRACTION_BEFORE or (end_punct and before)):
        return None  # "a quarter century", "half-time", "third place"
    if not numerator_word and after not in FRACTION_AFTER and before != "by":
        return None
    start = at
    approx_start = _approximator_before(text, start, lo)
    return NumberMention(
        start=approx_start if approx_start >= 0 else start, end=match.end(), num_start=at, num_end=match.end(),
        value=numerator / den, unit=FRACTION_UNIT, unit_kind="fraction", unit_text=text[match.start("den"):match.end()],
        approximate=approx_start >= 0, sign=0, in_words=True, scaled=False,
    )


def _one_in_n(text: str, numbers: list[NumberMention]) -> list[NumberMention]:
    """ "one in five households", "1 in 3": one share instead of two counts."""
    out: list[NumberMention] | None = None
    i = 0
    while i < len(numbers) - 1:
        a, b = numbers[i], numbers[i + 1]
        if b.start - a.end > 10 or a.unit is not None or b.unit is not None or a.scaled or b.scaled:
            i += 1
            continue  # the common case, decided on the tuple fields alone
        if b.start == b.num_start and 1 <= a.value < b.value <= 1000 and float(a.value).is_integer() \
                and IN_EVERY_RE.search(text, a.end, b.start) and _word_after(text, b.end, len(text)).isalpha():
            if out is None:
                out = numbers[:i]
            out.append(a._replace(end=b.end, num_end=b.num_end, value=a.value / b.value, unit=FRACTION_UNIT,
                                  unit_kind="fraction", unit_text=""))
            i += 2
            continue
        if out is not None:
            out.append(a)
        i += 1
    if out is None:
        return numbers
    out.extend(numbers[i:])
    return out


def _merge_fractions(numbers: list[NumberMention], fractions: list[NumberMention]) -> list[NumberMention]:
    """Fractions replace the number words inside them ("one" in "one half")."""
    spans = [(f.num_start, f.end) for f in fractions]
    kept = [m for m in numbers if not any(a <= m.num_start < b for a, b in spans)]
    return sorted([*kept, *fractions], key=lambda m: m.start)


def _word_before(low: str, at: int, lo: int) -> str:
    i = at
    while i > lo and low[i - 1] in " \t":
        i -= 1
    j = i
    while j > lo and low[j - 1].isalpha():
        j -= 1
    return low[j:i]


def _word_after(low: str, at: int, hi: int) -> str:
    i = at
    while i < hi and low[i] in " \t":
        i += 1
    j = i
    while j < hi and low[j].isalpha():
        j += 1
    return low[i:j].lower()


def _digits_mention(text: str, match: re.Match[str], lo: int, hi: int) -> NumberMention | None:
    digits = match.group("digits")
    num_start, digits_end = match.start("digits"), match.end("digits")
    scale_raw = match.group("scale") or ""
    currency = _currency_before_match(text, num_start, lo)
    if not scale_raw and len(digits) == 4 and "1800" <= digits <= "2199" and digits.isdigit() \
            and text[digits_end : digits_end + 1] != "%" and currency is None \
            and not counts_a_noun(text, num_start, digits_end, lo, hi):
        return None  # a year: the period finder reads it
    if len(digits) > MAX_DIGITS or (len(digits) > 1 and digits[0] == "0" and digits[1].isdigit()):
        return None  # an identifier, or a code with a leading zero ("0958")
    before = text[num_start - 1] if num_start > lo else ""
    glued_code = ""
    if before.isalpha():
        glued_code = _glued_currency(text, num_start, lo)
        if not glued_code:
            return None  # "Q1", "MP3", "A320": part of a name
    elif before and (before in ".,/:#@_" or before.isdigit()):
        return None  # ".22", "1,2", "6/12", "10:00", "#1"
    elif before in "-– " and num_start - 2 >= lo and text[num_start - 2].isdigit() \
            and not (before != " " and _PERCENT_AFTER.match(text, digits_end, hi)):
        return None  # "2022-23", "555-1234", "20 7946": a range or a phone number (but "20-25%" is two shares)
    elif before in "-–" and num_start - 2 >= lo and text[num_start - 2].isalpha():
        return None  # "COVID-19", "F-16"
    if _bad_right_context(text, match.end(), hi):
        return None
    value = float(digits.replace(",", ""))
    scale_text = scale_raw.strip()
    end = match.end()
    scaled = bool(scale_text)
    has_currency = currency is not None or bool(glued_code)
    if scaled:
        key = scale_text.lower()
        factor = SCALE_WORDS.get(key) or SUFFIX_SCALES.get(key, 1)
        weak = key in WEAK_SUFFIXES and scale_raw == scale_text and not has_currency
        if weak and (key == "b" or _next_word(text, end, hi) in METRE_CONTEXT):
            return None  # "3b" is a label and "100m race" a distance, not a count
        value *= factor
    elif digits_end < hi and text[digits_end : digits_end + 1].isalpha():
        glued = _glued_unit(text, digits_end, hi)
        if glued is None:
            return None
    return _finish(text, num_start, digits_end, end, value, lo, hi, in_words=False, scaled=scaled,
                   glued_code=glued_code, currency=currency, currency_known=True)


def _word_mentions(text: str, match: re.Match[str], lo: int, hi: int) -> list[NumberMention]:
    out: list[NumberMention] = []
    tokens = [(m.start(), m.end(), m.group().lower()) for m in _WORD_TOKEN.finditer(text, match.start(), match.end())]
    if any(word[:1].isupper() and word[1:2].isupper() for word in (text[a:b] for a, b, _ in tokens)) \
            and not all(text[a:b].isupper() for a, b, _ in tokens):
        return out  # "ONE Championship"-style names in mixed case
    for first, last, value in parse_number_words([t[2] for t in tokens]):
        num_start, num_end = tokens[first][0], tokens[last][1]
        scaled = tokens[first][2] in MULTIPLIER_WORDS
        if scaled:  # "a million", "an estimated hundred": the article is the "one"
            art = ARTICLE_BEFORE.search(text, max(lo, num_start - 4), num_start)
            if art is None:
                continue
            num_start = art.start()
        if num_end < hi and text[num_end] == "-" and num_end + 1 < hi and text[num_end + 1].isalpha():
            unit = UNIT_AFTER.match(text, num_end, hi)
            if unit is None:
                continue  # "two-thirds", "one-off", "two-person"
        scaled = any(t[2] in MULTIPLIER_WORDS for t in tokens[first : last + 1])
        number = float(value)
        half = _AND_A_HALF.match(text, num_end, hi) if last == len(tokens) - 1 else None
        if half is not None:  # "two and a half", "two and a half million": the half belongs to the number
            multiplier = half.group("mult")
            number = (number + 0.5) * (MULTIPLIER_WORDS[multiplier.lower()] if multiplier else 1)
            scaled = scaled or bool(multiplier)
            num_end = half.end()
        mention = _finish(text, num_start, num_end, num_end, number, lo, hi, in_words=True,
                          scaled=scaled, glued_code="")
        if mention is not None:
            out.append(mention)
    return out


def parse_number_words(words: list[str]) -> list[tuple[int, int, int]]:
    """Split a run of number words into numbers: ``(first_index, last_index, value)`` for each.

    "twenty eight" is one number, "two and three" two, "two hundred and fifty" one; "and" only joins after
    a multiplier, as English writes it.
    """
    out: list[tuple[int, int, int]] = []
    first = -1
    total = current = 0
    last_kind = ""
    pending_and = False

    def close(index: int) -> None:
        nonlocal first, total, current, last_kind
        if first >= 0 and last_kind:
            out.append((first, index, total + current))
        first, total, current, last_kind = -1, 0, 0, ""

    last_index = -1
    for i, word in enumerate(words):
        if word == "and":
            if last_kind != "mult":
                close(last_index)
            pending_and = last_kind == "mult"
            continue
        kind = "unit" if word in UNIT_WORDS else "ten" if word in TEN_WORDS else "mult"
        fits = (
            first < 0
            or (kind == "unit" and (last_kind == "mult" or (last_kind == "ten" and UNIT_WORDS[word] < 10)))
            or (kind == "ten" and last_kind == "mult")
            or (kind == "mult" and last_kind in {"unit", "ten"} and not pending_and)
            or (kind == "mult" and last_kind == "mult" and MULTIPLIER_WORDS[word] > 100
                and _last_mult(words, i) == 100)
        )
        if pending_and and kind == "mult":
            fits = False
        if not fits:
            close(last_index)
        if first < 0:
            first = i
        if kind == "unit":
            current += UNIT_WORDS[word]
        elif kind == "ten":
            current += TEN_WORDS[word]
        else:
            factor = MULTIPLIER_WORDS[word]
            if factor == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * factor
                current = 0
        last_kind = kind
        last_index = i
        pending_and = False
    close(last_index)
    return out


def _last_mult(words: list[str], i: int) -> int:
    for word in reversed(words[:i]):
        if word in MULTIPLIER_WORDS:
            return MULTIPLIER_WORDS[word]
    return 0


def _finish(
    text: str,
    num_start: int,
    digits_end: int,
    end: int,
    value: float,
    lo: int,
    hi: int,
    *,
    in_words: bool,
    scaled: bool,
    glued_code: str,
    currency: re.Match[str] | None = None,
    currency_known: bool = False,
) -> NumberMention | None:
    """Attach currency, sign, unit and approximator around the numeral at ``[num_start, end)``.

    ``currency`` is the currency match before ``num_start`` when ``currency_known`` (the caller has it).
    """
    start = num_start
    sign = 0
    unit: str | None = None
    kind: UnitKind | None = None
    unit_text = ""
    if glued_code:
        unit, kind = CURRENCY_PREFIXES.get(glued_code, glued_code), "currency"
        start = num_start - len(glued_code)
        if len(glued_code) == 1 and value < 100 and not scaled:
            return None  # "P5", "R2": too short to be money
        start, sign = _sign_before(text, start, lo, sign)
    else:
        start, sign = _sign_before(text, start, lo, sign)
        cur = currency if start == num_start and currency_known else _currency_before_match(text, start, lo)
        if cur is not None:
            prefix = cur.group("letters") or cur.group("symbol")
            if cur.group("letters") and (len(prefix) == 1 or prefix in {"kr"}) and cur.group("space"):
                cur = None  # "grade R 5": a lone letter before a spaced number is not money
            else:
                unit, kind = CURRENCY_PREFIXES[prefix], "currency"
                start = cur.start()
                if cur.group("sign"):
                    sign = -1
                else:
                    start, sign = _sign_before(text, start, lo, sign)
    after = UNIT_AFTER.match(text, end, hi)
    if after is not None:
        surface = after.group("unit").lower()
        glued = not after.group("sep")
        if glued and (in_words or (surface not in GLUED_UNITS and surface not in CURRENCY_WORDS)):
            after = None
    if after is not None and unit is None:
        surface = after.group("unit").lower()
        if surface in CURRENCY_WORDS:
            unit, kind = CURRENCY_WORDS[surface], "currency"
        else:
            unit = UNIT_SURFACES[surface]
            kind = "percent" if unit in PERCENT_UNITS else "time" if unit in TIME_UNITS else "measure"
        unit_text = after.group("unit") + (after.group("apos") or "")
        end = after.end()
    elif unit is None:
        code = CODE_AFTER.match(text, end, hi)
        if code is not None:
            unit, kind, end = code.group("code"), "currency", code.end()
    if sign:
        value = sign * value
    if not math.isfinite(value):
        return None
    approximate = False
    approx_start = _approximator_before(text, start, lo)
    if approx_start >= 0:
        approximate = True
        start = approx_start
    return NumberMention(
        start=start,
        end=end,
        num_start=num_start,
        num_end=digits_end,
        value=value,
        unit=unit,
        unit_kind=kind,
        unit_text=unit_text,
        approximate=approximate,
        sign=sign,
        in_words=in_words,
        scaled=scaled,
    )


def _approximator_before(text: str, start: int, lo: int) -> int:
    """Where an approximator ("more than", "an estimated", "around") ends right before ``start``, or -1."""
    if start <= lo or not text[start - 1].isspace():
        return -1  # the window below would be empty or end in a non-space: decided without slicing
    window = text[max(lo, start - _APPROX_REACH) : start]
    words = window.split()
    if len(words) > 1 and start - _APPROX_REACH > lo:
        words = words[1:]  # the first word of the window may be cut
    if words and words[-1].lower() in {"a", "an"}:
        words = words[:-1]
    if not words or words[-1].lower() not in _APPROX_LAST_WORDS:
        return -1  # no phrase can end here: the common case, decided without joining
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[-n:]).lower() in APPROXIMATORS:
            return start - len(window) + window.rfind(words[-n]) if n == 1 else \
                start - len(window) + _phrase_start(window, words[-n:])
    return -1


def _phrase_start(window: str, words: list[str]) -> int:
    at = len(window)
    for word in reversed(words):
        at = window.rfind(word, 0, at)
    return at


_APPROX_REACH = 32
_APPROX_LAST_WORDS = frozenset(phrase.split()[-1] for phrase in APPROXIMATORS)


def _sign_before(text: str, start: int, lo: int, sign: int) -> tuple[int, int]:
    """A minus or plus directly before the number, when it is not a hyphen inside a word."""
    if start - 1 >= lo and text[start - 1] in _SIGNS:
        prev = text[start - 2] if start - 2 >= lo else ""
        if not prev or prev in " \t\n([/":
            return start - 1, _SIGNS[text[start - 1]]
    return start, sign


def _currency_before_match(text: str, start: int, lo: int) -> re.Match[str] | None:
    i = start - 1  # cheap necessary condition first: a prefix's last character, a space, a sign, ("$") a newline
    if i >= lo and text[i] == "\n":
        i -= 1
    if i >= lo and text[i] in "-−":
        i -= 1
    if i >= lo and text[i] in " \t":
        i -= 1
    if i < lo or text[i] not in _CURRENCY_LAST_CHARS:
        return None
    return CURRENCY_BEFORE.search(text, max(lo, start - 6), start)


_CURRENCY_LAST_CHARS = frozenset(p[-1] for p in CURRENCY_PREFIXES)


def _glued_currency(text: str, num_start: int, lo: int) -> str:
    """The currency code glued before the digits ("PHP1.7"), or ""."""
    i = num_start
    while i > lo and i > num_start - 5 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    letters = text[i:num_start]
    if i > lo and text[i - 1].isalnum():
        return ""
    return letters if letters in GLUED_PREFIXES else ""


def _glued_unit(text: str, pos: int, hi: int) -> str | None:
    unit = UNIT_AFTER.match(text, pos, hi)
    if unit is not None and not unit.group("sep") and unit.group("unit").lower() in GLUED_UNITS:
        return unit.group("unit")
    return None


def _bad_right_context(text: str, pos: int, hi: int) -> bool:
    """Times, dates, ranges glued by a hyphen, ordinals and decades are not quantities."""
    if pos >= hi:
        return False
    nxt = text[pos]
    after = text[pos + 1] if pos + 1 < hi else ""
    if nxt in ":/" and after.isdigit():
        return not (nxt == ":" and _RATIO_AFTER.match(text, pos, hi) and _in_ratio_sentence(text, pos, hi))
    if nxt and nxt in ".,-–" and after.isdigit():
        return not (nxt in "-–" and _PERCENT_RANGE_AFTER.match(text, pos, hi))
    if nxt == " " and after.isdigit():
        return True  # "0958 321 4567": a phone number or a code
    if nxt.isalpha():
        return _ORDINAL_OR_TIME_SUFFIX.match(text, pos, hi) is not None and _glued_unit(text, pos, hi) is None
    return False


def _next_word(text: str, pos: int, hi: int) -> str:
    match = _WORD_TOKEN.search(text, pos, min(hi, pos + 30))
    return match.group().lower() if match else ""


def _in_ratio_sentence(text: str, pos: int, hi: int) -> bool:
    """Whether the sentence around ``pos`` speaks of a ratio ("a pupil-teacher ratio of 38:1, against a target
    of 26:1"); without one "3:1" may be a score or odds."""
    start = max(0, pos - _RATIO_REACH)
    cut = max(text.rfind(". ", start, pos), text.rfind("\n", start, pos))
    return _RATIO_WORD.search(text, cut + 1 if cut >= 0 else start, min(hi, pos + _RATIO_REACH)) is not None


def counts_a_noun(text: str, num_start: int, num_end: int, lo: int, hi: int) -> bool:
    """Whether a four-digit number in the year range counts the word after it ("checked 2000 visitors",
    "about 1200 staff") rather than naming a year ("in 2000", "the 2024 budget", "2019 levels"): a year
    needs no noun, a count needs one, and the words before a year are prepositions and determiners."""
    after = _NEXT_TOKEN.match(text, num_end, hi)
    if after is None or after.group(1) in NOT_A_COUNTED_NOUN:
        return False
    before = _PREV_TOKEN.search(text, max(lo, num_start - 30), num_start)
    if before is None:
        return num_start == lo  # a sentence that opens with the count
    word = before.group(1)
    return word.lower() not in YEAR_BEFORE_WORDS and not word.endswith(("'s", "’s")) and not word[0].isupper()
