"""Metadata timestamps: the shapes the layout stage reads itself must agree with the dateutil reading."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from claimscope.extract.dates import parse_date
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
