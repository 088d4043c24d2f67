"""Repeated-claims benchmark: grouping a whole store's claims, against all-pairs scoring on a sample.

Run:  python bench/repeats_bench.py                 (10,000 articles)
      python bench/repeats_bench.py --sizes 10000 100000

The stores are the search bench's generated ones (``search_bench.cached_store``: 12 claims of ten random
words per article, cached under $TMPDIR/claimscope-bench), opened read-only: nothing is written beside
them.  Into their claims the bench injects known repeats, rewordings of randomly chosen claims in new
articles (an attribution tail, quotation marks, an opening attribution, a dropped word, a number in two forms),
so it can measure how many of them end up grouped with their original.

What is timed, per size: reading every claim from the store; grouping them, by stage: keying
(``claim_key``), blocking, scoring (``process.cpdist``, all cores) with the rules, union-find.  The
peer, in the same run: ``process.cdist`` of every pair of a sample of claims (all cores) with the same
rules, which is what matching costs without blocking; its time per pair, times the corpus's pairs, is
the all-pairs estimate for the whole store.  On the sample the bench also reports the pairs all-pairs
matching finds that blocking missed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from rapidfuzz import process

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claimscope.extract.claim_key import claim_key
from claimscope.store.db import Store
from claimscope.store.repeats.groups import ClaimRef, MatchStats, find_groups
from claimscope.store.repeats.match import MIN_SCORE, SCORER, rules_hold

CACHE = Path(tempfile.gettempdir()) / "claimscope-bench"
SEED = 13
INJECTED = 2000
SAMPLE = 4000
TAILS = (", the minister said", ", officials said", ", according to the agency", ", a spokeswoman told reporters")


def reworded(text: str, rng: random.Random) -> str:
    """One rewording a repeat might have: a tail, quotes, a hedge, a dropped word or a number form."""
    words = text.split()
    choice = rng.randrange(5)
    if choice == 0:
        return text + rng.choice(TAILS)
    if choice == 1:
        return f"\u201c{text},\u201d {rng.choice(('she', 'he', 'the mayor'))} said"
    if choice == 2:
        return "According to the agency, " + text[0].lower() + text[1:]
    if choice == 3 and len(words) > 6:
        del words[rng.randrange(1, len(words))]
        return " ".join(words)
    return f"{text} by 2,500,000" if rng.random() < 0.5 else f"{text} by 2.5 million"


def inject(claims: list[ClaimRef], rng: random.Random) -> tuple[list[ClaimRef], list[tuple[str, str]]]:
    """New claims that repeat chosen ones (in new articles), and the (original, repeat) id pairs."""
    chosen = rng.sample(range(len(claims)), INJECTED)
    added: list[ClaimRef] = []
    truth: list[tuple[str, str]] = []
    for number, index in enumerate(chosen):
        original = claims[index]
        text = reworded(original.text, rng)
        if "2,500,000" in text or "2.5 million" in text:  # both sides must carry the number
            claims[index] = ClaimRef(original.id, original.article_id, original.text + " by 2,500,000",
                                     original.speaker, original.published, original.title, original.order)
        repeat = ClaimRef(f"inj{number}:c1", f"inj{number}", text, "Injected Speaker", "2030-01-01", None,
                          len(claims) + number)
        added.append(repeat)
        truth.append((original.id, repeat.id))
    return added, truth


def peer_all_pairs(texts: list[str]) -> tuple[float, set[tuple[int, int]]]:
    """``cdist`` of every pair of ``texts`` (all cores) and the rules on the pairs it scores high enough."""
    keys = [claim_key(t) for t in texts]
    strings = [k.text for k in keys]
    start = time.perf_counter()
    matrix = process.cdist(strings, strings, scorer=SCORER, dtype=np.uint8, workers=-1, score_cutoff=MIN_SCORE)
    left, right = np.nonzero(np.triu(matrix, 1) >= MIN_SCORE)
    matched = {(i, j) for i, j in zip(left.tolist(), right.tolist(), strict=True) if rules_hold(keys[i], keys[j])}
    return time.perf_counter() - start, matched


def measure(size: int) -> None:
    rng = random.Random(SEED)
    path = CACHE / f"store-{size}.json"
    if not path.exists():  # built once by the search bench (which needs the bench extra: psutil)
        from search_bench import cached_store

        path = cached_store(size)
    start = time.perf_counter()
    with Store(path) as store:
        claims = [*_claims(store)]
    read = time.perf_counter() - start
    added, truth = inject(claims, rng)
    everything = claims + added
    claim_key.cache_clear()
    stats = MatchStats()
    start = time.perf_counter()
    groups = find_groups(everything, workers=-1, stats=stats)
    grouped = time.perf_counter() - start
    group_of = {m.id: n for n, g in enumerate(groups) for m in g.members}
    found = sum(1 for a, b in truth if a in group_of and group_of.get(a) == group_of.get(b))
    stray = sum(1 for g in groups if not any(m.id.startswith("inj") for m in g.members))
    sample_ids = rng.sample(range(len(claims)), SAMPLE - 2 * (SAMPLE // 10))
    by_id = {c.id: c for c in everything}
    pairs_in_sample = truth[: SAMPLE // 10]
    sample = [claims[i] for i in sample_ids] + [by_id[i] for pair in pairs_in_sample for i in pair]
    peer_seconds, peer_pairs = peer_all_pairs([c.text for c in sample])
    blocked = find_groups(sample, workers=-1)
    sample_group = {m.id: n for n, g in enumerate(blocked) for m in g.members}
    missed = sum(1 for i, j in peer_pairs if not _together(sample_group, sample[i].id, sample[j].id))
    total_pairs = len(everything) * (len(everything) - 1) / 2
    sample_pairs = len(sample) * (len(sample) - 1) / 2
    print(f"\n{size:,} articles, {len(everything):,} claims ({INJECTED:,} injected repeats); "
          f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(f"  read claims from the store     {read:8.2f} s")
    print(f"  group (find_groups)            {grouped:8.2f} s   ({stats.keys:,} keys, {stats.candidates:,} candidate "
          f"pairs, {stats.skipped_blocks:,} blocks skipped, {stats.matched_pairs:,} matched)")
    for stage, seconds in stats.seconds.items():
        print(f"    {stage:<28} {seconds:8.2f} s")
    print(f"  injected repeats grouped       {found:,} of {len(truth):,} ({found / len(truth):.1%}); "
          f"groups without an injected claim: {stray}")
    print(f"  peer: all pairs of {len(sample):,} claims (cdist)  {peer_seconds:6.2f} s for {sample_pairs:,.0f} pairs; "
          f"all pairs of the store would take about {peer_seconds / sample_pairs * total_pairs / 3600:,.1f} h")
    print(f"  on the sample, all-pairs matching found {len(peer_pairs):,} pairs; blocking missed {missed}")


def _together(group_of: dict[str, int], one: str, other: str) -> bool:
    return one in group_of and group_of[one] == group_of.get(other)


def _claims(store: Store) -> list[ClaimRef]:
    from claimscope.store.repeats.corpus import store_claims

    return store_claims(store)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    for size in parser.parse_args().sizes:
        measure(size)


if __name__ == "__main__":
    main()
