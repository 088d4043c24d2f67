"""What linking versions on PostgreSQL adds to the lineage tests every store runs: mark sets per user,
writers linking at once, a database migrated from before versions, and hostile sources as data."""

from __future__ import annotations

import threading

import psycopg
import pytest
from version_articles import index_pages, tram_story

from claimscope.store.postgres.store import PostgresStore
from claimscope.store.versions import lineage

FIRST, SECOND, THIRD = "aa00000000000001", "bb00000000000002", "cc00000000000003"


def test_each_mark_set_carries_its_own_marks(postgres_url: str) -> None:
    with (
        PostgresStore(postgres_url, user="ann") as ann,
        PostgresStore(postgres_url, user="ben") as ben,
        PostgresStore(postgres_url, user="ben", mark_set="desk") as desk,
    ):
        ann.add_articles([tram_story(FIRST)])
        ann.mark([f"{FIRST}:c1"])
        desk.mark([f"{FIRST}:s1"])
        ben.add_articles([tram_story(SECOND, rise=11, updated=True)])
        assert ann.marks() == {f"{FIRST}:c1", f"{SECOND}:c1"}
        assert desk.marks() == {f"{FIRST}:s1", f"{SECOND}:s1"}
        assert ben.marks() == set()


def test_two_writers_linking_updates_at_once_number_them_in_turn(postgres_url: str) -> None:
    with PostgresStore(postgres_url) as store:
        store.add_articles([tram_story(FIRST)])
    results = []

    def importer(article_id: str, rise: int) -> None:
        with PostgresStore(postgres_url) as writer:
            results.append(writer.add_articles([tram_story(article_id, rise=rise, updated=True)]))

    threads = [threading.Thread(target=importer, args=args) for args in ((SECOND, 9), (THIRD, 10))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(result.versions for result in results) == 2
    with PostgresStore(postgres_url) as store:
        ranks = {s.id: (s.version, s.versions) for s in store.article_summaries()}
        assert ranks[FIRST] == (1, 3)
        assert sorted(ranks[a] for a in (SECOND, THIRD)) == [(2, 3), (3, 3)]


def test_a_database_from_before_versions_links_a_reimport(postgres_url: str) -> None:
    """Migration 3 fills the file names of the articles already stored, so the file-name rule finds them."""
    with PostgresStore(postgres_url) as store:
        store.add_articles([tram_story(FIRST, source="monday/tram.html", author=None)])
    with psycopg.connect(postgres_url) as connection:
        connection.execute("ALTER TABLE articles DROP COLUMN lineage, DROP COLUMN version, DROP COLUMN source_name")
        connection.execute("DROP INDEX articles_by_source, articles_by_title")  # the others went with their columns
        connection.execute("DELETE FROM claimscope_migrations WHERE number = 3")
    with PostgresStore(postgres_url) as store:
        store.add_articles([tram_story(SECOND, rise=9, source="tuesday/tram.html", author=None)])
        assert store.versions(SECOND) == [FIRST, SECOND]


def test_hostile_sources_and_headlines_are_compared_as_data(postgres_url: str) -> None:
    source = "https://x.example/a%_\\'; DROP TABLE articles;--/tram.html"
    title = "Tram fares\x00 '%' climb"
    with PostgresStore(postgres_url) as store:
        store.add_articles([tram_story(FIRST, source=source, title=title)])
        store.add_articles([tram_story(SECOND, rise=9, source=source, title=title)])
        store.add_articles([tram_story(THIRD, rise=10, source="elsewhere/other.html", title=title)])
        assert store.versions(FIRST) == [FIRST, SECOND, THIRD]
        assert store.size() == 3


@pytest.mark.parametrize(("sharing", "linked"), [(3, True), (4, False)])
def test_a_file_name_too_many_rows_share_identifies_no_story(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, sharing: int, linked: bool
) -> None:
    """With the limit at 3, the finder's bounded read still sees that four rows share the name."""
    monkeypatch.setattr(lineage, "COMMON_KEY_LIMIT", 3)
    with PostgresStore(postgres_url) as store:
        store.add_articles(index_pages(sharing))
        result = store.add_articles([tram_story("ff00000000000009", rise=12, source="site9/index.html", author=None)])
        assert result.versions == (1 if linked else 0)
