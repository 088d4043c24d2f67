"""``claimscope repeats`` through ``main``, in process, on hand-built articles whose claims repeat."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from cli_run import Invoke, Location, Run, one_error_line
from repeats_articles import repeat_articles

from claimscope.store.opening import open_store
from claimscope.store.repeats.corpus import repeats_path


@pytest.fixture
def repeated(store_location: Location) -> Location:
    """The repeating articles in the test's store: a file, then a PostgreSQL database (``store_location``)."""
    with open_store(store_location) as store:
        store.add_articles(repeat_articles())
    return store_location


def test_repeats_table_lists_each_group_first_appearance_first(invoke: Invoke, repeated: Location) -> None:
    result = invoke("repeats")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["GROUP", "SIZE", "ROLE", "ID", "PUBLISHED", "SPEAKER", "CLAIM"]
    rows = [line.split() for line in lines[1:]]
    assert [row[:4] for row in rows[:3]] == [
        ["1", "3", "first", "rep-earliest:c1"],
        ["repeat", "rep-monday:c2", "2025-04-07", "Dana"],
        ["repeat", "rep-wednesday:c2", "2025-04-09", "Omar"],
    ]
    assert rows[3][:4] == ["2", "2", "first", "rep-monday:c1"]
    assert "£16 million" not in result.stdout


def test_repeats_keep_their_groups_in_a_file_beside_a_store_file(invoke: Invoke, store_path: Path) -> None:
    """Only a store file has a place for derived files (``derived_files_base``); a database computes anew."""
    with open_store(store_path) as store:
        store.add_articles(repeat_articles())
    assert invoke("repeats").returncode == 0
    assert repeats_path(store_path).exists()


def test_repeats_json_and_min_size(invoke: Invoke, repeated: Location) -> None:
    result = invoke("repeats", "--format", "json", "--min-size", "3")
    assert result.returncode == 0, result.stderr
    (group,) = orjson.loads(result.stdout)
    assert group["size"] == 3
    assert group["first"]["id"] == "rep-earliest:c1"
    assert group["first"]["published"] == "2025-04-04"
    assert [r["id"] for r in group["repeats"]] == ["rep-monday:c2", "rep-wednesday:c2"]
    assert group["repeated_by"] == ["Dana Wells", "Omar Reid"]


def test_no_repeats_is_a_note_and_an_empty_json_list(invoke: Invoke, store_location: Location) -> None:
    with open_store(store_location) as store:
        store.add_articles(repeat_articles()[2:3])
    table = invoke("repeats")
    assert (table.returncode, table.stdout, table.stderr) == (0, "", "no repeated claims\n")
    assert invoke("repeats", "--format", "json").stdout == "[]\n"


def test_a_bad_min_size_is_one_error_line(invoke: Invoke, repeated: Location) -> None:
    one_error_line(invoke("repeats", "--min-size", "1"), "--min-size")


def test_repeats_on_a_damaged_store_is_one_error_line(run: Run, store_path: Path) -> None:
    store_path.parent.mkdir(parents=True, exist_ok=True)
    store_path.write_text("{not json", encoding="utf-8")
    one_error_line(run("repeats"))
