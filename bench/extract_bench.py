"""Extraction speed: articles per second on one core, beside quantulum3 on the same texts.

    python bench/extract_bench.py [--articles 300] [--rounds 5]

Prints the median over rounds of the whole pipeline (decode, sections, sentences, claims, statistics,
entities), the median of quantulum3's ``parser.parse`` over the same texts (install with
``pip install -c constraints.txt '.[bench]'``), their ratio, the time per stage, and the time for one
1 MB article. No assertions: machines here are shared and noisy, so read the numbers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_article

from claimscope.extract import claims, entities, sections, sentences
from claimscope.extract import statistics as stats_stage
from claimscope.extract.decode import decode_bytes
from claimscope.extract.document import Document
from claimscope.extract.pipeline import extract_bytes


def rate(func: Callable[[bytes], object], items: list[bytes], rounds: int) -> float:
    """Median items per CPU-second over ``rounds`` passes.

    CPU time of this process (pinned to one core) rather than wall time: on a shared machine the wall
    clock mostly measures the neighbours. Both peers are timed the same way in the same run.
    """
    results = []
    for _ in range(rounds):
        start = time.process_time()
        for item in items:
            func(item)
        results.append(len(items) / (time.process_time() - start))
    return statistics.median(results)


def stage_times(texts: list[str]) -> dict[str, float]:
    """Median milliseconds per article for each stage."""
    timings: dict[str, list[float]] = {k: [] for k in ("sections", "sentences", "claims", "statistics", "entities")}
    for text in texts:
        clock = time.process_time
        t0 = clock()
        layout = sections.split_layout(text, "bench")
        t1 = clock()
        sents = sentences.split_sentences(text, layout.sections)
        t2 = clock()
        doc = Document("bench", text, layout.sections, sents, layout.published)
        found = claims.find_claims(doc)
        t3 = clock()
        stats_stage.find_statistics(doc, found)
        t4 = clock()
        entities.find_entities(doc, found)
        t5 = clock()
        for key, value in zip(timings, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            value_ms = value * 1000
            timings[key].append(value_ms)
    return {k: statistics.median(v) for k, v in timings.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    texts = [make_article(i) for i in range(args.articles)]
    blobs = [t.encode("utf-8") for t in texts]
    print(f"articles: {len(texts)}, median length {statistics.median(len(t) for t in texts):.0f} chars, one core")
    print("rates are per CPU-second of this process (see rate()); stages are median CPU ms per article")
    ours = rate(lambda b: extract_bytes(b), blobs, args.rounds)
    print(f"claimscope pipeline: {ours:8.1f} articles/s (median of {args.rounds})")
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    real = [p.read_bytes() for p in sorted([*shared.glob("seeds/*"), *shared.glob("eval/dev/*")]) if p.is_file()]
    if real:
        size = statistics.median(len(b) for b in real)
        real_rate = rate(lambda b: extract_bytes(b), real * max(1, 200 // len(real)), args.rounds)
        print(f"  on the {len(real)} real articles in ../shared (median {size:.0f} bytes): {real_rate:8.1f} articles/s")
    try:
        from quantulum3 import parser as q3
    except ImportError:
        print("quantulum3: not installed (pip install -c constraints.txt '.[bench]')")
    else:
        sample = blobs[: max(10, len(blobs) // 10)]
        q3.parse("warm up 3 km")
        theirs = rate(lambda b: q3.parse(decode_bytes(b)), sample, max(1, args.rounds // 2))
        print(f"quantulum3 parse:    {theirs:8.1f} articles/s (on {len(sample)} of the same texts)")
        print(f"ratio:               {ours / theirs:8.1f}x")
    for stage, ms in stage_times(texts).items():
        print(f"  {stage:10} {ms:7.3f} ms/article (median)")
    big = "\n\n".join(texts)[:1_000_000].encode("utf-8")
    start, cpu = time.perf_counter(), time.process_time()
    article = extract_bytes(big)
    print(
        f"1 MB article: {time.perf_counter() - start:.3f} s wall, {time.process_time() - cpu:.3f} s CPU "
        f"({len(article.claims)} claims, {len(article.statistics)} statistics)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
