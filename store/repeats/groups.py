"""Repeated-claim groups: matched pairs joined (union-find), each group ordered by first appearance.

A group holds every claim that matched another one in it, directly or through others; it is reported when
it spans two articles or more (a claim said twice in one article is not repeated), and within an
article only its first claim of the group is kept.  The first appearance is the claim of the earliest
published article (undated ones last), then the earlier in ``ClaimRef.order`` (the order the store
reads its articles, then reading order in the article).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from claimscope.extract.claim_key import ClaimKey, claim_key
from claimscope.store.repeats.blocking import candidate_pairs
from claimscope.store.repeats.match import MIN_SCORE, pair_scores, rules_hold

MIN_WORDS = 2
"""A claim with fewer content words ("It is true.") says too little to be matched with anything."""


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """One claim as the repeats view shows it: what was said, by whom, where and when."""

    id: str
    article_id: str
    text: str
    speaker: str | None
    published: str | None
    title: str | None
    order: int
    story: str = ""
    """The first version's id of the article's story (``store/versions/``), or empty: versions of one story
    are one article here, since an update repeating its own earlier version is no repetition."""

    def sort_key(self) -> tuple[bool, str, int]:
        return (self.published is None, self.published or "", self.order)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "text": self.text,
            "speaker": self.speaker,
            "published": self.published,
            "title": self.title,
        }


@dataclass(frozen=True, slots=True)
class RepeatGroup:
    """The first appearance of a claim and every later one, in order."""

    first: ClaimRef
    repeats: tuple[ClaimRef, ...]

    @property
    def members(self) -> tuple[ClaimRef, ...]:
        return (self.first, *self.repeats)

    @property
    def size(self) -> int:
        return 1 + len(self.repeats)

    def repeated_by(self) -> list[str]:
        """Who repeated it: the speakers of the later appearances, each once, in order (unnamed ones left out)."""
        return list(dict.fromkeys(r.speaker for r in self.repeats if r.speaker))

    def to_dict(self) -> dict[str, object]:
        return {
            "size": self.size,
            "first": self.first.to_dict(),
            "repeats": [r.to_dict() for r in self.repeats],
            "repeated_by": self.repeated_by(),
        }


@dataclass(slots=True)
class MatchStats:
    """What one run did: how many claims, distinct keys, candidate pairs, scored pairs and matches."""

    claims: int = 0
    keys: int = 0
    candidates: int = 0
    skipped_blocks: int = 0
    matched_pairs: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall time of each stage: key, block, score, group."""


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def find_groups(
    claims: Sequence[ClaimRef], *, workers: int = -1, stats: MatchStats | None = None
) -> list[RepeatGroup]:
    """The repeated-claim groups among ``claims``, biggest first, then by first appearance."""
    stats = stats if stats is not None else MatchStats()
    stats.claims = len(claims)
    clock = time.perf_counter()
    key_index: dict[ClaimKey, int] = {}
    keys: list[ClaimKey] = []
    owner_of_claim: list[int] = []
    for claim in claims:
        key = claim_key(claim.text)
        if len(key.words) < MIN_WORDS:
            owner_of_claim.append(-1)
            continue
        number = key_index.setdefault(key, len(keys))
        if number == len(keys):
            keys.append(key)
        owner_of_claim.append(number)
    stats.keys = len(keys)
    clock = _lap(stats, "key", clock)
    candidates = candidate_pairs(keys)
    stats.candidates, stats.skipped_blocks = len(candidates), candidates.skipped_blocks
    clock = _lap(stats, "block", clock)
    left, right = candidates.left.tolist(), candidates.right.tolist()
    scores = pair_scores([keys[i].text for i in left], [keys[j].text for j in right], workers)
    sets = _UnionFind(len(keys))
    for position in np.flatnonzero(scores >= MIN_SCORE).tolist():
        a, b = keys[left[position]], keys[right[position]]
        if rules_hold(a, b):
            sets.union(left[position], right[position])
            stats.matched_pairs += 1
    clock = _lap(stats, "score", clock)
    members: dict[int, list[ClaimRef]] = {}
    for claim, owner in zip(claims, owner_of_claim, strict=True):
        if owner >= 0:
            members.setdefault(sets.find(owner), []).append(claim)
    groups = [group for found in members.values() if (group := _group(found)) is not None]
    groups.sort(key=lambda g: (-g.size, g.first.sort_key()))
    _lap(stats, "group", clock)
    return groups


def _lap(stats: MatchStats, stage: str, since: float) -> float:
    now = time.perf_counter()
    stats.seconds[stage] = now - since
    return now


def _group(found: list[ClaimRef]) -> RepeatGroup | None:
    """The group of these matched claims: one claim per article (per story: its versions are one), in order;
    None when one article holds all."""
    first_per_article: dict[str, ClaimRef] = {}
    for claim in sorted(found, key=ClaimRef.sort_key):
        first_per_article.setdefault(claim.story or claim.article_id, claim)
    if len(first_per_article) < 2:
        return None
    ordered = list(first_per_article.values())
    return RepeatGroup(ordered[0], tuple(ordered[1:]))
