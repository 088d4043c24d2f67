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
    """Every pair of ``keys`` (indexes) that shares a block key; each pair once.

    One Python pass numbers the tokens; choosing each key's rarest tokens and making their pairs is done
    with numpy over all keys at once (a per-key loop took a minute at a million claims).
    """
    ids: dict[str, int] = {}
    token_ids: list[int] = []
    counts: list[int] = []
    for key in keys:
        tokens = key_tokens(key)
        token_ids.extend(ids.setdefault(token, len(ids)) for token in tokens)
        counts.append(len(tokens))
    tokens_of = np.array(token_ids, dtype=np.int64)
    owner_of = np.repeat(np.arange(len(keys), dtype=np.int64), np.array(counts, dtype=np.int64))
    df = np.bincount(tokens_of, minlength=len(ids))
    common = max(MAX_BLOCK, STOP_SHARE * len(keys))
    token_df = df[tokens_of]
    useful = (token_df > 1) & (token_df <= common)
    tokens_of, owner_of, token_df = tokens_of[useful], owner_of[useful], token_df[useful]
    order = np.lexsort((tokens_of, token_df, owner_of))  # by owner, then rarest first, then token id
    tokens_of, owner_of = tokens_of[order], owner_of[order]
    starts = np.flatnonzero(np.concatenate(([True], owner_of[1:] != owner_of[:-1]))) if len(owner_of) else owner_of
    rank = np.arange(len(owner_of)) - np.repeat(starts, np.diff(np.concatenate((starts, [len(owner_of)]))))
    kept = rank < RAREST
    tokens_of, owner_of, rank = tokens_of[kept], owner_of[kept], rank[kept]
    rarest = np.full((len(keys), RAREST), -1, dtype=np.int64)
    rarest[owner_of, rank] = tokens_of
    width = len(ids) + 1
    block_keys: list[npt.NDArray[np.int64]] = []
    owners: list[npt.NDArray[np.int64]] = []
    for first, second in combinations(range(RAREST), 2):
        has_both = np.flatnonzero(rarest[:, second] >= 0)  # ranks fill from 0, so the first is there too
        a, b = rarest[has_both, first], rarest[has_both, second]
        block_keys.append(np.minimum(a, b) * width + np.maximum(a, b))
        owners.append(has_both)
    if not block_keys:
        return _pairs_in_blocks(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    return _pairs_in_blocks(np.concatenate(block_keys), np.concatenate(owners))


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
