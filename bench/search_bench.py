"""Search benchmark on generated stores of 10,000 and 100,000 articles (about 39 search units each).

Run:  python bench/search_bench.py            (10,000 then 100,000 articles)
      python bench/search_bench.py --small    (200 then 1,000 articles, a quick check)

The corpus is generated from a made-up vocabulary (pseudo-words built from syllables), so it contains no
real text; each store is generated once and cached under /tmp/claimscope-bench with its persisted index
(generating 100,000 articles takes about a minute, indexing them a few).  Each size runs in a fresh child
process so resident memory is measured cleanly.  Printed:

* in-process search latency p50/p95 for a fixed set of typo queries on the opened (memory-mapped) index,
  beside ``fzf --filter`` (``apt-get install fzf``) and a plain ``rapidfuzz.process.extract`` over the same
  strings (on fewer queries at 100,000: they scan every string), and each one's top-3 share;
* whole ``claimscope search`` processes (p50/p95, interpreter start-up included), ``claimscope --version``
  and a bare ``python -c pass`` for comparison;
* store open, index build (when not cached) and index open, the index's size on disk beside the store's,
  resident memory (before opening, open, with the index after the queries); the real extractor's import
  of at most 1,000 articles.

Goals (issue 8): whole-process search p95 < 0.5 s at 100,000; in-process p95 < 50 ms; RSS < 1 GiB with
the index open; index smaller than the store; ``--version`` < 0.15 s; top-3 100 % and ahead of both peers.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
from rapidfuzz import process

from claimscope.extract.model import Article, Block, Claim, Entity, Section, Statistic
from claimscope.store.db import Store
from claimscope.store.importer import import_paths
from claimscope.store.records import prepare_article
from claimscope.store.search import Hit, SearchIndex
from claimscope.store.search.persisted import index_path, open_index

SEED = 20240601
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tas",
    "vol",
    "du",
    "ber",
    "sin",
    "gar",
    "pol",
    "ni",
    "ter",
    "quo",
    "zam",
    "fel",
    "hu",
    "jor",
    "wen",
    "ex",
    "ul",
    "bra",
    "cri",
    "dol",
    "mun",
    "sa",
    "tor",
    "vek",
    "yl",
    "oth",
]
CUES = ["said", "told reporters", "added", "argued", "warned"]
UNITS = ["percent", "tonnes", "dollars", "people", "kilometres", None]
N_QUERIES = 200
N_PEER_QUERIES = 40
N_PROCESS_QUERIES = 20
IMPORT_ARTICLES = 1000
"""The real extractor's import is timed on at most this many articles (100,000 would take most of an hour)."""
QUERY_ARTICLES = 2000
GENERATION_BATCH = 5000
CACHE = Path(tempfile.gettempdir()) / "claimscope-bench"


@dataclass(frozen=True)
class Vocabulary:
    words: list[str]
    names: list[str]

    @classmethod
    def make(cls, rng: random.Random, size: int = 8000) -> Vocabulary:
        words: set[str] = set()
        while len(words) < size:
            words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
        ordered = sorted(words)
        rng.shuffle(ordered)
        names = [f"{a.capitalize()} {b.capitalize()}" for a, b in zip(ordered[:3000], ordered[3000:6000], strict=True)]
        return cls(ordered, names)


