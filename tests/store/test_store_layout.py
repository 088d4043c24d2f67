"""The segmented layout: a manifest that names segment files, reads that touch only what they need, damage.

Several tests shrink ``MAX_SEGMENT_BYTES`` so that no merge happens and every article sits in a segment of
its own: then which segment files a command opens says exactly which articles it read.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_factory import clinic_article, ferry_article, helpers_article, sample_articles

from claimscope.store import corpus as corpus_module
from claimscope.store import segments as segments_module
from claimscope.store.db import Store
from claimscope.store.entries import ENTRY_COLUMNS, entry_row, row_entry
from claimscope.store.errors import StoreDamaged
from claimscope.store.migrations import ROWS_STEP, SEGMENTS_STEP
from claimscope.store.paths import segments_dir
from claimscope.store.records import article_document, compact
from claimscope.store.text import _TOKEN, normalise, tokens


def manifest_of(path: Path) -> dict[str, Any]:
    """The manifest parsed, each article's row made the entry it stands for (``store/entries.py``)."""
    parsed: dict[str, Any] = orjson.loads(path.read_bytes())
    parsed["articles"] = {article_id: row_entry(row) for article_id, row in parsed["articles"].items()}
    return parsed


@pytest.fixture
def one_segment_each(monkeypatch: pytest.MonkeyPatch) -> None:
    """No merges: every import's articles stay in their own segment."""
    monkeypatch.setattr(segments_module, "MAX_SEGMENT_BYTES", 1)


def _store_one_by_one(path: Path) -> None:
    with Store(path) as store:
        for article in sample_articles():
            store.add_articles([article])


@pytest.fixture
def opened_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[Path]]:
    """Every file under ``tmp_path`` opened for reading or writing, by ``open`` or ``os.open``."""
    seen: list[Path] = []
    real_open, real_os_open = io.open, os.open

    def io_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)) and Path(file).is_relative_to(tmp_path):
            seen.append(Path(file))
        return real_open(file, *args, **kwargs)

    def os_open(file: Any, *args: Any, **kwargs: Any) -> int:
        if isinstance(file, (str, os.PathLike)) and Path(file).is_relative_to(tmp_path):
            seen.append(Path(file))
        return real_os_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr(os, "open", os_open)
    yield seen


def segment_of(path: Path, article_id: str) -> Path:
    return segments_dir(path) / str(manifest_of(path)["articles"][article_id]["seg"])


