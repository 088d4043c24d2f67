"""Compaction: the tiered merge policy, and that merging and reclaiming keep every article."""

from __future__ import annotations

import math
from pathlib import Path

import orjson
import pytest
from store_factory import SectionSpec, build_article, clinic_article, ferry_article, sample_articles

from claimscope.extract.model import Article
from claimscope.store import segments as segments_module
from claimscope.store.db import Store
from claimscope.store.paths import segments_dir
from claimscope.store.segments import SegmentUse, merge_groups, needs_rewrite


def _uses(*lives: int) -> list[SegmentUse]:
    return [SegmentUse(f"s{n}", live, live) for n, live in enumerate(lives)]


def _names(groups: list[list[SegmentUse]]) -> list[list[str]]:
    return [[use.name for use in group] for group in groups]


def test_merges_carry_like_a_binary_counter() -> None:
    assert _names(merge_groups(_uses(8, 4, 2, 1, 1))) == [["s0", "s1", "s2", "s3", "s4"]]
    assert _names(merge_groups(_uses(8, 4, 1))) == [["s0"], ["s1"], ["s2"]]
    assert _names(merge_groups(_uses(16, 4, 3, 3))) == [["s0"], ["s1", "s2", "s3"]]


def test_merges_stop_at_the_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments_module, "MAX_SEGMENT_BYTES", 10)
    assert _names(merge_groups(_uses(6, 6, 2, 2))) == [["s0"], ["s1"], ["s2", "s3"]]  # 6 + 6 would pass 10


def test_a_segment_of_mostly_removed_articles_is_rewritten() -> None:
    assert needs_rewrite([SegmentUse("s0", 100, 40)])
    assert not needs_rewrite([SegmentUse("s0", 100, 60)])
    assert needs_rewrite(_uses(1, 1))


def _note(n: int) -> Article:
    sections = [SectionSpec(None, [f"Item {n} was logged by the desk."])]
    article: Article = build_article(f"{n:016x}", f"Note {n}", sections)
    return article


def _segment_files(store_path: Path) -> dict[str, int]:
    files: dict[str, int] = orjson.loads(store_path.read_bytes())["segments"]["files"]
    return files


BATCHES = [1, 1, 3, 1, 7, 2, 1, 1, 12, 1, 5, 1, 1, 1, 9]


def _rounds(store_path: Path, *, reopen: bool) -> dict[str, Article]:
    """Imports of varied sizes with removals between them; every round checks the article list.

    With ``reopen`` each round opens the store afresh, so every write goes through the path that edits
    the manifest's lines without parsing them all; without it, one open store writes from parsed entries.
    """
    expected: dict[str, Article] = {}
    n = 0
    store = Store(store_path)
    try:
        for round_, size in enumerate(BATCHES):
            if reopen:
                store.close()
                store = Store(store_path)
            batch = [_note(n + k) for k in range(size)]
            n += size
            store.add_articles(batch)
            expected.update((a.id, a) for a in batch)
            if round_ % 3 == 2:
                gone = sorted(expected)[round_ % len(expected)]
                store.remove_articles([gone])
                del expected[gone]
            assert {s.id for s in store.article_summaries()} == set(expected)
    finally:
        store.close()
    return expected


@pytest.mark.parametrize("reopen", [False, True])
def test_compaction_keeps_every_article(store_path: Path, monkeypatch: pytest.MonkeyPatch, reopen: bool) -> None:
    written: list[int] = []
    real_write = segments_module.SegmentFiles.write

    def counting(self: segments_module.SegmentFiles, name: str, documents: list[tuple[str, bytes]]) -> object:
        written.append(sum(len(data) + 1 for _, data in documents))
        return real_write(self, name, documents)

    monkeypatch.setattr(segments_module.SegmentFiles, "write", counting)
    expected = _rounds(store_path, reopen=reopen)
    with Store(store_path) as store:
        for article_id, article in expected.items():
            assert store.get_article(article_id) == article
        assert [s.id for s in store.article_summaries()] == list(orjson.loads(store_path.read_bytes())["articles"])
    files = _segment_files(store_path)
    assert sorted(p.name for p in segments_dir(store_path).iterdir()) == sorted(files)
    n = sum(BATCHES)
    assert len(files) <= math.log2(n) + 1
    document_bytes = sum(len(orjson.dumps(a.to_dict())) for a in expected.values())
    assert sum(written) < document_bytes * (math.log2(n) + 2)  # each document copied about log2(n) times


def test_editing_manifest_lines_writes_what_parsed_entries_write(tmp_path: Path) -> None:
    """The two write paths (lines edited in place, entries parsed and re-encoded) give the same store."""
    _rounds(tmp_path / "parsed" / "store.json", reopen=False)
    _rounds(tmp_path / "lines" / "store.json", reopen=True)
    parsed = (tmp_path / "parsed" / "store.json").read_bytes()
    lines = (tmp_path / "lines" / "store.json").read_bytes()
    assert orjson.loads(lines) == orjson.loads(parsed)
    assert lines == parsed


def test_removed_articles_bytes_are_reclaimed_by_the_next_import(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles([_note(n) for n in range(20)])
        before = sum(_segment_files(store_path).values())
        store.remove_articles([f"{n:016x}" for n in range(15)])
        assert sum(_segment_files(store_path).values()) == before  # removal rewrites only the manifest
        store.add_articles([_note(99)])
        assert {s.id for s in store.article_summaries()} == {f"{n:016x}" for n in (*range(15, 20), 99)}
    assert sum(_segment_files(store_path).values()) < before / 2
    with Store(store_path) as store:
        assert store.get_article(f"{17:016x}") == _note(17)


def test_reader_whose_segment_was_merged_away_reads_the_new_manifest(store_path: Path) -> None:
    with Store(store_path) as setup:
        setup.add_articles([ferry_article()])
    with Store(store_path) as reader, Store(store_path) as writer:
        old = _segment_files(store_path)
        writer.add_articles(sample_articles()[1:])  # more bytes than ferry's segment: the two merge
        assert not set(old) & set(_segment_files(store_path))
        assert reader.get_article(ferry_article().id) == ferry_article()
        assert reader.get_article(clinic_article().id) == clinic_article()


def test_reader_keeps_reading_a_segment_it_opened_before_the_merge(store_path: Path) -> None:
    with Store(store_path) as setup:
        setup.add_articles(sample_articles()[:2])
    with Store(store_path) as reader, Store(store_path) as writer:
        assert reader.get_article(ferry_article().id) == ferry_article()
        writer.add_articles(sample_articles()[2:])
        assert dict(reader.documents([clinic_article().id]))[clinic_article().id]["article"]["title"] == (
            clinic_article().title
        )
        assert reader.changed_on_disk()


def test_bytes_on_disk_counts_the_manifest_and_its_segments(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
        segments = sum(p.stat().st_size for p in segments_dir(store_path).iterdir())
        assert store.bytes_on_disk() == store_path.stat().st_size + segments
