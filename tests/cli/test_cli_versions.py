"""``claimscope import`` of an updated article links it to the earlier version; ``list``, ``diff`` and
``marks`` show it.  The two versions are written here: the update changes the fare rise, adds a
petition paragraph and drops the depot budget paragraph."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from cli_run import Invoke, Location

HEADLINE = "Tram fares climb as council trims depot budget"
COMMON = [
    "By Petra Lindqvist",
    "Riders on the east line will pay more from next month, the city council said on Monday.",
]
FIRST = [
    "Single tickets will rise by 8 per cent, said Ines Caro, the council's transport chief.",
    "The line carried 310,000 riders a week last year, up from 290,000 the year before.",
    "The depot budget falls by 4 million euros, according to the draft plan.",
]
SECOND = [
    "Single tickets will rise by 11 per cent, said Ines Caro, the council's transport chief.",
    "A petition against the rise gathered 2,000 signatures overnight, organisers said.",
    "The line carried 310,000 riders a week last year, up from 290,000 the year before.",
]


def write(path: Path, paragraphs: list[str]) -> Path:
    path.write_text("\n\n".join([HEADLINE, *COMMON, *paragraphs]) + "\n", encoding="utf-8")
    return path


def listing(invoke: Invoke) -> list[dict[str, object]]:
    result = invoke("list", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = orjson.loads(result.stdout)
    return rows


@pytest.fixture
def two_versions(tmp_path: Path, invoke: Invoke, store_location: Location) -> tuple[str, str]:
    """In a store file, then in PostgreSQL (``store_location``): v1 imported, its fare claim marked, then
    the same file rewritten with v2 and imported again."""
    article = write(tmp_path / "tram.txt", FIRST)
    assert invoke("import", str(article)).returncode == 0
    (old,) = [str(row["id"]) for row in listing(invoke)]
    shown = orjson.loads(invoke("show", old, "--format", "json").stdout)
    fare_claim = next(c["id"] for c in shown["claims"] if "8 per cent" in c["text"])
    assert invoke("mark", fare_claim).returncode == 0
    write(article, SECOND)
    imported = invoke("import", str(article))
    assert (imported.returncode, imported.stdout) == (0, "imported 1 (1 as a new version), unchanged 0, failed 0\n")
    (new,) = [str(row["id"]) for row in listing(invoke) if row["id"] != old]
    return old, new


def test_list_shows_the_versions(invoke: Invoke, two_versions: tuple[str, str]) -> None:
    old, new = two_versions
    versions = {row["id"]: (row["version"], row["versions"]) for row in listing(invoke)}
    assert versions == {old: (1, 2), new: (2, 2)}
    table = invoke("list").stdout.splitlines()
    assert next(line for line in table if line.startswith(new)).endswith(f"{HEADLINE}  (2 versions)")
    assert next(line for line in table if line.startswith(old)).endswith(f"{HEADLINE}  (version 1 of 2)")


def test_show_says_which_version(invoke: Invoke, two_versions: tuple[str, str]) -> None:
    old, new = two_versions
    assert f"version: 2 of 2 (claimscope diff {new[:8]} shows what changed)" in invoke("show", new).stdout.splitlines()
    first = f"version: 1 of 2 (claimscope diff {old[:8]} {new[:8]} shows what changed)"
    assert first in invoke("show", old).stdout.splitlines()


def test_diff_with_one_id_compares_with_the_previous_version(invoke: Invoke, two_versions: tuple[str, str]) -> None:
    old, new = two_versions
    result = invoke("diff", new[:8], "--format", "json")
    assert result.returncode == 0, result.stderr
    diff = orjson.loads(result.stdout)
    assert (diff["old"], diff["new"]) == (old, new)
    (fare,) = [c for c in diff["statistics"]["changed"] if "value" in c["fields"]]
    assert fare["fields"]["value"] == {"old": 8.0, "new": 11.0}
    paragraphs = [(p["change"], p["old"] or p["new"]) for p in diff["paragraphs"]]
    assert ("added", SECOND[1]) in paragraphs
    assert ("removed", FIRST[2]) in paragraphs
    changed = next(p for p in diff["paragraphs"] if p["change"] == "changed")
    assert ["-", "8"] in changed["words"]
    assert ["+", "11"] in changed["words"]


def test_diff_table_shows_the_changed_value_once(invoke: Invoke, two_versions: tuple[str, str]) -> None:
    old, new = two_versions
    result = invoke("diff", old, new)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{old} → {new} (versions 1 → 2 of 2)"
    assert "    value: 8 → 11" in lines
    assert "~ Single tickets will rise by [-8-]{+11+} per cent, said Ines Caro, the council's transport chief." in lines


def test_the_mark_carries_over_to_the_new_claim(invoke: Invoke, two_versions: tuple[str, str]) -> None:
    old, new = two_versions
    marks = orjson.loads(invoke("marks", "--format", "json").stdout)
    texts = {m["id"]: m["text"] for m in marks}
    assert len(texts) == 2
    assert {i.split(":")[0] for i in texts} == {old, new}
    assert all("per cent" in text for text in texts.values())


def test_diff_of_the_first_version_alone_says_what_to_type(invoke: Invoke, two_versions: tuple[str, str]) -> None:
    old, new = two_versions
    result = invoke("diff", old)
    assert result.returncode == 2
    assert result.stdout == ""
    hint = f"to compare it with the next: diff {old} {new}"
    assert result.stderr == f"claimscope: error: article {old} is the first version; {hint}\n"


def test_diff_of_an_article_without_versions_is_an_error(
    tmp_path: Path, invoke: Invoke, store_location: Location
) -> None:
    assert invoke("import", str(write(tmp_path / "alone.txt", FIRST))).returncode == 0
    (only,) = [str(row["id"]) for row in listing(invoke)]
    result = invoke("diff", only)
    assert result.returncode == 2
    assert "has no other version" in result.stderr
    assert result.stderr.count("\n") == 1


def test_diff_of_an_unknown_id_is_one_line(invoke: Invoke, two_versions: tuple[str, str]) -> None:
    result = invoke("diff", "ffffffff")
    assert result.returncode == 2
    assert result.stderr.startswith("claimscope: error: no article or item with id 'ffffffff'")
    assert result.stderr.count("\n") == 1
