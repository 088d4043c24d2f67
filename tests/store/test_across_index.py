"""The index across articles on articles written for it: rows, conflicts, and keeping in step with the store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from across_articles import ARTICLES, across_articles, across_store
from version_articles import tram_story

from claimscope.extract.pipeline import extract_text
from claimscope.store.across import open_across
from claimscope.store.across.index import RULES_VERSION, across_path
from claimscope.store.across.speakers import speaker_claims
from claimscope.store.db import Store
from claimscope.store.errors import StoreLocked


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    return across_store(tmp_path / "store.json")


def _speakers(store: Store) -> dict[str, tuple[int, int]]:
    with open_across(store) as index:
        return {row.key: (row.n_claims, row.n_articles) for row in index.speakers()}


def test_one_person_named_three_ways_is_one_row(store_file: Path) -> None:
    with Store(store_file) as store, open_across(store) as index:
        rows = {row.key: row for row in index.speakers()}
    okafor = rows["dana okafor"]
    # Gazette: two claims ("Environment Minister Dana Okafor", "Ms Okafor"); Post: two ("Dana Okafor, the
    # environment minister", "The minister"); Harbour News: one ("Minister Dana Okafor").
    assert (okafor.name, okafor.kind, okafor.n_claims, okafor.n_articles) == ("Dana Okafor", "person", 5, 3)
    assert okafor.latest is not None and okafor.latest.startswith("2025-03-02")
    # "the board" in the Post is the Lune Valley Water Board, named in full in the same article.
    assert (rows["lune valley water board"].n_claims, rows["lune valley water board"].n_articles) == (4, 3)


def test_a_bare_surname_without_a_full_name_in_its_article_stays_apart(store_file: Path) -> None:
    with Store(store_file) as store:
        assert _speakers(store)["okafor"] == (2, 1)


def test_spokesmen_of_different_articles_are_different_rows(store_file: Path) -> None:
    with Store(store_file) as store, open_across(store) as index:
        roles = [row for row in index.speakers() if row.kind == "role"]
    assert len(roles) == 2
    assert {row.n_articles for row in roles} == {1}


def test_speakers_sorted_by_date_put_the_latest_first(store_file: Path) -> None:
    with Store(store_file) as store, open_across(store) as index:
        latest = [row.latest for row in index.speakers("recent")]
    assert latest == sorted(latest, reverse=True)
    assert latest[0] is not None and latest[0].startswith("2025-03-02")


def test_a_speakers_claims_come_with_their_sentences_newest_first(store_file: Path) -> None:
    with Store(store_file) as store, open_across(store) as index:
        [okafor] = index.find_speakers("Dana Okafor")
        claims = speaker_claims(store, index, okafor)
    assert [c.published[:10] for c in claims if c.published] == [
        "2025-03-02", "2025-02-05", "2025-02-05", "2025-02-04", "2025-02-04"]
    assert claims[0].sentence == '"We are back to a full timetable," said Minister Dana Okafor.'
    assert claims[0].title == "Ferry crossings return after storm"


def test_a_speaker_is_found_by_any_word_of_the_name(store_file: Path) -> None:
    with Store(store_file) as store, open_across(store) as index:
        assert [row.key for row in index.find_speakers("ferry")] == ["kestrel ferry company"]
        assert index.find_speakers("nobody at all") == []


def test_figures_meet_by_measure_and_disagree_by_period(store_file: Path) -> None:
    with Store(store_file) as store, open_across(store) as index:
        groups = {g.measure: g for g in index.groups()}
        warnings = index.figures(groups["flood warnings"].key)
    assert (groups["flood warnings"].n_articles, groups["flood warnings"].n_conflicts) == (3, 1)
    assert (groups["homes flooded"].n_articles, groups["homes flooded"].n_conflicts) == (3, 1)
    by_raw = {(f.period, f.raw): f.conflict for f in warnings}
    # 120, "about 125" and 160 for 2024: 160 lies outside both, so 2024 is in conflict; 2023 has one figure.
    assert by_raw == {("2023", "60"): False, ("2024", "120"): True, ("2024", "about 125"): True,
                      ("2024", "160"): True}


def test_the_default_listing_keeps_measures_more_than_one_article_reports(store_file: Path) -> None:
    with Store(store_file) as store, open_across(store) as index:
        shared = {g.measure for g in index.groups(shared_only=True)}
        every = {g.measure for g in index.groups()}
        conflicts = {g.measure for g in index.groups(conflicts_only=True)}
        warnings = {g.measure for g in index.groups(measure="Flood Warning")}
    assert shared == conflicts == {"flood warnings", "homes flooded"}
    assert "crossings cancelled" in every - shared
    assert warnings == {"flood warnings"}


def test_removing_an_article_updates_only_what_it_touched(store_file: Path) -> None:
    with Store(store_file) as store:
        herald = next(s.id for s in store.article_summaries() if s.title and s.title.startswith("Lune valley"))
        before = _speakers(store)
        store.remove_articles([herald])
        after = _speakers(store)
        with open_across(store) as index:
            groups = {g.measure: g for g in index.groups()}
    assert "okafor" in before and "okafor" not in after
    assert after["dana okafor"] == before["dana okafor"]
    assert after["lune valley water board"] == (3, 2)
    # Without the Herald's 160 and 5,100, the remaining figures agree within their tolerance.
    assert groups["flood warnings"].n_conflicts == 0
    assert groups["homes flooded"].n_conflicts == 0


def test_an_article_imported_later_is_added_on_the_next_open(store_file: Path) -> None:
    text = ARTICLES["harbour-news.txt"].replace("Ferry crossings return", "Ferry crossings resume").replace(
        "14 crossings", "19 crossings")
    with Store(store_file) as store:
        before = _speakers(store)["dana okafor"]
        store.add_articles([extract_text(text, source="harbour-late.txt")])
        assert _speakers(store)["dana okafor"] == (before[0] + 1, before[1] + 1)
        with open_across(store) as index:
            crossings = next(g for g in index.groups() if g.measure == "crossings cancelled")
    assert (crossings.n_articles, crossings.n_conflicts) == (2, 1)


def test_a_damaged_index_file_is_rebuilt(store_file: Path) -> None:
    with Store(store_file) as store:
        expected = _speakers(store)
        across_path(store_file).write_bytes(b"not a database at all" * 100)
        assert _speakers(store) == expected


def test_an_index_written_by_other_rules_is_rebuilt(store_file: Path) -> None:
    with Store(store_file) as store:
        expected = _speakers(store)
        with sqlite3.connect(across_path(store_file)) as db:
            db.execute("UPDATE meta SET value = ? WHERE key = 'rules'", (RULES_VERSION + "-old",))
            db.execute("DELETE FROM speakers")
        assert _speakers(store) == expected


def test_an_index_missing_an_article_without_the_stores_stamp_reads_it_again(store_file: Path) -> None:
    with Store(store_file) as store:
        expected = _speakers(store)
        with sqlite3.connect(across_path(store_file)) as db:
            first = db.execute("SELECT id FROM articles ORDER BY id LIMIT 1").fetchone()[0]
            for table, column in (("claims", "article_id"), ("figures", "article_id"), ("articles", "id")):
                db.execute(f"DELETE FROM {table} WHERE {column} = ?", (first,))
            db.execute("DELETE FROM meta WHERE key = 'store'")
        with open_across(store) as index:
            assert index.covered() == {s.id for s in store.article_summaries()}
        assert _speakers(store) == expected


def test_an_unchanged_store_file_is_trusted_by_its_stamp(store_file: Path) -> None:
    with Store(store_file) as store:
        open_across(store).close()
        with sqlite3.connect(across_path(store_file)) as db:
            db.execute("UPDATE speakers SET n_claims = 99 WHERE key = 'dana okafor'")
        assert _speakers(store)["dana okafor"] == (99, 3)  # not re-read: the stamp says nothing changed
        with Store(store_file) as writer:
            writer.remove_articles([s.id for s in writer.article_summaries() if s.title and "Ferry" in s.title])
    with Store(store_file) as reopened:
        assert _speakers(reopened)["dana okafor"] == (4, 2)


def test_an_index_another_process_is_writing_is_busy_not_deleted(
    store_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("claimscope.store.across.index.BUSY_SECONDS", 0.05)
    with Store(store_file) as store:
        open_across(store).close()
        other = sqlite3.connect(across_path(store_file), isolation_level=None)
        other.execute("DELETE FROM meta WHERE key = 'store'")
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreLocked, match="being updated by another claimscope process"):
                open_across(store)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert _speakers(store)["dana okafor"] == (5, 3)


def test_an_in_memory_store_gets_an_in_memory_index() -> None:
    store = Store.in_memory()
    store.add_articles(across_articles())
    with open_across(store) as index:
        assert index.find_speakers("Dana Okafor")[0].n_articles == 3


def test_an_update_is_the_same_story_not_a_second_article(tmp_path: Path) -> None:
    """A corrected fare rise (8 -> 12 percent, same period) is no conflict, and its speakers have one article."""
    with Store(tmp_path / "store.json") as store:
        store.add_articles([tram_story("aa00000000000001", rise=8)])
        with open_across(store) as index:
            assert [f.raw for g in index.groups(measure="fare rise") for f in index.figures(g.key)] == ["8 percent"]
        store.add_articles([tram_story("bb00000000000002", rise=12, updated=True)])  # linked as version 2
        assert store.versions("bb00000000000002") == ["aa00000000000001", "bb00000000000002"]
        with open_across(store) as index:
            fares = index.groups(measure="fare rise")
            assert [(g.n_figures, g.n_articles, g.n_conflicts) for g in fares] == [(1, 1, 0)]
            assert [(f.article_id, f.raw) for f in index.figures(fares[0].key)] == [("bb00000000000002", "12 percent")]
            speakers = {row.name: (row.n_claims, row.n_articles) for row in index.speakers()}
    assert speakers["Ines Caro"] == (1, 1)
