"""``claimscope speakers``, ``claims --speaker`` and ``figures`` through ``main``, on articles written for them,
in a store file and in PostgreSQL (where they are computed in memory from the documents)."""

from __future__ import annotations

import orjson
import pytest
from across_articles import across_articles
from cli_run import Invoke, Location, one_error_line

from claimscope.store.opening import open_store


@pytest.fixture
def across(store_location: Location) -> Location:
    """The four articles in the test's store: a file, then a PostgreSQL database (``store_location``)."""
    with open_store(store_location) as store:
        store.add_articles(across_articles())
    return store_location


def test_speakers_table_lists_one_row_per_person(invoke: Invoke, across: Location) -> None:
    result = invoke("speakers")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["CLAIMS", "ARTICLES", "LATEST", "KIND", "KEY", "SPEAKER"]
    assert lines[1].split() == ["5", "3", "2025-03-02", "person", "dana", "okafor", "Dana", "Okafor"]
    assert sum("Dana Okafor" in line for line in lines) == 1


def test_speakers_json_sorted_by_date(invoke: Invoke, across: Location) -> None:
    result = invoke("speakers", "--sort", "recent", "--format", "json")
    assert result.returncode == 0
    rows = orjson.loads(result.stdout)
    assert set(rows[0]) == {"key", "name", "kind", "n_claims", "n_articles", "latest"}
    assert [r["latest"] for r in rows] == sorted((r["latest"] for r in rows), reverse=True)
    assert {r["name"] for r in rows if r["latest"].startswith("2025-03-02")} == {
        "Dana Okafor", "Kestrel Ferry Company"}


def test_claims_of_a_speaker_give_date_article_and_sentence(invoke: Invoke, across: Location) -> None:
    result = invoke("claims", "--speaker", "dana okafor", "--format", "json")
    assert result.returncode == 0
    claims = orjson.loads(result.stdout)
    assert len(claims) == 5
    assert [c["sentence"] for c in claims[-2:]] == [
        '"The river has never been this restless," said Environment Minister Dana Okafor.',
        "Ms Okafor said that 3,400 homes had been flooded in 2024.",
    ]
    assert claims[-1]["title"] == "Flood warnings double across the Lune valley"
    table = invoke("claims", "--speaker", "Kestrel Ferry Company")
    assert table.stdout.splitlines()[1].startswith("2025-03-02  ")
    assert "14 crossings had been cancelled in February 2025." in table.stdout


def test_an_unknown_speaker_is_one_line(invoke: Invoke, across: Location) -> None:
    one_error_line(invoke("claims", "--speaker", "Nobody Known"), "no speaker named 'Nobody Known'")


def test_an_ambiguous_speaker_names_the_candidates(invoke: Invoke, across: Location) -> None:
    one_error_line(invoke("claims", "--speaker", "spokesman"), "matches 2 speakers", "A spokesman (")


def test_claims_needs_a_speaker(invoke: Invoke, across: Location) -> None:
    one_error_line(invoke("claims"), "--speaker")


def test_figures_list_measures_several_articles_report_conflicts_first(invoke: Invoke, across: Location) -> None:
    result = invoke("figures")
    assert result.returncode == 0
    rows = [line.split() for line in result.stdout.splitlines()[1:]]
    assert rows == [["1", "4", "3", "2", "-", "flood", "warnings"], ["1", "3", "3", "1", "-", "homes", "flooded"]]
    every = invoke("figures", "--all").stdout
    assert "crossings cancelled" in every and "crossings cancelled" not in result.stdout


def test_figures_of_one_measure_flag_the_disagreeing_period(invoke: Invoke, across: Location) -> None:
    result = invoke("figures", "--measure", "flood warning")
    assert result.returncode == 0
    flagged = [line for line in result.stdout.splitlines()[1:] if line.startswith("!")]
    unflagged = [line for line in result.stdout.splitlines()[1:] if not line.startswith("!")]
    assert len(flagged) == 3 and all("2024" in line for line in flagged)
    assert len(unflagged) == 1 and "2023" in unflagged[0]
    assert "disagree" in result.stderr


def test_figures_json_has_each_group_with_its_figures(invoke: Invoke, across: Location) -> None:
    result = invoke("figures", "--conflicts", "--format", "json")
    groups = orjson.loads(result.stdout)
    assert [g["measure"] for g in groups] == ["flood warnings", "homes flooded"]
    homes = groups[1]["figures"]
    assert sorted(f["raw"] for f in homes) == ["3,400", "3,400", "5,100"]
    assert all(f["conflict"] for f in homes)


def test_figures_on_an_empty_store_say_so_on_stderr(invoke: Invoke, store_location: Location) -> None:
    result = invoke("figures")
    assert (result.returncode, result.stdout) == (0, "")
    assert "more than one article" in result.stderr
    speakers = invoke("speakers")
    assert (speakers.returncode, speakers.stdout) == (0, "")
    assert "no attributed claims" in speakers.stderr


def test_a_role_is_reached_by_its_key(invoke: Invoke, across: Location) -> None:
    speakers = orjson.loads(invoke("speakers", "--format", "json").stdout)
    role_keys = sorted(row["key"] for row in speakers if row["kind"] == "role")
    assert len(role_keys) == 2 and all("@spokesman" in key for key in role_keys)
    sentences = {
        key: [c["sentence"] for c in orjson.loads(invoke("claims", "--speaker", key, "--format", "json").stdout)]
        for key in role_keys
    }
    assert sorted(s for found in sentences.values() for s in found) == [
        "A spokesman said that the repairs would take two years.",
        "A spokesman said the board would publish its review in March.",
    ]
    assert all(len(found) == 1 for found in sentences.values())
