"""``claimscope mark``, ``unmark`` and ``marks``: the items chosen for export, kept beside the store."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from claimscope.store.export import export_rows
from claimscope.tui.cli_common import UserError, db_option
from claimscope.tui.cli_output import clip, format_option, listing
from claimscope.tui.cli_store import in_item_order, open_store


@click.command("mark")
@click.argument("ids", nargs=-1, required=True)
@db_option
def mark_command(ids: tuple[str, ...], db_path: Path | None) -> None:
    """Mark items for export (marks are kept in the store).

    IDS are article ids (or a unique prefix) and item ids: ARTICLE:sN for sections, :cN for claims, :nN
    for statistics, :eN for entities, as search, show and list print them. When any id is unknown, nothing
    is marked.

    Example: claimscope mark 3f9a1c2e7b5d4a10:c3 3f9a1c2e7b5d4a10:n1
    """
    with open_store(db_path) as store:
        store.mark(ids)
        total = len(store.marks())
    click.echo(f"marked {len(set(ids))} item(s); {total} marked in all")


@click.command("unmark")
@click.argument("ids", nargs=-1)
@click.option("--all", "everything", is_flag=True, help="Ignore IDS and clear every mark.")
@db_option
def unmark_command(ids: tuple[str, ...], everything: bool, db_path: Path | None) -> None:
    """Remove marks from items.

    Example: claimscope unmark 3f9a1c2e7b5d4a10:c3
    """
    if not ids and not everything:
        raise UserError("give the ids to unmark, or --all")
    with open_store(db_path) as store:
        store.unmark(store.marks() if everything else ids)
        total = len(store.marks())
    click.echo(f"{total} marked in all")


@click.command("marks")
@format_option(("table", "json"), "table")
@db_option
def marks_command(fmt: str, db_path: Path | None) -> None:
    """List the marked items with their articles.

    Example: claimscope marks --format json | jq -r '.[].id'
    """
    with open_store(db_path) as store:
        rows = export_rows(store, in_item_order(store.marks()))
    listing(
        fmt,
        rows,
        asdict,
        ("KIND", "ID", "ARTICLE", "TEXT"),
        lambda r: (r.kind, r.id, clip(r.article_title or r.article_id, 32), r.text),
        "nothing is marked",
    )
