"""The Store API, run against MemoryStorage and the atomic JSON storage alike."""

from __future__ import annotations

import pytest
from store_factory import SectionSpec, build_article, clinic_article, ferry_article, helpers_article, sample_articles

from claimscope.store.db import AddResult, Store
from claimscope.store.errors import UnknownId
from claimscope.store.records import ItemRef


def test_new_store_is_empty(store: Store) -> None:
    assert store.is_empty()
    assert store.article_summaries() == []
    assert store.marks() == set()


def test_added_article_comes_back_equal(store: Store) -> None:
    article = ferry_article()
    assert store.add_articles([article]) == AddResult(imported=1, unchanged=0)
    assert store.get_article(article.id) == article
    assert not store.is_empty()


def test_same_article_again_is_unchanged(store: Store) -> None:
    store.add_articles([ferry_article()])
    assert store.add_articles([ferry_article(), clinic_article()]) == AddResult(imported=1, unchanged=1)
    assert store.add_articles([helpers_article(), helpers_article()]) == AddResult(imported=1, unchanged=1)
    assert len(store.article_summaries()) == 3


def test_summaries_newest_first_with_counts(store: Store) -> None:
    store.add_articles(sample_articles())
    summaries = store.article_summaries()
    assert [s.published for s in summaries] == ["2024-11-20", "2024-03-04", "2023-07-01", None]
    ferry = next(s for s in summaries if s.id == ferry_article().id)
    assert (ferry.n_sections, ferry.n_claims, ferry.n_statistics) == (2, 1, 2)
    assert ferry.title == "Harbour ferry fares to rise in April"
    assert ferry.source == "https://news.example/ferry-fares"


@pytest.mark.parametrize(
    ("item_id", "kind"),
    [
        ("a1f0000000000001", "article"),
        ("a1f0000000000001:s1", "section"),
        ("a1f0000000000001:c1", "claim"),
        ("a1f0000000000001:n2", "statistic"),
        ("c3d0000000000003:e0", "entity"),
    ],
)
def test_resolve_every_kind(store: Store, item_id: str, kind: str) -> None:
    store.add_articles(sample_articles())
    assert store.resolve(item_id) == ItemRef(kind, item_id, item_id.split(":")[0])  # type: ignore[arg-type]


def test_article_id_prefix(store: Store) -> None:
    store.add_articles(sample_articles())
    assert store.get_article("a1f").id == "a1f0000000000001"
    assert store.resolve("b2e0").id == "b2e0000000000002"


def test_ambiguous_and_unknown_ids(store: Store) -> None:
    other = build_article("a1f9999999999999", "A short note", [SectionSpec(None, ["Nothing else happened."])])
    store.add_articles([ferry_article(), other])
    with pytest.raises(UnknownId, match="matches more than one article"):
        store.resolve("a1f")
    with pytest.raises(UnknownId, match="no article or item"):
        store.resolve("zzz:c9")
    with pytest.raises(UnknownId, match="is a claim"):
        store.get_article("a1f0000000000001:c1")


def test_mark_unmark(store: Store) -> None:
    store.add_articles(sample_articles())
    store.mark(["a1f0000000000001:c1", "b2e0000000000002:n1", "a1f0000000000001"])
    assert store.marks() == {"a1f0000000000001:c1", "b2e0000000000002:n1", "a1f0000000000001"}
    store.unmark(["b2e0000000000002:n1", "never-marked"])
    assert store.marks() == {"a1f0000000000001:c1", "a1f0000000000001"}


def test_mark_unknown_marks_nothing(store: Store) -> None:
    store.add_articles(sample_articles())
    store.mark(["a1f0000000000001:c1"])
    with pytest.raises(UnknownId):
        store.mark(["b2e0000000000002:c1", "a1f0000000000001:c77"])
    assert store.marks() == {"a1f0000000000001:c1"}


def test_remove_takes_items_and_marks(store: Store) -> None:
    store.add_articles(sample_articles())
    store.mark(["a1f0000000000001:c1", "a1f0000000000001:s1", "b2e0000000000002:c1"])
    assert store.remove_articles(["a1f"]) == 1
    assert store.marks() == {"b2e0000000000002:c1"}
    with pytest.raises(UnknownId):
        store.resolve("a1f0000000000001:c1")
    assert "a1f0000000000001:n1" not in store.records("statistics")
    assert len(store.article_summaries()) == 3


def test_remove_unknown_removes_nothing(store: Store) -> None:
    store.add_articles(sample_articles())
    with pytest.raises(UnknownId):
        store.remove_articles(["a1f0000000000001", "nope"])
    assert len(store.article_summaries()) == 4


def test_remove_rejects_item_ids(store: Store) -> None:
    store.add_articles(sample_articles())
    with pytest.raises(UnknownId, match="remove takes article ids"):
        store.remove_articles(["a1f0000000000001:c1"])


def test_an_item_id_where_an_article_is_wanted_names_its_article(store: Store) -> None:
    store.add_articles(sample_articles())
    expected = r"'a1f0000000000001:c1' is a claim, not an article \(its article is a1f0000000000001\)"
    with pytest.raises(UnknownId, match=expected):
        store.get_article("a1f0000000000001:c1")
    with pytest.raises(UnknownId, match=expected):
        store.versions("a1f0000000000001:c1")
