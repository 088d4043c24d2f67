"""What only the PostgreSQL store has: its migrations, its messages, marks per user, several writers."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import psycopg
import pytest
from postgres_server import PASSWORD_ROLE
from store_factory import SectionSpec, build_article, clinic_article, ferry_article, sample_articles

from claimscope.store.errors import StoreError, StoreTooNew, UnknownId
from claimscope.store.postgres.connection import DatabaseError, redacted
from claimscope.store.postgres.migrations import MIGRATIONS
from claimscope.store.postgres.search import array_literal, like_prefix
from claimscope.store.postgres.store import PostgresStore


def applied_steps(url: str) -> list[int]:
    with psycopg.connect(url) as connection:
        return [row[0] for row in connection.execute("SELECT number FROM claimscope_migrations ORDER BY number")]


def test_new_database_gets_every_migration_once(empty_postgres_url: str) -> None:
    with PostgresStore(empty_postgres_url):
        pass
    with PostgresStore(empty_postgres_url):
        pass
    assert applied_steps(empty_postgres_url) == [m.number for m in MIGRATIONS]


def test_database_from_a_newer_claimscope_is_refused(postgres_url: str) -> None:
    with psycopg.connect(postgres_url) as connection:
        connection.execute("INSERT INTO claimscope_migrations (number, name) VALUES (999, 'from the future')")
    with pytest.raises(StoreTooNew, match="999"):
        PostgresStore(postgres_url)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://ann:s3cret@db.example:5433/desk", "postgresql://ann@db.example:5433/desk"),
        ("postgresql://ann@db.example/desk?password=s3cret&sslmode=require", "postgresql://ann@db.example/desk?sslmode=require"),
        ("postgres://:s3cret@db.example/desk", "postgres://@db.example/desk"),
        ("postgresql:///desk", "postgresql:///desk"),
    ],
)
def test_redacted_url_has_no_password(url: str, shown: str) -> None:
    assert redacted(url) == shown


def test_server_down_is_one_line_without_the_password(postgres_server: str) -> None:
    with pytest.raises(DatabaseError) as raised:
        PostgresStore("postgresql://ann:s3cret@127.0.0.1:1/desk")
    message = str(raised.value)
    assert "\n" not in message and "s3cret" not in message
    assert message.startswith("cannot open PostgreSQL store postgresql://ann@127.0.0.1:1/desk: ")
    assert "Connection refused" in message


def test_missing_database_is_named(postgres_url: str) -> None:
    missing = postgres_url.rsplit("/", 1)[0] + "/no_such_claimscope_db"
    with pytest.raises(DatabaseError, match='database "no_such_claimscope_db" does not exist'):
        PostgresStore(missing)


@pytest.mark.parametrize("text", ["50%", "a_b", "back\\slash", "%", "_", "\\"])
def test_like_prefix_takes_wildcards_literally(text: str) -> None:
    pattern = like_prefix(text)
    assert pattern.endswith("%") and pattern.count("%") == text.count("%") + 1
    assert pattern.replace("\\\\", "").replace("\\%", "").replace("\\_", "").count("_") == 0


def test_marks_belong_to_their_user_and_shared_sets_to_everyone(postgres_url: str) -> None:
    with (
        PostgresStore(postgres_url, user="ann") as ann,
        PostgresStore(postgres_url, user="ben") as ben,
        PostgresStore(postgres_url, user="ann", mark_set="desk") as ann_desk,
        PostgresStore(postgres_url, user="ben", mark_set="desk") as ben_desk,
    ):
        ann.add_articles(sample_articles())
        ann.mark(["a1f0000000000001:c1"])
        ben.mark(["b2e0000000000002:n1"])
        ann_desk.mark(["a1f0000000000001:s1"])
        ben_desk.mark(["b2e0000000000002:c1"])
        assert ann.marks() == {"a1f0000000000001:c1"}
        assert ben.marks() == {"b2e0000000000002:n1"}
        assert ann_desk.marks() == ben_desk.marks() == {"a1f0000000000001:s1", "b2e0000000000002:c1"}
        ben.remove_articles(["a1f"])
        assert ann.marks() == set()
        assert ann_desk.marks() == {"b2e0000000000002:c1"}


def test_two_writers_importing_the_same_articles_store_each_once(postgres_url: str) -> None:
    articles = [
        build_article(f"d{n:015x}", f"Bridge repairs in district {n}", [SectionSpec(None, ["Crews start on Monday."])])
        for n in range(40)
    ]
    results = []

    def importer() -> None:
        with PostgresStore(postgres_url) as store:
            results.append(store.add_articles(articles))

    threads = [threading.Thread(target=importer) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(r.imported for r in results) == 40
    assert sum(r.unchanged for r in results) == 80
    with PostgresStore(postgres_url) as store:
        assert store.size() == 40
        assert len(store.records("sections")) == 40


def noticed(store: PostgresStore) -> bool:
    """Whether the store hears of the change; the notice travels on its own connection, so give it time."""
    deadline = time.monotonic() + 10
    while not store.changed_on_disk():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_another_writer_is_noticed_through_notify(postgres_url: str) -> None:
    with PostgresStore(postgres_url) as reader, PostgresStore(postgres_url) as writer:
        reader.refresh()  # starts listening
        assert not reader.changed_on_disk()
        reader.add_articles([clinic_article()])  # its own writes are not news to it
        assert not reader.changed_on_disk()
        writer.add_articles([ferry_article()])
        assert noticed(reader)
        assert reader.refresh()
        assert not reader.changed_on_disk()


@contextlib.contextmanager
def role_with(postgres_url: str, role: str, *grants: str) -> Iterator[str]:
    """A login role with these grants (``{role}`` in them is its name), and the URL that logs in as it;
    dropped afterwards (roles belong to the whole server, not to the test's database)."""
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute(f"DROP ROLE IF EXISTS {role}")
        connection.execute(f"CREATE ROLE {role} LOGIN")
        for grant in grants:
            connection.execute(grant.format(role=role))
    try:
        yield postgres_url.replace("postgresql://postgres@", f"postgresql://{role}@")
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as connection:
            connection.execute(f"DROP OWNED BY {role}")
            connection.execute(f"DROP ROLE {role}")


def test_read_only_role_browses_and_gets_one_line_when_it_writes(postgres_url: str) -> None:
    with PostgresStore(postgres_url) as owner:
        owner.add_articles([ferry_article()])
    grant = "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"
    with role_with(postgres_url, "claimscope_reader_test", grant) as reader_url, PostgresStore(reader_url) as reader:
        assert reader.get_article("a1f").title == ferry_article().title
        with pytest.raises(StoreError, match="permission denied") as raised:
            reader.add_articles([clinic_article()])
        assert "\n" not in str(raised.value)
        assert reader.size() == 1


@pytest.mark.parametrize(
    "hostile",
    ["O'Brien's \"quote\"", "100% _sure_", "back\\slash\\", "'; DROP TABLE articles; --", "nul\x00byte", "a1f%", "a1_"],
)
def test_hostile_text_is_stored_and_found_as_data(postgres_url: str, hostile: str) -> None:
    body = [SectionSpec(None, [f"They said {hostile}."])]
    article = build_article("e5a0000000000005", f"Council vote {hostile}", body)
    with PostgresStore(postgres_url) as store:
        store.add_articles([ferry_article(), article])
        assert store.get_article("e5a0000000000005") == article
        with pytest.raises(UnknownId):
            store.resolve(hostile)
        with pytest.raises(UnknownId):
            store.mark([hostile])
        store.unmark([hostile])
        assert store.size() == 2
        titles = {s.title for s in store.article_summaries()}
        assert f"Council vote {hostile}".replace("\x00", "\ufffd") in titles


def test_wrong_password_is_one_line_without_it(postgres_url: str) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute(f"DROP ROLE IF EXISTS {PASSWORD_ROLE}")
        connection.execute(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD 'the-right-one'")
    wrong = postgres_url.replace("postgresql://postgres@", f"postgresql://{PASSWORD_ROLE}:not-it-at-all@")
    try:
        with psycopg.connect(wrong):
            pytest.skip("this server does not ask the test role for a password")
    except psycopg.OperationalError:
        pass
    with pytest.raises(DatabaseError) as raised:
        PostgresStore(wrong)
    assert "password authentication failed" in str(raised.value)
    assert "not-it-at-all" not in str(raised.value) and "\n" not in str(raised.value)


def test_missing_pg_trgm_that_the_role_may_not_create_is_named(empty_postgres_url: str) -> None:
    tables_only = "GRANT CREATE ON SCHEMA public TO {role}"  # tables yes, extensions no
    with role_with(empty_postgres_url, "claimscope_no_extensions_test", tables_only) as url:
        with pytest.raises(DatabaseError, match="pg_trgm") as raised:
            PostgresStore(url)
        assert "CREATE EXTENSION pg_trgm" in str(raised.value)


def test_a_lost_connection_fails_one_batch_whole_and_the_next_call_reconnects(postgres_url: str) -> None:
    with PostgresStore(postgres_url) as store:
        store.add_articles([ferry_article()])
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (store._connection.info.backend_pid,))
        with pytest.raises(DatabaseError, match="lost the connection") as raised:
            store.add_articles([clinic_article()])
        assert "\n" not in str(raised.value)
        assert store.size() == 1  # reconnected; nothing of the failed batch was written
        assert store.add_articles([clinic_article()]).imported == 1
        assert len(store.records("sections")) == len(ferry_article().sections) + len(clinic_article().sections)


def test_array_literal_reads_back_as_the_same_words(postgres_url: str) -> None:
    words = ['say "no"', "back\\slash", "comma,word", "{brace}", "NULL", "", "ünïcode", "it's"]
    with psycopg.connect(postgres_url) as connection:
        row = connection.execute("SELECT %s::text[]", (array_literal(words),)).fetchone()
    assert row is not None and row[0] == words


def test_the_documented_checker_grants_allow_marking_but_not_importing(postgres_url: str) -> None:
    """docs/postgres.md's ``desk_checker`` role: read, search and mark; an import is refused in one line."""
    with PostgresStore(postgres_url) as owner:
        owner.add_articles([ferry_article()])
    grants = (
        "GRANT USAGE ON SCHEMA public TO {role}",
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}",
        "GRANT INSERT, DELETE ON marks TO {role}",
    )
    with role_with(postgres_url, "claimscope_checker_test", *grants) as url, PostgresStore(url, user="ann") as checker:
        checker.mark(["a1f0000000000001:c1"])
        assert checker.marks() == {"a1f0000000000001:c1"}
        assert checker.searcher().search("ferry fares", limit=1)[0].article_id == "a1f0000000000001"
        with pytest.raises(StoreError, match="permission denied"):
            checker.add_articles([clinic_article()])
        checker.unmark(["a1f0000000000001:c1"])
        assert checker.marks() == set()
