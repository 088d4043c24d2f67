"""What only the file-backed store does: atomic writes, damage reports, locking, merging changes."""

from __future__ import annotations

from pathlib import Path

import filelock
import orjson
import pytest
from store_factory import clinic_article, ferry_article, helpers_article, sample_articles

from claimscope.store import storage as storage_module
from claimscope.store.db import Store
from claimscope.store.errors import StoreDamaged, StoreLocked, StoreTooNew
from claimscope.store.paths import lock_path, marks_path, segments_dir
from claimscope.store.segments import segment_name


def test_reopened_store_has_everything(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
        store.mark(["a1f0000000000001:c1"])
    with Store(store_path) as store:
        assert store.get_article("a1f0000000000001") == ferry_article()
        assert store.marks() == {"a1f0000000000001:c1"}


def test_opening_and_reading_writes_nothing(store_path: Path) -> None:
    with Store(store_path) as store:
        assert store.is_empty()
    assert not store_path.exists()
    with Store(store_path) as store:
        store.add_articles([ferry_article()])
    before = store_path.read_bytes(), store_path.stat().st_mtime_ns
    with Store(store_path) as store:
        store.article_summaries()
        store.get_article("a1f")
        store.add_articles([ferry_article()])  # unchanged: no write either
    assert (store_path.read_bytes(), store_path.stat().st_mtime_ns) == before


def test_marking_leaves_the_corpus_file_alone(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
        inode = store_path.stat().st_ino
        store.mark(["b2e0000000000002:c1"])
        store.unmark(["b2e0000000000002:c1"])
        store.mark(["b2e0000000000002:n1"])
    assert store_path.stat().st_ino == inode
    assert orjson.loads(marks_path(store_path).read_bytes())["marks"] == ["b2e0000000000002:n1"]


def test_one_batch_is_one_write(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writes: list[int] = []
    real = storage_module.atomic_write_bytes

    def counting(path: Path, data: bytes, *, replace: bool = True) -> None:
        writes.append(len(data))
        real(path, data, replace=replace)

    monkeypatch.setattr(storage_module, "atomic_write_bytes", counting)
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    assert len(writes) == 1


def test_write_leaves_no_temporary_or_unnamed_files(store_path: Path) -> None:
    """A killed writer's temporary manifest and its unfinished segment go at the next write, not at a read."""
    stale = store_path.parent / f"{storage_module.TEMP_PREFIX}{store_path.name}.dead{storage_module.TEMP_SUFFIX}"
    stale.write_bytes(b"left by a killed writer")
    orphan = segments_dir(store_path) / segment_name(99)
    orphan.parent.mkdir()
    orphan.write_bytes(b'{"article":')
    with Store(store_path) as store:
        store.article_summaries()
        assert stale.exists() and orphan.exists()
        store.add_articles([ferry_article()])
    expected = [store_path.name, lock_path(store_path).name, segments_dir(store_path).name]
    assert sorted(p.name for p in store_path.parent.iterdir()) == sorted(expected)
    named = orjson.loads(store_path.read_bytes())["segments"]["files"]
    assert sorted(p.name for p in segments_dir(store_path).iterdir()) == sorted(named)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"articles": {"x": ', "not valid JSON"),
        (b"[1, 2, 3]", "top level is not an object"),
        (b'{"articles": []}', "table 'articles' is not an object"),
        (b'{"claims": {"x": 3}}', "not an object"),
        (b"\x00\xff\xfe garbage", "not valid JSON"),
    ],
)
def test_damaged_store_is_reported_and_kept(store_path: Path, content: bytes, reason: str) -> None:
    store_path.write_bytes(content)
    with pytest.raises(StoreDamaged) as caught:
        Store(store_path)
    message = str(caught.value)
    assert str(store_path) in message
    assert reason in message
    assert "\n" not in message
    assert store_path.read_bytes() == content


def test_damaged_marks_file_is_reported_and_kept(store_path: Path) -> None:
    marks = marks_path(store_path)
    marks.write_bytes(b'{"marks": "oops"}')
    with pytest.raises(StoreDamaged, match="marks file"):
        Store(store_path)
    assert marks.read_bytes() == b'{"marks": "oops"}'


def test_store_damaged_by_another_process_is_not_overwritten(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles([ferry_article()])
        store_path.write_bytes(b"{broken")
        with pytest.raises(StoreDamaged):
            store.add_articles([clinic_article()])
    assert store_path.read_bytes() == b"{broken"


def test_second_writer_merges_instead_of_overwriting(store_path: Path) -> None:
    with Store(store_path) as first, Store(store_path) as second:
        first.add_articles([ferry_article()])
        assert second.changed_on_disk()
        second.add_articles([clinic_article()])  # re-reads under the lock before writing
        assert not second.changed_on_disk()
        assert first.changed_on_disk()
        assert first.refresh()
        assert not first.refresh()
        assert {s.id for s in first.article_summaries()} == {ferry_article().id, clinic_article().id}
    with Store(store_path) as third:
        assert len(third.article_summaries()) == 2


def test_marks_from_two_processes_merge(store_path: Path) -> None:
    with Store(store_path) as setup:
        setup.add_articles(sample_articles())
    with Store(store_path) as first, Store(store_path) as second:
        first.mark(["a1f0000000000001:c1"])
        second.mark(["b2e0000000000002:c1"])
        assert second.marks() == {"a1f0000000000001:c1", "b2e0000000000002:c1"}
        assert first.changed_on_disk()


def test_mark_sees_articles_imported_elsewhere(store_path: Path) -> None:
    with Store(store_path) as explorer, Store(store_path) as importer:
        importer.add_articles([helpers_article()])
        explorer.mark(["c3d0000000000003:c1"])
        assert explorer.marks() == {"c3d0000000000003:c1"}


def test_locked_store_is_refused_with_a_clear_message(store_path: Path) -> None:
    with Store(store_path, lock_timeout=0.2) as store:
        store.add_articles([ferry_article()])
        before = store_path.read_bytes()
        holder = filelock.FileLock(str(lock_path(store_path)))
        with holder:
            with pytest.raises(StoreLocked, match="another claimscope process is writing"):
                store.add_articles([clinic_article()])
            with pytest.raises(StoreLocked):
                store.mark(["a1f0000000000001:c1"])
        assert store_path.read_bytes() == before
        assert store.marks() == set()
        store.add_articles([clinic_article()])  # the lock is free again
    assert len(Store(store_path).article_summaries()) == 2


def test_store_from_a_newer_version_is_refused(store_path: Path) -> None:
    store_path.write_bytes(orjson.dumps({"meta": {"schema": {"version": 99, "applied": ["9999_future"]}}}))
    with pytest.raises(StoreTooNew, match="newer claimscope"):
        Store(store_path)


def test_directory_as_store_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="is a directory"):
        Store(tmp_path)


def test_default_path_honours_environment(tmp_path: Path) -> None:
    with Store() as store:
        assert store.path == tmp_path / "env-store.json"
