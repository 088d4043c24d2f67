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