def test_manifest_names_each_article_in_a_segment(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    data = store_path.read_bytes()
    assert data.startswith(b'{"meta":') and data.split(b"\n", 1)[0].endswith(b",")  # what older versions check
    manifest = manifest_of(store_path)
    assert manifest["meta"]["schema"]["applied"][-2:] == [SEGMENTS_STEP, ROWS_STEP]
    assert manifest["segments"]["columns"] == list(ENTRY_COLUMNS)
    files = manifest["segments"]["files"]
    assert sorted(p.name for p in segments_dir(store_path).iterdir()) == sorted(files)
    for article in sample_articles():
        entry = manifest["articles"][article.id]
        assert entry["title"] == article.title
        segment = (segments_dir(store_path) / entry["seg"]).read_bytes()
        assert segment[entry["at"] + entry["len"] : entry["at"] + entry["len"] + 1] == b"\n"
        document = orjson.loads(segment[entry["at"] : entry["at"] + entry["len"]])
        assert document == orjson.loads(orjson.dumps(article_document(article)))


def test_opening_and_show_read_only_the_manifest_and_that_articles_segment(
    store_path: Path, one_segment_each: None, opened_files: list[Path]
) -> None:
    _store_one_by_one(store_path)
    assert len(manifest_of(store_path)["segments"]["files"]) == len(sample_articles())
    opened_files.clear()
    with Store(store_path) as store:
        titles = {s.title for s in store.article_summaries()}
        assert "Harbour ferry fares to rise in April" in titles
        assert store.resolve("a1f").id == ferry_article().id  # a prefix resolves from the manifest alone
        assert [p for p in opened_files if p.parent == segments_dir(store_path)] == []
        assert store.get_article(ferry_article().id) == ferry_article()
        assert store.resolve("b2e0000000000002:c1").kind == "claim"
    segments_read = [p for p in opened_files if p.parent == segments_dir(store_path)]
    assert segments_read == [segment_of(store_path, ferry_article().id), segment_of(store_path, clinic_article().id)]
    assert store_path in opened_files


def test_marking_reads_only_the_marked_items_segments(
    store_path: Path, one_segment_each: None, opened_files: list[Path]
) -> None:
    _store_one_by_one(store_path)
    opened_files.clear()
    with Store(store_path) as store:
        store.mark(["c3d0000000000003:c1"])
        assert store.marks() == {"c3d0000000000003:c1"}
    segments_read = {p for p in opened_files if p.parent == segments_dir(store_path)}
    assert segments_read == {segment_of(store_path, helpers_article().id)}


def test_documents_reads_only_the_segments_of_the_ids_asked(
    store_path: Path, one_segment_each: None, opened_files: list[Path]
) -> None:
    _store_one_by_one(store_path)
    opened_files.clear()
    wanted = [clinic_article().id, "no-such-article", ferry_article().id]
    with Store(store_path) as store:
        documents = dict(store.documents(wanted))
    assert set(documents) == {clinic_article().id, ferry_article().id}
    assert documents[clinic_article().id]["article"]["title"] == clinic_article().title
    segments_read = {p for p in opened_files if p.parent == segments_dir(store_path)}
    assert segments_read == {segment_of(store_path, a) for a in (clinic_article().id, ferry_article().id)}


def test_remove_rewrites_only_the_manifest(store_path: Path, opened_files: list[Path]) -> None:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    segments_before = {p.name: p.read_bytes() for p in segments_dir(store_path).iterdir()}
    helpers_segment = segment_of(store_path, helpers_article().id)
    opened_files.clear()
    with Store(store_path) as store:
        assert store.remove_articles([helpers_article().id]) == 1
    segments_opened = [p for p in opened_files if p.parent == segments_dir(store_path)]
    assert segments_opened == [helpers_segment]  # read (not written) to learn which items to unmark
    assert {p.name: p.read_bytes() for p in segments_dir(store_path).iterdir()} == segments_before
    with Store(store_path) as store:
        assert {s.id for s in store.article_summaries()} == {a.id for a in sample_articles()} - {helpers_article().id}


def test_removals_one_by_one_leave_valid_json_in_list_order(store_path: Path) -> None:
    """Removal cuts lines out of the manifest without parsing it: the first, a middle one and the last."""
    with Store(store_path) as store:
        store.add_articles(sample_articles())
        listed = [s.id for s in store.article_summaries()]
    assert list(manifest_of(store_path)["articles"]) == listed  # the file keeps the article-list order
    for article_id in (listed[-1], listed[0], *listed[1:-1]):
        with Store(store_path) as store:
            assert store.remove_articles([article_id]) == 1
        listed.remove(article_id)
        assert list(manifest_of(store_path)["articles"]) == listed
        with Store(store_path) as store:
            assert [s.id for s in store.article_summaries()] == listed
            assert store.size() == len(listed)


# -- damage --------------------------------------------------------------------------------------------


def _written(store_path: Path) -> bytes:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    return store_path.read_bytes()


def _edit_ferry_line(data: bytes, change: Callable[[dict[str, Any]], bytes]) -> bytes:
    """Rewrite the manifest line of the ferry article only, keeping the file's line structure."""
    start = data.index(b'\n"' + ferry_article().id.encode()) + 1
    end = data.index(b"\n", start)
    line = data[start:end].rstrip(b",")
    entry = row_entry(orjson.loads(b"{" + line + b"}")[ferry_article().id])
    assert entry is not None
    return data[:start] + orjson.dumps(ferry_article().id) + b":" + change(entry) + data[end - 1 : end] + data[end:]


def _retarget(data: bytes, field: str, value: object) -> bytes:
    return _edit_ferry_line(data, lambda entry: orjson.dumps(entry_row({**entry, field: value})))


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: data[: len(data) // 2], "cut short"),
        (lambda data: data.replace(b'"articles":{', b'"articles":[', 1), "not valid JSON"),
        (lambda data: data.replace(b'"segments":', b'"segs":', 1), "not shaped like a manifest"),
        (lambda data: data.replace(b'"files":{', b'"files":[', 1), "not valid JSON in the segments line"),
    ],
)
def test_damaged_manifest_is_reported_at_open_and_kept(
    store_path: Path, damage: Callable[[bytes], bytes], reason: str
) -> None:
    damaged = damage(_written(store_path))
    store_path.write_bytes(damaged)
    segments = {p: p.read_bytes() for p in segments_dir(store_path).iterdir()}
    with pytest.raises(StoreDamaged, match=re.escape(reason)) as caught:
        Store(store_path)
    assert str(store_path) in str(caught.value)
    assert "\n" not in str(caught.value)
    assert store_path.read_bytes() == damaged
    assert {p: p.read_bytes() for p in segments_dir(store_path).iterdir()} == segments


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: _retarget(data, "seg", "seg-99999999.jsonl"), "names no place in a listed segment"),
        (lambda data: _retarget(data, "at", 10**9), "names no place in a listed segment"),
        (lambda data: _edit_ferry_line(data, lambda entry: b'{"title":oops}'), "not valid JSON"),
    ],
)
def test_damaged_article_line_is_reported_when_read_and_kept(
    store_path: Path, damage: Callable[[bytes], bytes], reason: str
) -> None:
    damaged = damage(_written(store_path))
    store_path.write_bytes(damaged)
    with Store(store_path) as store:
        assert store.get_article(clinic_article().id) == clinic_article()
        with pytest.raises(StoreDamaged, match=re.escape(reason)) as caught:
            store.get_article(ferry_article().id)
    assert str(store_path) in str(caught.value)
    assert store_path.read_bytes() == damaged


