"""How an article with versions is labelled in ``list`` and the articles pane: the newest says how many
versions the store holds ("2 versions"), an older one which it is ("version 1 of 2")."""

from __future__ import annotations

from claimscope.store.db import ArticleSummary


def version_label(summary: ArticleSummary) -> str | None:
    """None for an article that is the only version of its story."""
    return rank_label(summary.version, summary.versions)


def rank_label(version: int, versions: int) -> str | None:
    """The label of version ``version`` of ``versions``; None when there is only one."""
    if versions <= 1:
        return None
    if version == versions:
        return f"{versions} versions"
    return f"version {version} of {versions}"
