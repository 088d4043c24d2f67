"""Any input gives a valid model or a clean refusal, and every offset round-trips."""

from __future__ import annotations

import contextlib
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimscope.extract.errors import InputRefused
from claimscope.extract.model import Article
from claimscope.extract.pipeline import extract_bytes, extract_text

NEWSY = st.sampled_from(
    [
        "said", "the spokesman said", "according to", "“", "”", '"', "'", "‘", "’", "\n", "\n\n", ". ",
        "READ MORE: ", "(PHOTO / AGENCY)", "By Jo Bloggs in Lima", "Published: 10:00, May 1, 2024",
        "11,300", "3-percent increase", "$4m", "£2.6bn", "HK$3.5 billion", "(-2%)", "eight", "1.2 million",
        "in 2024", "last year", "on Tuesday", "# ", "## ", "*", "[bold]", "[@click=app.quit]", "\x1b[31m",
        "Pointing out that ", ", adding that ", "%", "€", "per cent", "9" * 400, "1e999", "\x00", "\u2028",
    ]
)
ARTICLE_LIKE = st.lists(st.one_of(NEWSY, st.text(max_size=40)), max_size=60).map("".join)


def check_invariants(article: Article) -> None:
    text = article.text
    for section in article.sections:
        for block in section.blocks:
            assert 0 <= block.start <= block.end <= len(text)
            assert text[block.start : block.end] == block.text
    section_ids = {s.id for s in article.sections}
    claim_ids = {c.id for c in article.claims}
    for claim in article.claims:
        assert 0 <= claim.start <= claim.end <= len(text)
        assert 0 <= claim.sentence_start <= claim.sentence_end <= len(text)
        assert claim.section_id in section_ids
    for stat in article.statistics:
        assert 0 <= stat.start <= stat.end <= len(text)
        assert math.isfinite(stat.value)
    linked = {stat.claim_id for stat in article.statistics if stat.claim_id is not None}
    assert linked <= claim_ids, "a statistic points at a claim that does not exist"
    for entity in article.entities:
        for start, end in entity.mentions:
            assert 0 <= start <= end <= len(text)
    assert Article.from_dict(article.to_dict()) == article


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLE_LIKE)
def test_any_text_gives_a_valid_model_or_a_refusal(text: str) -> None:
    try:
        article = extract_text(text)
    except InputRefused as exc:
        assert "\n" not in str(exc)
        return
    check_invariants(article)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_arbitrary_unicode(text: str) -> None:
    with contextlib.suppress(InputRefused):
        check_invariants(extract_text(text))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes(data: bytes) -> None:
    try:
        check_invariants(extract_bytes(data, source="blob"))
    except InputRefused as exc:
        assert str(exc).startswith("blob:")


def test_huge_input_is_handled() -> None:
    paragraph = (
        "The agency said it handled 1,250 requests in 2023, a 4% increase, according to its report.\n\n"
    )
    article = extract_text(paragraph * 12000)  # about 1 MB
    check_invariants(article)
    assert len(article.text) > 1_000_000


def test_oversized_input_is_refused() -> None:
    try:
        extract_text("x" * 9_000_000)
    except InputRefused as exc:
        assert "too large" in str(exc)
    else:  # pragma: no cover - the assertion below explains the failure
        raise AssertionError("an 9-million-character input was accepted")
