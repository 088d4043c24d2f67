"""``copy_store``: a store file into PostgreSQL and back, compared item by item, and resumed."""

from __future__ import annotations

from pathlib import Path

from store_factory import clinic_article, ferry_article, sample_articles

from claimscope.store.copying import copy_store
from claimscope.store.db import Store
from claimscope.store.interface import StoreInterface
from claimscope.store.postgres.store import PostgresStore
from claimscope.store.records import Record
from claimscope.store.schema import ARTICLES_TABLE, ITEM_TABLES

TABLES = (ARTICLES_TABLE, *ITEM_TABLES)
MARKED = ["a1f0000000000001:c1", "b2e0000000000002:n1", "c3d0000000000003", "c3d0000000000003:e0"]


def tables(store: StoreInterface) -> dict[str, dict[str, Record]]:
    """Every record of every table, by id."""
    return {table: {key: store.records(table)[key] for key in store.records(table)} for table in TABLES}


def contents(store: StoreInterface) -> dict[str, object]:
    """Everything a store holds, table by table and item by item, plus its summaries and marks."""
    articles = {s.id: store.get_article(s.id) for s in store.article_summaries()}
    summaries = store.article_summaries()
    return {"tables": tables(store), "articles": articles, "summaries": summaries, "marks": store.marks()}


def test_round_trip_loses_nothing(tmp_path: Path, postgres_url: str) -> None:
    with Store(tmp_path / "first.json") as first:
        first.add_articles(sample_articles())
        first.mark(MARKED)
        before = contents(first)
        with PostgresStore(postgres_url, user="ann") as shared:
            assert copy_store(first, shared).line() == "copied 4 article(s), 0 already there; 4 mark(s)"
            assert contents(shared) == before
            with Store(tmp_path / "back.json") as back:
                copy_store(shared, back)
                assert contents(back) == before
        assert all(tables(first).values())  # every kind of record was there to compare


def test_an_interrupted_copy_is_finished_by_copying_again(tmp_path: Path, postgres_url: str) -> None:
    with Store(tmp_path / "source.json") as source, PostgresStore(postgres_url) as destination:
        source.add_articles(sample_articles())
        destination.add_articles([ferry_article(), clinic_article()])  # what a cut-off copy had written
        summary = copy_store(source, destination)
        assert (summary.copied, summary.unchanged) == (2, 2)
        assert contents(destination) == contents(source)
        again = copy_store(source, destination)
        assert (again.copied, again.unchanged) == (0, 4)
