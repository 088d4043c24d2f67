"""Which claim pairs are worth scoring: pairs that share two rare tokens, never all pairs.

Each distinct claim key is cut into tokens (its content words, and its numbers as values); a token held
by one key only can pair it with nothing and is dropped, and so is one held by too many keys to tell
them apart (``STOP_SHARE``: "council", "year", "said").  Of the rest, each key keeps its ``RAREST``
rarest (fewest keys hold them) and emits one block key per pair of them.  Two keys meet when they share
a block key: two rare tokens in common, both among each one's rarest.  A repeated claim keeps the words
that make it specific (names, places, the thing counted, its numbers), so it meets its repeats, while
claims that merely share a common word or two never do.

Blocks of more than ``MAX_BLOCK`` keys (a pair of tokens too common to tell claims apart) are skipped
and counted.  Exact repeats (equal keys: wire copies) never reach this module: ``groups`` joins them
first, so a claim copied into a thousand articles is one key here.  The cost is one pass over the keys,
a sort of the block keys, and the pairs of the blocks, which are small.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

from claimscope.extract.claim_key import ClaimKey

RAREST = 5
"""Tokens per key that make block keys: 5 tokens give 10 block keys."""
MAX_BLOCK = 64
STOP_SHARE = 0.02
"""A token held by more than this share of the keys (and by more than ``MAX_BLOCK``) is too common to block on."""


@dataclass(frozen=True, slots=True)
class Candidates:
    """Pairs of key indexes (``left[i] < right[i]``) and what blocking skipped."""

    left: npt.NDArray[np.int64]
    right: npt.NDArray[np.int64]
    skipped_blocks: int

    def __len__(self) -> int:
        return len(self.left)


def key_tokens(key: ClaimKey) -> set[str]:
    """What blocking compares: the words, and each number as ``#value`` (so "2024" the year is one token)."""
    return set(key.words) | {f"#{value:g}" for value in key.numbers}


def candidate_pairs(keys: Sequence[ClaimKey]) -> Candidates:
    """Every pair of ``keys`` (indexes) that shares a block key; each pair once."""
    token_sets = [key_tokens(key) for key in keys]
    df: dict[str, int] = {}
    for tokens in token_sets:
        for token in tokens:
            df[token] = df.get(token, 0) + 1
    common = max(MAX_BLOCK, STOP_SHARE * len(keys))
    ids = {token: number for number, token in enumerate(df)}
    width = len(ids) + 1
    block_keys: list[int] = []
    owners: list[int] = []
    for owner, tokens in enumerate(token_sets):
        shared = sorted((df[t], ids[t]) for t in tokens if 1 < df[t] <= common)[:RAREST]
        for (_, a), (_, b) in combinations(shared, 2):
            block_keys.append(min(a, b) * width + max(a, b))
            owners.append(owner)
    return _pairs_in_blocks(np.array(block_keys, dtype=np.int64), np.array(owners, dtype=np.int64))


def _pairs_in_blocks(block_keys: npt.NDArray[np.int64], owners: npt.NDArray[np.int64]) -> Candidates:
    empty = np.zeros(0, dtype=np.int64)
    if len(block_keys) == 0:
        return Candidates(empty, empty, 0)
    order = np.argsort(block_keys, kind="stable")
    sorted_keys, sorted_owners = block_keys[order], owners[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(sorted_keys)])))
    lefts: list[npt.NDArray[np.int64]] = []
    rights: list[npt.NDArray[np.int64]] = []
    skipped = 0
    for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
        if size > MAX_BLOCK:
            skipped += 1
            continue
        members = sorted_owners[start : start + size]
        i, j = np.triu_indices(size, 1)
        lefts.append(members[i])
        rights.append(members[j])
    if not lefts:
        return Candidates(empty, empty, skipped)
    left, right = np.concatenate(lefts), np.concatenate(rights)
    low, high = np.minimum(left, right), np.maximum(left, right)
    width = int(owners.max()) + 1
    unique = np.unique(low * width + high)
    return Candidates(unique // width, unique % width, skipped)
