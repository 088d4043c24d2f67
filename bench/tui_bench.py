"""Explorer start-up benchmark: median time to first paint on generated stores of 1,000 and 10,000 articles.

Run:  python bench/tui_bench.py                  (1,000 and 10,000 articles, 5 runs each)
      python bench/tui_bench.py --sizes 1000 --runs 3
      python bench/tui_bench.py --cached /tmp/claimscope-bench --sizes 10000 100000 --runs 3
                                               (the search bench's generated stores, e.g. 100,000 articles)

Each store is built once from generated ``Article`` dataclasses (made-up words, no real text) through
``Store.add_articles``.  Every run is a fresh child process, so the numbers include Python start-up work a
user waits for: importing Textual and claimscope, opening the store, and composing the first frame of
the explorer (headless, 160x48) with the article tree filled and the newest article in the reader.
"First paint" is the first frame the app hands to its driver once those panes hold their content.

The peer, measured in the same run and the same way, is a bare Textual app (a Static and a Footer):
the floor that any Textual program pays.  Also printed: the time until the search index is built in
its background worker, and how long the "all articles" view takes to list every claim and statistic.
Goal (issue 5): the explorer opens in under a second on 10,000 articles.
"""

from __future__ import annotations

import time

CHILD_START = time.perf_counter()

import argparse  # noqa: E402  (the clock above starts before anything is imported)
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

