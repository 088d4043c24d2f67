"""``claimscope import``: files, folders, globs and stdin into the store, with a progress bar on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from claimscope.store.importer import ImportSummary, import_paths
from claimscope.store.interface import StoreInterface
from claimscope.store.search.persisted import update_index
from claimscope.tui.cli_common import db_option
from claimscope.tui.cli_output import note
from claimscope.tui.cli_store import open_store
from claimscope.tui.safe_text import one_line


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
    with open_store(db_path) as store:
        summary = _run_import(store, paths, workers)
        if summary.imported:
            update_index(store)
    for path, reason in summary.failed:
        note(f"claimscope: skipped {one_line(reason if reason.startswith(path) else f'{path}: {reason}')}")
    click.echo(summary.line())
    return 1 if summary.failed else 0


def _run_import(store: StoreInterface, paths: Sequence[str], workers: int | None) -> ImportSummary:
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
