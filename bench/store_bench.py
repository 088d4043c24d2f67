"""Store benchmark: what one command costs on a large store, segmented layout beside the one-file layout.

Run:  python bench/store_bench.py                      (10,000 and 100,000 articles, 5 runs each)
      python bench/store_bench.py --sizes 2000 --runs 3  (a quick check)

Stores are built from a few hundred articles that the real extractor made from ``bench/corpus.py``'s
generator, copied with new ids and titles (the documents are byte-for-byte the extractor's otherwise), so a
100,000-article store takes a minute to build rather than an hour to extract; the base articles and the
built stores are cached under ``$TMPDIR/claimscope-store-bench`` between runs (``--rebuild`` starts over).

The peer is the layout this one replaced (schema step 0005: one ``store.json`` read whole on open and
rewritten whole on every write), run by that version's own code, taken from git (``--peer-rev``) into the
cache, on a store file of the same articles written in its format, in the same run.  Each command is a
whole ``claimscope`` process (Python start-up included), timed from the parent, with its peak RSS; the
median of ``--runs`` runs is printed.  One run is: import one new article, show an old article, mark the
new article, remove it, so the store ends each run as it began.  "open" is ``Store(path)`` then
``article_summaries()`` in a fresh process, timed inside it (what the explorer waits for before its first
paint).
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from claimscope.bench.corpus import make_article
from claimscope.extract.pipeline import extract_bytes
from claimscope.store.db import Store
from claimscope.store.migrations import MIGRATIONS
from claimscope.store.records import PreparedArticle, prepare_article
from claimscope.store.search.persisted import open_index

CACHE = Path(tempfile.gettempdir()) / "claimscope-store-bench"
ROOT = Path(__file__).resolve().parent.parent
PEER_REV = "cdfb55f"
"""The last commit whose store is the one-file layout (schema step 0005)."""
BASE_COUNT = 300
BUILD_BATCH = 5000
LAYOUTS = ("segments", "one file")
PEAK_RSS = (
    "import atexit, os, sys\n"
    "def _peak():\n"
    "    status = open('/proc/self/status').read()\n"
    "    kib = next(line.split()[1] for line in status.splitlines() if line.startswith('VmHWM:'))\n"
    "    open(os.environ['STORE_BENCH_RSS'], 'w').write(kib)\n"
    "atexit.register(_peak)\n"
)
"""The process's own peak RSS (VmHWM starts afresh at exec; ``ru_maxrss`` would inherit the parent's)."""
BOOT = PEAK_RSS + (
    "sys.path.insert(0, sys.argv.pop(1))\n"
    "from claimscope.tui.cli import main\n"
    "raise SystemExit(main(sys.argv[1:]))\n"
)
OPEN = PEAK_RSS + (
    "import time\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "from claimscope.store.db import Store\n"
    "started = time.perf_counter()\n"
    "store = Store(__import__('pathlib').Path(sys.argv[2]))\n"
    "n = len(store.article_summaries())\n"
    "print(time.perf_counter() - started, n)\n"
)


# -- the corpus ----------------------------------------------------------------------------------------


def base_articles() -> list[PreparedArticle]:
    """A few hundred distinct articles from the generator, extracted by the real extractor (cached)."""
    cached = CACHE / f"base-{BASE_COUNT}.pickle"
    if cached.exists():
        loaded: list[PreparedArticle] = pickle.loads(cached.read_bytes())
        return loaded
    prepared = [
        prepare_article(extract_bytes(make_article(seed).encode(), source=f"bench/base-{seed}.txt"))
        for seed in range(BASE_COUNT)
    ]
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(pickle.dumps(prepared))
    return prepared


def variant(base: PreparedArticle, k: int) -> PreparedArticle:
    """Article ``k``: a base article under a new id and title; its items' ids follow (``<id>:c1``)."""
    new_id = f"{k:016x}"
    title = base.summary.get("title") or "Untitled"
    new_title = f"{title} ({k})"
    document = base.document.replace(base.id.encode(), new_id.encode()).replace(
        b'"title":' + orjson.dumps(title), b'"title":' + orjson.dumps(new_title), 1
    )
    return PreparedArticle(new_id, {**base.summary, "title": new_title}, document)


def variants(bases: list[PreparedArticle], start: int, stop: int) -> Iterator[PreparedArticle]:
    for k in range(start, stop):
        yield variant(bases[k % len(bases)], k)


def build_segmented(path: Path, count: int, bases: list[PreparedArticle]) -> None:
    """Through the real ``Store`` in batches, as an import would."""
    with Store(path) as store:
        for start in range(0, count, BUILD_BATCH):
            store.add_prepared(variants(bases, start, min(count, start + BUILD_BATCH)))
        # A user's store has its search index (every import keeps it up to date); without it the first timed
        # import would build the whole index (minutes at 100,000 articles) instead of adding one article to it.
        open_index(store)


def build_one_file(path: Path, count: int, bases: list[PreparedArticle]) -> None:
    """The step-0005 file, streamed in its exact format (what its ``layout.encode`` wrote)."""
    meta = {"schema": {"version": 5, "applied": [m.name for m in MIGRATIONS[:5]]}}
    summaries = {a.id: a.summary for a in variants(bases, 0, count)}
    temp = path.with_name(path.name + ".building")
    with open(temp, "wb") as handle:
        handle.write(b'{"meta":' + orjson.dumps(meta) + b",\n")
        handle.write(b'"summaries":' + orjson.dumps(summaries) + b",\n")
        handle.write(b'"documents":{')
        separator = b"\n"
        for article in variants(bases, 0, count):
            handle.write(separator + orjson.dumps(article.id) + b":" + article.document)
            separator = b",\n"
        handle.write(b"\n}}\n")
    os.replace(temp, path)


