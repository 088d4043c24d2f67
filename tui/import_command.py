"""``claimscope import``: files, folders, globs, stdin and web pages into the store, with a progress bar on a
terminal.

An argument starting with ``http://`` or ``https://`` is fetched (``url_import``), everything else is a
path; ``--urls FILE`` reads addresses one a line.  Files are imported first, then pages, into one summary.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click

from claimscope.store.importer import ImportSummary, import_paths
from claimscope.store.interface import StoreInterface
from claimscope.store.search.persisted import update_index
from claimscope.tui.cli_common import UserError, db_option
from claimscope.tui.cli_output import note
from claimscope.tui.cli_store import open_store
from claimscope.tui.safe_text import one_line
from claimscope.tui.url_fetch import DEFAULT_TIMEOUT, FetchLimits, is_web_address
from claimscope.tui.url_import import UrlList, failure_line, import_urls, read_url_list

Progress = Callable[[int, int], None]


@click.command("import")
@click.argument("paths", nargs=-1)
@click.option(
    "--urls",
    "url_files",
    multiple=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=str),
    help="A file of web addresses, one a line (# starts a comment; - reads stdin). Repeatable.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to wait for a web page before giving up on it.",
)
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Extraction processes (default: CPUs).")
@db_option
def import_command(
    paths: tuple[str, ...], url_files: tuple[str, ...], timeout: float, workers: int | None, db_path: Path | None
) -> int:
    """Import articles from files, folders (recursively), globs, - (stdin) or web addresses.

    A PATH starting with http:// or https:// is fetched (HTML, Markdown or plain text pages only, at most
    16 MiB, 10 redirects); the address after redirects is the article's source. Re-importing an article
    changes nothing; a bad file or page is reported and skipped. Exit status 1 when some inputs failed,
    2 when a path does not exist (then nothing is imported).

    Example: claimscope import ~/clippings '*.html' https://example.org/story --urls links.txt
    """
    if not paths and not url_files:
        raise click.UsageError("give a path, a web address or --urls FILE")
    if "-" in paths and "-" in url_files:
        raise click.UsageError("standard input can be read once: give - as a path or to --urls, not both")
    listed = _read_url_files(url_files)
    urls = [p for p in paths if is_web_address(p)] + listed.urls
    files = [p for p in paths if not is_web_address(p)]
    with open_store(db_path) as store:
        summary = _run_import(store, files, workers) if files else ImportSummary()
        summary.failed.extend(listed.bad_lines)
        if urls:
            with _progress_bar("fetching") as report:
                import_urls(store, urls, FetchLimits(timeout=timeout), summary=summary, progress=report)
        if summary.imported:
            update_index(store)
    for path, reason in summary.failed:
        note(f"claimscope: skipped {one_line(failure_line(path, reason))}")
    click.echo(summary.line())
    return 1 if summary.failed else 0


def _read_url_files(names: Sequence[str]) -> UrlList:
    """Every address of every ``--urls`` file; a file that cannot be read stops the command (exit 2)."""
    combined = UrlList()
    for name in names:
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).expanduser().read_bytes()
            text = data.decode("utf-8-sig")
        except OSError as error:
            raise UserError(f"{name}: cannot read the list of addresses ({error.strerror or error})") from None
        except UnicodeDecodeError:
            raise UserError(f"{name}: the list of addresses is not UTF-8 text") from None
        listed = read_url_list(text, "<stdin>" if name == "-" else name)
        combined.urls.extend(listed.urls)
        combined.bad_lines.extend(listed.bad_lines)
    return combined


def _run_import(store: StoreInterface, paths: Sequence[str], workers: int | None) -> ImportSummary:
    with _progress_bar("importing") as report:
        return import_paths(store, paths, progress=report, workers=workers)


@contextmanager
def _progress_bar(label: str) -> Iterator[Progress | None]:
    """A progress reporter drawing a bar on stderr when it is a terminal, else ``None`` (nothing drawn)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as ProgressDisplay

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with ProgressDisplay(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield report
