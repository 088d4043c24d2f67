"""Import web pages: a list of addresses in, fetched one by one and stored, each failure one entry.

Pages are fetched in turn, not in parallel: a list of addresses usually names several pages of the same
few sites, and one request at a time is the polite rate; the extraction of a page runs while nothing
else waits for it.  A page that cannot be fetched is a failure like a file that cannot be read: it is
listed in the summary and the others go on.

A file of addresses is given with ``--urls FILE`` rather than recognised among the paths: a ``.txt``
file is an article, and a list of addresses is itself plain text, so guessing would sometimes import
the list as an article or fetch the lines of an article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from claimscope.store.importer import ImportSummary, ReadDocument, import_documents
from claimscope.store.interface import StoreInterface
from claimscope.store.text import single_line
from claimscope.tui.url_fetch import FetchFailed, FetchLimits, fetch_page, is_web_address, web_client

COMMENT = "#"

Progress = Callable[[int, int], None]


@dataclass
class UrlList:
    """What a file of addresses holds: the addresses, and the lines that are not one (label, reason)."""

    urls: list[str] = field(default_factory=list)
    bad_lines: list[tuple[str, str]] = field(default_factory=list)


def failure_line(where: str, reason: str) -> str:
    """``where: reason`` in one line, without naming ``where`` twice (the extractor's reasons start with it)."""
    return single_line(reason if reason.startswith(where) else f"{where}: {reason}")


def read_url_list(text: str, name: str) -> UrlList:
    """One address a line; blank lines and lines starting with ``#`` are skipped, others are bad lines."""
    listed = UrlList()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(COMMENT):
            continue
        if is_web_address(line):
            listed.urls.append(line)
        else:
            listed.bad_lines.append((f"{name} line {number}", f"not an http:// or https:// address: {line}"))
    return listed


def import_urls(
    store: StoreInterface,
    urls: Sequence[str],
    limits: FetchLimits,
    *,
    summary: ImportSummary | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Fetch and import each address; failures (fetch or extraction) go into ``summary.failed``."""
    summary = summary if summary is not None else ImportSummary()
    unique = list(dict.fromkeys(url.strip() for url in urls))
    if progress:
        progress(0, len(unique))
    with web_client(limits) as client:

        def pages() -> Iterator[ReadDocument]:
            for done, url in enumerate(unique, start=1):
                try:
                    yield fetch_page(url, limits, client).document()
                except FetchFailed as error:
                    summary.failed.append((single_line(url), str(error)))
                if progress:
                    progress(done, len(unique))

        return import_documents(store, pages(), summary)
