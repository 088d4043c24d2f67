"""Statistics from sentences written for these tests: value, unit, measure, period, direction."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimscope.extract.document import Document
from claimscope.extract.model import Block, Claim, Section, Statistic
from claimscope.extract.pipeline import extract_text
from claimscope.extract.sentences import split_sentences
from claimscope.extract.statistics import find_statistics

PUBLISHED = "2025-03-14T09:00"  # a Friday


def stats_of(text: str, published: str | None = PUBLISHED, claims: list[Claim] | None = None) -> list[Statistic]:
    section = Section("t:s0", None, (Block("paragraph", text, 0, len(text)),), 0, len(text))
    doc = Document("t", text, [section], split_sentences(text, [section]), published)
    return find_statistics(doc, claims or [])


def one(text: str, value: float) -> Statistic:
    hits = [s for s in stats_of(text) if s.value == pytest.approx(value)]
    assert len(hits) == 1, [(s.raw, s.value) for s in stats_of(text)]
    return hits[0]


# (sentence, value, unit, measure keyword, period prefix, direction)
GOLDEN = [
    ("The port handled 48,200 containers in 2023, a 6-percent increase on the year before.",
     48200, None, "containers", "2023", None),
    ("The port handled 48,200 containers in 2023, a 6-percent increase on the year before.",
     6, "percent", "containers", "2023", "increase"),
    ("Inspectors carried out 310 spot checks last year and 97 restaurants were closed.",
     310, None, "spot checks", "2024", None),
    ("Inspectors carried out 310 spot checks last year and 97 restaurants were closed.",
     97, None, "restaurants closed", "2024", None),
    ("Monthly rents were €1,450 in Q2 2024 compared with €1,390 in Q2 2023.",
     1390, "EUR", "rents", "2023", None),
    ("Monthly rents were €1,450 in Q2 2024 compared with €1,390 in Q2 2023.",
     1450, "EUR", "rents", "2024", None),
    ("Bakery wages rose by 7.5% over the period.", 7.5, "percent", "wages", None, "increase"),
    ("Exports to the region fell 3.2% in January.", 3.2, "percent", "exports", "2025-01", "decrease"),
    ("Farm workers (-4%) saw a fall in their hourly pay.", -4, "percent", "hourly pay", None, "decrease"),
    ("The museum will charge £12 for adults (15 euros).", 15, "EUR", "charge", None, None),
    ("Tickets are priced from £8 to £14.", 14, "GBP", "tickets", None, None),
    ("The scam cost victims more than $2m in losses, police said on Tuesday.", 2e6, "USD", "losses",
     "2025-03-11", None),
    ("Seven of the hikers were rescued by helicopter.", 7, None, "hikers", None, None),
    ("Volunteers planted 12,000 trees, a 15% jump for the district.", 15, "percent", "district", None,
     "increase"),
    ("She served 14 years in parliament.", 14, "year", "years in parliament", None, None),
    ("The mayor said 2,300 homes were connected by the end of 2022.", 2300, None, "homes connected",
     "2022", None),
]


# Shapes from other outlets: rates, fiscal years, shares in words, appositives, ranges, currencies by name.
GOLDEN += [
    ("A small discount does not undo a 25 per cent rise over two years.", 25, "percent", "rise", None, "increase"),
    ("Energy rebates, worth $300 per household, would continue until winter.", 300, "USD", "energy rebates",
     None, None),
    ("The standard tariff (ST) in the hill districts will drop by $160 a year for a typical home.", 160, "USD",
     "standard tariff", None, "decrease"),
    ("The hiring drive will cost the treasury Rs 850 crore annually.", 8.5e9, "INR", "hiring drive", None, None),
    ("The trade deficit widened to 412 billion crowns in 2024.", 412e9, "crown", "trade deficit", "2024", None),
    ("Water charges, which make up almost half of a typical bill, rose 6.4 per cent.", 6.4, "percent",
     "water charges", None, "increase"),
    ("Burglaries dropped by a third, from 6,012 cases to 4,001 cases.", 1 / 3, "fraction", "burglaries", None,
     "decrease"),
    ("About two-thirds of tenants rent privately.", 2 / 3, "fraction", "tenants", None, None),
    ("One in five riders paid no fare.", 0.2, "fraction", "riders", None, None),
    ("The drowning rate was 2.4 deaths per 100,000 people in 2023.", 2.4, None, "per 100,000 people", "2023",
     None),
    ("The canal budget was Rs 4,000 crore in 2024-25, up 9 per cent.", 4e10, "INR", "canal budget", "2024-25",
     None),
    ("Ferry fares rose 8.3% year on year to $4.10.", 8.3, "percent", "ferry fares", None, "increase"),
    ("Analysts expect rents to grow between 4 and 6 per cent.", 4, "percent", "rents", None, "increase"),
    ("Payrolled jobs fell by 109,000 (0.4%) in the spring.", 0.4, "percent", "payrolled jobs", None, "decrease"),
    ("The deficit was equivalent to 2.2% of GDP.", 2.2, "percent", "deficit", None, None),
    ("Gusts of up to 90 mph tore roofs off.", 90, "mph", "gusts", None, None),
    ("The central bank cut its key rate by 25 basis points.", 25, "basis point", "key rate", None, "decrease"),
    ("Victims lost a total of $385.6 million.", 385.6e6, "USD", "victims", None, None),
    ("There were 120,000 working days lost to strikes.", 120000, None, "working days lost", None, None),
    ("The jobless rate was 0.2 percentage points higher than the previous quarter.", 0.2, "percentage point",
     "jobless rate", None, "increase"),
    ("Prices climbed 1.6% in the first quarter of 2025 and 2.6% in the second quarter.", 2.6, "percent",
     "prices", "2025-Q2", "increase"),
    ("Storage levels were 61% two decades ago.", 61, "percent", "storage levels", "2005", None),
    ("Response times averaged 31 minutes last month.", 31, "minute", "response times", "2025-02", None),
    ("Volunteers aged 18 to 25 made up 40% of the crews.", 40, "percent", "crews", None, None),
    ("Diesel jumped 12 cents a litre overnight.", 12, "cent", "diesel", None, "increase"),
]


@pytest.mark.parametrize(("sentence", "value", "unit", "measure", "period", "direction"), GOLDEN)
def test_golden_sentences(
    sentence: str, value: float, unit: str | None, measure: str, period: str | None, direction: str | None
) -> None:
    stat = one(sentence, value)
    assert stat.unit == unit
    assert measure in (stat.measure or "").lower()
    if period is not None:
        assert (stat.period or "").startswith(period)
    assert stat.direction == direction


NOT_STATISTICS = [
    "The report was published on June 3, 2024.",
    "The suspect, Marco Diaz, 41, was detained.",
    "A 37-year-old driver was injured.",
    "The law is known as Section 12 of the code.",
    "Fans queued for Space Quest 3 at midnight.",
    "One of the organisers declined to comment.",
    "Sales have grown in the past five years.",
    "The doors open at 10:30 every day.",
    "He was charged under Republic Act No. 4321.",
    "Volunteers aged 18 to 25 signed up.",
    "The drought was the worst in 40 years.",
    "Storage levels were low two decades ago.",
    "It rained in the first half of the match.",
    "The third day of talks ended early.",
    "The score was level at half-time.",
]


@pytest.mark.parametrize("sentence", NOT_STATISTICS)
def test_not_statistics(sentence: str) -> None:
    assert stats_of(sentence) == []


def test_two_durations_share_their_noun() -> None:
    stats = stats_of("They were sentenced to 30 months' and 18 months' detention.")
    assert [(s.value, s.unit) for s in stats] == [(30.0, "month"), (18.0, "month")]
    assert all("detention" in (s.measure or "") for s in stats)


def test_without_a_published_date_relative_periods_stay_open() -> None:
    stat = stats_of("Police arrested 41 drivers last year.", published=None)[0]
    assert stat.period is None


def test_statistic_points_at_its_claim() -> None:
    text = "The agency said exports reached 520 tonnes in 2024."
    claim = Claim("t:c1", "exports reached 520 tonnes in 2024", "The agency", "said", "indirect", "t:s0",
                  text, 16, len(text) - 1, 0, len(text))
    stat = stats_of(text, claims=[claim])[0]
    assert stat.claim_id == "t:c1"
    assert text[stat.start : stat.end] == stat.raw == "520 tonnes"


def test_ids_follow_reading_order() -> None:
    stats = stats_of("Crews fixed 14 pumps and 9 valves. Then they replaced 3 meters.")
    assert [s.id for s in stats] == ["t:n1", "t:n2", "t:n3"]
    assert [s.value for s in stats] == [14.0, 9.0, 3.0]


def test_hyphenated_range() -> None:
    assert [s.value for s in stats_of("Between 20-25% of voters stayed home.")] == [20.0, 25.0]


def test_a_span_after_a_change_is_when_not_a_statistic() -> None:
    stats = stats_of("Rents rose 25% over two years and 12% over the past year.")
    assert [s.value for s in stats] == [25.0, 12.0]
    assert not any(s.approximate for s in stats)


def test_a_measured_duration_with_over_stays_approximate() -> None:
    stat = one("The pier has stood for over 80 years.", 80)
    assert stat.unit == "year"
    assert stat.approximate


def test_the_quarter_without_a_year_takes_the_year_named_before() -> None:
    stats = stats_of("Sales rose 3% in the third quarter of 2024. They fell 1% in the previous quarter.")
    assert [(s.value, s.period) for s in stats] == [(3.0, "2024-Q3"), (1.0, "2024-Q2")]


@pytest.mark.xfail(strict=True, reason="known miss: a clause between the subject and the number is not read past, "
                   "so the measure is None")
def test_measure_after_a_leading_clause() -> None:
    stat = one("The number of people waiting has fallen for a third month in a row, to 7.4 million.", 7.4e6)
    assert "people waiting" in (stat.measure or "")


def test_quarter_named_by_its_month() -> None:
    assert one("Wholesale prices fell 18 per cent in the March quarter of 2025.", 18).period == "2025-Q1"


def test_earlier_counts_from_the_year_named() -> None:
    assert one("Literacy rose to 74.6 per cent in 2011 from 67.3 per cent a decade earlier.", 67.3).period == "2001"


def test_a_whole_and_a_half() -> None:
    assert one("The works took two and a half years.", 2.5).unit == "year"


def test_count_that_looks_like_a_year() -> None:
    assert one("The festival drew 2000 visitors.", 2000).measure == "visitors"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_keeps_offsets_valid(text: str) -> None:
    for stat in stats_of(text):
        assert 0 <= stat.start <= stat.end <= len(text)
        assert text[stat.start : stat.end] == stat.raw


def test_same_period_of_an_earlier_year_is_the_base_not_the_period() -> None:
    text = (
        "Refund complaints climb\n\nPublished: 09:00, Sept 2, 2024\n\n"
        "In the first half of the year the regulator received 1,900 complaints, up 12 per cent from the "
        "same period in 2023, it said.\n"
    )
    stats = {s.raw: s for s in extract_text(text).statistics}
    assert stats["12 per cent"].period is not None
    assert not stats["12 per cent"].period.startswith("2023")


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("The clinic opened 120 extra beds this winter.", "extra beds"),
        ("The agency hired 45 additional inspectors.", "additional inspectors"),
    ],
)
def test_a_modifier_between_the_count_and_its_noun_stays_in_the_measure(sentence: str, measure: str) -> None:
    (stat,) = extract_text("Capacity grows\n\n" + sentence + "\n").statistics
    assert stat.measure == measure


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("The regulator imposed a fine of $3 million on the bank.", "fine"),
        ("Nurses turned down a salary offer of 3 per cent.", "offer"),
        ("The city set a target of 60% by 2035.", "target"),
    ],
)
def test_a_noun_before_of_and_an_amount_is_the_measure(sentence: str, measure: str) -> None:
    (stat,) = extract_text("Money matters\n\n" + sentence + "\n").statistics
    assert stat.measure is not None and measure in stat.measure


def test_a_sentence_without_a_period_takes_the_one_named_in_the_sentence_before() -> None:
    text = "Unemployment stood at 5.1% in the three months to June 2024. That was 20,000 more than a year earlier."
    assert one(text, 20000).period == "2024-06"


def test_a_year_before_counts_back_from_the_year_named_not_from_the_published_date() -> None:
    assert one("Deaths rose to 71 in 2022, up from 64 the year before.", 64).period == "2021"


def test_the_same_period_last_year_counts_back_from_the_period_in_view() -> None:
    text = "Sales in the first half of 2024 were 12 million tonnes. They were 10 million in the same period last year."
    assert one(text, 10e6).period == "2023-H1"


def test_a_year_in_a_since_clause_is_not_the_numbers_period() -> None:
    assert one("Membership fell to 3,100, the lowest since the club opened in 1987.", 3100).period is None


def test_with_no_period_named_the_period_is_none_not_the_published_date() -> None:
    assert one("The library lent 4,200 books.", 4200).period is None


def _sections_doc(parts: list[tuple[str | None, str]]) -> Document:
    """A document of sections (heading, paragraph), its text laid out the way the layout stage would."""
    text, sections = "", []
    for n, (heading, paragraph) in enumerate(parts):
        begin = len(text)
        heading_start = heading_end = None
        if heading is not None:
            heading_start, text = len(text), text + heading
            heading_end, text = len(text), text + "\n\n"
        para_start, text = len(text), text + paragraph
        block = Block("paragraph", paragraph, para_start, len(text))
        sections.append(Section(f"t:s{n}", heading, (block,), begin, len(text), heading_start, heading_end))
        text += "\n\n"
    return Document("t", text, sections, split_sentences(text, sections), PUBLISHED)


def test_a_section_heading_names_the_period_of_its_numbers() -> None:
    doc = _sections_doc([(None, "The harvest was poor."), ("Apples in 2022", "Growers picked 3,500 tonnes.")])
    assert [(s.value, s.period) for s in find_statistics(doc, [])] == [(3500.0, "2022")]


def test_the_period_in_view_does_not_cross_into_the_next_section() -> None:
    doc = _sections_doc([(None, "Prices rose in 2021."), ("Staff", "The firm hired 300 drivers.")])
    assert [(s.value, s.period) for s in find_statistics(doc, [])] == [(300.0, None)]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The archive was founded in 1998 and moved in 2004.", None),
        ("The 2024 budget was approved.", None),
        ("Visits fell back to 2019 levels.", None),
        ("Since 1990 membership has doubled.", None),
        ("Stewards counted about 1900 cyclists on the bridge.", 1900.0),
        ("Volunteers planted 2100 trees.", 2100.0),
    ],
)
def test_a_year_needs_year_context_and_a_count_needs_a_noun(sentence: str, value: float | None) -> None:
    assert [s.value for s in stats_of(sentence)] == ([] if value is None else [value])


def test_a_percent_range_with_a_hyphen_shares_unit_measure_and_direction() -> None:
    stats = stats_of("Landlords expect rents to climb 8-10% this spring.")
    assert [(s.value, s.unit, s.direction) for s in stats] == [
        (8.0, "percent", "increase"), (10.0, "percent", "increase")
    ]
    assert stats[0].measure == stats[1].measure


def test_a_range_that_is_not_a_share_stays_a_code() -> None:
    assert stats_of("Call 555-1234 for tickets.") == []


def test_and_a_half_with_a_scale_word() -> None:
    stat = one("Nearly three and a half million passengers used the line.", 3.5e6)
    assert stat.approximate
    assert stat.measure == "passengers"


def test_a_ratio_in_a_sentence_about_ratios() -> None:
    stats = stats_of("The staff-to-child ratio was 9:1 against a legal limit of 8:1.")
    assert [s.value for s in stats] == [9.0, 8.0]
    assert [s.measure for s in stats] == ["staff-to-child ratio", "legal limit ratio"]


def test_a_colon_without_a_ratio_word_is_no_ratio() -> None:
    assert stats_of("The doors open at 7:30 and the home side won 3:1.") == []


def test_a_count_of_calls_is_a_noun_not_a_verb_of_saying() -> None:
    assert one("The hotline fielded 6,400 calls over the holiday.", 6400).measure == "calls"


def test_a_value_put_on_an_object_measures_the_object() -> None:
    assert one("The mayor's plan sets capital spending at £900m.", 900e6).measure == "capital spending"


def test_times_what_it_was_measures_the_subject_and_is_an_increase() -> None:
    stat = one("Ferry fares are now four times what they were.", 4)
    assert (stat.measure, stat.direction) == ("Ferry fares", "increase")


@pytest.mark.parametrize(
    ("sentence", "value", "measure"),
    [
        ("The driver was jailed for six years.", 6, "jailed (years)"),
        ("Some patients have waited longer than 20 weeks.", 20, "waited (weeks)"),
    ],
)
def test_a_bare_duration_is_named_by_its_verb(sentence: str, value: float, measure: str) -> None:
    assert one(sentence, value).measure == measure


def test_a_quarter_named_by_its_month_without_a_year_is_the_last_one_before_publication() -> None:
    assert one("Exports rose 4% in the September quarter.", 4).period == "2024-Q3"


def test_a_comparative_after_a_rate_gives_the_direction() -> None:
    assert one("Commuters will pay £90 a year more for a season ticket.", 90).direction == "increase"


@pytest.mark.parametrize(
    ("sentence", "value", "measure"),
    [
        ("Claims doubled to 4,000.", 4000, "Claims"),
        ("The claims rose 12% in 2023.", 12, "claims"),
        ("The minister claims 40 ferries were late.", 40, "ferries"),
    ],
)
def test_a_verb_of_saying_is_a_noun_only_where_a_noun_stands(sentence: str, value: float, measure: str) -> None:
    assert one(sentence, value).measure == measure
