"""``claimscope figures``: statistics grouped by what they count, and the ones that disagree.

How measures are grouped and what counts as a conflict: ``store/across/figures.py`` and docs/across.md.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from claimscope.tui.cli_common import db_option
from claimscope.tui.cli_output import clip, format_option, json_out, listing, note, out, table


@click.command("figures")
@click.option("--conflicts", is_flag=True, help="Only measures whose figures disagree for one period.")
@click.option("--measure", metavar="TEXT", default=None,
              help="Only measures whose words hold TEXT (however many articles report them).")
@click.option("--all", "every", is_flag=True, help="Also measures that only one article reports.")
@format_option(("table", "json"), "table")
@db_option
def figures_command(conflicts: bool, measure: str | None, every: bool, fmt: str, db_path: Path | None) -> None:
    """List figures grouped by measure and unit, conflicts first; with --measure, every figure of them.

    Without --measure or --all, only measures that more than one article reports are listed.

    A conflict is one measure, unit and period with figures from different articles that differ by more
    than rounding and "about" allow (docs/across.md). JSON gives every group with its figures.

    Example: claimscope figures --conflicts --measure "flood warnings"
    """
    from claimscope.tui.across_cli import across_index, date_of
    from claimscope.tui.cli_store import open_store

    with open_store(db_path) as store, across_index(store) as index:
        groups = index.groups(conflicts_only=conflicts, measure=measure, shared_only=not (every or measure))
        with_figures = fmt == "json" or measure is not None
        figures = {g.key: index.figures(g.key) for g in groups} if with_figures else {}
    if fmt == "json":
        json_out([_group_json(asdict(g), [asdict(f) for f in figures[g.key]]) for g in groups])
        return
    if measure is None or not groups:
        listing(
            fmt,
            groups,
            asdict,
            ("CONFLICTS", "FIGURES", "ARTICLES", "PERIODS", "UNIT", "MEASURE"),
            lambda g: (str(g.n_conflicts or "-"), str(g.n_figures), str(g.n_articles), str(g.n_periods),
                       g.unit or "-", g.measure),
            "no figures match" if (conflicts or measure or every)
            else "no measure is reported by more than one article; --all lists every one",
        )
        return
    rows = []
    for group in groups:
        for f in figures[group.key]:
            rows.append((
                "!" if f.conflict else "", clip(group.measure, 30), group.unit or "-", f.period or "-",
                f.raw, date_of(f.published), f.stat_id, f.title or f.article_id,
            ))
    out(table(("", "MEASURE", "UNIT", "PERIOD", "FIGURE", "DATE", "ID", "ARTICLE"), rows))
    if any(g.n_conflicts for g in groups):
        note("! marks a period whose figures disagree between articles")


def _group_json(group: dict[str, Any], figures: list[dict[str, Any]]) -> dict[str, Any]:
    return {**group, "figures": figures}
