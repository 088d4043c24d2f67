"""What a user waits for and what a process holds at 10,000 and 100,000 articles, on the search bench's stores.

Run:  python bench/scale_bench.py                                  (10,000 and 100,000 articles)
      python bench/scale_bench.py --sizes 100000 --runs 20 --cache /tmp/my-copies

The stores are the search bench's generated stores (``bench/search_bench.py`` builds and caches them under
``--cache``, /tmp/claimscope-bench by default; give a copy of them with ``--cache`` when another claimscope
uses the default, since the first open by this one migrates a store written by an older layout).  Each
measurement is a fresh process, so everything a user waits for is counted: interpreter start-up, imports,
opening the store and the index.  Printed per size, medians and 95th percentiles of ``--runs`` runs:

* ``claimscope list`` (every article) and ``claimscope search`` (the search bench's typo queries, JSON out)
  as whole processes, beside the floor they cannot go under: ``python -c pass`` and ``claimscope --version``,
  measured in the same loop;
* a fresh process that opens the store and its persisted index and runs 200 queries: its resident memory
  (and the part that is not file-backed: mapped index pages the system can drop at will are the rest), the
  store's open and the index's open-and-verify time;
* the index's size on disk beside the store's (manifest and live segments).

Goals (issue 8): ``list`` and ``search`` < 0.5 s whole process at 100,000 (p95 for search); RSS < 1 GiB with
the index open; index smaller than the store.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import search_bench

SIZES = (10_000, 100_000)
N_QUERIES = 200


def rss_child(store_path: Path, n_articles: int) -> dict[str, float]:
    """In this fresh process: open the store and its index, run the queries, report memory and times."""
    import psutil

    from claimscope.store.db import Store
    from claimscope.store.search.persisted import open_index

    queries = search_bench.bench_queries(n_articles)[:N_QUERIES]
    before = psutil.Process().memory_info().rss / 2**20
    started = time.perf_counter()
    store = Store(store_path)
    opened = time.perf_counter()
    index = open_index(store)
    indexed = time.perf_counter()
    for query in queries:
        index.search(query.text, limit=10)
    memory = psutil.Process().memory_info()
    return {
        "rss_before_mb": before,
        "rss_mb": memory.rss / 2**20,
        "rss_private_mb": (memory.rss - memory.shared) / 2**20,
        "store_open_s": opened - started,
        "index_open_s": indexed - opened,
        "store_mb": store.bytes_on_disk() / 1e6,
        "index_mb": sum(p.stat().st_size for p in (store_path.parent / (store_path.name + ".index")).rglob("*")
                        if p.is_file()) / 1e6,
    }


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def whole_processes(store_path: Path, n_articles: int, runs: int) -> dict[str, list[float]]:
    """The commands, interleaved run by run so that the machine's load falls on each alike."""
    claimscope = [sys.executable, "-m", "claimscope"]
    queries = search_bench.bench_queries(n_articles)
    times: dict[str, list[float]] = {"python -c pass": [], "claimscope --version": [], "list": [], "search": []}
    for run in range(runs):
        times["python -c pass"].append(timed([sys.executable, "-c", "pass"]))
        times["claimscope --version"].append(timed([*claimscope, "--version"]))
        times["list"].append(timed([*claimscope, "--db", str(store_path), "list"]))
        query = queries[run % len(queries)].text
        times["search"].append(timed([*claimscope, "--db", str(store_path), "search", query, "--format", "json"]))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cache", type=Path, default=search_bench.CACHE, help="where the generated stores are")
    parser.add_argument("--rss-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child:
        print(json.dumps(rss_child(Path(args.rss_child[0]), int(args.rss_child[1]))))
        return
    search_bench.CACHE = args.cache
    for size in args.sizes:
        store_path = search_bench.cached_store(size)
        timed([sys.executable, "-m", "claimscope", "--db", str(store_path), "search", "warm"])  # migrate, index
        times = whole_processes(store_path, size, args.runs)
        child = subprocess.run([sys.executable, __file__, "--rss-child", str(store_path), str(size)],
                               capture_output=True, text=True, check=True).stdout
        memory: dict[str, Any] = json.loads(child.splitlines()[-1])
        print(f"{size:,} articles ({store_path}), {args.runs} runs of each, whole processes:")
        for name, values in times.items():
            print(f"  {name:<22} p50 {search_bench.percentile(values, 0.5):6.3f} s"
                  f"   p95 {search_bench.percentile(values, 0.95):6.3f} s")
        print(f"  fresh process with the store and index open after {N_QUERIES} queries: RSS "
              f"{memory['rss_mb']:.0f} MiB ({memory['rss_private_mb']:.0f} MiB not file-backed; "
              f"{memory['rss_before_mb']:.0f} MiB before opening); store open {memory['store_open_s']:.3f} s, "
              f"index open and verify {memory['index_open_s']:.3f} s")
        print(f"  on disk: index {memory['index_mb']:,.0f} MB, store {memory['store_mb']:,.0f} MB "
              f"(index / store {memory['index_mb'] / memory['store_mb']:.2f})")


if __name__ == "__main__":
    main()
