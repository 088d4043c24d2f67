"""Whether two claim keys are the same claim: a table of named rules, then a rapidfuzz token score.

Every rule in ``RULES`` must hold, in order (cheapest first); then ``SCORER`` over the two keys' words must
reach ``MIN_SCORE``.  The rules encode what a fuzzy score cannot see: a negated claim, a forecast against a
report, a different number, a rise against a fall, two claims that share only half their words, and a
substitution ("knee operations" / "hip
operations", "exports" / "imports"), where two claims share all but one or two words and those words are
not spelt alike.  The substitution rule costs the matcher the synonyms it cannot know ("firm" / "company"):
it chooses precision, because groups are joined transitively and one wrong pair merges two groups.
The threshold and rules were chosen on tests/store/repeats_pairs.jsonl (docs/repeats.md has the numbers).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from claimscope.extract.claim_key import DECREASE, INCREASE, ClaimKey

SCORER = fuzz.token_set_ratio
"""Order-free and tolerant of words one wording adds ("Council bosses are to spend" / "The council will spend")."""
MIN_SCORE = 70.0
MAX_SWAPPED_WORDS = 2
"""Two claims that each have at most this many words the other lacks differ by a substitution..."""
ALIKE_SWAP = 70.0
"""...unless the swapped words are spelt alike (``fuzz.ratio`` at least this): then it is a variant form."""
DIRECTIONS = frozenset((INCREASE, DECREASE))

Rule = Callable[[ClaimKey, ClaimKey], bool]


def same_polarity(a: ClaimKey, b: ClaimKey) -> bool:
    """A negated claim never repeats a positive one ("will stay open" / "will not stay open")."""
    return a.negative == b.negative


def same_time(a: ClaimKey, b: ClaimKey) -> bool:
    """A forecast or hedge never repeats a report ("will reopen" / "reopened")."""
    return a.forecast == b.forecast


def numbers_agree(a: ClaimKey, b: ClaimKey) -> bool:
    """Different numbers are never the same claim; one wording may leave a number out ("ten years" / "a decade")."""
    return a.numbers <= b.numbers or b.numbers <= a.numbers


def directions_agree(a: ClaimKey, b: ClaimKey) -> bool:
    """A rise never repeats a fall ("crime rose" / "crime fell")."""
    up = DIRECTIONS.intersection(a.words)
    down = DIRECTIONS.intersection(b.words)
    return not (up and down and up.isdisjoint(down))


def mostly_shared(a: ClaimKey, b: ClaimKey) -> bool:
    """The shorter claim shares more than half its content words with the other.

    ``token_set_ratio`` scores two ten-word claims that share five words at about 70: in a big corpus
    such half-overlaps are common ("The council said it would ..."), repeats are not.
    """
    shared = len(set(a.words) & set(b.words))
    return 2 * shared > min(len(set(a.words)), len(set(b.words)))


def not_a_substitution(a: ClaimKey, b: ClaimKey) -> bool:
    """Not the same sentence about another thing: a few swapped words, not spelt alike, and the rest shared."""
    mine, theirs = set(a.words), set(b.words)
    only_a, only_b = mine - theirs, theirs - mine
    if not (mine & theirs) or not (0 < len(only_a) <= MAX_SWAPPED_WORDS and 0 < len(only_b) <= MAX_SWAPPED_WORDS):
        return True
    return fuzz.ratio(" ".join(sorted(only_a)), " ".join(sorted(only_b))) >= ALIKE_SWAP


RULES: tuple[Rule, ...] = (
    same_polarity,
    same_time,
    numbers_agree,
    directions_agree,
    mostly_shared,
    not_a_substitution,
)


def rules_hold(a: ClaimKey, b: ClaimKey) -> bool:
    return all(rule(a, b) for rule in RULES)


def same_claim(a: ClaimKey, b: ClaimKey) -> bool:
    """The whole decision for one pair (tests and the labelled-pairs measure use this)."""
    return rules_hold(a, b) and SCORER(a.text, b.text) >= MIN_SCORE


def pair_scores(left: Sequence[str], right: Sequence[str], workers: int = -1) -> npt.NDArray[np.float32]:
    """``SCORER`` of each ``left[i]`` with ``right[i]``, computed by ``process.cpdist`` (which releases the
    GIL and spreads the pairs over ``workers`` threads; -1 means every core)."""
    if not left:
        return np.zeros(0, dtype=np.float32)
    scores: npt.NDArray[np.float32] = process.cpdist(left, right, scorer=SCORER, dtype=np.float32, workers=workers)
    return scores