def _damage_ferry_segment(store_path: Path, change: Callable[[bytes, int, int], bytes]) -> tuple[Path, bytes]:
    entry = manifest_of(store_path)["articles"][ferry_article().id]
    segment = segments_dir(store_path) / entry["seg"]
    damaged = change(segment.read_bytes(), entry["at"], entry["len"])
    segment.write_bytes(damaged)
    return segment, damaged


def _title_letter_changed(data: bytes, at: int, length: int) -> bytes:
    """Still valid JSON, still a document: only the checksum can tell."""
    title = data.index(b"Harbour", at, at + length)
    return data[:title] + b"X" + data[title + 1 :]


def _cut_inside_ferry(data: bytes, at: int, length: int) -> bytes:
    return data[: at + length // 2]


@pytest.mark.parametrize(
    ("change", "reason"),
    [(_title_letter_changed, "fails its checksum"), (_cut_inside_ferry, "cut short")],
)
def test_damaged_segment_is_reported_when_read_and_kept_through_imports(
    store_path: Path, change: Callable[[bytes, int, int], bytes], reason: str
) -> None:
    with Store(store_path) as store:
        store.add_articles([ferry_article(), helpers_article()])
    segment, damaged = _damage_ferry_segment(store_path, change)
    with Store(store_path) as store:
        assert len(store.article_summaries()) == 2
        with pytest.raises(StoreDamaged, match=re.escape(reason)) as caught:
            store.get_article(ferry_article().id)
        assert str(segment) in str(caught.value)
        store.add_articles([clinic_article()])  # a merge would take ferry's segment: it is left alone instead
        store.add_articles([sample_articles()[3]])
        assert store.get_article(clinic_article().id) == clinic_article()
    assert segment.read_bytes() == damaged
    with Store(store_path) as store, pytest.raises(StoreDamaged, match=re.escape(reason)):
        store.get_article(ferry_article().id)


def test_missing_segment_is_reported_naming_it(store_path: Path) -> None:
    _written(store_path)
    segment = segment_of(store_path, ferry_article().id)
    segment.unlink()
    with Store(store_path) as store, pytest.raises(StoreDamaged, match="is missing") as caught:
        store.get_article(ferry_article().id)
    assert str(segment) in str(caught.value)


# -- the article documents themselves ------------------------------------------------------------------


def test_tinydb_queries_run_over_the_views() -> None:
    from tinydb import Query

    store = Store.in_memory()
    store.add_articles(sample_articles())
    found = store.db.table("claims").search(Query().speaker == "Dov Arkin")
    assert [doc["text"] for doc in found] == ["Fares will rise by 12 percent in April"]
    assert store.db.table("statistics").get(doc_id="a1f0000000000001:n1") is not None  # type: ignore[call-overload]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_shortcut_gives_the_general_tokens(text: str) -> None:
    assert tokens(text) == _TOKEN.findall(normalise(text))


@pytest.mark.parametrize("text", ["11,300 cafés", "1,234,5678 and 12,345.5", "site's `quoted`", "Straße Œuvre"])
def test_tokens_on_mixed_text(text: str) -> None:
    assert tokens(text) == _TOKEN.findall(normalise(text))


def test_stored_document_holds_exactly_the_model_entries() -> None:
    """``article_document`` builds entries by hand for speed; they must stay ``to_dict``'s entries."""
    for article in sample_articles():
        doc = article.to_dict()
        expected = {"article": doc["article"]}
        for table in ("sections", "claims", "statistics", "entities"):
            expected[table] = {entry["id"]: compact(entry, article.text) for entry in doc[table]}
        assert orjson.loads(orjson.dumps(article_document(article))) == orjson.loads(orjson.dumps(expected))


def test_once_the_article_list_is_read_an_article_is_found_without_searching_the_manifest(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(store_path) as store:
        store.add_articles(sample_articles()[:3])
    with Store(store_path) as store:
        listed = [s.id for s in store.article_summaries()]

        def no_search(*_args: object) -> list[tuple[str, dict[str, Any]]]:
            raise AssertionError("the rows parsed for the list hold every entry")

        monkeypatch.setattr(corpus_module, "_find_lines", no_search)
        assert [store.get_article(article_id).id for article_id in listed] == listed
        assert not store.records("articles").get("ffffffffffffffff")
        monkeypatch.undo()
        store.add_articles(sample_articles()[3:])  # a new manifest: the rows parsed before no longer hold
        assert {store.get_article(a.id).title for a in sample_articles()} == {a.title for a in sample_articles()}


def test_article_ids_are_the_listed_ids_whichever_way_they_are_read(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
        written = [s.id for s in store.article_summaries()]  # entries parsed: read from them
        assert store.article_ids() == written
    with Store(store_path) as store:
        assert store.article_ids() == written  # from the manifest's lines, nothing parsed
        store.article_summaries()
        assert store.article_ids() == written  # from the rows the list parsed
    with Store.in_memory() as memory:
        memory.add_articles(sample_articles())
        assert sorted(memory.article_ids()) == sorted(written)
