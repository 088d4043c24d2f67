"""PostgreSQL store benchmark, the embedded store measured beside it in the same run.

Run:  python bench/postgres_bench.py --server postgresql://postgres@127.0.0.1:5432/postgres
      python bench/postgres_bench.py --sizes 1000 --clients 4 --seconds 5     (a quick check)

Without ``--server`` (or ``$CLAIMSCOPE_TEST_PG``) a throwaway server is started as the tests do
(tests/postgres_server.py) and stopped at the end.  The corpus is search_bench's generated store (cached
under /tmp/claimscope-bench); its PostgreSQL copy is kept in a database named after the size
(``claimscope_bench_<n>``), so a second run only measures.  Printed, per size:

* bulk import: articles/s into PostgreSQL (``copy_store``: batched ``INSERT ... ON CONFLICT`` and ``COPY``,
  search rows computed in this process) beside the embedded store's ``add_prepared`` of the same documents
  (its search index is built afterwards, not counted); the search rows' own rate per core and the write
  rate that leaves; and the extraction-bound figure (the real extractor, one process);
* search: in-database query p50/p95 (``DatabaseSearch``) and the embedded index's, the share of
  search_bench's typo queries whose intended item is in the top 3 on each, and whole
  ``claimscope --db URL search`` processes p50/p95;
* list/show/mark in-process medians, and whole ``claimscope --db URL list`` processes;
* ``--clients`` threads, each its own connection, importing new articles and marking their items for
  ``--seconds``: rows lost or duplicated (must be 0) and the p95 latency of one operation.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import orjson
import psycopg

from claimscope.bench.corpus import make_article
from claimscope.bench.search_bench import bench_queries, cached_store, percentile, shown_ids
from claimscope.bench.store_bench import variant
from claimscope.extract.pipeline import extract_bytes
from claimscope.store.copying import copy_store
from claimscope.store.db import Store
from claimscope.store.postgres.search import unit_rows
from claimscope.store.postgres.store import PostgresStore
from claimscope.store.records import PreparedArticle, prepare_article, summary_of
from claimscope.store.search.persisted import open_index

ROOT = Path(__file__).resolve().parent.parent
TIMED_PROCESSES = 10
EXTRACT_SAMPLE = 60
ROWS_SAMPLE = 300


def database_url(server: str, name: str) -> str:
    return server.rsplit("/", 1)[0] + "/" + name


def ensure_database(server: str, name: str, rebuild: bool) -> str:
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and rebuild:
            connection.execute(f"DROP DATABASE {name} WITH (FORCE)")  # a name this script made, not input
            exists = None
        if not exists:
            connection.execute(f"CREATE DATABASE {name}")
    return database_url(server, name)


def timed(function: Any, *args: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def bench_import(embedded: Store, url: str, n: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    with PostgresStore(url) as shared:
        if shared.size() < n:
            seconds, summary = timed(copy_store, embedded, shared)
            result["pg_import_rate"] = summary.copied / seconds
            result["pg_import_seconds"] = seconds
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "store.json") as fresh:
        seconds, summary = timed(copy_store, embedded, fresh)
        result["embedded_import_rate"] = summary.copied / seconds
    sample = list(embedded.documents(list(embedded.records("articles"))[:ROWS_SAMPLE]))
    seconds, _ = timed(lambda: [list(unit_rows(a, d, set())) for a, d in sample])
    rows_rate = len(sample) / seconds
    result["search_rows_rate_per_core"] = rows_rate
    if "pg_import_rate" in result:  # what is left when the search rows are computed elsewhere (in workers)
        result["pg_write_rate"] = 1 / max(1e-9, 1 / result["pg_import_rate"] - 1 / rows_rate)
    texts = [make_article(seed).encode() for seed in range(EXTRACT_SAMPLE)]
    seconds, _ = timed(lambda: [prepare_article(extract_bytes(t, source=f"b{i}.txt")) for i, t in enumerate(texts)])
    result["extract_rate_per_core"] = EXTRACT_SAMPLE / seconds
    result["cores"] = os.cpu_count() or 1
    return result


def bench_search(embedded: Store, url: str, n: int) -> dict[str, Any]:
    queries = bench_queries(n)
    index = open_index(embedded)
    result: dict[str, Any] = {"queries": len(queries)}
    with PostgresStore(url) as shared:
        searcher = shared.searcher()
        for name, engine in (("pg", searcher), ("embedded", index)):
            times: list[float] = []
            found = 0
            for query in queries:
                seconds, hits = timed(lambda q=query.text, e=engine: e.search(q, limit=3))
                times.append(seconds)
                found += query.intended in shown_ids(hits)
            result[f"{name}_p50"] = percentile(times, 0.5)
            result[f"{name}_p95"] = percentile(times, 0.95)
            result[f"{name}_top3"] = found / len(queries)
    times = []
    for query in queries[:TIMED_PROCESSES]:
        seconds, _ = timed(run_cli, url, "search", query.text, "--limit", "3")
        times.append(seconds)
    result["cli_search_p50"] = percentile(times, 0.5)
    result["cli_search_p95"] = percentile(times, 0.95)
    return result


def run_cli(url: str, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "claimscope", "--db", url, *args], capture_output=True, check=True)


def bench_commands(url: str) -> dict[str, Any]:
    with PostgresStore(url, user="bench") as shared:
        summaries_seconds, summaries = timed(shared.article_summaries)
        ids = [s.id for s in summaries[:: max(1, len(summaries) // 20)]]
        show = [timed(shared.get_article, i)[0] for i in ids]
        mark = [timed(shared.mark, [f"{i}:c1"])[0] for i in ids]
        shared.unmark([f"{i}:c1" for i in ids])
    lists = [timed(run_cli, url, "list", "--format", "json")[0] for _ in range(3)]
    return {
        "list_in_process": summaries_seconds,
        "show_median": statistics.median(show),
        "mark_median": statistics.median(mark),
        "cli_list_median": statistics.median(lists),
    }


def bench_clients(embedded: Store, url: str, clients: int, seconds: float, n: int) -> dict[str, Any]:
    bases = [
        PreparedArticle(article_id, summary_of(document), orjson.dumps(document))
        for article_id, document in embedded.documents(list(embedded.records("articles"))[:50])
    ]
    with PostgresStore(url) as shared:
        before = shared.size()
    latencies: list[float] = []
    imported = [0] * clients
    marked: list[set[str]] = [set() for _ in range(clients)]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        k = 10**12 + number * 10**9  # ids no other client and no earlier run of this size uses
        with PostgresStore(url, user=f"client{number}") as store:
            store.unmark(store.marks())
            while time.monotonic() < deadline:
                article = variant(bases[k % len(bases)], k + int(time.time() * 1000) % 10**8 * 10)
                took_import, result = timed(store.add_prepared, [article])
                took_mark, _ = timed(store.mark, [article.id])
                with lock:
                    latencies.extend((took_import, took_mark))
                imported[number] += result.imported
                marked[number].add(article.id)
                k += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with PostgresStore(url) as shared, psycopg.connect(url) as connection:
        after = shared.size()
        duplicates = connection.execute("SELECT count(*) - count(DISTINCT id) FROM articles").fetchone()
        marks = {i: PostgresStore(url, user=f"client{i}").marks() for i in range(clients)}
    lost_marks = sum(len(marked[i] - marks[i]) for i in range(clients))
    return {
        "operations": len(latencies),
        "imported": sum(imported),
        "lost_articles": before + sum(imported) - after,
        "duplicated_articles": duplicates[0] if duplicates else None,
        "lost_marks": lost_marks,
        "p95": percentile(latencies, 0.95) if latencies else 0.0,
    }


def server_url(given: str | None) -> tuple[str, Path | None]:
    url = given or os.environ.get("CLAIMSCOPE_TEST_PG")
    if url:
        return url, None
    sys.path.insert(0, str(ROOT / "tests"))
    from postgres_server import start

    folder = Path(tempfile.mkdtemp(prefix="claimscope-pg-bench-"))
    return start(folder), folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=None, help="URL of a server to create the bench databases in")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rebuild", action="store_true", help="drop and refill the PostgreSQL copies")
    args = parser.parse_args()
    server, started = server_url(args.server)
    try:
        for n in args.sizes:
            with Store(cached_store(n)) as embedded:
                url = ensure_database(server, f"claimscope_bench_{n}", args.rebuild)
                print(f"== {n:,} articles ({embedded.size():,} in the embedded store)", flush=True)
                for part, function, extra in (
                    ("import", bench_import, (n,)),
                    ("search", bench_search, (n,)),
                    ("commands", lambda _e, u: bench_commands(u), ()),
                    ("clients", bench_clients, (args.clients, args.seconds, n)),
                ):
                    figures = function(embedded, url, *extra)
                    shown = ", ".join(
                        f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}"
                        for k, v in figures.items()
                    )
                    print(f"  {part}: {shown}", flush=True)
    finally:
        if started is not None:
            from postgres_server import stop

            stop(started)
            shutil.rmtree(started, ignore_errors=True)


if __name__ == "__main__":
    main()
