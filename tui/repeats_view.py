"""What the explorer asks of the repeated-claims store code, and when it may ask it on its own.

``known_repeats`` runs at every (re)load to mark claims in the claims pane: it reads the cache beside
the store, or groups a small store outright; a large store without a valid cache waits for `t`
(``all_repeats``), because grouping 100,000 articles takes seconds of CPU that start-up should not
spend.  Both run in thread workers; the store is read outside the explorer's lock, as the search index
is (a writer swaps in a new corpus rather than changing the one being read).
"""

from __future__ import annotations

from claimscope.store.interface import StoreInterface
from claimscope.store.repeats.corpus import cached_repeats, store_repeats
from claimscope.store.repeats.groups import RepeatGroup

AUTO_GROUP_ARTICLES = 2000
"""Stores up to this size are grouped at start-up (well under a second); larger ones when `t` asks."""


def known_repeats(store: StoreInterface) -> list[RepeatGroup] | None:
    """The groups if they are cheap to know now, else None."""
    cached = cached_repeats(store)
    if cached is not None:
        return cached
    return store_repeats(store) if store.size() <= AUTO_GROUP_ARTICLES else None


def all_repeats(store: StoreInterface) -> list[RepeatGroup]:
    """Every group, from the cache or computed now (and cached)."""
    return store_repeats(store)
