"""The store's commands: import, search, mark, unmark, marks, export, list, show, remove.

Each command is thin (sqlite-utils style): open the store, call the ``claimscope.store`` API, format.
Tables are plain aligned text and every article string goes through ``one_line`` first, so text from an
article can never colour, move or rewrite the terminal; ``--format json`` is there for scripts.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

import click
import orjson

from claimscope.store.db import Store
from claimscope.store.errors import UnknownId
from claimscope.store.export import FORMATS, export_items, export_rows, write_export
from claimscope.store.importer import ImportSummary, import_paths
from claimscope.store.paths import default_store_path
from claimscope.store.schema import KINDS
from claimscope.tui.cli_common import UserError, db_option
from claimscope.tui.widgets.safe_text import one_line

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

TEXT_WIDTH_FLOOR = 20


# -- shared helpers --------------------------------------------------------------------------------


def _store_path(db_path: Path | None) -> Path:
    """``--db`` on the command, else ``--db`` on the group (``claimscope --db X list``), else the default."""
    if db_path is not None:
        return db_path
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        root_value = ctx.find_root().params.get("db_path")
        if isinstance(root_value, Path):
            return root_value
    return default_store_path()


@contextmanager
def _open_store(db_path: Path | None) -> Iterator[Store]:
    with Store(_store_path(db_path)) as store:
        yield store


def _format_option(
    choices: Sequence[str], default: str, help: str = "Output format (json for scripts)."
) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help=help,
    )


def _out(text: str) -> None:
    """Write to stdout as is (click.echo would strip escape sequences from JSON strings on a pipe)."""
    sys.stdout.write(text)
    sys.stdout.flush()


def _json_out(value: object) -> None:
    _out(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n")


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Plain aligned columns; the last column takes what is left of the terminal width on a terminal."""
    cells = [[one_line(str(c)) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for n, cell in enumerate(row[:-1]):
            widths[n] = max(widths[n], len(cell))
    limit: int | None = None
    if sys.stdout.isatty():
        used = sum(widths[:-1]) + 2 * (len(headers) - 1)
        limit = max(TEXT_WIDTH_FLOOR, shutil.get_terminal_size().columns - used)
    lines = []
    for row in [list(headers), *cells]:
        last = row[-1]
        if limit is not None and len(last) > limit:
            last = last[: limit - 1] + "…"
        padded = [cell.ljust(widths[n]) for n, cell in enumerate(row[:-1])]
        lines.append("  ".join([*padded, last]).rstrip())
    return "\n".join(lines) + "\n"


def _note(message: str) -> None:
    click.echo(message, err=True)


def _listing(
    fmt: str,
    items: Sequence[T],
    as_json: Callable[[T], object],
    headers: Sequence[str],
    as_row: Callable[[T], Sequence[object]],
    empty: str,
) -> None:
    """What the list-shaped commands print: JSON for scripts, else a table, or a note on stderr when empty."""
    if fmt == "json":
        _json_out([as_json(item) for item in items])
    elif not items:
        _note(empty)
    else:
        _out(_table(headers, [as_row(item) for item in items]))


# -- import ----------------------------------------------------------------------------------------


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Extraction processes (default: CPUs).")
@db_option
def import_command(paths: tuple[str, ...], workers: int | None, db_path: Path | None) -> int:
    """Import articles from files, folders (recursively), globs or - (stdin).

    Re-importing an article changes nothing; a bad file is reported and skipped. Exit status 1 when
    some files failed, 2 when a path does not exist (then nothing is imported).

    Example: claimscope import ~/clippings '*.html' -
    """
    with _open_store(db_path) as store:
        summary = _run_import(store, paths, workers)
    for path, reason in summary.failed:
        _note(f"claimscope: skipped {one_line(reason if reason.startswith(path) else f'{path}: {reason}')}")
    click.echo(summary.line())
    return 1 if summary.failed else 0


def _run_import(store: Store, paths: Sequence[str], workers: int | None) -> ImportSummary:
    if not sys.stderr.isatty():
        return import_paths(store, paths, workers=workers)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("import", total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return import_paths(store, paths, progress=report, workers=workers)


# -- search ----------------------------------------------------------------------------------------


@click.command("search")
@click.argument("query")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Only items of this kind.")
@click.option(
    "--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="Most results to show."
)
@_format_option(("table", "json"), "table")
@db_option
def search_command(query: str, kind: str | None, limit: int, fmt: str, db_path: Path | None) -> None:
    """Fuzzy-search articles, sections, claims, statistics and entities.

    Typos and any word order are welcome; the best matches come first, each with its id.

    Example: claimscope search "screenigs 2024" --kind statistic --format json
    """
    from claimscope.store.search import Hit, SearchIndex  # numpy and rapidfuzz load only when searching

    with _open_store(db_path) as store:
        hits = SearchIndex.from_store(store).search(query, kind=kind, limit=limit)
    _listing(
        fmt,
        hits,
        Hit.to_dict,
        ("KIND", "ID", "SCORE", "LABEL", "TEXT"),
        lambda h: (h.kind, h.id, f"{h.score:.1f}", _clip(h.label, 24), h.text),
        "no matches",
    )


def _clip(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


# -- marks -----------------------------------------------------------------------------------------


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
    with _open_store(db_path) as store:
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
    with _open_store(db_path) as store:
        store.unmark(store.marks() if everything else ids)
        total = len(store.marks())
    click.echo(f"{total} marked in all")


@click.command("marks")
@_format_option(("table", "json"), "table")
@db_option
def marks_command(fmt: str, db_path: Path | None) -> None:
    """List the marked items with their articles.

    Example: claimscope marks --format json | jq -r '.[].id'
    """
    with _open_store(db_path) as store:
        rows = export_rows(store, _ordered(store.marks()))
    _listing(
        fmt,
        rows,
        asdict,
        ("KIND", "ID", "ARTICLE", "TEXT"),
        lambda r: (r.kind, r.id, _clip(r.article_title or r.article_id, 32), r.text),
        "nothing is marked",
    )


def _ordered(ids: set[str]) -> list[str]:
    """Article by article, items in numeric order (c2 before c10)."""

    def key(item_id: str) -> tuple[str, str, int, str]:
        article, _, rest = item_id.partition(":")
        letters = rest.rstrip("0123456789")
        digits = rest[len(letters) :]
        return article, letters, int(digits) if digits else -1, rest

    return sorted(ids, key=key)


# -- export ----------------------------------------------------------------------------------------


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
@_format_option(FORMATS, "json", help="Export format (see above).")
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
    with _open_store(db_path) as store:
        if query is not None:
            from claimscope.store.search import SearchIndex

            hits = SearchIndex.from_store(store).search(query, kind=kind, limit=limit)
            ids = [h.id for h in hits]
            empty = f"no items match {query!r}"
        else:
            ids = [i for i in _ordered(store.marks()) if kind is None or store.resolve(i).kind == kind]
            empty = "nothing to export: no items are marked" + (f" of kind {kind}" if kind else "")
        if not ids:
            raise UserError(empty)
        text = export_items(store, ids, fmt)
    if target is None:
        _out(text)
        return
    write_export(text, target, force=force)
    _note(f"wrote {len(ids)} item(s) to {target}")


# -- list, show, remove ----------------------------------------------------------------------------


@click.command("list")
@_format_option(("table", "json"), "table")
@db_option
def list_command(fmt: str, db_path: Path | None) -> None:
    """List the articles in the store, newest first.

    Example: claimscope list --format json | jq length
    """
    with _open_store(db_path) as store:
        summaries = store.article_summaries()
    _listing(
        fmt,
        summaries,
        asdict,
        ("ID", "PUBLISHED", "CLAIMS", "STATS", "TITLE"),
        lambda s: (s.id, (s.published or "-")[:10], s.n_claims, s.n_statistics, s.title or s.source or "(untitled)"),
        "the store is empty; add articles with 'claimscope import PATH'",
    )


@click.command("show")
@click.argument("item_id", metavar="ID")
@_format_option(("text", "json"), "text")
@db_option
def show_command(item_id: str, fmt: str, db_path: Path | None) -> None:
    """Print one article (by article id, unique prefix, or the id of any of its items).

    Example: claimscope show 3f9a1c2e
    """
    with _open_store(db_path) as store:
        ref = store.resolve(item_id)
        article = store.get_article(ref.article_id)
    if fmt == "json":
        _json_out(article.to_dict())
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
    _out("\n".join(one_line(line) for line in lines) + "\n")


@click.command("remove")
@click.argument("ids", nargs=-1, required=True)
@db_option
def remove_command(ids: tuple[str, ...], db_path: Path | None) -> None:
    """Delete articles with their sections, claims, statistics, entities and marks.

    Example: claimscope remove 3f9a1c2e
    """
    with _open_store(db_path) as store:
        try:
            removed = store.remove_articles(ids)
        except UnknownId as exc:
            raise UserError(f"{exc} (nothing was removed)") from None
    click.echo(f"removed {removed} article(s)")


COMMANDS: list[click.Command] = [
    import_command,
    search_command,
    mark_command,
    unmark_command,
    marks_command,
    export_command,
    list_command,
    show_command,
    remove_command,
]