class ArticleMaker:
    """Builds one synthetic article as an ``Article`` (for the store) and as plain text (for import)."""

    def __init__(self, vocab: Vocabulary, rng: random.Random) -> None:
        self.vocab = vocab
        self.rng = rng
        self.common = vocab.words[:300]  # frequent words: every text has some

    def words(self, n: int) -> str:
        pick = self.rng.choice
        return " ".join(pick(self.common) if self.rng.random() < 0.45 else pick(self.vocab.words) for _ in range(n))

    def make(self, n: int) -> tuple[Article, str]:
        rng = self.rng
        title = self.words(6).capitalize()
        year = str(2015 + n % 10)
        text_parts: list[str] = []
        cursor = 0

        def add(part: str) -> tuple[int, int]:
            nonlocal cursor
            if text_parts:
                text_parts.append("\n\n")
                cursor += 2
            start = cursor
            text_parts.append(part)
            cursor += len(part)
            return start, cursor

        sections: list[Section] = []
        claims: list[Claim] = []
        stats: list[Statistic] = []
        entities: list[Entity] = []
        aid = hashlib.blake2b(f"bench-{SEED}-{n}".encode(), digest_size=8).hexdigest()
        for s in range(5):
            sid = f"{aid}:s{s}"
            blocks: list[Block] = []
            heading = None if s == 0 else self.words(3).capitalize()
            if s == 0:
                start, end = add(title)
                blocks.append(Block("headline", title, start, end))
            else:
                add(heading or "")
            for _ in range(2):
                paragraph = self.words(25).capitalize() + "."
                start, end = add(paragraph)
                blocks.append(Block("paragraph", paragraph, start, end))
            for _ in range(12 // 5 + (1 if s < 12 % 5 else 0)):
                speaker = rng.choice(self.vocab.names)
                body = self.words(10).capitalize()
                cue = rng.choice(CUES)
                sentence = f"{body}, {speaker} {cue}."
                start, end = add(sentence)
                blocks.append(Block("paragraph", sentence, start, end))
                claims.append(
                    Claim(
                        f"{aid}:c{len(claims)}",
                        body,
                        speaker,
                        cue,
                        "indirect",
                        sid,
                        sentence,
                        start,
                        start + len(body),
                        start,
                        end,
                    )
                )
            for _ in range(8 // 5 + (1 if s < 8 % 5 else 0)):
                value = rng.randint(2, 99_000)
                unit = rng.choice(UNITS)
                measure = self.words(2)
                raw = f"{value:,}" + (f" {unit}" if unit else "")
                sentence = f"The {measure} reached {raw} in {year}."
                start, end = add(sentence)
                blocks.append(Block("paragraph", sentence, start, end))
                at = start + sentence.index(raw)
                stats.append(
                    Statistic(
                        f"{aid}:t{len(stats)}",
                        float(value),
                        raw,
                        unit,
                        measure,
                        year,
                        False,
                        None,
                        None,
                        sid,
                        sentence,
                        at,
                        at + len(raw),
                        start,
                        end,
                    )
                )
            sections.append(Section(sid, heading, tuple(blocks), blocks[0].start, cursor))
        for _ in range(4):
            long = self.words(3)
            short = "".join(w[0] for w in long.split()).upper() + rng.choice("KLMNPRSTVXZ")
            sentence = f"The {long} ({short}) met on Monday."
            start, end = add(sentence)
            entities.append(
                Entity(f"{aid}:e{len(entities)}", long, "acronym", (short,), ((start + 5, start + 5 + len(long)),))
            )
        text = "".join(text_parts)
        article = Article(
            aid,
            title,
            None,
            None,
            f"{year}-0{1 + n % 9}-1{n % 10}",
            None,
            f"bench/{n}.txt",
            text,
            "text",
            sections,
            claims,
            stats,
            entities,
        )
        return article, text


@dataclass(frozen=True)
class Query:
    text: str
    intended: str


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5 or word.isdigit():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "swap", "replace"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeiou") + word[i + 1 :]


def make_queries(articles: list[Article], rng: random.Random, common: set[str]) -> list[Query]:
    """What a person half-remembers: a speaker's surname plus rare words, or a measure and its year."""
    queries: list[Query] = []
    while len(queries) < N_QUERIES:
        article = rng.choice(articles)
        if rng.random() < 0.6:
            claim = rng.choice(article.claims)
            rare = [w for w in claim.text.lower().split() if w not in common]
            if len(rare) < 2:
                continue
            words = [(claim.speaker or "").split()[-1].lower(), *rng.sample(rare, 2)]
            intended = claim.id
        else:
            stat = rng.choice(article.statistics)
            words = [*(stat.measure or "").split(), stat.period or ""]
            intended = stat.id
        words = [typo(w, rng) if rng.random() < 0.6 else w for w in words]
        rng.shuffle(words)
        queries.append(Query(" ".join(words), intended))
    return queries


def peer_strings(index: SearchIndex) -> tuple[list[str], list[str]]:
    """The same units the index holds, as one string each (label and text), and their ids."""
    strings: list[str] = []
    ids: list[str] = []
    for segment in index.segments:
        for unit in range(len(segment)):
            strings.append(f"{segment.label(unit)} {segment.text(unit)}")
            ids.append(segment.unit_id(unit)[1])
    return strings, ids


def shown_ids(hits: list[Hit]) -> list[str]:
    """The ids a reader sees in results: each hit's own and its copies' (the same line, listed once)."""
    return [i for h in hits for i in (h.id, *h.copy_ids)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def cached_store(n_articles: int) -> Path:
    """The generated store of ``n_articles`` under /tmp, built once (generation is the slow part at 100k)."""
    path = CACHE / f"store-{n_articles}.json"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    maker = ArticleMaker(Vocabulary.make(rng), rng)
    temp = path.with_suffix(".partial.json")
    with Store(temp) as store:
        step = max(GENERATION_BATCH, n_articles // 5)  # each write rewrites the whole (one-file) store
        for first in range(0, n_articles, step):
            store.add_prepared(prepare_article(maker.make(n)[0]) for n in range(first, min(n_articles, first + step)))
    os.replace(temp, path)
    return path


def bench_queries(n_articles: int) -> list[Query]:
    """The synthetic queries, on the first articles of the cached store (remade from the same seed).

    The maker's generator runs in article order, so the first ``QUERY_ARTICLES`` come out the same as
    in the store; the queries must still find them among all ``n_articles``.
    """
    rng = random.Random(SEED)
    maker = ArticleMaker(Vocabulary.make(rng), rng)
    articles = [maker.make(n)[0] for n in range(min(n_articles, QUERY_ARTICLES))]
    return make_queries(articles, random.Random(SEED + 1), set(maker.common))


def measure_size(n_articles: int, import_articles: int) -> dict[str, Any]:
    """One size, in this (fresh) process: the store and its persisted index, opened as a command would."""
    queries = bench_queries(n_articles)
    result: dict[str, Any] = {"articles": n_articles}
    store_path = cached_store(n_articles)
    gc.collect()
    result["rss_before_mb"] = psutil.Process().memory_info().rss / 2**20
    started = time.perf_counter()
    store = Store(store_path)
    result["store_mb"] = store.bytes_on_disk() / 1e6  # the manifest and its live segments
    store.article_summaries()
    result["open_s"] = time.perf_counter() - started
    result["rss_open_mb"] = psutil.Process().memory_info().rss / 2**20
    built = not (index_path(store_path) / "MANIFEST.json").exists()
    started = time.perf_counter()
    index = open_index(store)
    result["index_s"] = time.perf_counter() - started
    result["index_built"] = built
    if built:  # time what a later command pays: open and verify the saved index
        started = time.perf_counter()
        index = open_index(store)
        result["index_open_s"] = time.perf_counter() - started
    else:
        result["index_open_s"] = result["index_s"]
    result["index_mb"] = sum(p.stat().st_size for p in index_path(store_path).rglob("*") if p.is_file()) / 1e6
    result["items"] = len(index)
    latencies, found = [], 0
    for query in queries:
        started = time.perf_counter()
        hits = index.search(query.text, limit=10)
        latencies.append((time.perf_counter() - started) * 1000)
        found += query.intended in shown_ids(hits[:3])
    result["ours"] = {
        "p50_ms": percentile(latencies, 0.5),
        "p95_ms": percentile(latencies, 0.95),
        "top3": found / len(queries),
    }
    memory = psutil.Process().memory_info()
    result["rss_mb"] = memory.rss / 2**20
    result["rss_private_mb"] = (memory.rss - memory.shared) / 2**20  # without mapped index pages the OS may drop
    result["process"] = time_processes(store_path, queries[:N_PROCESS_QUERIES])
    peers = queries[: max(3, N_PEER_QUERIES * 10_000 // max(n_articles, 10_000))]  # peers scan every string
    result["n_peer_queries"] = len(peers)
    strings, ids = peer_strings(index)
    with tempfile.TemporaryDirectory(prefix="claimscope-bench-") as tmp:
        root = Path(tmp)
        result["rapidfuzz_extract"] = run_rapidfuzz(peers, strings, ids)
        result["fzf"] = run_fzf(peers, strings, ids, root)
        store.close()
        del index, strings
        if import_articles:
            result["import"] = time_import(n_articles=import_articles, root=root, maker_seed=SEED)
    return result


def time_processes(store_path: Path, queries: list[Query]) -> dict[str, float]:
    """Whole ``claimscope search`` processes (interpreter start-up included), and ``claimscope --version``."""
    command = [sys.executable, "-m", "claimscope"]
    searches: list[float] = []
    for query in queries:
        started = time.perf_counter()
        subprocess.run([*command, "search", "--db", str(store_path), query.text, "--format", "json"],
                       capture_output=True, check=True)
        searches.append(time.perf_counter() - started)
    versions: list[float] = []
    for _ in range(10):
        started = time.perf_counter()
        subprocess.run([*command, "--version"], capture_output=True, check=True)
        versions.append(time.perf_counter() - started)
    bare: list[float] = []
    for _ in range(10):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=True)
        bare.append(time.perf_counter() - started)
    return {
        "search_p50_s": percentile(searches, 0.5),
        "search_p95_s": percentile(searches, 0.95),
        "version_p50_s": percentile(versions, 0.5),
        "python_p50_s": percentile(bare, 0.5),
    }


def run_rapidfuzz(queries: list[Query], strings: list[str], ids: list[str]) -> dict[str, float]:
    latencies, found = [], 0
    for query in queries:
        started = time.perf_counter()
        top = process.extract(query.text, strings, limit=3)
        latencies.append((time.perf_counter() - started) * 1000)
        found += query.intended in [ids[i] for _, _, i in top]
    return {"p50_ms": percentile(latencies, 0.5), "p95_ms": percentile(latencies, 0.95), "top3": found / len(queries)}


def run_fzf(queries: list[Query], strings: list[str], ids: list[str], root: Path) -> dict[str, float] | None:
    fzf = shutil.which("fzf")
    if fzf is None:
        return None
    lines = root / "fzf-input.txt"
    lines.write_text("".join(f"{n}\t{s}\n" for n, s in enumerate(strings)), encoding="utf-8")
    latencies, found = [], 0
    for query in queries:
        started = time.perf_counter()
        with lines.open("rb") as handle:
            out = subprocess.run(
                [fzf, "--filter", query.text, "--delimiter", "\t", "--nth", "2.."],
                stdin=handle,
                capture_output=True,
                check=False,
            ).stdout
        latencies.append((time.perf_counter() - started) * 1000)
        top = [ids[int(line.split(b"\t", 1)[0])] for line in out.splitlines()[:3]]
        found += query.intended in top
    return {"p50_ms": percentile(latencies, 0.5), "p95_ms": percentile(latencies, 0.95), "top3": found / len(queries)}


def time_import(n_articles: int, root: Path, maker_seed: int) -> dict[str, Any]:
    """The real path: text files through the extractor in worker processes, into an empty store."""
    rng = random.Random(maker_seed)
    maker = ArticleMaker(Vocabulary.make(rng), rng)
    folder = root / "files"
    folder.mkdir()
    for n in range(n_articles):
        _, text = maker.make(n)
        (folder / f"{n:05d}.txt").write_text(text, encoding="utf-8")
    with Store(root / "imported.json") as store:
        writing = [0.0]
        add_prepared = store.add_prepared

        def timed_add(batch: Any) -> Any:
            started = time.perf_counter()
            try:
                return add_prepared(batch)
            finally:
                writing[0] += time.perf_counter() - started

        store.add_prepared = timed_add  # type: ignore[method-assign,assignment]
        started = time.perf_counter()
        summary = import_paths(store, [str(folder)])
        elapsed = time.perf_counter() - started
    return {
        "articles": n_articles,
        "seconds": elapsed,
        "store_writes_s": writing[0],
        "imported": summary.imported,
        "failed": len(summary.failed),
        "first_failure": summary.failed[0][1] if summary.failed else "",
        "workers": os.cpu_count() or 1,
    }


def show(results: list[dict[str, Any]]) -> None:
    for r in results:
        print(f"\n== {r['articles']:,} articles, {r['items']:,} search units ==")
        print(f"  {'search':<22}{'p50 ms':>9}{'p95 ms':>9}{'top-3':>8}")
        rows = [
            ("claimscope index", r["ours"]),
            ("rapidfuzz extract", r["rapidfuzz_extract"]),
            ("fzf --filter", r["fzf"]),
        ]
        for name, row in rows:
            if row is None:
                print(f"  {name:<22}fzf: not installed")
            else:
                print(f"  {name:<22}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}{row['top3']:>8.0%}")
        print(f"  (peers measured on the first {r['n_peer_queries']} of the {N_QUERIES} queries)")
        proc = r["process"]
        print(
            f"  whole process: search p50 {proc['search_p50_s']:.2f} s, p95 {proc['search_p95_s']:.2f} s | "
            f"--version {proc['version_p50_s']:.3f} s | python -c pass {proc['python_p50_s']:.3f} s"
        )
        built = f"index build {r['index_s']:.1f} s, " if r["index_built"] else "index cached, "
        print(
            f"  store open {r['open_s']:.2f} s | {built}index open {r['index_open_s']:.2f} s | "
            f"index {r['index_mb']:.0f} MB on disk, store {r['store_mb']:.0f} MB"
        )
        print(
            f"  RSS: {r['rss_before_mb']:.0f} MiB before opening, {r['rss_open_mb']:.0f} MiB open, "
            f"{r['rss_mb']:.0f} MiB with the index after {N_QUERIES} queries "
            f"({r['rss_private_mb']:.0f} MiB not file-backed)"
        )
        imp = r.get("import")
        if imp:
            first = f"; first: {imp['first_failure']}" if imp["failed"] else ""
            print(
                f"  import {imp['articles']:,} files: {imp['seconds']:.1f} s on {imp['workers']} workers "
                f"({imp['imported']:,} imported, {imp['failed']} failed{first}); "
                f"of which the parent's store writes {imp['store_writes_s']:.1f} s"
            )
    if len(results) == 2:
        small, big = results
        print(
            f"\n== growth {small['articles']:,} -> {big['articles']:,} articles "
            f"(x{big['articles'] / small['articles']:.0f}) =="
        )
        for label, key in (
            ("search p95", ("ours", "p95_ms")),
            ("open", ("open_s",)),
            ("RSS open", ("rss_open_mb",)),
            ("index open", ("index_open_s",)),
            ("RSS", ("rss_mb",)),
            ("store size", ("store_mb",)),
        ):
            a: Any = small
            b: Any = big
            for part in key:
                a, b = a[part], b[part]
            print(f"  {label:<12} x{b / a:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="200 and 1,000 articles instead of 10,000 and 100,000")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_size:
        print(json.dumps(measure_size(args.one_size, min(args.one_size, IMPORT_ARTICLES))))
        return
    sizes = (200, 1000) if args.small else (10_000, 100_000)
    results = []
    for size in sizes:
        print(f"measuring {size:,} articles ...", file=sys.stderr, flush=True)
        out = subprocess.run(
            [sys.executable, __file__, "--one-size", str(size)], capture_output=True, text=True, check=True
        ).stdout
        results.append(json.loads(out.splitlines()[-1]))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {N_QUERIES} typo queries per size")
    show(results)


if __name__ == "__main__":
    main()