def code_dirs(peer_rev: str) -> dict[str, Path]:
    """A folder holding ``claimscope`` for each layout: this checkout, and the peer's from git."""
    current = CACHE / "code-current"
    current.mkdir(parents=True, exist_ok=True)
    link = current / "claimscope"
    if not link.exists():
        link.symlink_to(ROOT)
    peer = CACHE / f"code-{peer_rev}"
    if not (peer / "claimscope").exists():
        (peer / "claimscope").mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", peer_rev], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(peer / "claimscope")], input=archive.stdout, check=True)
    return {"segments": current, "one file": peer}


def store_for(layout: str, count: int, bases: list[PreparedArticle], rebuild: bool) -> Path:
    folder = CACHE / f"{'seg' if layout == 'segments' else 'onefile'}-{count}"
    path = folder / "store.json"
    if rebuild and folder.exists():
        shutil.rmtree(folder)
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        (build_segmented if layout == "segments" else build_one_file)(path, count, bases)
        print(f"  built {layout} store of {count:,} articles in {time.perf_counter() - started:.1f} s", flush=True)
    return path


# -- measuring -----------------------------------------------------------------------------------------


@dataclass
class Sample:
    seconds: float
    rss_mib: float


def spawn(argv: list[str], *, keep_output: bool = False) -> tuple[bytes, Sample]:
    """Run one process to its end: its output, wall time from the parent, and its peak RSS."""
    rss_file = CACHE / "peak-rss"
    env = {**os.environ, "STORE_BENCH_RSS": str(rss_file)}
    out = subprocess.PIPE if keep_output else subprocess.DEVNULL
    started = time.perf_counter()
    result = subprocess.run([sys.executable, *argv], stdout=out, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv[3:])} failed ({result.returncode}): {result.stderr.decode().strip()}")
    return result.stdout or b"", Sample(elapsed, int(rss_file.read_text()) / 1024)


def run_command(code: Path, args: list[str]) -> Sample:
    """One whole ``claimscope`` process."""
    return spawn(["-c", BOOT, str(code), *args])[1]


def open_in_process(code: Path, path: Path) -> Sample:
    """Opening and the article list, timed inside a fresh process."""
    output, sample = spawn(["-c", OPEN, str(code), str(path)], keep_output=True)
    return Sample(float(output.split()[0]), sample.rss_mib)


def new_article_file(layout: str, count: int, run: int) -> tuple[Path, str]:
    """A new article for one import, never seen by this store (the seed includes the time)."""
    seed = 10**8 + int(time.time() * 1000) % 10**7 * 10 + run
    folder = CACHE / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{'seg' if layout == 'segments' else 'onefile'}-{count}-{run}.txt"
    data = make_article(seed).encode()
    path.write_bytes(data)
    return path, extract_bytes(data, source=str(path)).id


def measure(layout: str, code: Path, path: Path, count: int, runs: int) -> dict[str, list[Sample]]:
    samples: dict[str, list[Sample]] = {op: [] for op in ("open", "list", "show", "mark", "remove", "import")}
    old_id = f"{count // 2:016x}"
    db = ["--db", str(path)]
    for run in range(runs):
        samples["open"].append(open_in_process(code, path))
        samples["list"].append(run_command(code, ["list", *db]))
        new_file, new_id = new_article_file(layout, count, run)
        samples["import"].append(run_command(code, ["import", str(new_file), *db]))
        samples["show"].append(run_command(code, ["show", old_id, *db]))
        samples["mark"].append(run_command(code, ["mark", new_id, *db]))
        samples["remove"].append(run_command(code, ["remove", new_id, *db]))
    return samples


def disk_size(path: Path) -> int:
    folder = path.with_name(path.name + ".d")
    extra = sum(p.stat().st_size for p in folder.iterdir()) if folder.is_dir() else 0
    return path.stat().st_size + extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated article counts")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--peer-rev", default=PEER_REV)
    parser.add_argument("--rebuild", action="store_true", help="build the stores again")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    codes = code_dirs(args.peer_rev)
    print(f"base articles: {BASE_COUNT} extracted from bench/corpus.py (cached in {CACHE})", flush=True)
    bases = base_articles()
    for count in sizes:
        print(f"\n{count:,} articles", flush=True)
        results: dict[str, dict[str, list[Sample]]] = {}
        for layout in LAYOUTS:
            path = store_for(layout, count, bases, args.rebuild)
            results[layout] = measure(layout, codes[layout], path, count, args.runs)
            print(f"  {layout}: {disk_size(path) / 2**20:,.0f} MiB on disk", flush=True)
        print(f"  median of {args.runs} runs, whole process (open: in process); peak RSS of the process")
        print(f"  {'operation':<10} {'segments':>10} {'one file':>10} {'ratio':>7}   {'RSS seg':>8} {'RSS one':>8}")
        for op in results["segments"]:
            ours = statistics.median(s.seconds for s in results["segments"][op])
            peer = statistics.median(s.seconds for s in results["one file"][op])
            rss = [max(s.rss_mib for s in results[layout][op]) for layout in LAYOUTS]
            print(
                f"  {op:<10} {ours:>9.3f}s {peer:>9.3f}s {peer / ours:>6.1f}x   {rss[0]:>6.0f}Mi {rss[1]:>6.0f}Mi"
            )


if __name__ == "__main__":
    main()
