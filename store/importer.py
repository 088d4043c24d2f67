"""Import articles from files, folders, globs and standard input into a store.

Extraction is pure and CPU-bound, so large batches run in worker processes (one per core).  A worker also
does the store's per-article work (compacting, counting, serialising with orjson) and returns a
``PreparedArticle`` whose document is already bytes: pickling those is nearly free, where pickling
``Article.to_dict()`` meant hundreds of small objects per article, and the parent, which competes with the
workers for the same cores, only joins bytes.  This process is the only writer and stores the results in
batches, each one transaction under the store's lock (a new segment, then the manifest).  A crash loses
at most the batch in flight, never what was stored before.  The lock is taken per batch, not for the
whole import, so an explorer can still mark items meanwhile.
"""

from __future__ import annotations

import glob
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from claimscope.extract.errors import InputRefused
from claimscope.extract.model import Article
from claimscope.store.errors import InputMissing, SampleImportFailed, StoreError
from claimscope.store.interface import StoreInterface
from claimscope.store.records import PreparedArticle, prepare_article
from claimscope.store.text import single_line

ARTICLE_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
SAMPLE_EXTENSIONS = (".txt", ".md", ".html")
BATCH_SIZE = 500
BATCH_GROWTH = 0.1
"""A batch also waits until it is this share of the articles already stored: every write replaces the
manifest (about 250 bytes per stored article), so fixed batches would make the manifest bytes an import
writes grow with the square of its size; with this share they stay about ten times the final manifest,
and a crash loses at most the batch in flight.  The documents themselves go into new segments, which
compaction merges in O(n log n) bytes (``segments.py``)."""
CHUNK_SIZE = 16
"""Files sent to a worker at a time: fewer round trips between the processes than one file per task."""
PARALLEL_THRESHOLD = 16
"""Below this many files, starting worker processes costs more than it saves."""
GLOB_CHARS = frozenset("*?[")

Progress = Callable[[int, int], None]


@dataclass
class ImportSummary:
    imported: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    """Ids of the articles imported or found unchanged, in input order (the explorer shows the one it asked for)."""
    versions: int = 0
    """Of the imported, how many are later versions of stored articles (``store/versions/``)."""

    def line(self) -> str:
        """The one-line summary the command prints."""
        linked = f" ({self.versions} as a new version)" if self.versions else ""
        return f"imported {self.imported}{linked}, unchanged {self.unchanged}, failed {len(self.failed)}"


