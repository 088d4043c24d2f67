"""Search on the PostgreSQL store: the same queries as the embedded store's relevance test, and what only
the database's search does (candidates from the vocabulary, kinds, removed articles, hostile queries)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from postgres_databases import scratch_database
from search_articles import WIRE_TEXT, search_articles
from test_store_search_relevance import queries

from claimscope.store.postgres.search import DatabaseSearch
from claimscope.store.postgres.store import PostgresStore
from claimscope.store.search import SearchIndex


@pytest.fixture(scope="module")
def searched(postgres_server: str, postgres_template: str) -> Iterator[PostgresStore]:
    """One database holding the relevance articles for the whole module (the queries only read)."""
    databases = scratch_database(postgres_server, postgres_template)
    url = next(databases)
    with PostgresStore(url) as store:
        store.add_articles(search_articles())
        yield store
    next(databases, None)


@pytest.mark.parametrize(("query", "wanted"), queries())
def test_intended_line_in_top_three(searched: PostgresStore, query: str, wanted: list[str]) -> None:
    shown = [f"{h.text} | {h.label} | {h.id}" for h in searched.searcher().search(query, limit=3)]
    assert any(w in line for w in wanted for line in shown), shown


@pytest.mark.parametrize(("query", "wanted"), queries())
def test_finds_what_the_embedded_store_finds_first(searched: PostgresStore, query: str, wanted: list[str]) -> None:
    embedded = SearchIndex.from_store(searched).search(query, limit=1)
    found = searched.searcher().search(query, limit=3)
    assert embedded[0].id in {h.id for h in found}


def test_wire_copies_are_one_result_with_a_count(searched: PostgresStore) -> None:
    hits = searched.searcher().search("dockworkers strike shift rota", limit=5)
    assert hits[0].text == WIRE_TEXT
    assert hits[0].copies == 2


def test_one_typo_and_a_prefix_are_found(searched: PostgresStore) -> None:
    hits = searched.searcher().search("brightwatr net deb", limit=3)
    assert hits[0].id == "f100000000000001:n1"


def test_kind_filter(searched: PostgresStore) -> None:
    hits = searched.searcher().search("waiting", kind="statistic", limit=10)
    assert hits and {h.kind for h in hits} == {"statistic"}
    with pytest.raises(ValueError, match="paragraph"):
        searched.searcher().search("waiting", kind="paragraph")


@pytest.mark.parametrize("query", ["'; DROP TABLE search_units; --", "100% _x_ \\", "nul\x00word", "%%%", "''"])
def test_hostile_queries_are_only_words(searched: PostgresStore, query: str) -> None:
    assert isinstance(searched.searcher().search(query, limit=5), list)
    assert searched.size() == len(search_articles())
    assert searched.searcher().search("brightwater net debt", limit=1)[0].id == "f100000000000001:n1"


def test_removed_articles_are_not_found(postgres_url: str) -> None:
    with PostgresStore(postgres_url) as store:
        store.add_articles(search_articles())
        assert isinstance(store.searcher(), DatabaseSearch)
        assert store.searcher().search("brightwater net debt", limit=1)[0].article_id == "f100000000000001"
        store.remove_articles(["f100000000000001"])
        assert all(h.article_id != "f100000000000001" for h in store.searcher().search("brightwater net debt"))
