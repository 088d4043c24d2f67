"""Stores written by earlier layouts open, and are rewritten in segments at once, losing nothing.

``fixtures/step5-store.json`` (and its ``.marks``) was written by claimscope as it was before segments
(schema step ``0005_article_documents``, one file, one article per line), from ``sample_articles()``
with three marks; the older layouts are built here as their code wrote them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from store_factory import clinic_article, ferry_article, helpers_article, sample_articles

from claimscope.store import commit as commit_module
from claimscope.store.db import Store
from claimscope.store.digest import as_text, digest_of
from claimscope.store.entries import ENTRY_COLUMNS
from claimscope.store.migrations import MIGRATIONS, SCHEMA_VERSION
from claimscope.store.paths import marks_path, segments_dir
from claimscope.store.records import compact
from claimscope.store.schema import ITEM_TABLES, TABLE_OF_KIND

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "step5-store.json"
FIXTURE_MARKS = {"a1f0000000000001:c1", "b2e0000000000002:n1", "c3d0000000000003"}
CURRENT = {"version": SCHEMA_VERSION, "applied": [m.name for m in MIGRATIONS]}


def _step5_store(store_path: Path) -> bytes:
    shutil.copyfile(FIXTURE, store_path)
    shutil.copyfile(marks_path(FIXTURE), marks_path(store_path))
    return store_path.read_bytes()


STEP6 = Path(__file__).resolve().parent / "fixtures" / "step6-store.json"
"""Written by claimscope before manifest rows (schema step ``0006_segments``: each entry an object), from
``sample_articles()`` imported one at a time, with the three marks of ``FIXTURE_MARKS``."""


def _step6_store(store_path: Path) -> bytes:
    shutil.copyfile(STEP6, store_path)
    shutil.copyfile(marks_path(STEP6), marks_path(store_path))
    shutil.copytree(segments_dir(STEP6), segments_dir(store_path))
    return store_path.read_bytes()


def _assert_every_article_item_and_mark(store: Store) -> None:
    assert {s.id for s in store.article_summaries()} == {a.id for a in sample_articles()}
    for article in sample_articles():
        assert store.get_article(article.id) == article
        entries = article.to_dict()
        for table in ITEM_TABLES:
            for entry in entries[table]:
                ref = store.resolve(entry["id"])
                assert (TABLE_OF_KIND[ref.kind], ref.article_id) == (table, article.id)
                stored = store.item(ref)
                assert stored == {**compact(dict(entry), article.text), "article_id": article.id}
    assert store.marks() == FIXTURE_MARKS


def test_store_written_before_segments_migrates_on_open(store_path: Path) -> None:
    _step5_store(store_path)
    with Store(store_path) as store:
        _assert_every_article_item_and_mark(store)
    manifest = orjson.loads(store_path.read_bytes())
    assert manifest["meta"]["schema"] == CURRENT
    assert set(manifest["articles"]) == {a.id for a in sample_articles()}
    assert sorted(p.name for p in segments_dir(store_path).iterdir()) == sorted(manifest["segments"]["files"])
    with Store(store_path) as store:
        _assert_every_article_item_and_mark(store)
        store.add_articles([ferry_article()])  # already there
        assert store.remove_articles([clinic_article().id]) == 1
    with Store(store_path) as store:
        assert len(store.article_summaries()) == len(sample_articles()) - 1
        assert store.marks() == FIXTURE_MARKS - {"b2e0000000000002:n1"}


class Killed(BaseException):
    """Stands for a kill -9 at the moment the manifest would be replaced."""


@pytest.mark.parametrize("written_by", ["step5", "step6"])
def test_migration_killed_before_the_manifest_leaves_the_old_store(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, written_by: str
) -> None:
    original = _step5_store(store_path) if written_by == "step5" else _step6_store(store_path)

    def killed(path: Path, blob: bytes) -> None:
        raise Killed

    monkeypatch.setattr(commit_module, "write_store_bytes", killed)
    with pytest.raises(Killed):
        Store(store_path)
    assert store_path.read_bytes() == original
    assert list(segments_dir(store_path).iterdir())  # the new segments were written first
    monkeypatch.undo()
    with Store(store_path) as store:
        _assert_every_article_item_and_mark(store)
    named = orjson.loads(store_path.read_bytes())["segments"]["files"]
    assert sorted(p.name for p in segments_dir(store_path).iterdir()) == sorted(named)


def test_store_that_cannot_be_written_is_read_as_it_is(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = _step5_store(store_path)

    def refused(path: Path, blob: bytes) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(commit_module, "write_store_bytes", refused)
    with Store(store_path) as store:
        _assert_every_article_item_and_mark(store)
    assert store_path.read_bytes() == original


def _four_step_store(path: Path) -> None:
    """A store exactly as schema step 0004 wrote it: one JSON object of whole TinyDB tables."""
    tables: dict[str, dict[str, object]] = {"articles": {}, "sections": {}, "claims": {}, "statistics": {}}
    tables["entities"] = {}
    for article in sample_articles():
        doc = article.to_dict()
        record: dict[str, object] = {"article": doc["article"]}
        for table in ITEM_TABLES:
            record[table] = [entry["id"] for entry in doc[table]]
            for entry in doc[table]:
                tables[table][entry["id"]] = {**compact(dict(entry), article.text), "article_id": article.id}
        tables["articles"][article.id] = record
    tables["meta"] = {"schema": {"version": 4, "applied": [m.name for m in MIGRATIONS[:4]]}}
    path.write_bytes(orjson.dumps(tables))


def _first_schema_store(path: Path) -> None:
    """A store as the first schema wrote it: items without article_id, articles without item lists."""
    article = ferry_article().to_dict()
    tables = {
        "articles": {article["article"]["id"]: {"article": article["article"]}},
        "sections": {s["id"]: s for s in article["sections"]},
        "claims": {c["id"]: c for c in article["claims"]},
        "statistics": {s["id"]: s for s in article["statistics"]},
        "entities": {},
        "meta": {"schema": {"version": 1, "applied": [MIGRATIONS[0].name]}},
    }
    path.write_bytes(orjson.dumps(tables))


def test_step_four_store_migrates_on_open(store_path: Path) -> None:
    _four_step_store(store_path)
    with Store(store_path) as store:
        assert {s.id for s in store.article_summaries()} == {a.id for a in sample_articles()}
        assert store.get_article(helpers_article().id) == helpers_article()
        assert store.resolve("c3d0000000000003:e0").article_id == "c3d0000000000003"
        assert store.records("claims")["a1f0000000000001:c1"]["article_id"] == "a1f0000000000001"
    assert orjson.loads(store_path.read_bytes())["meta"]["schema"] == CURRENT
    with Store(store_path) as store:
        assert store.get_article(ferry_article().id) == ferry_article()


def test_first_schema_store_migrates_on_open(store_path: Path) -> None:
    _first_schema_store(store_path)
    with Store(store_path) as store:
        assert store.get_article("a1f") == ferry_article()
        assert store.resolve("a1f0000000000001:c1").article_id == "a1f0000000000001"
    assert orjson.loads(store_path.read_bytes())["meta"]["schema"] == CURRENT


def test_a_manifest_of_objects_is_rewritten_as_rows_at_open_and_no_segment_is_touched(store_path: Path) -> None:
    older = _step6_store(store_path)
    assert b'"0006_segments"]' in older and b'":{"title":' in older
    segments = {p.name: p.read_bytes() for p in segments_dir(store_path).iterdir()}
    with Store(store_path) as store:
        _assert_every_article_item_and_mark(store)
    manifest = orjson.loads(store_path.read_bytes())
    assert manifest["meta"]["schema"] == CURRENT
    assert manifest["segments"]["columns"] == list(ENTRY_COLUMNS)
    assert all(isinstance(row, list) for row in manifest["articles"].values())
    assert manifest["segments"]["digest"] == as_text(digest_of(a.id for a in sample_articles()))
    assert {p.name: p.read_bytes() for p in segments_dir(store_path).iterdir()} == segments
    with Store(store_path) as store:
        _assert_every_article_item_and_mark(store)
        old_entries = orjson.loads(STEP6.read_bytes())["articles"]  # the objects the older claimscope wrote
        assert [(s.id, s.title, s.published, s.n_claims) for s in store.article_summaries()] == [
            (article_id, e["title"], e["published"], e["n_claims"]) for article_id, e in old_entries.items()
        ]
