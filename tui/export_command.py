"""``claimscope export``: marked items or search results as citable evidence (json, csv, md, ClaimReview)."""

from __future__ import annotations

from pathlib import Path

import click

from claimscope.store.export import FORMATS, export_items, write_export
from claimscope.store.schema import KINDS
from claimscope.tui.cli_common import UserError, db_option
from claimscope.tui.cli_output import format_option, note, out
from claimscope.tui.cli_store import in_item_order, open_store


@click.command("export")
@click.option("--marked", is_flag=True, help="Export the marked items (the default).")
@click.option("--query", "-q", default=None, help="Export the search results for this query instead.")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Only items of this kind.")
@click.option(
    "--limit",
    type=click.IntRange(1, 100_000),
    default=200,
    show_default=True,
    help="Most search results to export with --query.",
)
@format_option(FORMATS, "json", help_text="Export format (see above).")
@click.option("-o", "--output", default=None, help="File to write (default or '-': stdout).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@db_option
def export_command(
    marked: bool,
    query: str | None,
    kind: str | None,
    limit: int,
    fmt: str,
    output: str | None,
    force: bool,
    db_path: Path | None,
) -> None:
    """Export items with their article, date, speaker, section and source sentence, ready to cite.

    Formats: json, jsonl, csv (safe in spreadsheets), md (evidence sheet), claimreview (schema.org
    ClaimReview JSON-LD drafts, rating left for you).

    Example: claimscope export --marked --format md -o evidence.md
    """
    if marked and query is not None:
        raise UserError("use either --marked or --query, not both")
    target = None if output in (None, "-") else Path(output)
    if target is not None and target.exists() and not force:
        raise UserError(f"{target} already exists; use --force to overwrite it")
    with open_store(db_path) as store:
        if query is not None:
            from claimscope.store.search.persisted import open_index

            hits = open_index(store).search(query, kind=kind, limit=limit)
            ids = list(dict.fromkeys(h.id for h in hits))  # a section's passages share its id
            empty = f"no items match {query!r}"
        else:
            ids = [i for i in in_item_order(store.marks()) if kind is None or store.resolve(i).kind == kind]
            empty = "nothing to export: no items are marked" + (f" of kind {kind}" if kind else "")
        if not ids:
            raise UserError(empty)
        text = export_items(store, ids, fmt)
    if target is None:
        out(text)
        return
    write_export(text, target, force=force)
    note(f"wrote {len(ids)} item(s) to {target}")
