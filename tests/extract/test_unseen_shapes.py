"""Rules added for outlet shapes the probe sets showed (issue 9), on articles written for these tests."""

from __future__ import annotations

from claimscope.extract.model import Claim
from claimscope.extract.pipeline import extract_text

INTERVIEW = """Dr Amara Quist runs the coastal erosion unit at Fenwick College. \
With the new survey out this week, we put our questions to her.

Q: Is the coast retreating faster?

A: Yes, and by a lot. The cliffs at Sandle lost 4.2 metres last winter.

Q: What happens next?

A: No. We cannot hold the line everywhere, so we will choose the places that matter most.
"""


def claim_with(claims: list[Claim], fragment: str) -> Claim:
    found = [c for c in claims if fragment in c.text]
    assert len(found) == 1, [c.text for c in claims]
    return found[0]


def test_interviewee_named_earlier_in_the_intro_answers() -> None:
    claims = extract_text(INTERVIEW).claims
    claim = claim_with(claims, "The cliffs at Sandle lost 4.2 metres")
    assert claim.speaker == "Dr Amara Quist"
    assert claim.kind == "direct"


def test_a_bare_yes_or_no_opening_an_answer_is_not_a_claim() -> None:
    texts = [c.text for c in extract_text(INTERVIEW).claims]
    assert texts == [
        "The cliffs at Sandle lost 4.2 metres last winter.",
        "We cannot hold the line everywhere, so we will choose the places that matter most.",
    ]


def test_issuer_name_under_a_kicker_is_not_the_title() -> None:
    text = (
        "NEWS RELEASE\n\nDepartment of Rural Roads\n\nGritting fleet doubled ahead of the coldest weeks\n\n"
        "For immediate release: 9 January 2025\n\nThe department has added 40 gritters to its fleet.\n"
    )
    article = extract_text(text)
    assert article.title == "Gritting fleet doubled ahead of the coldest weeks"
    assert article.published == "2025-01-09"


def test_site_section_label_under_the_issuer_is_not_the_title() -> None:
    text = (
        "Harlow Vale Borough Council\nNews and statements\n\nLibrary opening hours extended over the summer\n\n"
        "Published: 02/07/2025 10:00\n\nThe borough's six libraries will open until 8pm from Monday.\n"
    )
    assert extract_text(text).title == "Library opening hours extended over the summer"


def test_a_source_named_after_as_is_a_comparison_not_the_speaker() -> None:
    text = (
        "The pension fund holds £80 million in green bonds, not £95 million as the campaign group claimed, "
        "the treasurer said.\n"
    )
    claims = extract_text(text).claims
    assert [(c.speaker, c.text.startswith("The pension fund holds £80 million")) for c in claims] == [
        ("the treasurer", True)
    ]


def test_wire_time_in_its_own_part_of_the_timestamp_line() -> None:
    text = (
        "Port authority raises harbour dues\nBy Ilse Marchetti\n14 October 2024 | 07:45 GMT\n\n"
        "KELLSTON, Oct 14 (Wirepoint) - The port authority raised its dues by 6% on Monday.\n"
    )
    assert extract_text(text).published == "2024-10-14T07:45"


PAGE = """<html><head><title>Ferry timetable cut for winter - Coast Radio</title></head><body><main>
<article><h1>Ferry timetable cut for winter</h1>
<p class="byline">By Oren Vasquez, Islands correspondent</p>
<p>The island ferry will run four times a day from November, down from seven, the operator said on Friday.</p>
<p>Harbour staff said the quieter months made the full timetable too costly to run this year.</p>
<p>Islanders have asked for an extra evening crossing on Fridays during the school term.</p>
</article>
<ul class="more-links">
<li><a href="/a">Island school gets new science block</a></li>
<li><a href="/b">Storm closes harbour for two days</a></li>
</ul>
</main></body></html>"""


def test_html_byline_role_is_not_part_of_the_author() -> None:
    assert extract_text(PAGE).author == "Oren Vasquez"


def test_bare_list_of_links_after_the_article_is_related() -> None:
    related = [b.text for s in extract_text(PAGE).sections for b in s.blocks if b.kind == "related"]
    assert related == ["Island school gets new science block", "Storm closes harbour for two days"]


def measures_of(text: str) -> dict[float, str | None]:
    return {s.value: s.measure for s in extract_text(text).statistics}


def test_a_count_whose_noun_is_left_out_takes_the_measure_before_it() -> None:
    measures = measures_of(
        "The clinic treated 2,310 patients this winter, well above the 1,870 treated a year earlier."
    )
    assert measures[1870] == measures[2310] == "patients"


def test_a_partitive_pronoun_count_is_named_by_its_verb() -> None:
    assert measures_of("But 612 of them had been waiting since the spring, the board said.")[612] == "waiting"


def periods_of(body: str, published: str = "22/07/2024 16:30") -> dict[float, str | None]:
    """The period of each statistic of a short article with a headline and a published line."""
    text = f"Update\n\nPublished: {published}\n\n{body}\n"
    return {s.value: s.period for s in extract_text(text).statistics}


def directions_of(text: str) -> dict[float, str | None]:
    return {s.value: s.direction for s in extract_text(text).statistics}


def test_a_noun_between_the_number_and_the_change_noun_keeps_the_change() -> None:
    assert directions_of("Tenants were offered a 6% rent cut and a 2% service charge rise.") == {
        6.0: "decrease", 2.0: "increase"
    }


def test_raised_and_widened_by_state_increases_but_raised_to_is_a_level() -> None:
    assert directions_of("The mill raised wages by 4% and its lead widened by 1.5 points.") == {
        4.0: "increase", 1.5: "increase"
    }
    assert directions_of("The mill raised its target to 40%.") == {40.0: None}


def test_weekend_and_week_phrases_are_periods_from_the_published_date() -> None:
    periods = periods_of("Fourteen boats were damaged over the weekend. Crews rescued 9 sailors last week.")
    assert periods == {14.0: "2024-07-21", 9.0: "2024-07-15"}


def test_a_change_after_its_base_takes_the_current_period_not_the_base() -> None:
    periods = periods_of(
        "The ferry carried 88,400 cars in the 12 months to the end of March, down from 91,000 in the previous "
        "year, a fall of 3 per cent.",
        published="13/06/2024 10:00",
    )
    assert periods == {88400.0: "2024-03", 91000.0: "2023-03", 3.0: "2024-03"}


def test_a_quarter_without_a_year_is_not_after_the_published_year() -> None:
    periods = periods_of(
        "The bank sees unemployment rising to 4.9% by the end of 2025. "
        "The jobless rate was 4.3% in the first quarter.",
        published="21/05/2024 10:00",
    )
    assert periods == {4.9: "2025", 4.3: "2024-Q1"}


def test_a_number_without_its_own_period_shares_the_one_closing_its_clause() -> None:
    periods = periods_of(
        "Six crews were out, and 30 volunteers helped in June. "
        "Nine people were rescued and boats worth £40,000 sank in the storm in May."
    )
    assert periods == {6.0: None, 30.0: "2024-06", 9.0: "2024-05", 40000.0: "2024-05"}
