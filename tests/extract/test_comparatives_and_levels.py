"""Second round of issue 9 on unseen outlets: comparatives as changes, levels named after a verb.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest
from test_statistics import one, stats_of

COMPARATIVE_CHANGES = [
    ("Bus fares in the valley are 12% higher than they were in spring.", 12, "increase"),
    ("The new reservoir holds 8% more water than the old one did.", 8, "increase"),
    ("Ticket sales were 30% lower than the organisers had planned.", 30, "decrease"),
    ("The harvest was 15% smaller than last season's.", 15, "decrease"),
    ("This winter's gritting budget is 20% larger than last winter's.", 20, "increase"),
    ("Output at the mill stood 6% below its peak.", 6, "decrease"),
    ("Salaries at the firm are 9% above the regional average.", 9, "increase"),
    ("Rail season tickets are 11% cheaper than a year ago.", 11, "decrease"),
    ("The clinic saw 25% fewer patients than in the previous month.", 25, "decrease"),
    ("Staff paid 4% less for lunches than before the subsidy.", 4, "decrease"),
    ("The baht strengthened 0.6% against the yen.", 0.6, "increase"),
    ("The peso weakened 1.2% after the vote.", 1.2, "decrease"),
]


@pytest.mark.parametrize(("sentence", "value", "direction"), COMPARATIVE_CHANGES)
def test_a_comparative_after_a_number_states_a_change(sentence: str, value: float, direction: str) -> None:
    assert one(sentence, value).direction == direction


LEVELS_AFTER_A_STATE_VERB = [
    ("A night in the harbour hotel now averages £210 in August.", 210, "night in the harbour hotel"),
    ("The queue for council housing now stands at 4,300.", 4300, "queue for council housing"),
    ("Broadband take-up remains 3% below its peak.", 3, "Broadband take-up"),
    ("Cocoa futures were little changed at $8,120 a tonne.", 8120, "Cocoa futures"),
    ("Ferry bookings were flat at 12,400 for the month.", 12400, "Ferry bookings"),
    ("Allotment rents held steady at £45.", 45, "Allotment rents"),
    ("The waiting list stayed unchanged at 880.", 880, "waiting list"),
]


@pytest.mark.parametrize(("sentence", "value", "measure"), LEVELS_AFTER_A_STATE_VERB)
def test_a_level_after_a_verb_of_state_is_measured_by_its_subject(sentence: str, value: float, measure: str) -> None:
    assert one(sentence, value).measure == measure


def periods_in(text: str) -> dict[float, str | None]:
    return {s.value: s.period for s in stats_of(text)}


def test_a_period_after_compared_with_the_is_the_base_and_the_figure_takes_the_one_before() -> None:
    periods = periods_in("Rail trips rose 3% in Q2 2024. Compared with the June quarter of 2022, they were 8% higher.")
    assert periods[8] == "2024-Q2"


def test_a_period_after_a_comparison_word_belongs_to_the_base() -> None:
    periods = periods_in("Shipbuilding orders grew 2% in 2024. They remain 6% below their level in 2019.")
    assert periods[6] == "2024"


def test_a_period_after_a_number_past_a_comparison_word_is_the_figures_own() -> None:
    assert periods_in("Orders fell below 500 in February.")[500] == "2025-02"


def test_this_season_and_last_season_are_years_of_the_published_date() -> None:
    periods = periods_in("Some 41% of members renewed this season, against 47% at the same point last season.")
    assert (periods[41], periods[47]) == ("2025", "2024")


def test_a_numbered_week_is_an_iso_week_of_the_published_year_or_the_year_before() -> None:
    periods = periods_in("Norovirus reports rose to 212 in week 9, from 187 in week 52.")
    assert (periods[212], periods[187]) == ("2025-W09", "2024-W52")


def test_what_an_amount_was_spent_on_joins_its_measure() -> None:
    assert one("The trust spent £1.2m on agency nurses last year.", 1_200_000).measure == "trust spent (agency nurses)"
    assert one("Visitors spent £40 a head in the market.", 40).measure == "Visitors spent"
