"""The one-document-per-line layout: lazy opening, migration from the old whole-table layout, damage."""

from __future__ import annotations

import re
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_factory import clinic_article, ferry_article, helpers_article, sample_articles

from claimscope.store import corpus as corpus_module
from claimscope.store.db import Store
from claimscope.store.errors import StoreDamaged
from claimscope.store.migrations import MIGRATIONS, SCHEMA_VERSION
from claimscope.store.records import article_document, compact
from claimscope.store.text import _TOKEN, normalise, tokens


def _four_step_store(path: Path) -> None:
    """A store exactly as schema step 0004 wrote it: one JSON object of whole TinyDB tables."""
    tables: dict[str, dict[str, object]] = {"articles": {}, "sections": {}, "claims": {}, "statistics": {}}
    tables["entities"] = {}
    for article in sample_articles():
        doc = article.to_dict()
        record: dict[str, object] = {"article": doc["article"]}
        for table in ("sections", "claims", "statistics", "entities"):
            record[table] = [entry["id"] for entry in doc[table]]
            for entry in doc[table]:
                tables[table][entry["id"]] = {**compact(dict(entry), article.text), "article_id": article.id}
        tables["articles"][article.id] = record
    tables["meta"] = {"schema": {"version": 4, "applied": [m.name for m in MIGRATIONS[:4]]}}
    path.write_bytes(orjson.dumps(tables))


def test_store_is_plain_json_with_one_article_per_line(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    data = store_path.read_bytes()
    parsed = orjson.loads(data)
    assert set(parsed) == {"meta", "summaries", "documents"}
    assert set(parsed["documents"]) == {a.id for a in sample_articles()}
    lines = data.splitlines()
    assert len(lines) == 3 + len(sample_articles()) + 1
    assert all(re.match(rb'^"[0-9a-f]{16}":\{', line) for line in lines[3:-1])


def test_opening_parses_no_article(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    parsed: list[str] = []
    real = corpus_module.parse_document

    def counting(raw: bytes | memoryview, article_id: str, path: Path | None) -> dict[str, object]:
        parsed.append(article_id)
        return real(raw, article_id, path)

    monkeypatch.setattr(corpus_module, "parse_document", counting)
    with Store(store_path) as store:
        titles = {s.title for s in store.article_summaries()}
        assert "Harbour ferry fares to rise in April" in titles
        assert parsed == []
        assert store.get_article(ferry_article().id) == ferry_article()
        assert parsed == [ferry_article().id]


def test_step_four_store_migrates_in_memory_then_on_write(store_path: Path) -> None:
    _four_step_store(store_path)
    original = store_path.read_bytes()
    with Store(store_path) as store:
        assert {s.id for s in store.article_summaries()} == {a.id for a in sample_articles()}
        assert store.get_article(helpers_article().id) == helpers_article()
        assert store.resolve("c3d0000000000003:e0").article_id == "c3d0000000000003"
        assert store.records("claims")["a1f0000000000001:c1"]["article_id"] == "a1f0000000000001"
    assert store_path.read_bytes() == original  # opening alone never writes
    with Store(store_path) as store:
        store.remove_articles([clinic_article().id])
    migrated = orjson.loads(store_path.read_bytes())
    assert migrated["meta"]["schema"] == {"version": SCHEMA_VERSION, "applied": [m.name for m in MIGRATIONS]}
    assert clinic_article().id not in migrated["documents"]
    with Store(store_path) as store:
        assert store.get_article(ferry_article().id) == ferry_article()
        assert len(store.article_summaries()) == len(sample_articles()) - 1


def _written(store_path: Path) -> bytes:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    return store_path.read_bytes()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: data[: len(data) // 2], "cut short"),
        (lambda data: data.replace(b'"summaries":{', b'"summaries":[', 1), "not valid JSON in the summaries line"),
        (lambda data: data.replace(b'\n"documents":{\n', b'\n"docs":{\n', 1), "documents table"),
        (lambda data: data.rstrip(b"\n") + b"trailing\n", "is not an article document"),
    ],
)
def test_damaged_layout_is_reported_at_open_and_kept(store_path: Path, damage: object, reason: str) -> None:
    damaged = damage(_written(store_path))  # type: ignore[operator]
    store_path.write_bytes(damaged)
    with pytest.raises(StoreDamaged, match=re.escape(reason)) as caught:
        Store(store_path)
    assert str(store_path) in str(caught.value)
    assert store_path.read_bytes() == damaged


def test_damaged_article_is_reported_when_read_and_never_written(store_path: Path) -> None:
    data = _written(store_path)
    ferry = ferry_article().id.encode()
    line_start = data.index(b'\n"' + ferry + b'":{') + 1
    damaged = data[: line_start + 30] + b"\x00oops" + data[line_start + 35 :]
    store_path.write_bytes(damaged)
    with Store(store_path) as store:
        assert len(store.article_summaries()) == len(sample_articles())
        with pytest.raises(StoreDamaged, match=f"article {ferry_article().id}"):
            store.get_article(ferry_article().id)
        assert store.get_article(clinic_article().id) == clinic_article()
    assert store_path.read_bytes() == damaged


def test_summaries_that_disagree_with_documents_are_damage(store_path: Path) -> None:
    data = _written(store_path)
    head, rest = data.split(b"\n", 1)
    summaries, tail = rest.split(b"\n", 1)
    table = orjson.loads(summaries[len(b'"summaries":') : -1])
    table.pop(ferry_article().id)
    damaged = head + b"\n" + b'"summaries":' + orjson.dumps(table) + b",\n" + tail
    store_path.write_bytes(damaged)
    with pytest.raises(StoreDamaged, match="different articles"):
        Store(store_path)


def test_writes_keep_untouched_articles_byte_for_byte(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles([ferry_article(), clinic_article()])
    before = store_path.read_bytes().splitlines()
    with Store(store_path) as store:
        store.add_articles([helpers_article()])
    after = store_path.read_bytes().splitlines()
    ferry_line = next(line for line in before if line.startswith(b'"' + ferry_article().id.encode()))
    assert ferry_line in after


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
