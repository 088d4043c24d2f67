"""The repeated claims of a store: its claims read once, grouped, and the groups kept beside the store.

Grouping reads every claim of every article (``Store.documents``), which at 100,000 articles costs
seconds, so the result is saved in ``<store>.repeats.json`` with a digest of the store's article ids and
``CACHE_VERSION``; it is used only while both still agree (an import or a removal changes the ids, a new
matcher changes the version), like the search index kept beside the store.  An article id names one
extracted text, so equal ids mean equal claims.  A cache that cannot be read or written is ignored: the
groups are computed again, never trusted blindly.
"""

from __future__ import annotations

import hashlib
from contextlib import suppress
from dataclasses import asdict
from pathlib import Path
from typing import Any

import orjson

from claimscope.store.entries import LINEAGE
from claimscope.store.interface import StoreInterface, derived_files_base
from claimscope.store.repeats.groups import ClaimRef, MatchStats, RepeatGroup, find_groups
from claimscope.store.schema import ARTICLES_TABLE
from claimscope.store.storage import atomic_write_bytes

CACHE_VERSION = 2
"""Raise when the matcher changes, so a cache of the old matcher's groups is not reused."""


def repeats_path(store_path: Path) -> Path:
    """The cache file beside the store."""
    return store_path.with_name(store_path.name + ".repeats.json")


def store_claims(store: StoreInterface) -> list[ClaimRef]:
    """Every claim of the store, articles in the order the store reads them, claims in reading order."""
    claims: list[ClaimRef] = []
    stories = {article_id: row[LINEAGE] for article_id, row in store.summary_rows() if row[LINEAGE] is not None}
    for article_id, document in store.documents():
        meta = document.get("article") or {}
        for claim_id, record in (document.get("claims") or {}).items():
            claims.append(
                ClaimRef(
                    id=str(claim_id),
                    article_id=article_id,
                    text=str(record.get("text") or ""),
                    speaker=record.get("speaker"),
                    published=meta.get("published"),
                    title=meta.get("title"),
                    order=len(claims),
                    story=stories.get(article_id, article_id),
                )
            )
    return claims


def articles_digest(store: StoreInterface) -> str:
    """A digest of the store's article ids: equal digests, equal articles."""
    joined = "\n".join(sorted(store.records(ARTICLES_TABLE)))
    return hashlib.blake2b(joined.encode(), digest_size=16).hexdigest()


def cached_repeats(store: StoreInterface) -> list[RepeatGroup] | None:
    """The groups in the cache beside the store when they are still the store's, else None (computes nothing)."""
    base = derived_files_base(store)
    if base is None:
        return None
    return read_cache(repeats_path(base), articles_digest(store))


def store_repeats(
    store: StoreInterface, *, workers: int = -1, persist: bool = True, stats: MatchStats | None = None
) -> list[RepeatGroup]:
    """The store's repeated-claim groups, from the cache when it matches the store, else computed (and saved)."""
    base = derived_files_base(store)
    digest = articles_digest(store)
    if base is not None:
        cached = read_cache(repeats_path(base), digest)
        if cached is not None:
            return cached
    groups = find_groups(store_claims(store), workers=workers, stats=stats)
    if base is not None and persist:
        with suppress(OSError):
            atomic_write_bytes(repeats_path(base), encode_cache(groups, digest))
    return groups


def encode_cache(groups: list[RepeatGroup], digest: str) -> bytes:
    payload = {
        "version": CACHE_VERSION,
        "articles": digest,
        "groups": [[asdict(member) for member in group.members] for group in groups],
    }
    return orjson.dumps(payload)


def read_cache(path: Path, digest: str) -> list[RepeatGroup] | None:
    """The cached groups when the file is readable, of this version and of these articles; else None."""
    try:
        payload: Any = orjson.loads(path.read_bytes())
        if payload.get("version") != CACHE_VERSION or payload.get("articles") != digest:
            return None
        groups = []
        for members in payload["groups"]:
            refs = [ClaimRef(**member) for member in members]
            groups.append(RepeatGroup(refs[0], tuple(refs[1:])))
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    return groups


def claims_with_repeats(groups: list[RepeatGroup]) -> dict[str, int]:
    """Per claim id in any group, the size of its group (what the claims table marks)."""
    return {member.id: group.size for group in groups for member in group.members}