def collect_inputs(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Expand folders (recursively, by extension) and globs; ``-`` stays as is.

    A path that does not exist or a glob that matches nothing raises ``InputMissing`` before anything is
    read, so a typo on the command line writes nothing.
    """
    found: list[str] = []
    for raw in paths:
        text = os.fspath(raw)
        if text == "-":
            found.append(text)
            continue
        if GLOB_CHARS & set(text) and not os.path.exists(text):
            matches = sorted(glob.glob(os.path.expanduser(text), recursive=True))
            if not matches:
                raise InputMissing(f"{text}: no file matches this pattern")
            for match in matches:
                found.extend(_expand_one(Path(match), explicit=False))
            continue
        path = Path(text).expanduser()
        if not path.exists():
            raise InputMissing(f"{text}: no such file or folder")
        found.extend(_expand_one(path, explicit=True))
    return list(dict.fromkeys(found))


def _expand_one(path: Path, *, explicit: bool) -> list[str]:
    if path.is_dir():
        return sorted(str(p) for p in path.rglob("*") if p.suffix.lower() in ARTICLE_EXTENSIONS and p.is_file())
    if explicit or path.suffix.lower() in ARTICLE_EXTENSIONS:
        return [str(path)]
    return []


# -- extraction (runs in worker processes) ---------------------------------------------------------

Outcome = tuple[str, PreparedArticle | None, str | None]


def _extract_path(path: str) -> Outcome:
    """Read and extract one file; never raises for bad input (the reason comes back instead)."""
    from claimscope.extract.reading import read_source

    try:
        data, source = read_source(path)
    except InputRefused as exc:
        return path, None, single_line(str(exc))
    return _extract_data(data, source)


def _extract_data(data: bytes, source: str, content_type: str | None = None) -> Outcome:
    from claimscope.extract.pipeline import extract_bytes

    try:
        return source, prepare_article(extract_bytes(data, source=source, content_type=content_type)), None
    except Exception as exc:
        return source, None, _refusal(exc)


def _refusal(exc: Exception) -> str:
    """Why an input was not imported, in one line; an extractor bug must not stop the other files."""
    if isinstance(exc, InputRefused):
        return single_line(str(exc))
    return single_line(f"extraction failed: {type(exc).__name__}: {exc}")


def _outcomes(inputs: list[str], workers: int) -> Iterator[Outcome]:
    """Extraction results as they finish, in worker processes when there are enough files."""
    stdin_items = [p for p in inputs if p == "-"]
    files = [p for p in inputs if p != "-"]
    for _ in stdin_items[:1]:
        from claimscope.extract.reading import read_source

        try:
            data, source = read_source("-")
        except InputRefused as exc:
            yield "-", None, single_line(str(exc))
        else:
            yield _extract_data(data, source)
    if workers <= 1 or len(files) < PARALLEL_THRESHOLD:
        for path in files:
            yield _extract_path(path)
        return
    chunk = max(1, min(CHUNK_SIZE, len(files) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=_process_context()) as pool:
        results = pool.map(_extract_path, files, chunksize=chunk)
        try:
            yield from results
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _process_context() -> multiprocessing.context.BaseContext:
    """Fork is cheapest, but forking a process that runs threads (the explorer) can deadlock: spawn then."""
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def import_paths(
    store: StoreInterface,
    paths: Sequence[str | os.PathLike[str]],
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ImportSummary:
    """Import every article under ``paths``; bad files are listed in ``failed`` and skipped.

    ``progress(done, total)`` is called after each file (the command line draws a bar with it).
    ``workers`` defaults to the number of CPUs; 1 extracts in this process.
    """
    inputs = collect_inputs(paths)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    total = len(inputs)
    if progress:
        progress(0, total)
    return _store_outcomes(store, _outcomes(inputs, workers), ImportSummary(), progress, total)


def _store_outcomes(
    store: StoreInterface,
    outcomes: Iterable[Outcome],
    summary: ImportSummary,
    progress: Progress | None = None,
    total: int = 0,
) -> ImportSummary:
    """Store the extracted articles in batches as they come and list the failures in ``summary``.

    The store's size is asked once and then counted up from what each batch imported: on PostgreSQL a
    size is a ``count(*)`` over every article, too dear to ask after each file of a large import.
    """
    batch: list[PreparedArticle] = []
    stored = store.size()
    for done, (path, prepared, error) in enumerate(outcomes, start=1):
        if prepared is None:
            summary.failed.append((path, error or "could not be imported"))
        else:
            batch.append(prepared)
        if len(batch) >= max(BATCH_SIZE, BATCH_GROWTH * stored):
            stored += _store_batch(store, batch, summary)
        if progress:
            progress(done, total)
    _store_batch(store, batch, summary)
    return summary


@dataclass(frozen=True, slots=True)
class ReadDocument:
    """An article's bytes already read from somewhere other than a file: a web page, say.

    ``source`` is what the article will cite (a page's final address); ``content_type`` is the
    ``Content-Type`` the bytes came with, if any, which declares their format and charset.
    """

    data: bytes
    source: str
    content_type: str | None = None


def import_documents(
    store: StoreInterface, documents: Iterable[ReadDocument], summary: ImportSummary | None = None
) -> ImportSummary:
    """Extract and store documents one at a time as ``documents`` yields them, in this process.

    For inputs that arrive slowly (pages fetched one by one), where worker processes would only wait:
    each is extracted as soon as it is read and the batches are stored as they fill, so an interrupted
    run keeps what it stored.  Failures are added to ``summary`` (which the caller may already have
    filled with its own, such as pages that could not be fetched) and the others go on.
    """
    outcomes = (_extract_data(d.data, d.source, d.content_type) for d in documents)
    return _store_outcomes(store, outcomes, summary if summary is not None else ImportSummary())


def _store_batch(store: StoreInterface, batch: list[PreparedArticle], summary: ImportSummary) -> int:
    """Store and clear ``batch``; how many of its articles were new."""
    if not batch:
        return 0
    result = store.add_prepared(batch)
    summary.imported += result.imported
    summary.unchanged += result.unchanged
    summary.articles.extend(prepared.id for prepared in batch)
    summary.versions += result.versions
    batch.clear()
    return result.imported


def import_samples(store: StoreInterface) -> ImportSummary:
    """Import the sample articles shipped inside the package (works from a wheel, not only a checkout).

    The explorer calls this on its first run, in a worker: any failure becomes ``SampleImportFailed``, whose
    message says what went wrong; the explorer adds what to do about it.
    """
    from claimscope.extract.pipeline import extract_bytes

    articles: list[Article] = []
    root = resources.files("claimscope.data")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.is_file() or not entry.name.endswith(SAMPLE_EXTENSIONS):
            continue
        try:
            articles.append(extract_bytes(entry.read_bytes(), source=f"sample:{entry.name}"))
        except Exception as exc:
            reason = f"sample {entry.name} could not be read: {_refusal(exc)}"
            raise SampleImportFailed(reason) from exc
    try:
        result = store.add_articles(articles)
    except StoreError as exc:
        raise SampleImportFailed(single_line(str(exc))) from exc
    return ImportSummary(imported=result.imported, unchanged=result.unchanged)

