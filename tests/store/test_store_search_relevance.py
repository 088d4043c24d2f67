"""Relevance on articles and queries written for the project: the intended line in the top 3.

The queries (tests/store/search_queries.txt) are typed the way readers type; the articles are in
``search_articles.py``.  A query counts when any expected string appears in a top-3 hit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from search_articles import WIRE_TEXT, search_articles

from claimscope.store.db import Store
from claimscope.store.search import SearchIndex

QUERIES = Path(__file__).with_name("search_queries.txt")


def queries() -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, _, wanted = line.partition("|")
            found.append((query, wanted.split(";")))
    return found


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    store = Store.in_memory()
    store.add_articles(search_articles())
    return SearchIndex.from_store(store)


@pytest.mark.parametrize(("query", "wanted"), queries())
def test_intended_line_in_top_three(index: SearchIndex, query: str, wanted: list[str]) -> None:
    shown = [f"{h.text} | {h.label} | {h.id}" for h in index.search(query, limit=3)]
    assert any(w in line for w in wanted for line in shown), shown


def test_wire_copies_are_one_result_with_a_count(index: SearchIndex) -> None:
    hits = index.search("dockworkers strike shift rota", limit=5)
    assert hits[0].text == WIRE_TEXT
    assert hits[0].copies == 2
    assert sorted([hits[0].article_id, *[i.partition(":")[0] for i in hits[0].copy_ids]]) == [
        "f100000000000004",
        "f100000000000005",
    ]
    assert [h.text for h in hits].count(WIRE_TEXT) == 1


def test_context_matches_say_which_field(index: SearchIndex) -> None:
    hit = index.search("brightwater net debt", limit=1)[0]
    assert hit.id == "f100000000000001:n1"
    assert hit.matched == ("measure", "title")


def test_snippet_spans_cover_the_matched_words_as_written(index: SearchIndex) -> None:
    hit = index.search("sandbags quarry", limit=1)[0]
    assert [hit.text[a:b] for a, b in hit.spans] == ["Sandbags", "Quarry"]
    numbers = index.search("11300 waiting", kind="statistic", limit=1)[0]
    assert [numbers.text[a:b] for a, b in numbers.spans] == ["11,300", "waiting"]
