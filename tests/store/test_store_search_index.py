"""The persisted index beside the store: built once, caught up incrementally, never trusted blindly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_factory import SectionSpec, build_article, sample_articles

from claimscope.extract.model import Article
from claimscope.store.db import Store
from claimscope.store.digest import as_text, digest_of
from claimscope.store.search import persisted
from claimscope.store.search.persisted import LOCK, MANIFEST, MAX_DELTAS, index_path, open_index, update_index


class Counter:
    """A progress callback that records how many articles each build indexed."""

    def __init__(self) -> None:
        self.builds: list[int] = []

    def __call__(self, done: int, total: int) -> None:
        if done == 0:
            self.builds.append(total)


def note_article(n: int, words: str = "lighthouse keepers") -> Article:
    article: Article = build_article(
        f"{n:016x}", f"Note {n} about {words}", [SectionSpec(None, [f"The {words} met {n} times."])]
    )
    return article


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "store.json")
    store.add_articles(sample_articles())
    return store


def manifest(store: Store) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((index_path(store.path) / MANIFEST).read_text())
    return loaded


def test_first_open_builds_and_saves_later_opens_only_read(store: Store) -> None:
    first, second = Counter(), Counter()
    open_index(store, progress=first)
    assert first.builds == [4]
    index = open_index(store, progress=second)
    assert second.builds == []
    assert index.covered() == {a.id for a in sample_articles()}
    assert "a1f0000000000001:c1" in [h.id for h in index.search("Dov Arkin fares")]


def test_an_import_adds_a_delta_with_only_the_new_articles(store: Store) -> None:
    open_index(store)
    store.add_articles([note_article(1), note_article(2)])
    counter = Counter()
    update_index(store)  # what the import command does
    index = open_index(store, progress=counter)
    assert counter.builds == []
    assert len(manifest(store)["segments"]) == 2  # type: ignore[arg-type]
    assert index.search("lighthouse keepers", kind="article")[0].article_id in {f"{1:016x}", f"{2:016x}"}


def test_a_store_changed_behind_the_index_is_caught_up_on_open(store: Store) -> None:
    open_index(store)
    store.add_articles([note_article(7)])  # no index update: as after a crash between the two writes
    store.remove_articles(["a1f0000000000001"])
    counter = Counter()
    index = open_index(store, progress=counter)
    assert counter.builds == [1]
    assert list(manifest(store)["tombstones"].values()) == [["a1f0000000000001"]]  # type: ignore[attr-defined]
    assert all(h.article_id != "a1f0000000000001" for h in index.search("harbour ferry fares"))
    assert index.search("lighthouse keepers")[0].article_id == f"{7:016x}"


def test_a_damaged_segment_means_a_rebuild(store: Store) -> None:
    open_index(store)
    segment = index_path(store.path) / manifest(store)["segments"][0]  # type: ignore[index]
    postings = segment / "post_units.npy"
    postings.write_bytes(postings.read_bytes()[:-8])
    counter = Counter()
    index = open_index(store, progress=counter)
    assert counter.builds == [4]
    assert "a1f0000000000001:c1" in [h.id for h in index.search("Dov Arkin fares")]
    assert Counter().builds == []


@pytest.mark.parametrize("damage", ["not json", '{"version": 99}', '{"version": 1, "segments": ["nowhere"]}'])
def test_an_unreadable_manifest_means_a_rebuild(store: Store, damage: str) -> None:
    open_index(store)
    (index_path(store.path) / MANIFEST).write_text(damage)
    counter = Counter()
    open_index(store, progress=counter)
    assert counter.builds == [4]
    assert manifest(store)["version"] == 1


def test_a_busy_lock_catches_up_in_memory_without_writing(store: Store) -> None:
    import filelock

    open_index(store)
    before = manifest(store)
    store.add_articles([note_article(3)])
    with filelock.FileLock(str(index_path(store.path) / LOCK)):
        index = open_index(store)
    assert manifest(store) == before
    assert index.search("lighthouse keepers")[0].article_id == f"{3:016x}"


def test_many_deltas_are_merged(store: Store) -> None:
    open_index(store)
    for n in range(MAX_DELTAS + 3):
        store.add_articles([note_article(100 + n)])
        update_index(store)
    assert len(manifest(store)["segments"]) <= MAX_DELTAS + 1  # type: ignore[arg-type]
    assert open_index(store).covered() == {a.id for a in sample_articles()} | {
        f"{100 + n:016x}" for n in range(MAX_DELTAS + 3)
    }


def test_removed_then_imported_again_is_found_once(store: Store) -> None:
    open_index(store)
    ferry = sample_articles()[0]
    store.remove_articles([ferry.id])
    update_index(store)
    store.add_articles([ferry])
    update_index(store)
    hits = open_index(store).search("Dov Arkin fares")
    assert [h.id for h in hits].count("a1f0000000000001:c1") == 1
    assert hits[0].copies == 2  # the claim and its statistic share the sentence: one line, not two


def test_unreferenced_segment_directories_are_cleaned_up(store: Store) -> None:
    open_index(store)
    stray = index_path(store.path) / "seg-left-by-a-crash"
    stray.mkdir()
    store.add_articles([note_article(5)])
    update_index(store)
    assert not stray.exists()


def test_the_index_is_smaller_than_the_store(store: Store) -> None:
    for n in range(40):
        store.add_articles([note_article(200 + n, "harbour pilots and lock keepers")])
    open_index(store)
    size = sum(p.stat().st_size for p in index_path(store.path).rglob("*") if p.is_file())
    assert size < store.bytes_on_disk()


def test_the_index_records_the_article_set_it_covers(store: Store) -> None:
    open_index(store)
    ids = {a.id for a in sample_articles()}
    assert manifest(store)["covers"] == {"articles": len(ids), "digest": as_text(digest_of(ids))}
    assert store.article_digest() == digest_of(ids)


def test_a_store_whose_digest_matches_is_not_read_id_by_id(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    open_index(store)

    def refuse(_store: Store) -> set[str]:
        raise AssertionError("the digest matched: no id comparison is needed")

    monkeypatch.setattr(persisted, "store_article_ids", refuse)
    assert "a1f0000000000001:c1" in [h.id for h in open_index(Store(store.path)).search("Dov Arkin fares")]


def test_the_digest_check_detects_a_store_with_as_many_articles_but_other_ones(store: Store) -> None:
    open_index(store)
    with Store(store.path) as other:  # another process: one article out, one in, no index update (a crash)
        other.remove_articles(["a1f0000000000001"])
        other.add_articles([note_article(9)])
    reopened = Store(store.path)
    assert reopened.size() == len(sample_articles())
    counter = Counter()
    index = open_index(reopened, progress=counter)
    assert counter.builds == [1]
    assert index.covered() == {a.id for a in sample_articles()} - {"a1f0000000000001"} | {f"{9:016x}"}
    assert manifest(reopened)["covers"]["digest"] == as_text(digest_of(index.covered()))  # type: ignore[index]


def test_an_index_written_before_it_recorded_what_it_covers_is_compared_id_by_id_then_records_it(
    store: Store,
) -> None:
    open_index(store)
    path = index_path(store.path) / MANIFEST
    older = {k: v for k, v in manifest(store).items() if k != "covers"}
    path.write_text(json.dumps(older))
    store.add_articles([note_article(4)])  # behind the index's back
    counter = Counter()
    index = open_index(store, progress=counter)
    assert counter.builds == [1]
    assert f"{4:016x}" in index.covered()
    assert manifest(store)["covers"] == {"articles": 5, "digest": as_text(digest_of(index.covered()))}
    path.write_text(json.dumps({k: v for k, v in manifest(store).items() if k != "covers"}))
    assert open_index(store).covered() == index.covered()
    assert manifest(store)["covers"] == {"articles": 5, "digest": as_text(digest_of(index.covered()))}


@pytest.mark.parametrize("seed", range(5))
def test_members_answers_as_numpy_isin_does(seed: int) -> None:
    import numpy as np

    from claimscope.store.search.segment import members

    rng = np.random.default_rng(seed)
    for _ in range(50):
        values = rng.integers(0, 40, size=int(rng.integers(0, 30)))
        wanted = rng.integers(0, 40, size=int(rng.integers(0, 8)))
        assert members(values, wanted).tolist() == np.isin(values, wanted).tolist()
    ids = np.array([b"a1f0", b"b2e0", b"c3d0"], dtype=np.bytes_)
    assert members(ids, np.array([b"b2e0", b"zz"], dtype=np.bytes_)).tolist() == [False, True, False]


def test_an_index_another_process_caught_up_while_this_one_waited_is_read_again_not_rebuilt(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collections.abc import Iterator
    from contextlib import contextmanager

    open_index(store)
    store.add_articles([note_article(6)])  # the index lags
    real_lock = persisted._index_lock

    @contextmanager
    def another_process_first(directory: Path) -> Iterator[bool]:
        monkeypatch.setattr(persisted, "_index_lock", real_lock)
        open_index(Store(store.path))  # it catches the index up between this one's read and its lock
        with real_lock(directory) as locked:
            yield locked

    monkeypatch.setattr(persisted, "_index_lock", another_process_first)
    counter = Counter()
    index = open_index(store, progress=counter)
    assert counter.builds == []  # this one found the index already caught up: it indexed nothing
    assert f"{6:016x}" in index.covered()
