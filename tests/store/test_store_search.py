"""Fuzzy search: what a person means comes first, typos and word order notwithstanding."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_factory import SectionSpec, build_article, sample_articles

from claimscope.store.db import Store
from claimscope.store.search import Hit, SearchIndex


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    store = Store.in_memory()
    store.add_articles(sample_articles())
    return SearchIndex.from_store(store)


def top_ids(index: SearchIndex, query: str, n: int = 3, kind: str | None = None) -> list[str]:
    return [h.id for h in index.search(query, kind=kind, limit=n)]


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("screenigs 2024", "b2e0000000000002:n1"),  # typo, number
        ("2024 eye screenings", "b2e0000000000002:n1"),
        ("spokesman tier watch list", "b2e0000000000002:c1"),  # speaker plus claim words
        ("spokesman teir wacth list", "b2e0000000000002:c1"),  # swapped letters
        ("list watch tier spokesman", "b2e0000000000002:c1"),  # any word order
        ("FDH employers convicted", "c3d0000000000003:c1"),  # acronym stands for its expansion
        ("foreign domestic helpers contracts", "c3d0000000000003:s0"),  # expansion finds the acronym
        ("Dov Arkin fares", "a1f0000000000001:c1"),
        ("passenger journeys", "a1f0000000000001:n2"),
        ("Passenger numbers", "a1f0000000000001:s1"),  # a heading
        ("harbour ferry fares", "a1f0000000000001"),  # an article title
    ],
)
def test_intended_item_in_top_three(index: SearchIndex, query: str, wanted: str) -> None:
    assert wanted in top_ids(index, query)


def test_exact_word_beats_a_typo_neighbour(index: SearchIndex) -> None:
    hits = index.search("ferry", kind="article")
    assert [h.id for h in hits[:2]] == ["a1f0000000000001", "d4c0000000000004"]
    assert hits[0].score > hits[1].score


def test_all_words_beat_some(index: SearchIndex) -> None:
    hits = index.search("ferry delays", kind="passage")
    assert hits[0].id == "d4c0000000000004:s0"  # the only sentence with both words
    assert hits[0].text == "Berry growers near the bay said ferry delays hurt their exports."
    assert hits[0].score > hits[1].score


def test_prefix_finds_longer_words(index: SearchIndex) -> None:
    assert "b2e0000000000002:n1" in top_ids(index, "screen", n=5)


def test_kind_filter_and_limit(index: SearchIndex) -> None:
    hits = index.search("percent", kind="claim", limit=1)
    assert len(hits) == 1
    assert hits[0].kind == "claim"
    with pytest.raises(ValueError, match="unknown kind"):
        index.search("percent", kind="paragraph")


def test_hits_carry_what_scripts_need(index: SearchIndex) -> None:
    hit = index.search("Dov Arkin")[0]
    assert hit.to_dict() == {
        "kind": "claim",
        "id": "a1f0000000000001:c1",
        "article_id": "a1f0000000000001",
        "text": "Fares will rise by 12 percent in April",
        "score": hit.score,
        "label": "Dov Arkin",
        "matched": ["speaker"],
        "spans": [],
        "copies": 2,  # the statistic of the same sentence is the same line to a reader
        "copy_ids": ["a1f0000000000001:n1"],
    }


@pytest.mark.parametrize("query", ["", "   ", "!!!", "zzzzqqqq"])
def test_nothing_to_find(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_empty_store() -> None:
    assert SearchIndex.from_store(Store.in_memory()).search("anything") == []


def test_index_does_not_follow_later_store_changes() -> None:
    store = Store.in_memory()
    store.add_articles(sample_articles()[:1])
    index = SearchIndex.from_store(store)
    store.add_articles(sample_articles()[1:])
    assert all(h.article_id == "a1f0000000000001" for h in index.search("spokesman clinics"))


def test_thousands_separators_and_accents_fold() -> None:
    store = Store.in_memory()
    store.add_articles(
        [build_article("e5b0000000000005", "Café owners protest", [SectionSpec(None, ["Around 11,300 cafés shut."])])]
    )
    index = SearchIndex.from_store(store)
    assert top_ids(index, "11300 cafes", 1) == ["e5b0000000000005:s0"]
    assert top_ids(index, "cafe owners", 1) == ["e5b0000000000005"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_any_query_gives_sorted_scores_in_range(query: str) -> None:
    hits: list[Hit] = _shared_index().search(query, limit=10)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 100 for s in scores)


_INDEX: list[SearchIndex] = []


def _shared_index() -> SearchIndex:
    if not _INDEX:
        store = Store.in_memory()
        store.add_articles(sample_articles())
        _INDEX.append(SearchIndex.from_store(store))
    return _INDEX[0]
