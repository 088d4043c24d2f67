"""Number expressions as news copy writes them (sentences written for these tests)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimscope.extract.numbers import find_numbers, parse_number_words

# (text, raw, value, unit, approximate)
READS = [
    ("the council approved 11,300 permits", "11,300", 11300.0, None, False),
    ("about 11,300 permits", "about 11,300", 11300.0, None, True),
    ("eight trucks arrived", "eight", 8.0, None, False),
    ("Twenty eight people attended", "Twenty eight", 28.0, None, False),
    ("twenty-one buses", "twenty-one", 21.0, None, False),
    ("two hundred and fifty ships", "two hundred and fifty", 250.0, None, False),
    ("a budget of 1.2 million", "1.2 million", 1_200_000.0, None, False),
    ("it raised HK$3.5 billion", "HK$3.5 billion", 3.5e9, "HKD", False),
    ("damage of more than $4m", "more than $4m", 4e6, "USD", True),
    ("a deal worth £2.6bn", "£2.6bn", 2.6e9, "GBP", False),
    ("goods worth PHP1.7 million", "PHP1.7 million", 1.7e6, "PHP", False),
    ("a fee of €1,278", "€1,278", 1278.0, "EUR", False),
    ("tickets cost 149 euros", "149 euros", 149.0, "EUR", False),
    ("sales fell (-2%) last month", "-2%", -2.0, "percent", False),
    ("a 3-percent rise", "3-percent", 3.0, "percent", False),
    ("up 46 per cent", "46 per cent", 46.0, "percent", False),
    ("after selling a million copies", "a million", 1e6, None, False),
    ("jailed for 56 months' in total", "56 months'", 56.0, "month", False),
    ("the fund holds S$4.5 million", "S$4.5 million", 4.5e6, "SGD", False),
    ("spent an estimated 9.4 billion pounds", "an estimated 9.4 billion pounds", 9.4e9, "GBP", True),
    ("Rs 500 crore was set aside", "Rs 500 crore", 5e9, "INR", False),
    ("2.8m viewers watched", "2.8m", 2.8e6, None, False),
    ("at least 40 boats", "at least 40", 40.0, None, True),
    # shares written in words, and currency words after a scale
    ("cut by two-thirds", "two-thirds", 2 / 3, "fraction", False),
    ("almost half of the wells ran dry", "almost half", 0.5, "fraction", True),
    ("a quarter of the fleet", "a quarter", 0.25, "fraction", False),
    ("one in four riders paid", "one in four", 0.25, "fraction", False),
    ("roughly 1 in 3 tenants", "roughly 1 in 3", 1 / 3, "fraction", True),
    ("a deficit of 95 billion crowns", "95 billion crowns", 95e9, "crown", False),
    ("a loan of 12 million forints", "12 million forints", 12e6, "HUF", False),
    ("fares rose 15 cents", "15 cents", 15.0, "cent", False),
]


@pytest.mark.parametrize(("text", "raw", "value", "unit", "approximate"), READS)
def test_reads_number_expressions(text: str, raw: str, value: float, unit: str | None, approximate: bool) -> None:
    found = find_numbers(text)
    assert len(found) == 1, [text[m.start : m.end] for m in found]
    number = found[0]
    assert text[number.start : number.end] == raw
    assert number.value == pytest.approx(value)
    assert number.unit == unit
    assert number.approximate is approximate


NOT_NUMBERS = [
    "a .22-caliber pistol",
    "the COVID-19 pandemic",
    "it opened at 10:00",
    "ranked 1st in the league",
    "music of the 1990s",
    "the value 1e999 overflowed",
    "call 0958 321 4567 now",
    "a one-off payment",
    "in the first half of the match",
    "the third day of talks",
    "a quarter century later",
    "at half-time they led",
    "the Q1 results",
    "ran the 100m race",
    "someone often said so",
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_ignores_what_is_not_a_quantity(text: str) -> None:
    assert find_numbers(text) == []


def test_two_numbers_in_words_stay_apart() -> None:
    assert [v for _, _, v in parse_number_words(["two", "and", "three"])] == [2, 3]
    assert [v for _, _, v in parse_number_words(["seven", "eight"])] == [7, 8]
    assert [v for _, _, v in parse_number_words(["two", "hundred", "thousand"])] == [200_000]


def test_a_range_of_prices_gives_two_numbers() -> None:
    text = "tickets range from £19 to £29"
    assert [(m.value, m.unit) for m in find_numbers(text)] == [(19.0, "GBP"), (29.0, "GBP")]


def test_huge_digit_runs_are_skipped() -> None:
    assert find_numbers("9" * 5000) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_finite_values_and_valid_spans(text: str) -> None:
    for number in find_numbers(text):
        assert 0 <= number.start <= number.num_start <= number.num_end <= number.end <= len(text)
        assert math.isfinite(number.value)
