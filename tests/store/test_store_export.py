"""Export writers: every row citable, CSV safe in spreadsheets, Markdown readable, ClaimReview well formed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from store_factory import SectionSpec, build_article, sample_articles

from claimscope.store.db import Store
from claimscope.store.errors import ExportExists, UnknownId
from claimscope.store.export import (
    FORMATS,
    default_export_name,
    export_items,
    md_escape,
    neutralise_cell,
    write_export,
)

ITEMS = ["a1f0000000000001:c1", "a1f0000000000001:n2", "b2e0000000000002:s1", "c3d0000000000003:e0"]


@pytest.fixture
def loaded(store: Store) -> Store:
    store.add_articles(sample_articles())
    return store


def test_json_rows_carry_citations(loaded: Store) -> None:
    rows = orjson.loads(export_items(loaded, ITEMS, "json"))
    assert [r["id"] for r in rows] == ITEMS
    claim, stat, section, entity = rows
    assert claim["article_title"] == "Harbour ferry fares to rise in April"
    assert claim["published"] == "2024-03-04"
    assert claim["speaker"] == "Dov Arkin"
    assert claim["section"] == "(opening)"
    assert claim["sentence"] == "Fares will rise by 12 percent in April, Dov Arkin said."
    assert (stat["value"], stat["measure"], stat["period"], stat["section"]) == (
        2_400_000.0,
        "passenger journeys",
        "2023",
        "Passenger numbers",
    )
    assert section["section"] == "Funding"
    assert section["text"] == "The programme is paid for by a regional grant."
    assert entity["text"] == "foreign domestic helpers"
    assert entity["sentence"] == "Inspectors reviewed hundreds of FDH contracts last year."


def test_jsonl_is_one_object_per_line(loaded: Store) -> None:
    lines = export_items(loaded, ITEMS, "jsonl").splitlines()
    assert [orjson.loads(line)["kind"] for line in lines] == ["claim", "statistic", "section", "entity"]


def test_duplicates_are_exported_once(loaded: Store) -> None:
    rows = orjson.loads(export_items(loaded, [ITEMS[0], ITEMS[0]], "json"))
    assert len(rows) == 1


def test_statistic_inherits_its_claims_speaker(loaded: Store) -> None:
    (row,) = orjson.loads(export_items(loaded, ["a1f0000000000001:n1"], "json"))
    assert (row["speaker"], row["claim_id"]) == ("Dov Arkin", "a1f0000000000001:c1")


def test_unknown_id_raises(loaded: Store) -> None:
    with pytest.raises(UnknownId):
        export_items(loaded, ["a1f0000000000001:c1", "nope:c1"], "csv")


def test_unknown_format_raises(loaded: Store) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_items(loaded, ITEMS, "xlsx")


def test_csv_neutralises_formulas(store: Store) -> None:
    article = build_article(
        "f6a0000000000006",
        '=HYPERLINK("http://evil.example","click")',
        [SectionSpec(None, ["Intro."], claims=[])],
    )
    store.add_articles([article])
    rows = list(csv.DictReader(io.StringIO(export_items(store, ["f6a0000000000006"], "csv"))))
    assert rows[0]["article_title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert rows[0]["text"].startswith("'=")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@given(st.sampled_from(FORMULA_STARTS), st.text())
def test_a_cell_that_would_start_a_formula_is_quoted(start: str, rest: str) -> None:
    assert neutralise_cell(start + rest) == "'" + start + rest


@given(st.text().filter(lambda value: not value.startswith(FORMULA_STARTS)))
def test_any_other_cell_is_kept_as_it_is(value: str) -> None:
    assert neutralise_cell(value) == value


def test_csv_header_and_roundtrip(loaded: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export_items(loaded, ITEMS, "csv"))))
    assert rows[0]["speaker"] == "Dov Arkin"
    assert rows[1]["value"] == "2400000"
    assert set(rows[0]) >= {"article_title", "published", "speaker", "section", "sentence", "text", "id"}


def test_markdown_evidence_sheet(loaded: Store) -> None:
    sheet = export_items(loaded, ITEMS, "md")
    assert sheet.startswith("# claimscope evidence sheet")
    assert "## Harbour ferry fares to rise in April" in sheet
    assert "- **Claim** (Dov Arkin, said): Fares will rise by 12 percent in April" in sheet
    assert "  > Fares will rise by 12 percent in April, Dov Arkin said." in sheet
    assert "id `a1f0000000000001:c1`" in sheet
    assert "section “Passenger numbers”" in sheet


@given(st.text(alphabet="ab []()*_<>#`|~\\!\n", max_size=20))
def test_markdown_escape_leaves_no_live_syntax(text: str) -> None:
    escaped, plain, n = md_escape(text), [], 0
    while n < len(escaped):
        if escaped[n] == "\\":
            assert escaped[n + 1] in "\\`*_[]<>#|~"
            n += 1
        else:
            assert escaped[n] not in "`*_[]<>#|~\n"
        plain.append(escaped[n])
        n += 1
    assert "".join(plain) == " ".join(text.split())


def test_claimreview_draft(loaded: Store) -> None:
    reviews = orjson.loads(export_items(loaded, [*ITEMS, "a1f0000000000001:n1", "b2e0000000000002:c1"], "claimreview"))
    assert [r["claimReviewed"] for r in reviews] == [
        "Fares will rise by 12 percent in April",
        "Clinics on the tier two watch list will get extra nurses",
    ]
    first = reviews[0]
    assert first["@context"] == "https://schema.org"
    assert first["@type"] == "ClaimReview"
    item = first["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["name"] == "Dov Arkin"
    assert item["datePublished"] == "2024-03-04"
    assert item["appearance"]["url"] == "https://news.example/ferry-fares"
    assert item["appearance"]["headline"] == "Harbour ferry fares to rise in April"
    assert first["reviewRating"] == {"@type": "Rating", "ratingValue": None, "alternateName": None}


@pytest.mark.parametrize("fmt", FORMATS)
def test_default_name_has_format_extension(fmt: str) -> None:
    name = default_export_name(fmt)
    assert name.startswith("claimscope-export-")
    assert name.endswith({"claimreview": ".jsonld"}.get(fmt, f".{fmt}"))


def test_write_export_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_export("first\n", target)
    with pytest.raises(ExportExists, match="--force"):
        write_export("second\n", target)
    assert target.read_text() == "first\n"
    write_export("third\n", target, force=True)
    assert target.read_text() == "third\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]
