"""``claimscope diff``: what changed between two versions of an article (``store/versions/``)."""

from __future__ import annotations

from pathlib import Path

import click

from claimscope.store.interface import StoreInterface
from claimscope.store.versions.diff import diff_articles, diff_to_dict
from claimscope.tui.cli_common import UserError, db_option
from claimscope.tui.cli_output import format_option, json_out, out
from claimscope.tui.cli_store import open_store
from claimscope.tui.diff_lines import diff_lines, plain
from claimscope.tui.safe_text import one_line


@click.command("diff")
@click.argument("old_id", metavar="OLD")
@click.argument("new_id", metavar="[NEW]", required=False)
@format_option(("table", "json"), "table")
@db_option
def diff_command(old_id: str, new_id: str | None, fmt: str, db_path: Path | None) -> None:
    """Claims and statistics added, removed and changed between two articles, and the edited paragraphs.

    OLD and NEW are article ids or unique prefixes (as 'show' takes).  With one id, the article is
    compared with its previous version ('list' shows which articles have versions).

    Example: claimscope diff 3f9a1c2e
    """
    with open_store(db_path) as store:
        old, new = _pair(store, old_id, new_id)
        position = store.versions(new)
        diff = diff_articles(store.get_article(old), store.get_article(new))
    if fmt == "json":
        json_out(diff_to_dict(diff))
        return
    lines = [f"{old} → {new}" + _place(position, old, new)]
    if diff.is_empty:
        lines.append("no claim, statistic or paragraph changed")
    else:
        lines.extend(plain(line) for line in diff_lines(diff))
    out("\n".join(one_line(line) for line in lines) + "\n")


def _pair(store: StoreInterface, old_id: str, new_id: str | None) -> tuple[str, str]:
    """The two article ids to compare; with one, the article and its previous version."""
    old = store.resolve(old_id).article_id
    if new_id is not None:
        return old, store.resolve(new_id).article_id
    versions = store.versions(old)
    at = versions.index(old)
    if len(versions) == 1:
        raise UserError(f"article {old} has no other version in the store; give two ids to compare any two")
    if at == 0:
        raise UserError(f"article {old} is the first version; to compare it with the next: diff {old} {versions[1]}")
    return versions[at - 1], old


def _place(versions: list[str], old: str, new: str) -> str:
    """`` (versions 1 → 2 of 3)`` when both are versions of one story."""
    if old in versions and new in versions:
        return f" (versions {versions.index(old) + 1} → {versions.index(new) + 1} of {len(versions)})"
    return ""
