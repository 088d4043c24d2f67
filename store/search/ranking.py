"""The ranking rules, an ordered table in the manner of Meilisearch and Typesense.

Results are sorted by the first rule; ties go to the second, and so on.  The order, and why:

1. ``words``: how many of the query's words the unit contains (in any field).  A reader who types four
   words means the item that has all four; a unit missing one is a worse answer however well it matches
   the rest.  Words found in a fifth of all units or more ("the", "said") do not count here.
2. ``typos``: fewer corrected letters first, so "ferry" ranks the ferry above the "berry".  A prefix of a
   stored word (the reader is still typing) counts as no typo.
3. ``field``: how much of the match is in the unit's own words rather than its context (title, heading,
   entities), bucketed, so a claim that says "net debt" beats one whose article title does.
4. ``proximity``: how close together the matched words sit in the unit's text; a phrase beats the same
   words scattered through a long sentence.
5. ``exactness``: words matched exactly, and a bonus when the text equals or starts with the query.
6. ``relevance``: the IDF-weighted match quality (rare words count more), with a small penalty for long
   units; this is the tie-break that plain BM25-like scoring would make the only rule.

Meilisearch puts proximity before attribute; here ``field`` comes first because context words (title,
heading) are, by construction, far from the unit's own words, and proximity is measured only within
the unit's own text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


@dataclass(slots=True)
class Criteria:
    """Per shortlisted unit, the raw values the rules read (one array entry per unit)."""

    words: FloatArray
    typos: FloatArray
    own_share: FloatArray
    proximity: FloatArray
    exact_words: FloatArray
    phrase: FloatArray
    quality: FloatArray
    length: FloatArray


def _words(c: Criteria) -> FloatArray:
    return c.words


def _typos(c: Criteria) -> FloatArray:
    return -c.typos


def _field(c: Criteria) -> FloatArray:
    return np.floor(c.own_share * 4.0 + 1e-6)


def _proximity(c: Criteria) -> FloatArray:
    return -np.minimum(c.proximity, 6.0)


def _exactness(c: Criteria) -> FloatArray:
    return c.exact_words + c.phrase


def _relevance(c: Criteria) -> FloatArray:
    penalty: FloatArray = 0.05 * np.log1p(c.length) / np.log(1000.0)
    return c.quality - penalty


RULES: tuple[tuple[str, Callable[[Criteria], FloatArray]], ...] = (
    ("words", _words),
    ("typos", _typos),
    ("field", _field),
    ("proximity", _proximity),
    ("exactness", _exactness),
    ("relevance", _relevance),
)
"""Best first; every function returns larger-is-better values."""


def rank(criteria: Criteria) -> npt.NDArray[np.intp]:
    """Positions of the units, best first, by the rules in order (``np.lexsort`` sorts by its last key first)."""
    keys = [-rule(criteria) for _, rule in reversed(RULES)]
    return np.lexsort(keys)


def display_score(criteria: Criteria, n_words: int) -> FloatArray:
    """A 0-100 number for people, roughly "share of the query matched, and how well"; the order is ``rank``'s."""
    refinement = 0.5 * criteria.own_share + 0.3 * criteria.quality + 0.1 * criteria.phrase - 0.02 * criteria.typos
    return np.clip(100.0 * (criteria.words + np.clip(refinement, 0.0, 0.999)) / (n_words + 1), 0.0, 100.0)
