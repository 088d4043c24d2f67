"""Crash and concurrency in real processes: kill -9 mid-import, and two writers on one store.

The imports run the real command code in a child process with a small batch size (set through
``claimscope.store.importer.BATCH_SIZE`` and no batch growth before ``main`` runs), so a short run makes
many atomic writes.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from cli_run import Run, one_error_line
from store_factory import SectionSpec, build_article, ferry_article, sample_articles

from claimscope.store.db import Store
from claimscope.store.entries import row_entry
from claimscope.store.paths import segments_dir
from claimscope.store.storage import Fingerprint

pytestmark = pytest.mark.slow

WORDS = ["granary", "quarry", "orchard", "tannery", "mill", "wharf", "kiln", "forge", "depot", "lock"]


def write_corpus(folder: Path, count: int, tag: str) -> None:
    folder.mkdir(parents=True)
    for n in range(count):
        word = WORDS[n % len(WORDS)]
        (folder / f"{tag}-{n:04d}.txt").write_text(
            f"The old {word} at site {tag}-{n} reopens\n\n"
            f"Volunteers restored the {word} over {n % 9 + 2} summers, the heritage trust said.\n\n"
            f"About {100 + n} visitors came on the first weekend, organisers added.\n",
            encoding="utf-8",
        )


def import_process(store_path: Path, folder: Path, batch: int, workers: int) -> subprocess.Popen[str]:
    code = (
        "import sys\n"
        "import claimscope.store.importer as importer\n"
        f"importer.BATCH_SIZE = {batch}\n"
        "importer.BATCH_GROWTH = 0\n"
        "from claimscope.tui.cli import main\n"
        "raise SystemExit(main(sys.argv[1:]))\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, "import", "--db", str(store_path), "--workers", str(workers), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def assert_consistent(store: Store) -> None:
    """Every item an article lists is stored, and every stored item belongs to a stored article."""
    articles = store.records("articles")
    for table in ("sections", "claims", "statistics", "entities"):
        rows = store.records(table)
        listed = {i for record in articles.values() for i in record.get(table, [])}
        assert listed <= set(rows)
        assert all(row["article_id"] in articles for row in rows.values())


def test_kill_during_import_keeps_earlier_data(tmp_path: Path, store_path: Path) -> None:
    earlier = sample_articles()
    with Store(store_path) as store:
        store.add_articles(earlier)
    first = Fingerprint.of(store_path)
    folder = tmp_path / "big"
    write_corpus(folder, 600, "k")
    child = import_process(store_path, folder, batch=10, workers=2)
    deadline = time.monotonic() + 90
    while Fingerprint.of(store_path) == first and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    second = Fingerprint.of(store_path)
    while Fingerprint.of(store_path) == second and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(0.03)  # into a later batch, then kill it wherever it is
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    with Store(store_path) as store:
        for article in earlier:
            assert store.get_article(article.id) == article
        count = len(store.article_summaries())
        assert len(earlier) < count < len(earlier) + 600
        assert_consistent(store)
        store.add_articles([build_article("9990000000000001", "After the crash", [SectionSpec(None, ["Fine."])])])
    assert len(Store(store_path).article_summaries()) == count + 1


def test_killed_writer_never_leaves_a_damaged_store(tmp_path: Path, store_path: Path) -> None:
    """Kill a process that does nothing but write, at several moments: each time the store opens."""
    code = (
        "import sys\n"
        "from claimscope.store.db import Store\n"
        "from store_factory import SectionSpec, build_article\n"
        "store = Store(__import__('pathlib').Path(sys.argv[1]))\n"
        "for n in range(100000):\n"
        "    store.add_articles([build_article(f'{n:016x}', f'Note {n}', [SectionSpec(None, ['Padding. ' * 400])])])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "store")}
    for delay in (0.4, 0.7, 1.1, 1.6):
        child = subprocess.Popen([sys.executable, "-c", code, str(store_path)], env=env, start_new_session=True)
        time.sleep(delay)
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        with Store(store_path) as store:
            assert_consistent(store)


def test_killed_import_and_remove_leave_a_store_that_agrees_with_itself(store_path: Path) -> None:
    """A process that removes and imports articles in turn (merging segments as it goes), killed at random.

    Each time the store opens, every article the manifest lists reads back whole, and the next write leaves
    only the segment files the manifest names.
    """
    code = (
        "import sys, random\n"
        "from pathlib import Path\n"
        "from claimscope.store.db import Store\n"
        "from store_factory import SectionSpec, build_article\n"
        "store = Store(Path(sys.argv[1]))\n"
        "rng = random.Random(int(sys.argv[2]))\n"
        "for n in range(100000):\n"
        "    ids = [s.id for s in store.article_summaries()]\n"
        "    store.remove_articles(rng.sample(ids, min(len(ids), rng.randint(1, 4))))\n"
        "    base = int(sys.argv[2]) * 10**6 + n * 10\n"
        "    store.add_articles([build_article(f'{base + k:016x}', f'Note {base + k}', "
        "[SectionSpec(None, ['Padding. ' * 200])]) for k in range(rng.randint(1, 6))])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "store")}
    rng = random.Random(8)
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    for attempt in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", code, str(store_path), str(attempt + 1)], env=env, start_new_session=True
        )
        time.sleep(rng.uniform(0.5, 1.5))
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL
        with Store(store_path) as store:
            summaries = store.article_summaries()
            assert summaries
            for summary in summaries:
                assert store.get_article(summary.id).title == summary.title
            assert_consistent(store)
    with Store(store_path) as store:
        store.add_articles([build_article("9990000000000002", "After the kills", [SectionSpec(None, ["Fine."])])])
    named = set(orjson.loads(store_path.read_bytes())["segments"]["files"])
    assert {p.name for p in segments_dir(store_path).iterdir()} == named


def test_two_importers_lose_nothing(tmp_path: Path, store_path: Path) -> None:
    """Two imports into one store at once: each waits for the other's short writes, and both land."""
    write_corpus(tmp_path / "one", 60, "a")
    write_corpus(tmp_path / "two", 60, "b")
    children = [
        import_process(store_path, tmp_path / "one", batch=5, workers=1),
        import_process(store_path, tmp_path / "two", batch=5, workers=1),
    ]
    results = [child.communicate(timeout=180) for child in children]
    assert [(child.returncode, out, err) for child, (out, err) in zip(children, results, strict=True)] == [
        (0, "imported 60, unchanged 0, failed 0\n", ""),
        (0, "imported 60, unchanged 0, failed 0\n", ""),
    ]
    with Store(store_path) as store:
        sources = [s.source or "" for s in store.article_summaries()]
        assert_consistent(store)
    assert sum("/one/" in s for s in sources) == sum("/two/" in s for s in sources) == 60
    assert len(sources) == 120


def test_damaged_segment_is_one_line_and_exit_2_and_kept(run: Run, store_path: Path) -> None:
    """``show`` of an article whose document fails its checksum: the real process names the segment file."""
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    entry = row_entry(orjson.loads(store_path.read_bytes())["articles"][ferry_article().id])
    assert entry is not None
    segment = segments_dir(store_path) / entry["seg"]
    data = segment.read_bytes()
    title = data.index(b"Harbour", entry["at"])
    damaged = data[:title] + b"Xarbour" + data[title + len(b"Harbour") :]
    segment.write_bytes(damaged)
    one_error_line(run("show", ferry_article().id), str(segment), "checksum")
    assert run("show", sample_articles()[1].id).returncode == 0
    assert segment.read_bytes() == damaged
