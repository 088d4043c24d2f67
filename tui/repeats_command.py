"""``claimscope repeats``: claims made again across articles, grouped, first appearance first."""

from __future__ import annotations

from pathlib import Path

import click

from claimscope.tui.cli_common import db_option
from claimscope.tui.cli_output import clip, format_option, json_out, note, out, table
from claimscope.tui.cli_store import open_store

HEADERS = ("GROUP", "SIZE", "ROLE", "ID", "PUBLISHED", "SPEAKER", "CLAIM")


@click.command("repeats")
@click.option(
    "--min-size",
    type=click.IntRange(2, None),
    default=2,
    show_default=True,
    help="Only groups of at least this many articles.",
)
@format_option(("table", "json"), "table")
@db_option
def repeats_command(min_size: int, fmt: str, db_path: Path | None) -> None:
    """List claims that are made again in other articles, in the same or other words.

    Each group starts with the claim's first appearance (earliest published, undated last) and lists
    every later one with its speaker: who repeated it. Numbers must agree ("1.7 million" and
    "1,700,000" do; 1.7 and 1.8 million never), and a negated or forecast claim never groups with a plain
    one. Groups are kept beside the store (STORE.repeats.json) until an import or a removal changes it.

    Example: claimscope repeats --min-size 3 --format json
    """
    from claimscope.store.repeats.corpus import store_repeats  # rapidfuzz and numpy load only here

    with open_store(db_path) as store:
        groups = [g for g in store_repeats(store) if g.size >= min_size]
    if fmt == "json":
        json_out([g.to_dict() for g in groups])
        return
    if not groups:
        note("no repeated claims")
        return
    rows = [
        (
            str(number) if role == "first" else "",
            str(group.size) if role == "first" else "",
            role,
            member.id,
            member.published or "undated",
            clip(member.speaker or "-", 28),
            member.text,
        )
        for number, group in enumerate(groups, start=1)
        for role, member in [("first", group.first), *(("repeat", r) for r in group.repeats)]
    ]
    out(table(HEADERS, rows))
