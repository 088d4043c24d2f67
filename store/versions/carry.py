"""Marks that follow an item into the new version of its article.

A fact-checker who marked a claim in Monday's article still cares about it in Tuesday's update, where it
has a new id.  At import, every mark on the previous version is given to the item's counterpart: claims
and statistics as ``matching`` pairs them (so a claim whose figure changed keeps its mark, which is when
it matters most), sections by their heading, entities by kind and name, and the article itself.  The old
version keeps its marks: both versions stay in the store.
"""

from __future__ import annotations

from collections.abc import Callable

from claimscope.extract.model import Article
from claimscope.store.versions.matching import match_claims, match_statistics, normalised


def _article(old: Article, new: Article) -> dict[str, str]:
    return {old.id: new.id}


def _claims(old: Article, new: Article) -> dict[str, str]:
    return {a.id: b.id for a, b in match_claims(old.claims, new.claims).pairs}


def _statistics(old: Article, new: Article) -> dict[str, str]:
    return {a.id: b.id for a, b in match_statistics(old.statistics, new.statistics).pairs}


def _sections(old: Article, new: Article) -> dict[str, str]:
    """Sections with the same heading (the untitled opening section pairs with the new opening)."""
    by_heading = {normalised(s.heading): s.id for s in reversed(new.sections)}
    found = {s.id: by_heading.get(normalised(s.heading)) for s in old.sections}
    return {old_id: new_id for old_id, new_id in found.items() if new_id is not None}


def _entities(old: Article, new: Article) -> dict[str, str]:
    by_name = {(e.kind, normalised(e.name)): e.id for e in reversed(new.entities)}
    found = {e.id: by_name.get((e.kind, normalised(e.name))) for e in old.entities}
    return {old_id: new_id for old_id, new_id in found.items() if new_id is not None}


COUNTERPARTS: tuple[tuple[str, Callable[[Article, Article], dict[str, str]]], ...] = (
    ("article", _article),
    ("claims", _claims),
    ("statistics", _statistics),
    ("sections", _sections),
    ("entities", _entities),
)
"""Per kind of item, how an old item's counterpart in the new version is found."""


def touches(article_id: str, marks: set[str]) -> bool:
    """Whether any mark is on the article or one of its items (else there is nothing to carry)."""
    prefix = article_id + ":"
    return any(m == article_id or m.startswith(prefix) for m in marks)


def carried_marks(old: Article, new: Article, marks: set[str]) -> set[str]:
    """The ids in ``new`` whose counterpart in ``old`` is marked."""
    carried: set[str] = set()
    for _, counterparts in COUNTERPARTS:
        carried.update(new_id for old_id, new_id in counterparts(old, new).items() if old_id in marks)
    return carried
