"""What a statistic counts, the margin its wording allows, and when two articles' figures disagree.

Grouping: a statistic's measure is folded (``names.fold``), leading determiners dropped and its last
word made singular by the lexicon's plural endings ("flood warnings" and "the flood warning" meet); the
group is that measure with the unit.  The join is exact on this normal form: no fuzzy matching, so two
groups meet only when their words do (a fuzzy join would merge "jobs created" with "jobs cut").

Tolerance: a figure stands for an interval.  Rounding: half a step of its last significant digit as
written, scaled by its scale word ("3.2 million" is 3.15 to 3.25 million, "12,400" is 12,350 to 12,450,
"42" is 41.5 to 42.5).  "About": an approximate figure ("around", "nearly", "more than") allows
``APPROXIMATE_SHARE`` of its value on each side, or its rounding if that is wider ("about 125" is 112.5
to 137.5; "about 200" is 150 to 250, as a round 200 already is).  A **conflict** is a measure, unit and period with two
figures from different articles whose intervals do not overlap.  Figures with no period are listed but
never in conflict: without a period, two figures may well count different things.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from claimscope.extract.lexicons import load_json, word_set
from claimscope.store.across.names import fold

APPROXIMATE_SHARE = 0.1
"""How far "about" stretches a figure, as a share of its value, each way."""
GROUP_SEPARATOR = "|"

_DETERMINERS = word_set("claims.json", "determiners")
_PLURAL_ENDINGS: tuple[tuple[str, str], ...] = tuple(
    (str(ending), str(singular)) for ending, singular in load_json("claims.json")["plural_endings"].items()
)
_NUMERAL = re.compile(r"\d[\d,\s]*(?:\.\d+)?|\.\d+")
_SHORTEST_STEM = 3
_HISSING = ("ss", "x", "z", "ch", "sh")
_NOT_PLURAL = ("ss", "us", "is")


def singular(word: str) -> str:
    """The singular of a regular English plural (the lexicon's endings); other words unchanged.

    "-es" is taken off only after a hissing sound that is not an "s" ("boxes", "churches", "glasses");
    elsewhere only the "s" goes ("houses" -> "house"), and singulars in "-ss", "-us" and "-is" ("status",
    "analysis") are left alone, so a plural and its singular meet.
    """
    if word.endswith(_NOT_PLURAL):
        return word
    for ending, replacement in _PLURAL_ENDINGS:
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < _SHORTEST_STEM:
            continue
        if ending == "es" and not stem.endswith(_HISSING):
            continue
        return stem + replacement
    return word


def measure_key(measure: str) -> str:
    """The normal form two articles' words for one measure meet in ("" when nothing is left)."""
    words = fold(measure).split()
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    if words:
        words[-1] = singular(words[-1])
    return " ".join(words)


def group_key(measure_key_: str, unit: str | None) -> str:
    return f"{measure_key_}{GROUP_SEPARATOR}{unit or ''}"


def rounding_margin(value: float, raw: str) -> float:
    """Half a step of the last significant digit of the numeral in ``raw``, in the units of ``value``."""
    match = _NUMERAL.search(raw)
    if match is None:
        return 0.5  # a number word ("twelve") is exact to the unit
    digits = re.sub(r"[,\s]", "", match.group())
    try:
        written = float(digits)
    except ValueError:
        return 0.0
    if "." in digits:
        step = 10.0 ** -len(digits.split(".")[1])
    else:
        stripped = digits.rstrip("0")
        step = 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0
    scale = abs(value / written) if written else 1.0
    return step * scale / 2


def interval(value: float, raw: str, approximate: bool) -> tuple[float, float]:
    """The values the figure's wording allows."""
    margin = rounding_margin(value, raw)
    if approximate:
        margin = max(margin, APPROXIMATE_SHARE * abs(value))
    return value - margin, value + margin


@dataclass(frozen=True, slots=True)
class Bounds:
    """One figure of a cell: its article and its interval."""

    article_id: str
    low: float
    high: float


def in_conflict(figures: Iterable[Bounds]) -> bool:
    """True when two figures of different articles have intervals that do not overlap.

    One pass: the two highest lows and the two lowest highs from different articles are enough, so a
    cell of 30,000 figures costs no more than a sort-free scan.
    """
    lows: list[Bounds] = []
    highs: list[Bounds] = []
    for figure in figures:
        lows = _best_two(lows, figure, lambda b: -b.low)
        highs = _best_two(highs, figure, lambda b: b.high)
    if not lows or not highs:
        return False
    for low in lows:
        for high in highs:
            if low.article_id != high.article_id and low.low > high.high:
                return True
    return False


def _best_two(best: list[Bounds], figure: Bounds, rank: Callable[[Bounds], float]) -> list[Bounds]:
    """The best figure and the best from another article, by ``rank`` (smaller is better)."""
    candidates = sorted([*best, figure], key=rank)
    first = candidates[0]
    second = next((c for c in candidates[1:] if c.article_id != first.article_id), None)
    return [first] if second is None else [first, second]
