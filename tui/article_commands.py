"""``claimscope list``, ``show`` and ``remove``: the articles in the store."""

from __future__ import annotations

from pathlib import Path

import click

from claimscope.store.entries import N_CLAIMS, N_SECTIONS, N_STATISTICS, PUBLISHED, SOURCE, TITLE, Row
from claimscope.store.errors import UnknownId
from claimscope.store.storage import gc_paused
from claimscope.tui.cli_common import UserError, db_option
from claimscope.tui.cli_output import format_option, json_out, note, out, table
from claimscope.tui.cli_store import open_store
from claimscope.tui.safe_text import one_line
from claimscope.tui.version_label import rank_label


@click.command("list")
@format_option(("table", "json"), "table")
@db_option
def list_command(fmt: str, db_path: Path | None) -> None:
    """List the articles in the store, newest first.

    Example: claimscope list --format json | jq length
    """
    with gc_paused():
        _list_articles(fmt, db_path)


def _list_articles(fmt: str, db_path: Path | None) -> None:
    """Everything ``list`` makes (a million parsed values at 100,000 articles, none of them cyclic) is made and
    freed here, while the cyclic collector is paused: freed before it runs again, they are never scanned."""
    with open_store(db_path) as store:
        rows = store.summary_rows()  # the manifest's rows as parsed: no object per article (100,000 rows)
        ranks = store.version_ranks(rows)
    _print_list(fmt, rows, ranks)


def _print_list(fmt: str, rows: list[tuple[str, Row]], ranks: dict[str, tuple[int, int]]) -> None:
    if fmt == "json":
        json_out([_summary_json(item, ranks.get(item[0], (1, 1))) for item in rows])
    elif not rows:
        note("the store is empty; add articles with 'claimscope import PATH'")
    else:
        cells = [
            (
                article_id,
                (row[PUBLISHED] or "-")[:10],
                str(row[N_CLAIMS] or 0),
                str(row[N_STATISTICS] or 0),
                _title_cell(row[TITLE] or row[SOURCE] or "(untitled)", ranks.get(article_id)),
            )
            for article_id, row in rows
        ]
        out(table(("ID", "PUBLISHED", "CLAIMS", "STATS", "TITLE"), cells))


def _title_cell(title: str, rank: tuple[int, int] | None) -> str:
    """The title, and on an article with versions which one it is ("2 versions" on the newest)."""
    label = rank_label(*rank) if rank else None
    return f"{title}  ({label})" if label else title


def _summary_json(item: tuple[str, Row], rank: tuple[int, int]) -> dict[str, object]:
    """What ``list --format json`` prints of an article: the fields of ``ArticleSummary``."""
    article_id, row = item
    return {
        "id": article_id,
        "title": row[TITLE],
        "published": row[PUBLISHED],
        "source": row[SOURCE],
        "n_sections": row[N_SECTIONS] or 0,
        "n_claims": row[N_CLAIMS] or 0,
        "n_statistics": row[N_STATISTICS] or 0,
        "version": rank[0],
        "versions": rank[1],
    }


@click.command("show")
@click.argument("item_id", metavar="ID")
@format_option(("text", "json"), "text")
@db_option
def show_command(item_id: str, fmt: str, db_path: Path | None) -> None:
    """Print one article (by article id, unique prefix, or the id of any of its items).

    Example: claimscope show 3f9a1c2e
    """
    with open_store(db_path) as store:
        ref = store.resolve(item_id)
        article = store.get_article(ref.article_id)
        versions = store.versions(article.id)
    if fmt == "json":
        json_out(article.to_dict())
        return
    lines = [f"{article.title or '(untitled)'}", f"id: {article.id}"]
    for label, value in (
        ("published", article.published),
        ("author", article.author),
        ("location", article.location),
        ("source", article.source),
    ):
        if value:
            lines.append(f"{label}: {value}")
    if len(versions) > 1:
        place = versions.index(article.id) + 1
        pair = article.id[:8] if place > 1 else f"{article.id[:8]} {versions[1][:8]}"
        lines.append(f"version: {place} of {len(versions)} (claimscope diff {pair} shows what changed)")
    for section in article.sections:
        lines.extend(["", f"## {section.heading or '(opening)'}  [{section.id}]"])
        lines.extend(f"  {block.kind}: {block.text}" for block in section.blocks)
    if article.claims:
        lines.extend(["", "Claims:"])
        lines.extend(f"  [{c.id}] {c.speaker or 'unattributed'} ({c.cue}): {c.text}" for c in article.claims)
    if article.statistics:
        lines.extend(["", "Statistics:"])
        for s in article.statistics:
            what = "; ".join(p for p in (s.measure, s.unit, s.period) if p)
            lines.append(f"  [{s.id}] {s.raw}" + (f" ({what})" if what else ""))
    if article.entities:
        lines.extend(["", "Entities:"])
        for e in article.entities:
            aliases = f" ({', '.join(e.aliases)})" if e.aliases else ""
            lines.append(f"  [{e.id}] {e.kind}: {e.name}{aliases}")
    out("\n".join(one_line(line) for line in lines) + "\n")


@click.command("remove")
@click.argument("ids", nargs=-1, required=True)
@db_option
def remove_command(ids: tuple[str, ...], db_path: Path | None) -> None:
    """Delete articles with their sections, claims, statistics, entities and marks.

    Example: claimscope remove 3f9a1c2e
    """
    with open_store(db_path) as store:
        try:
            removed = store.remove_articles(ids)
        except UnknownId as exc:
            raise UserError(f"{exc} (nothing was removed)") from None
        if removed:
            from claimscope.store.search.persisted import update_index

            update_index(store)
    click.echo(f"removed {removed} article(s)")
