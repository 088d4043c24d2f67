"""Pairing the claims and statistics of two versions of an article: which item became which.

An item is paired by what it says and how it is attributed, never by its id (ids number items in reading
order, so one inserted paragraph renumbers everything after it).  Each candidate pair gets a score: the
rapidfuzz similarity of the two items' texts (``ratio`` over case-folded, space-normalised text, 0-100),
adjusted by ordered tables of named evidence (``CLAIM_EVIDENCE``, ``STATISTIC_EVIDENCE``: the same
speaker, the same measure and unit, or two different ones).  Pairs at or above the threshold are taken
best first, each item at most once (greedy assignment: good enough for the few dozen items of an
article, and it never trades a clear pair for two doubtful ones).

A statistic's text is its sentence with the number itself masked, so a figure that changed does not
make its own sentence look different: "fell to 4.1%" and "fell to 4.3%" are the same statement with a
new value, one change rather than a removal and an addition.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from rapidfuzz import fuzz

from claimscope.extract.model import Claim, Statistic

T = TypeVar("T", Claim, Statistic)

PAIR_THRESHOLD = 60.0
"""The adjusted score a pair needs: about two thirds of a sentence in common, or less with a shared
speaker or measure as well."""
NUMBER_MASK = "#"


@dataclass(slots=True)
class Matching(Generic[T]):
    """Old and new items paired (in the new version's order), and those left on either side."""

    pairs: list[tuple[T, T]] = field(default_factory=list)
    removed: list[T] = field(default_factory=list)
    added: list[T] = field(default_factory=list)


def normalised(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def similarity(a: str, b: str) -> float:
    """0-100: how much of two texts is the same (rapidfuzz ``ratio`` over normalised text)."""
    return float(fuzz.ratio(normalised(a), normalised(b)))


# -- what an item says ------------------------------------------------------------------------------

def claim_text(claim: Claim) -> str:
    """The claim's words and the sentence they stand in (two claims of one sentence differ in words)."""
    return f"{claim.text} | {claim.sentence}"


def statistic_text(stat: Statistic) -> str:
    """The statistic's sentence with the number masked (falls back to the raw text when offsets disagree)."""
    sentence = stat.sentence
    at, end = stat.start - stat.sentence_start, stat.end - stat.sentence_start
    if 0 <= at <= end <= len(sentence) and sentence[at:end] == stat.raw:
        return sentence[:at] + NUMBER_MASK + sentence[end:]
    return sentence.replace(stat.raw, NUMBER_MASK, 1)


# -- evidence beyond the text ---------------------------------------------------------------------

def same_speaker(old: Claim, new: Claim) -> float:
    both = old.speaker and new.speaker
    return 10.0 if both and normalised(old.speaker) == normalised(new.speaker) else 0.0


def different_speakers(old: Claim, new: Claim) -> float:
    """Two named speakers who are not the same person: the words moved to someone else's mouth."""
    both = old.speaker and new.speaker
    return -40.0 if both and normalised(old.speaker) != normalised(new.speaker) else 0.0


def same_measure(old: Statistic, new: Statistic) -> float:
    known = old.measure and new.measure
    return 15.0 if known and normalised(old.measure) == normalised(new.measure) and old.unit == new.unit else 0.0


def different_measures(old: Statistic, new: Statistic) -> float:
    """Two statistics that count different things are never one, however alike their sentences."""
    known = old.measure and new.measure
    return -100.0 if known and normalised(old.measure) != normalised(new.measure) else 0.0


def different_units(old: Statistic, new: Statistic) -> float:
    return -40.0 if old.unit and new.unit and old.unit != new.unit else 0.0


CLAIM_EVIDENCE: tuple[tuple[str, Callable[[Claim, Claim], float]], ...] = (
    ("same speaker", same_speaker),
    ("different speakers", different_speakers),
)
STATISTIC_EVIDENCE: tuple[tuple[str, Callable[[Statistic, Statistic], float]], ...] = (
    ("same measure and unit", same_measure),
    ("different measures", different_measures),
    ("different units", different_units),
)


# -- pairing --------------------------------------------------------------------------------------

def pair_items(
    old: Sequence[T],
    new: Sequence[T],
    text_of: Callable[[T], str],
    evidence: Sequence[tuple[str, Callable[[T, T], float]]],
) -> Matching[T]:
    """Pair ``old`` with ``new`` items, best adjusted score first, each item at most once."""
    old_texts = [normalised(text_of(item)) for item in old]
    new_texts = [normalised(text_of(item)) for item in new]
    scored: list[tuple[float, int, int]] = []
    for i, (old_item, old_text) in enumerate(zip(old, old_texts, strict=True)):
        for j, (new_item, new_text) in enumerate(zip(new, new_texts, strict=True)):
            score = float(fuzz.ratio(old_text, new_text))
            score += sum(rule(old_item, new_item) for _, rule in evidence)
            if score >= PAIR_THRESHOLD:
                scored.append((score, i, j))
    scored.sort(key=lambda row: (-row[0], row[1], row[2]))
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in scored:
        if i not in partner and j not in taken:
            partner[i] = j
            taken.add(j)
    of_new = {j: i for i, j in partner.items()}
    return Matching(
        pairs=[(old[of_new[j]], new[j]) for j in range(len(new)) if j in of_new],
        removed=[item for i, item in enumerate(old) if i not in partner],
        added=[item for j, item in enumerate(new) if j not in taken],
    )


def match_claims(old: Sequence[Claim], new: Sequence[Claim]) -> Matching[Claim]:
    return pair_items(old, new, claim_text, CLAIM_EVIDENCE)


def match_statistics(old: Sequence[Statistic], new: Sequence[Statistic]) -> Matching[Statistic]:
    return pair_items(old, new, statistic_text, STATISTIC_EVIDENCE)
