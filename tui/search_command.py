"""``claimscope search``: fuzzy search over everything in the store."""

from __future__ import annotations

from pathlib import Path

import click

from claimscope.store.schema import KINDS
from claimscope.tui.cli_common import db_option
from claimscope.tui.cli_output import clip, format_option, listing
from claimscope.tui.cli_store import open_store


@click.command("search")
@click.argument("query")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Only items of this kind.")
@click.option(
    "--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="Most results to show."
)
@format_option(("table", "json"), "table")
@db_option
def search_command(query: str, kind: str | None, limit: int, fmt: str, db_path: Path | None) -> None:
    """Fuzzy-search articles, sections, claims, statistics and entities.

    Typos and any word order are welcome; the best matches come first, each with its id.

    Example: claimscope search "screenigs 2024" --kind statistic --format json
    """
    from claimscope.store.search import Hit, SearchIndex  # numpy and rapidfuzz load only when searching

    with open_store(db_path) as store:
        hits = SearchIndex.from_store(store).search(query, kind=kind, limit=limit)
    listing(
        fmt,
        hits,
        Hit.to_dict,
        ("KIND", "ID", "SCORE", "LABEL", "TEXT"),
        lambda h: (h.kind, h.id, f"{h.score:.1f}", clip(h.label, 24), h.text),
        "no matches",
    )
