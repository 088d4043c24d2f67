"""The persisted search index through the real command line: import, remove, damage and kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from cli_run import Run

from claimscope.store.db import Store
from claimscope.store.search.persisted import MANIFEST, index_path, open_index, store_article_ids

NOTE = "claimscope: indexing"


def write_articles(folder: Path, stories: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in stories.items():
        (folder / f"{name}.txt").write_text(body, encoding="utf-8")


FIRST = {
    "ferry": "Ferry fares to rise in spring\n\nFares will rise by 12 percent in April, the harbour manager said.\n",
    "clinic": "Eye clinic opens in the old mill\n\nThe clinic carried out 11,300 screenings in 2024, staff said.\n",
}
FILLER = {
    f"filler-{n}": f"Parish notice number {n}\n\nThe parish hall will host meeting {n} on Monday, the clerk said.\n"
    for n in range(4)
}
SECOND = {
    "kiln": "Pottery kiln restored by volunteers\n\nVolunteers spent 1.7m pounds on the kiln, the trust said.\n",
    "orchard": "Cider orchard replanted after storm\n\nAbout 2,000 apple trees were replanted, growers said.\n",
}


def index_files(store: Path) -> dict[str, float]:
    return {str(p.relative_to(index_path(store))): p.stat().st_mtime for p in index_path(store).rglob("*.npy")}


def search(run: Run, store: Path, query: str) -> tuple[list[dict[str, object]], str]:
    result = run("search", "--db", str(store), query, "--format", "json", "--limit", "3")
    assert result.returncode == 0, result.stderr
    return orjson.loads(result.stdout), result.stderr


def test_a_two_article_import_updates_the_persisted_index(run: Run, tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    write_articles(tmp_path / "first", FIRST | FILLER)
    assert run("--db", str(store), "import", str(tmp_path / "first")).returncode == 0
    before = index_files(store)
    manifest_before = (index_path(store) / MANIFEST).read_bytes()
    write_articles(tmp_path / "second", SECOND)
    assert run("--db", str(store), "import", str(tmp_path / "second")).returncode == 0
    after = index_files(store)
    assert set(before) < set(after)  # the old segment kept, a delta added
    assert (index_path(store) / MANIFEST).read_bytes() != manifest_before
    hits, stderr = search(run, store, "kiln 1.7 million")
    assert NOTE not in stderr  # the new process indexed nothing: the import had
    assert "1.7m" in str(hits[0]["text"])
    hits, _ = search(run, store, "2000 apple trees")
    assert "2,000" in str(hits[0]["text"])
    removed = run("--db", str(store), "remove", str(hits[0]["article_id"]))
    assert removed.stdout == "removed 1 article(s)\n"
    hits, stderr = search(run, store, "2000 apple trees")
    assert NOTE not in stderr
    assert all("2,000" not in str(h["text"]) for h in hits)


def test_a_damaged_index_is_detected_and_rebuilt(run: Run, tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    write_articles(tmp_path / "first", FIRST)
    run("--db", str(store), "import", str(tmp_path / "first"))
    vocab = next(index_path(store).rglob("vocab.txt"))
    vocab.write_text("garbage", encoding="utf-8")
    hits, stderr = search(run, store, "11300 screenings")
    assert stderr == f"{NOTE} 2 article(s) the search index lacks\n"
    assert "11,300" in str(hits[0]["text"])
    _, stderr = search(run, store, "11300 screenings")
    assert stderr == ""


def test_a_store_changed_without_the_index_is_caught_up(run: Run, tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    write_articles(tmp_path / "first", FIRST)
    run("--db", str(store), "import", str(tmp_path / "first"))
    with Store(store) as opened:  # a write that skips the index, as a crash between the two would
        ferry = next(s.id for s in opened.article_summaries() if s.title and "Ferry" in s.title)
        opened.remove_articles([ferry])
    hits, stderr = search(run, store, "ferry fares april")
    assert NOTE not in stderr  # nothing to index, only a tombstone to add
    assert all(h["article_id"] != ferry for h in hits)


WRITER = """
import sys
from pathlib import Path
from store_factory import SectionSpec, build_article
from claimscope.store.db import Store
from claimscope.store.search.persisted import update_index
store = Store(Path(sys.argv[1]))
for n in range(100000):
    store.add_articles([build_article(f"{n:016x}", f"Harbour note {n}", [SectionSpec(None, ["Tides. " * 200])])])
    update_index(store)
    if n % 3 == 2:
        store.remove_articles([f"{n - 1:016x}"])
        update_index(store)
"""


@pytest.mark.slow
def test_kill_9_across_import_and_remove_leaves_an_index_that_agrees_or_is_caught_up(tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "store")}
    for delay in (0.6, 0.9, 1.3, 1.8, 2.4):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(store)], env=env, start_new_session=True)
        time.sleep(delay)
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        with Store(store) as opened:
            wanted = store_article_ids(opened)
            assert open_index(opened).covered() == wanted
            assert open_index(opened, persist=False).covered() == wanted  # and what was saved agrees too
