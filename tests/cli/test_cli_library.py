"""Every store command through ``main``, in process (see ``conftest.py``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import filelock
import orjson
import pytest
from cli_run import Invoke, Location, one_error_line
from store_factory import SectionSpec, build_article

from claimscope.store.opening import open_store
from claimscope.store.paths import lock_path


def store_titled(location: Location, article_id: str, title: str) -> None:
    """Store a one-paragraph article whose title is the text under test."""
    with open_store(location) as store:
        store.add_articles([build_article(article_id, title, [SectionSpec(None, ["Nothing else was said."])])])


def write_news(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"note-{n}.txt"
    path.write_text(
        f"Library extends opening hours in ward {n}\n\n"
        f"The city library will open until nine in the evening in ward {n} from May, the librarian said.\n",
        encoding="utf-8",
    )
    return path


def test_import_summary_bad_file_and_reimport(invoke: Invoke, tmp_path: Path, store_path: Path) -> None:
    folder = tmp_path / "in"
    write_news(folder, 1)
    write_news(folder / "sub", 2)
    (folder / "zero.txt").write_bytes(b"\x00\x00\x00\x00binary\x00")
    result = invoke("import", str(folder))
    assert result.returncode == 1
    assert result.stdout == "imported 2, unchanged 0, failed 1\n"
    assert result.stderr.count("\n") == 1 and "zero.txt" in result.stderr
    assert "\x1b" not in result.stderr  # no progress bar when not on a terminal
    again = invoke("import", str(folder / "sub"), str(folder / "note-1.txt"))
    assert (again.returncode, again.stdout) == (0, "imported 0, unchanged 2, failed 0\n")
    assert store_path.exists()


def test_import_from_stdin(invoke: Invoke, store_location: Location) -> None:
    text = "Ferry strike ends after two days\n\nThe union said crews would return on Friday.\n"
    result = invoke("import", "-", input=text)
    assert (result.returncode, result.stdout) == (0, "imported 1, unchanged 0, failed 0\n")
    listing = orjson.loads(invoke("list", "--format", "json").stdout)
    assert [a["title"] for a in listing] == ["Ferry strike ends after two days"]
    assert listing[0]["source"] == "<stdin>"


def test_import_missing_path_writes_nothing(invoke: Invoke, tmp_path: Path, store_path: Path) -> None:
    write_news(tmp_path, 1)
    result = invoke("import", str(tmp_path / "note-1.txt"), str(tmp_path / "absent.txt"))
    one_error_line(result, "absent.txt", "no such file")
    assert not store_path.exists()


def test_search_table_and_json(invoke: Invoke, loaded: Location) -> None:
    table = invoke("search", "screenigs 2024")
    assert table.returncode == 0
    header, first = table.stdout.splitlines()[:2]
    assert header.split() == ["KIND", "ID", "SCORE", "LABEL", "TEXT"]
    assert first.split()[:2] == ["statistic", "b2e0000000000002:n1"]
    hits = orjson.loads(invoke("search", "spokesman tier watch list", "--format", "json", "--limit", "2").stdout)
    assert len(hits) == 2
    assert hits[0]["id"] == "b2e0000000000002:c1"
    assert set(hits[0]) >= {"kind", "id", "article_id", "text", "score"}


def test_search_kind_filter_and_bad_option(invoke: Invoke, loaded: Location) -> None:
    hits = orjson.loads(invoke("search", "percent", "--kind", "claim", "--format", "json").stdout)
    assert hits and {h["kind"] for h in hits} == {"claim"}
    one_error_line(invoke("search", "percent", "--kind", "paragraph"), "paragraph")
    one_error_line(invoke("search", "percent", "--limit", "0"), "--limit")


def test_mark_marks_unmark(invoke: Invoke, loaded: Location) -> None:
    assert invoke("mark", "a1f0000000000001:c1", "b2e0000000000002:n1").returncode == 0
    marks = orjson.loads(invoke("marks", "--format", "json").stdout)
    assert [m["id"] for m in marks] == ["a1f0000000000001:c1", "b2e0000000000002:n1"]
    assert marks[0]["speaker"] == "Dov Arkin"
    table = invoke("marks").stdout.splitlines()
    assert table[0].split() == ["KIND", "ID", "ARTICLE", "TEXT"]
    assert invoke("unmark", "a1f0000000000001:c1").returncode == 0
    assert [m["id"] for m in orjson.loads(invoke("marks", "--format", "json").stdout)] == ["b2e0000000000002:n1"]


def test_mark_unknown_id_marks_nothing(invoke: Invoke, loaded: Location) -> None:
    one_error_line(invoke("mark", "a1f0000000000001:c1", "a1f0000000000001:c99"), "a1f0000000000001:c99")
    assert orjson.loads(invoke("marks", "--format", "json").stdout) == []


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "md", "claimreview"])
def test_export_marked_to_stdout(invoke: Invoke, loaded: Location, fmt: str) -> None:
    invoke("mark", "a1f0000000000001:c1", "a1f0000000000001:n2")
    result = invoke("export", "--marked", "--format", fmt)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    if fmt == "json":
        assert [r["id"] for r in orjson.loads(out)] == ["a1f0000000000001:c1", "a1f0000000000001:n2"]
    elif fmt == "jsonl":
        assert [orjson.loads(line)["id"] for line in out.splitlines()] == ["a1f0000000000001:c1", "a1f0000000000001:n2"]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows[0]["sentence"] == "Fares will rise by 12 percent in April, Dov Arkin said."
        assert rows[1]["section"] == "Passenger numbers"
    elif fmt == "md":
        assert "## Harbour ferry fares to rise in April" in out
        assert "- **Claim** (Dov Arkin, said): Fares will rise by 12 percent in April" in out
    else:
        assert [r["itemReviewed"]["author"]["name"] for r in orjson.loads(out)] == ["Dov Arkin"]


def test_export_query_kind_and_file(invoke: Invoke, loaded: Location, tmp_path: Path) -> None:
    target = tmp_path / "sheet.csv"
    result = invoke("export", "--query", "percent", "--kind", "claim", "--format", "csv", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert rows and {r["kind"] for r in rows} == {"claim"}
    refused = invoke("export", "--query", "ferry", "-o", str(target))
    one_error_line(refused, str(target), "--force")
    assert list(csv.DictReader(io.StringIO(target.read_text()))) == rows
    forced = invoke("export", "--query", "ferry", "--format", "json", "-o", str(target), "--force")
    assert forced.returncode == 0
    assert orjson.loads(target.read_text())


def test_export_errors(invoke: Invoke, loaded: Location, tmp_path: Path) -> None:
    one_error_line(invoke("export", "--marked"), "no items are marked")
    one_error_line(invoke("export", "--marked", "--query", "x"), "either --marked or --query")
    one_error_line(invoke("export", "--query", "qqqqzzzz"), "no items match")
    one_error_line(invoke("export", "--format", "xlsx"), "xlsx")
    assert list(tmp_path.glob("*.json")) == []


def test_export_csv_is_spreadsheet_safe(invoke: Invoke, store_location: Location) -> None:
    store_titled(store_location, "f6a0000000000006", "@SUM(A1:A9) and more")
    invoke("mark", "f6a0000000000006")
    rows = list(csv.DictReader(io.StringIO(invoke("export", "--format", "csv").stdout)))
    assert rows[0]["article_title"] == "'@SUM(A1:A9) and more"


def test_list_and_show(invoke: Invoke, loaded: Location) -> None:
    listing = invoke("list")
    assert listing.stdout.splitlines()[0].split() == ["ID", "PUBLISHED", "CLAIMS", "STATS", "TITLE"]
    assert listing.stdout.splitlines()[1].startswith("b2e0000000000002  2024-11-20")
    summaries = orjson.loads(invoke("list", "--format", "json").stdout)
    assert [s["published"] for s in summaries] == ["2024-11-20", "2024-03-04", "2023-07-01", None]
    shown = invoke("show", "a1f").stdout
    assert shown.startswith("Harbour ferry fares to rise in April\nid: a1f0000000000001\n")
    assert "## Passenger numbers  [a1f0000000000001:s1]" in shown
    assert "[a1f0000000000001:c1] Dov Arkin (said): Fares will rise by 12 percent in April" in shown
    as_json = orjson.loads(invoke("show", "a1f0000000000001:c1", "--format", "json").stdout)
    assert as_json["article"]["id"] == "a1f0000000000001"
    one_error_line(invoke("show", "ffff"), "ffff")


def test_article_text_is_never_terminal_markup(invoke: Invoke, store_location: Location) -> None:
    store_titled(store_location, "aa10000000000007", "Alarm \x1b[31mred\x1b[0m [bold]loud[/bold] bell\x07")
    for args in (("list",), ("search", "alarm"), ("show", "aa1")):
        out = invoke(*args).stdout
        assert "\x1b" not in out and "\x07" not in out
        assert "[bold]loud[/bold]" in out
    hits = orjson.loads(invoke("search", "alarm", "--format", "json").stdout)
    assert "\x1b[31m" in hits[0]["text"]  # JSON keeps the data exactly


def test_list_prints_one_aligned_line_per_article_whatever_its_title_holds(invoke: Invoke, store_path: Path) -> None:
    store_titled(store_path, "aa10000000000008", "Tram depot\nreopens\tafter floods")
    store_titled(store_path, "aa10000000000009", "Quiet week at the allotments")
    lines = invoke("list").stdout.splitlines()
    assert len(lines) == 3
    column = lines[0].index("TITLE")
    titles = sorted(line[column:] for line in lines[1:])
    assert titles == ["Quiet week at the allotments", "Tram depot reopens after floods"]


def test_remove(invoke: Invoke, loaded: Location) -> None:
    invoke("mark", "a1f0000000000001:c1", "b2e0000000000002:c1")
    assert invoke("remove", "a1f").stdout == "removed 1 article(s)\n"
    assert [m["id"] for m in orjson.loads(invoke("marks", "--format", "json").stdout)] == ["b2e0000000000002:c1"]
    one_error_line(invoke("remove", "b2e0000000000002", "nope"), "nope", "nothing was removed")
    assert len(orjson.loads(invoke("list", "--format", "json").stdout)) == 3


def test_db_option_overrides_environment(invoke: Invoke, tmp_path: Path, store_path: Path) -> None:
    other = tmp_path / "other.json"
    write_news(tmp_path, 5)
    assert invoke("import", "--db", str(other), str(tmp_path / "note-5.txt")).returncode == 0
    assert other.exists() and not store_path.exists()
    assert len(orjson.loads(invoke("--db", str(other), "list", "--format", "json").stdout)) == 1


def test_damaged_store_every_command_refuses(invoke: Invoke, store_path: Path, tmp_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b'{"articles": {"oops"')
    write_news(tmp_path, 1)
    for args in (
        ("list",),
        ("search", "x"),
        ("mark", "x"),
        ("marks",),
        ("show", "x"),
        ("remove", "x"),
        ("export", "--marked"),
        ("import", str(tmp_path / "note-1.txt")),
    ):
        one_error_line(invoke(*args), str(store_path), "damaged")
    assert store_path.read_bytes() == b'{"articles": {"oops"'


def test_locked_store_is_refused(invoke: Invoke, loaded_file: Path) -> None:
    with filelock.FileLock(str(lock_path(loaded_file))):
        result = invoke("mark", "a1f0000000000001:c1")
    one_error_line(result, "busy", "another claimscope process")
    assert orjson.loads(invoke("marks", "--format", "json").stdout) == []
