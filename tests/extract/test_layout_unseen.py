"""Layout rules from the second round of issue 9 (probes_c's misses), on articles written for these tests."""

from __future__ import annotations

from claimscope.extract.model import Article
from claimscope.extract.pipeline import extract_text


def kinds_and_texts(article: Article, kind: str) -> list[str]:
    return [b.text for s in article.sections for b in s.blocks if b.kind == kind]


def test_a_posted_line_with_a_comma_before_updated_gives_both_dates() -> None:
    text = (
        "Ferry fares to rise\n\nPosted Tue 3 Jun 2025 at 5:12am, updated Tue 3 Jun 2025 at 8:40am\n\n"
        "Fares will rise by 5% next year, the operator said.\n"
    )
    article = extract_text(text)
    assert (article.published, article.updated) == ("2025-06-03T05:12", "2025-06-03T08:40")


def test_a_job_title_before_the_name_in_a_byline_is_not_the_name() -> None:
    text = "Ferry fares to rise\n\nBy transport reporter **Ines Karlsson**\n\nFares will rise by 5%, it said.\n"
    assert extract_text(text, fmt="markdown").author == "Ines Karlsson"


PHOTO_WITH_ALT_AND_CAPTION = """# Ferry fares to rise

![A ferry leaving the harbour at dawn](/img/ferry.jpg)

*The morning sailing to Holm Island is the busiest of the day.*

Fares will rise by 5% from April, the operator said on Tuesday, blaming higher fuel and crew costs.
"""


def test_an_emphasised_line_under_a_photo_with_alt_text_is_the_caption_and_the_alt_text_is_not() -> None:
    article = extract_text(PHOTO_WITH_ALT_AND_CAPTION, fmt="markdown")
    assert kinds_and_texts(article, "caption") == ["The morning sailing to Holm Island is the busiest of the day."]


KEY_POINTS = """# Ferry fares to rise for a third year

**Key points:**

- Fares on the island routes will rise by 5% from April
- The operator blames fuel prices and a shortage of crews
- Season tickets are frozen for a second year

Fares on all four island routes will rise by 5% from April, the operator said on Tuesday, the third rise in a row.
"""


def test_unlinked_bullets_are_points_of_the_story_not_related_links_or_headings() -> None:
    article = extract_text(KEY_POINTS, fmt="markdown")
    assert kinds_and_texts(article, "related") == []
    assert [s.heading for s in article.sections] == [None]


SITEWIDE_BOXES = """<html><head><title>Ferry fares to rise</title></head><body><article>
<h1>Ferry fares to rise</h1>
<p>Fares on all four island routes will rise by 5% from April, the operator said on Tuesday.</p>
<p>Season tickets will stay at last year's price, the operator added, after complaints from commuters.</p>
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Island ferry timetable cut for winter</a></li></ul></aside>
<aside class="box-7"><h3>Most read</h3>
<ol><li><a href="/b">Singer cancels summer tour at last minute</a></li></ol></aside>
<aside class="most-popular"><ol><li><a href="/c">Lottery winner buys village pub and shop</a></li></ol></aside>
</body></html>
"""


def test_most_read_and_popular_boxes_give_no_related_links() -> None:
    article = extract_text(SITEWIDE_BOXES, fmt="html")
    assert kinds_and_texts(article, "related") == ["Island ferry timetable cut for winter"]


def test_a_heading_over_nothing_but_links_is_a_label_not_a_heading() -> None:
    text = (
        "# Ferry fares to rise\n\nFares on all four island routes will rise by 5% from April, the operator said.\n\n"
        "## More from the islands\n\n- [Island ferry timetable cut for winter](https://example.org/a)\n"
        "- [New harbour wall opens on Holm](https://example.org/b)\n"
    )
    article = extract_text(text, fmt="markdown")
    assert [s.heading for s in article.sections] == [None]
    assert len(kinds_and_texts(article, "related")) == 2


def test_a_committee_name_above_a_press_notice_is_not_the_title() -> None:
    text = (
        "Rural Transport Committee\n\nPress notice\n\nFerry fares 'beyond reach' of island families, MPs say\n\n"
        "Fares on the island routes have risen by a third since 2020, the committee says in a report today.\n"
    )
    assert extract_text(text).title == "Ferry fares 'beyond reach' of island families, MPs say"