SIZE = (160, 48)
SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vol", "du", "per", "sin", "qua", "bel", "tor", "nix", "ha"]
CUES = ["said", "told reporters", "argued", "claimed", "added"]
UNITS = [None, "percent", "tonnes", "people", "km"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


class _TextBuilder:
    """Joins blocks with blank lines and says where each one starts, as the extractor lays text out."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, part: str) -> tuple[int, int]:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(part)
        self.length += len(part)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


def make_store_articles(count: int, seed: int = 5) -> list[Any]:
    """``count`` articles of five sections, twelve claims and eight statistics each, from made-up words."""
    from claimscope.extract.model import Article, Block, Claim, Section, Statistic

    rng = random.Random(seed)
    articles: list[Article] = []
    for n in range(count):
        article_id = f"tb{n:06d}"
        doc = _TextBuilder()
        add = doc.add

        def words(k: int) -> str:
            return " ".join(_word(rng) for _ in range(k))

        title = words(6).capitalize()
        sections: list[Section] = []
        claims: list[Claim] = []
        stats: list[Statistic] = []
        for s in range(5):
            section_id = f"{article_id}:s{s}"
            blocks: list[Block] = []
            heading = None if s == 0 else words(3).capitalize()
            heading_span: tuple[int, int] | None = None
            if heading is None:
                start, end = add(title)
                blocks.append(Block("headline", title, start, end))
            else:
                heading_span = add(heading)
            paragraph = words(30).capitalize() + "."
            start, end = add(paragraph)
            blocks.append(Block("paragraph", paragraph, start, end))
            for _ in range(12 // 5 + (1 if s < 12 % 5 else 0)):
                speaker = f"{_word(rng).capitalize()} {_word(rng).capitalize()}"
                body = words(10).capitalize()
                cue = rng.choice(CUES)
                sentence = f"{body}, {speaker} {cue}."
                start, end = add(sentence)
                blocks.append(Block("paragraph", sentence, start, end))
                speaker_at = start + len(body) + 2
                claims.append(Claim(f"{article_id}:c{len(claims)}", body, speaker, cue, "indirect", section_id,
                                    sentence, start, start + len(body), start, end,
                                    speaker_at, speaker_at + len(speaker)))
            for _ in range(8 // 5 + (1 if s < 8 % 5 else 0)):
                value = rng.randint(2, 99_000)
                unit = rng.choice(UNITS)
                measure = words(2)
                raw = f"{value:,}" + (f" {unit}" if unit else "")
                sentence = f"The {measure} reached {raw} in {2015 + n % 10}."
                start, end = add(sentence)
                blocks.append(Block("paragraph", sentence, start, end))
                at = start + sentence.index(raw)
                stats.append(Statistic(f"{article_id}:n{len(stats)}", float(value), raw, unit, measure,
                                       str(2015 + n % 10), False, None, None, section_id, sentence,
                                       at, at + len(raw), start, end))
            section_start = heading_span[0] if heading_span else blocks[0].start
            sections.append(Section(section_id, heading, tuple(blocks), section_start, doc.length,
                                    heading_span[0] if heading_span else None,
                                    heading_span[1] if heading_span else None))
        published = f"{2015 + n % 10}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        articles.append(Article(article_id, title, None, None, published, None, f"bench/{n}.txt",
                                doc.text(), "text", sections, claims, stats))
    return articles


def build_store(path: Path, count: int) -> float:
    from claimscope.store.db import Store

    articles = make_store_articles(count)
    started = time.perf_counter()
    with Store(path) as store:
        store.add_articles(articles)
    return time.perf_counter() - started


# child process: one measured start ---------------------------------------------------------------------


def child_explorer(store_path: Path, count: int, all_view: bool, all_timeout: float = 600.0) -> dict[str, float]:
    import asyncio

    from claimscope.tui.app import make_app
    from claimscope.tui.keymap import LoadedKeymap
    from claimscope.tui.screens.main import MainScreen

    imported = time.perf_counter()
    app = make_app(store_path, keymap=LoadedKeymap(store_path.parent / "none.toml"),
                   import_samples=False, auto_refresh=None)
    opened = time.perf_counter()
    result: dict[str, float] = {"imports": imported - CHILD_START, "open": opened - imported}
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        if "first_paint" in result or renderable is None or not isinstance(screen, MainScreen):
            return
        if screen.articles.article_count == count and screen.reader.article is not None:
            result["first_paint"] = time.perf_counter() - CHILD_START

    app._display = display  # type: ignore[method-assign]

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            while "first_paint" not in result:
                await asyncio.sleep(0.001)
            while hasattr(app.library, 'search_ready') and not app.library.search_ready():
                await asyncio.sleep(0.005)
            result["index_ready"] = time.perf_counter() - CHILD_START
            if all_view:
                screen = app.main_screen
                started = time.perf_counter()
                await pilot.press("a")
                while screen.claims.row_count == 0 or not screen.scope_all or getattr(screen, 'loading_all', False):
                    await asyncio.sleep(0.005)
                    if time.perf_counter() - started > all_timeout:
                        # Not listed in time: say so and leave at once (the listing thread would run on).
                        result["all_timeout"] = all_timeout
                        print(json.dumps(result), flush=True)
                        os._exit(0)
                await pilot.pause()
                result["all_view"] = time.perf_counter() - started
                result["all_rows"] = float(screen.claims.row_count + screen.stats.row_count)
                started = time.perf_counter()
                screen.claims.focus()
                await pilot.press("end", "pageup", "pageup", "home")
                await pilot.pause()
                result["scroll_keys"] = time.perf_counter() - started

    asyncio.run(run())
    return result


def child_peer() -> dict[str, float]:
    import asyncio

    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")
            yield Footer()

    imported = time.perf_counter()
    app = Bare()
    result: dict[str, float] = {"imports": imported - CHILD_START, "open": 0.0}
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        if "first_paint" not in result and renderable is not None:
            result["first_paint"] = time.perf_counter() - CHILD_START

    app._display = display  # type: ignore[method-assign]

    async def run() -> None:
        async with app.run_test(size=SIZE):
            while "first_paint" not in result:
                await asyncio.sleep(0.001)

    asyncio.run(run())
    return result


# parent ------------------------------------------------------------------------------------------------


def stored_count(store_path: Path) -> int:
    from claimscope.store.db import Store

    with Store(store_path) as store:
        return store.size()


def measure(args: list[str]) -> dict[str, float]:
    child = args if args[0].startswith("--") else ["--child", *args]
    output = subprocess.run([sys.executable, __file__, *child], check=True, capture_output=True,
                            text=True).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def median(runs: list[dict[str, float]], key: str) -> float:
    values = [run[key] for run in runs if key in run]
    return statistics.median(values) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cached", type=Path, help="use DIR/store-N.json (the search bench's stores) instead of "
                        "building stores; their article count is read from each store")
    parser.add_argument("--all-timeout", type=float, default=120.0,
                        help="give up waiting for the all-articles view after this many seconds")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "peer":
            print(json.dumps(child_peer()))
        else:
            print(json.dumps(child_explorer(Path(rest[0]), int(rest[1]), rest[2] == "all", args.all_timeout)))
        return

    peer = [measure(["peer"]) for _ in range(args.runs)]
    peer_paint = median(peer, "first_paint")
    print(f"bare Textual app (peer): first paint {peer_paint * 1000:6.0f} ms median of {args.runs}")
    print()
    header = (f"{'articles':>9} {'imports':>8} {'open':>7} {'1st paint':>10} {'vs peer':>8} "
              f"{'index':>8} {'all view':>9} {'rows':>8} {'end/pgup':>9}")
    print(header)
    with tempfile.TemporaryDirectory(prefix="claimscope-tui-bench-") as tmp:
        for size in args.sizes:
            if args.cached is not None:
                store_path = args.cached / f"store-{size}.json"
                size = stored_count(store_path)
            else:
                store_path = Path(tmp) / f"store-{size}.json"
                build_store(store_path, size)
            runs = [measure(["--all-timeout", str(args.all_timeout), "--child", "explorer", str(store_path), str(size),
                             "all" if i == 0 else "-"])
                    for i in range(args.runs)]
            paint = median(runs, "first_paint")
            listed = (f"{median(runs, 'all_view') * 1000:>7.0f}ms" if "all_timeout" not in runs[0]
                      else f"{'>' + format(args.all_timeout, '.0f') + 's':>9}")
            print(f"{size:>9,} {median(runs, 'imports') * 1000:>6.0f}ms {median(runs, 'open') * 1000:>5.0f}ms "
                  f"{paint * 1000:>8.0f}ms {paint / peer_paint:>7.1f}x "
                  f"{median(runs, 'index_ready') * 1000:>6.0f}ms {listed} "
                  f"{median(runs, 'all_rows'):>8,.0f} {median(runs, 'scroll_keys') * 1000:>7.0f}ms")
    print()
    print("imports/open/1st paint/index: from process start; all view: from pressing a until every row is"
          " listed (one run; rows further down are read as they are painted); end/pgup: end, pgup x2, home in the"
          " claims list once listed.")


if __name__ == "__main__":
    main()
