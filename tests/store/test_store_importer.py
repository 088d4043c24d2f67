"""Import through the real extractor: files, folders, globs, bad files, re-imports, worker processes."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import pytest

import claimscope.extract.pipeline
import claimscope.store.importer
from claimscope.extract.errors import InputRefused
from claimscope.store.db import AddResult, Store
from claimscope.store.errors import InputMissing, SampleImportFailed, StoreLocked
from claimscope.store.importer import collect_inputs, import_paths, import_samples
from claimscope.store.records import PreparedArticle

TOWNS = ["Alder", "Brill", "Cato", "Dunmore", "Eskby", "Farrow", "Gilt", "Hollin", "Ivers", "Jarrow"]


def write_article(folder: Path, n: int, suffix: str = ".txt") -> Path:
    """A short news item written for these tests; ``n`` makes each one different."""
    town = TOWNS[n % len(TOWNS)]
    body = (
        f"{town} council repairs {n + 3} bridges\n\n"
        f"The {town} council said on Tuesday that it had repaired {n + 3} bridges in 2023.\n\n"
        f'"We expect to finish the remaining {n + 11} crossings by spring," said Ola Brandt, '
        f"the council's roads officer, in report number {1000 + n}.\n"
    )
    path = folder / f"article-{n:03d}{suffix}"
    path.write_text(body, encoding="utf-8")
    return path


def test_folder_import_skips_bad_files_and_reimport_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    write_article(folder, 1)
    write_article(folder / "nested", 2, ".md")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    (folder / "ignored.pdf").write_bytes(b"%PDF-1.4")
    with Store(tmp_path / "store.json") as store:
        summary = import_paths(store, [str(folder)], workers=1)
        assert (summary.imported, summary.unchanged) == (2, 0)
        assert [Path(p).name for p, _ in summary.failed] == ["broken.txt"]
        assert summary.line() == "imported 2, unchanged 0, failed 1"
        again = import_paths(store, [folder], workers=1)
        assert (again.imported, again.unchanged, len(again.failed)) == (0, 2, 1)
        assert len(store.article_summaries()) == 2


def test_globs_and_missing_paths(tmp_path: Path) -> None:
    for n in range(3):
        write_article(tmp_path, n)
    assert len(collect_inputs([str(tmp_path / "*.txt")])) == 3
    assert collect_inputs(["-"]) == ["-"]
    with pytest.raises(InputMissing, match="no such file"):
        collect_inputs([str(tmp_path / "article-000.txt"), str(tmp_path / "nope.txt")])
    with pytest.raises(InputMissing, match="no file matches"):
        collect_inputs([str(tmp_path / "*.html")])


def test_missing_path_imports_nothing(tmp_path: Path) -> None:
    write_article(tmp_path, 1)
    store_path = tmp_path / "store.json"
    with Store(store_path) as store, pytest.raises(InputMissing):
        import_paths(store, [str(tmp_path / "article-001.txt"), str(tmp_path / "missing")])
    assert not store_path.exists()


def test_worker_processes_give_the_same_store(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(20):
        write_article(folder, n)
    seen: list[tuple[int, int]] = []
    with Store(tmp_path / "parallel.json") as parallel, Store(tmp_path / "serial.json") as serial:
        summary = import_paths(parallel, [folder], workers=2, progress=lambda d, t: seen.append((d, t)))
        import_paths(serial, [folder], workers=1)
        assert summary.imported == 20
        assert {s.id for s in parallel.article_summaries()} == {s.id for s in serial.article_summaries()}
    assert seen[0] == (0, 20)
    assert seen[-1] == (20, 20)


def test_samples_import_from_the_package(tmp_path: Path) -> None:
    names = [e.name for e in resources.files("claimscope.data").iterdir() if e.name.endswith((".txt", ".md", ".html"))]
    assert names, "the package ships no sample articles"
    with Store(tmp_path / "store.json") as store:
        summary = import_samples(store)
        assert (summary.imported, summary.failed) == (len(names), [])
        assert import_samples(store).imported == 0


def test_sample_import_blocked_by_a_busy_store_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    def busy(self: Store, articles: object) -> None:
        raise StoreLocked("store /tmp/s.json is busy: another claimscope process is writing it")

    monkeypatch.setattr(Store, "add_articles", busy)
    with pytest.raises(SampleImportFailed) as caught:
        import_samples(Store.in_memory())
    assert str(caught.value) == "store /tmp/s.json is busy: another claimscope process is writing it"


def test_sample_the_extractor_refuses_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(data: bytes, *, source: str) -> None:
        raise InputRefused("the input looks like binary data")

    monkeypatch.setattr(claimscope.extract.pipeline, "extract_bytes", refuse)
    store = Store.in_memory()
    with pytest.raises(SampleImportFailed, match=r"^sample 001_\S+ could not be read: the input looks like binary"):
        import_samples(store)
    assert store.is_empty()


class CountingStore(Store):
    """An embedded store that counts how often the importer asks its size and stores a batch."""

    size_calls = 0
    batches = 0

    def size(self) -> int:
        self.size_calls += 1
        return super().size()

    def add_prepared(self, prepared: Iterable[PreparedArticle]) -> AddResult:
        self.batches += 1
        return super().add_prepared(prepared)


def test_import_asks_the_store_size_once_and_counts_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL a size is a count over every article: once per import, not once per file."""
    monkeypatch.setattr(claimscope.store.importer, "BATCH_SIZE", 2)
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(7):
        write_article(folder, n)
    with CountingStore(in_memory=True) as store:
        summary = import_paths(store, [folder], workers=1)
        assert (store.size_calls, store.batches, summary.imported) == (1, 4, 7)
        assert store.size() == 7
