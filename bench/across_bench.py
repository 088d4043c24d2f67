"""Speakers and figures views at 10,000 and 100,000 articles: the time to list each, beside a peer.

Run:  python bench/across_bench.py             (10,000 then 100,000 articles)
      python bench/across_bench.py --sizes 1000

Uses the generated stores of ``search_bench.py`` (cached under /tmp/claimscope-bench, generated there on
first use), and keeps the index across articles beside each (``store-N.json.across``).  Printed per size:

* the peer: reading every stored document once (``Store.documents()``), which is what any listing that
  parses the articles per command would cost at least;
* the first open, which builds the index across articles from nothing when it is missing or was written
  by other rules (else it only verifies), and a second open (verified, nothing to catch up);
* in-process: listing every speaker (by count, by date), the figure groups more than one article
  reports (what ``claimscope figures`` lists), every figure group (``--all``), the conflicts only, one
  speaker's claims with sentences and one group's figures;
* the explorer, headless: from pressing ``p`` (then ``f``) to the first listing on screen;
* whole processes: ``claimscope speakers`` and ``claimscope figures --conflicts`` (p50 of 3, output to a
  pipe, interpreter start-up included).

Goal (issue 13): < 1 s to list each view at 100,000 articles.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench import cached_store

from claimscope.store.across import open_across
from claimscope.store.across.index import across_path
from claimscope.store.across.speakers import speaker_claims
from claimscope.store.db import Store

PROCESS_RUNS = 3
VIEW_TIMEOUT = 600.0
"""A view that has not listed after this long (a build included) has failed: stop instead of waiting."""


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def process_time(args: list[str], store: Path) -> float:
    times = []
    for _ in range(PROCESS_RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "claimscope", "--db", str(store), *args], check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


async def _explorer_views(store: Path) -> dict[str, float]:
    """Seconds from pressing p (then f) in the explorer to the first listing on screen, headless."""
    from claimscope.tui.app import make_app
    from claimscope.tui.keymap import LoadedKeymap
    from claimscope.tui.screens.across_screen import AcrossScreen

    app = make_app(store, keymap=LoadedKeymap(store.with_name("no-keymap.toml")), import_samples=False,
                   auto_refresh=None)
    seconds: dict[str, float] = {}
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key, name in (("p", "speakers"), ("f", "figures")):
            start = time.perf_counter()
            await pilot.press(key)
            while not (isinstance(app.screen, AcrossScreen) and app.screen.ready):
                if time.perf_counter() - start > VIEW_TIMEOUT:
                    raise SystemExit(f"the {name} view listed nothing in {VIEW_TIMEOUT:g} s")
                await pilot.pause(0.005)
            seconds[name] = time.perf_counter() - start
    return seconds


def measure(n_articles: int) -> None:
    path = cached_store(n_articles)
    print(f"\n== {n_articles:,} articles ({path})", flush=True)
    open_s, store = timed(lambda: Store(path))
    with store:
        print(f"store open                         {open_s:8.3f} s")
        peer_s, count = timed(lambda: sum(1 for _ in store.documents()))
        print(f"peer: read all {count:,} documents    {peer_s:8.3f} s")
        build_s, index = timed(lambda: open_across(store))
        index.close()
        print(f"first open: build or catch up      {build_s:8.3f} s  (only when the file is missing, stale or by other"
              " rules)")
        size = across_path(path).stat().st_size
        open_s, index = timed(lambda: open_across(store))
        print(f"index open (verified)              {open_s:8.3f} s  ({size / 2**20:.0f} MiB on disk)")
        with index:
            for label, action in (
                ("speakers, by count", lambda: index.speakers("count")),
                ("speakers, most recent", lambda: index.speakers("recent")),
                ("figure groups, 2+ articles", lambda: index.groups(shared_only=True)),
                ("figure groups, --all", lambda: index.groups()),
                ("figure groups, conflicts only", lambda: index.groups(conflicts_only=True)),
            ):
                seconds, rows = timed(action)
                print(f"list {label:<30}{seconds:8.3f} s  ({len(rows):,} rows)")
            top = index.speakers("count", limit=1)
            if top:
                seconds, claims = timed(lambda: speaker_claims(store, index, top[0]))
                print(f"one speaker's claims + sentences   {seconds:8.3f} s  ({len(claims):,} claims)")
            groups = index.groups(shared_only=True)
            if groups:
                seconds, figures = timed(lambda: index.figures(groups[0].key))
                print(f"one group's figures                {seconds:8.3f} s  ({len(figures):,} figures)")
    for name, seconds in asyncio.run(_explorer_views(path)).items():
        print(f"explorer: key to {name} listed          {seconds:8.3f} s")
    for args in (["speakers"], ["figures", "--conflicts"]):
        print(f"process: claimscope {' '.join(args):<20}{process_time(args, path):8.3f} s  (p50 of {PROCESS_RUNS})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    for n_articles in parser.parse_args().sizes:
        measure(n_articles)


if __name__ == "__main__":
    main()
