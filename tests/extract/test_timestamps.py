"""Metadata timestamps: the shapes the layout stage reads itself must agree with the dateutil reading."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from claimscope.extract.dates import parse_date
from claimscope.extract.model import Article
from claimscope.extract.pipeline import extract_text
from claimscope.extract.sections import _timestamp


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("08:15, March 4, 2024", "2024-03-04T08:15"),
        ("4 Mar 2024", "2024-03-04"),
        ("Sept. 30, 2023 17:05", "2023-09-30T17:05"),
        ("February 29, 2024", "2024-02-29"),
        ("February 30, 2023", None),  # no such day
        ("25:10, March 4, 2024", None),  # no such hour
        ("Tuesday, 4 June 2024", "2024-06-04"),  # not a quick shape: dateutil reads it
    ],
)
def test_timestamps(value: str, expected: str | None) -> None:
    assert _timestamp(value) == expected


MONTHS = ["Jan", "January", "Feb.", "May", "June", "Sept", "September", "Dec", "Marc"]


@given(
    month=st.sampled_from(MONTHS),
    day=st.integers(0, 33),
    year=st.integers(1790, 2210),
    time=st.one_of(st.none(), st.tuples(st.integers(0, 25), st.integers(0, 61))),
    day_first=st.booleans(),
    time_first=st.booleans(),
)
def test_quick_reading_matches_dateutil(
    month: str, day: int, year: int, time: tuple[int, int] | None, day_first: bool, time_first: bool
) -> None:
    date = f"{day} {month} {year}" if day_first else f"{month} {day}, {year}"
    clock = f"{time[0]:02d}:{time[1]:02d}" if time else ""
    value = (f"{clock}, {date}" if time_first else f"{date} {clock}") if clock else date
    with patch("claimscope.extract.sections.parse_date", return_value=HANDED_ON):
        quick = _timestamp(value)
    assume(quick != HANDED_ON)  # a shape the quick reading hands to dateutil: nothing to compare
    assert quick == parse_date(value)


HANDED_ON = "handed on to dateutil"


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("Posted 14/03/2025 at 09:20", "2025-03-14T09:20", None),
        ("Release date: 2 October 2025", "2025-10-02", None),
        ("Published: 07:05, 9 Feb 2025 | Updated: 10:30, 9 Feb 2025", "2025-02-09T07:05", "2025-02-09T10:30"),
        ("Friday 21 March 2025 11:40 GMT", "2025-03-21T11:40", None),
        ("For immediate release: Monday 3 March 2025", "2025-03-03", None),
        ("4th Apr 2025, 2.15pm", "2025-04-04T14:15", None),
        ("17 Feb 2025 06:45 | Last updated 17 Feb 2025 08:10", "2025-02-17T06:45", "2025-02-17T08:10"),
        ("**Riverside Fire Service** | Incidents | Posted 30/01/2025 at 22:05", "2025-01-30T22:05", None),
    ],
)
def test_timestamp_lines_under_a_headline(line: str, published: str, updated: str | None) -> None:
    article = extract_text(
        f"Lorry fire closes bypass overnight\n{line}\n\nA lorry caught fire on the bypass late on Thursday.\n"
    )
    assert (article.title, article.published, article.updated) == (
        "Lorry fire closes bypass overnight",
        published,
        updated,
    )
    assert blocks_of(article, "dateline") == [line]


def test_next_release_date_is_not_the_publication_date() -> None:
    text = (
        "Retail sales, second quarter 2025\nRelease date: 14 August 2025\n"
        "Next release: 13 November 2025\n\nSales rose.\n"
    )
    article = extract_text(text)
    assert (article.published, article.updated) == ("2025-08-14", None)


def blocks_of(article: Article, kind: str) -> list[str]:
    return [b.text for s in article.sections for b in s.blocks if b.kind == kind]
