"""Section splitting and metadata on article shapes written for these tests."""

from __future__ import annotations

import pytest

from claimscope.extract.model import Article
from claimscope.extract.pipeline import extract_text

STATEMENT = """Published: 08:15, March 4, 2024 | Updated: 09:40, March 4, 2024
Harbour authority rejects claims over ferry safety
By Maria Lopez in Portsmouth
Passengers board a ferry at the main pier on Feb 2, 2024. (JOHN SMITH / COASTAL NEWS)

The harbour authority on Monday dismissed a report that questioned the safety record of its ferries.

The authority said its inspectors had checked every vessel twice a year since 2019.

READ MORE: Ferry operator adds three routes for summer

Inspection regime

Each inspection covers engines, lifeboats and fire doors, a spokeswoman said.

ALSO READ: Council votes to widen the harbour road

A crew member checks a lifeboat during a drill. (PHOTO / HARBOUR AUTHORITY)
"""


def blocks(article: Article, kind: str) -> list[str]:
    return [b.text for s in article.sections for b in s.blocks if b.kind == kind]


def test_metadata_lines_are_read() -> None:
    article = extract_text(STATEMENT)
    assert article.title == "Harbour authority rejects claims over ferry safety"
    assert article.author == "Maria Lopez"
    assert article.location == "Portsmouth"
    assert article.published == "2024-03-04T08:15"
    assert article.updated == "2024-03-04T09:40"


def test_headings_open_sections() -> None:
    article = extract_text(STATEMENT)
    assert [s.heading for s in article.sections] == [None, "Inspection regime"]
    assert blocks(article, "paragraph")[-1].startswith("Each inspection covers")


def test_captions_and_related_links() -> None:
    article = extract_text(STATEMENT)
    assert blocks(article, "caption") == [
        "Passengers board a ferry at the main pier on Feb 2, 2024. (JOHN SMITH / COASTAL NEWS)",
        "A crew member checks a lifeboat during a drill. (PHOTO / HARBOUR AUTHORITY)",
    ]
    assert blocks(article, "related") == [
        "Ferry operator adds three routes for summer",
        "Council votes to widen the harbour road",
    ]


def test_every_block_round_trips_its_offsets() -> None:
    article = extract_text(STATEMENT.replace("\n", "\r\n"))
    for section in article.sections:
        for block in section.blocks:
            assert article.text[block.start : block.end] == block.text
        if section.heading is not None:
            assert article.text[section.heading_start : section.heading_end] == section.heading


def test_headline_style_line_mid_body_is_a_related_link() -> None:
    text = (
        "Rail fares to rise in spring\n\n"
        "Fares on regional lines will go up by an average of 4% in April, the operator said on Friday.\n\n"
        "Season tickets are now twice the price of a decade ago\n\n"
        "Commuter groups said the increase would push more people back into their cars this year.\n"
    )
    article = extract_text(text)
    assert blocks(article, "related") == ["Season tickets are now twice the price of a decade ago"]
    assert [s.heading for s in article.sections] == [None]


def test_long_first_line_is_not_a_title_and_dateline_gives_location() -> None:
    text = (
        "Port Moresby: Police have detained three men over a warehouse fire in the capital on Friday, "
        "officials said on Saturday, adding that an investigation was under way.\n"
    )
    article = extract_text(text)
    assert article.title is None
    assert article.location == "Port Moresby"


def test_markdown_headings_and_emphasised_dateline() -> None:
    text = (
        "# Water board approves new reservoir\n\n*Valley Herald 14/5/2021*\n\n"
        "The board voted on Thursday to build a reservoir north of the town, its chair said.\n\n"
        "## Cost\n\nThe project will cost about $40 million over five years, the board said.\n"
    )
    article = extract_text(text, source="story.md")
    assert article.format == "markdown"
    assert article.title == "Water board approves new reservoir"
    assert article.published == "2021-05-14"
    assert [s.heading for s in article.sections] == [None, "Cost"]
    assert "#" not in article.text


def test_html_page_body_and_metadata() -> None:
    html = """<!doctype html><html><head><title>Library extends opening hours</title>
    <meta name="author" content="Sam Green"><meta property="article:published_time" content="2023-10-02T07:00:00Z">
    <script>document.write('tracking');</script></head><body>
    <nav><a href="/">Home</a><a href="/local">Local</a></nav>
    <article><h1>Library extends opening hours</h1>
    <p>The central library will open until 9pm on weekdays from next month, the council said on Monday.</p>
    <figure><img src="l.jpg"><figcaption>Readers in the main hall of the library.</figcaption></figure>
    <h2>Funding</h2><p>The change is paid for by a grant of 120,000 pounds from a local trust, officials said.</p>
    </article><footer>All rights reserved</footer></body></html>"""
    article = extract_text(html, source="page.html")
    assert article.format == "html"
    assert article.title == "Library extends opening hours"
    assert article.author == "Sam Green"
    assert article.published is not None and article.published.startswith("2023-10-02")
    assert "tracking" not in article.text and "Home" not in article.text
    assert [s.heading for s in article.sections] == [None, "Funding"]
    assert blocks(article, "caption") == ["Readers in the main hall of the library."]


@pytest.mark.parametrize(
    ("text", "same"),
    [
        ("A line.\r\nAnother line.", "A line.\nAnother line."),
        ("Caf\u0065\u0301 opens.", "Caf\u00e9 opens."),
        ("Spaces   collapse for ids.", "Spaces collapse for ids."),
    ],
)
def test_id_is_stable_across_whitespace_and_unicode_forms(text: str, same: str) -> None:
    assert extract_text(text).id == extract_text(same).id


def test_different_text_gives_a_different_id() -> None:
    assert extract_text("The council met.").id != extract_text("The council did not meet.").id


def test_markdown_front_matter_gives_metadata_and_keeps_offsets() -> None:
    text = (
        "---\ntitle: Night buses return to the city centre\nauthor: Lee Park\ndate: 2024-08-19\n---\n\n"
        "Night buses will run again from September, the transport office said on Monday.\n"
    )
    article = extract_text(text, source="buses.md")
    assert article.title == "Night buses return to the city centre"
    assert article.author == "Lee Park"
    assert article.published == "2024-08-19"
    assert "title:" not in article.text
    assert [b.kind for s in article.sections for b in s.blocks] == ["paragraph"]


@pytest.mark.parametrize(
    ("first_paragraph", "place"),
    [
        ("CAIRO, May 2 (Wire) - Bread prices rose again on Sunday, traders said.", "Cairo"),
        ("Quito, Jan 9 (NewsAgency) The city council approved the plan on Monday, officials said.", "Quito"),
        ("OSLO (AP) — The central bank kept rates on hold, it said.", "Oslo"),
        ("Parliament (the upper house) voted on Tuesday to approve the measure, officials said.", None),
        ("The minister said on Monday that the plan would go ahead.", None),
    ],
)
def test_dateline_place_at_the_start_of_the_body(first_paragraph: str, place: str | None) -> None:
    assert extract_text("Rates decision due\n\n" + first_paragraph).location == place


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("Tue 12 Nov 2024 06.00 GMT", "2024-11-12T06:00", None),
        ("Last modified on Wed 13 Nov 2024 09.14 GMT", None, "2024-11-13T09:14"),
        ("Nov. 12, 2024, 6:00 a.m. ET", "2024-11-12T06:00", None),
        ("Posted Tue 3 Jun 2025 at 5:12am", "2025-06-03T05:12", None),
    ],
)
def test_timestamp_lines_in_other_outlets_shapes(line: str, published: str | None, updated: str | None) -> None:
    article = extract_text(f"Ferry fares to rise\n{line}\n\nFares will rise by 5% next year, the operator said.\n")
    assert (article.published, article.updated) == (published, updated)
    assert [b.kind for s in article.sections for b in s.blocks] == ["headline", "dateline", "paragraph"]


def test_byline_that_carries_the_date() -> None:
    article = extract_text("Ferry fares to rise\n\nBy Jo Bloggs | Sept 2, 2024\n\nFares will rise by 5% next year.\n")
    assert (article.author, article.published) == ("Jo Bloggs", "2024-09-02")


def test_a_label_above_the_headline_is_not_the_headline() -> None:
    text = (
        "PRESS RELEASE\n\nCouncil extends library hours\n\n4 April 2024\n\n"
        "The council today said libraries would open until 8pm on weekdays, a spokesman said.\n"
    )
    article = extract_text(text)
    assert article.title == "Council extends library hours"
    assert article.published == "2024-04-04"
    assert [b.kind for s in article.sections for b in s.blocks][:3] == ["paragraph", "headline", "dateline"]


def test_a_date_line_between_paragraphs_is_a_dateline() -> None:
    text = (
        "Storm live updates\n\nThe storm reached the coast on Monday, officials said.\n\n"
        "14 March 2024 10:45\n\nPower has been cut to 20,000 homes, the utility said on Thursday.\n"
    )
    kinds = [b.kind for s in extract_text(text).sections for b in s.blocks]
    assert kinds == ["headline", "paragraph", "dateline", "paragraph"]


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("By PETRA VOSS, TRANSPORT EDITOR", "Petra Voss"),
        ("Crime reporter: Tomas Rinne", "Tomas Rinne"),
        ("Issued by Harbourside District Council", "Harbourside District Council"),
        ("From: Ministry of Rural Affairs", "Ministry of Rural Affairs"),
        ("Odile Marchetti, science correspondent", "Odile Marchetti"),
    ],
)
def test_bylines_in_wire_broadcaster_and_government_shapes(byline: str, author: str) -> None:
    text = f"Lorry fire closes bypass overnight\n{byline}\n\nA lorry caught fire on the bypass late on Thursday.\n"
    article = extract_text(text)
    assert (article.title, article.author) == ("Lorry fire closes bypass overnight", author)
    assert blocks(article, "byline") == [byline]


def test_byline_and_date_after_a_standfirst() -> None:
    text = (
        "RENT RAGE: Tenants hit by fresh rises\n"
        "Landlords in the city centre are adding up to a tenth to monthly rents this spring\n"
        "By OLLIE BRANNIGAN, HOUSING EDITOR\n"
        "Published: 06:50, 5 Mar 2025 | Updated: 09:05, 5 Mar 2025\n\n"
        "Tenants in the city centre face another round of rent rises, agents warned yesterday.\n"
    )
    article = extract_text(text)
    assert (article.author, article.published, article.updated) == (
        "Ollie Brannigan",
        "2025-03-05T06:50",
        "2025-03-05T09:05",
    )
    assert blocks(article, "related") == []


def test_issuer_line_above_a_release_is_not_its_title() -> None:
    text = (
        "DEPARTMENT OF COASTAL WORKS\nMedia release\n\nSea wall repairs finish ahead of schedule\n\n"
        "Repairs to the northern sea wall were completed on Tuesday, three weeks early.\n"
    )
    assert extract_text(text).title == "Sea wall repairs finish ahead of schedule"


def test_wire_dateline_with_a_day_first_date() -> None:
    text = "Port reopens after storm\n\nHALDEN, 4 March 2025 (Nordwire) - The port reopened on Tuesday after a storm.\n"
    assert extract_text(text).location == "Halden"


def test_captions_without_a_photo_credit() -> None:
    text = (
        "Storm closes coast road\n"
        "By Ines Alvarado, BBN News\n"
        "3 March 2025, 19:10\n\n"
        "Waves break over the promenade wall at Saltcombe on Monday afternoon\n\n"
        "The coast road between Saltcombe and Lyle Bay was closed on Monday as waves topped the sea wall.\n\n"
        "Image caption, Council workers stack sandbags outside the lifeboat station\n\n"
        "The council said the road would stay closed until the tide turned.\n\n"
        "Photo: Mirela Kos\n"
        "A delivery van stranded in floodwater on the harbour road\n\n"
        "Drivers were told to avoid the area overnight.\n"
    )
    assert blocks(extract_text(text), "caption") == [
        "Waves break over the promenade wall at Saltcombe on Monday afternoon",
        "Image caption, Council workers stack sandbags outside the lifeboat station",
        "Photo: Mirela Kos\nA delivery van stranded in floodwater on the harbour road",
    ]


def test_interview_questions_are_body_and_quoted_subheadings_are_headings() -> None:
    text = (
        "Harbour master on the storm\n\n"
        "The storm was the worst the harbour has seen in a decade, its harbour master said on Monday.\n\n"
        "'We were lucky this time'\n\n"
        "Harbour master Ruth Okafor spoke to us on Monday evening about the night the storm hit.\n\n"
        "Q: How many boats were damaged?\n\n"
        "A: Eleven, and two of them sank at their moorings before anyone could reach them.\n"
    )
    article = extract_text(text)
    assert [s.heading for s in article.sections if s.heading] == ["'We were lucky this time'"]
    assert blocks(article, "related") == []
    assert "Q: How many boats were damaged?" in blocks(article, "paragraph")


@pytest.mark.parametrize(
    "line",
    [
        "See also: Ferry operator adds three routes for summer",
        "See also Ferry operator adds three routes for summer",
        "Related: Ferry operator adds three routes for summer",
        "MORE: Ferry operator adds three routes for summer",
    ],
)
def test_related_link_forms(line: str) -> None:
    text = (
        "Harbour authority rejects claims\n\n"
        "The harbour authority on Monday dismissed a report that questioned the safety of its ferries.\n\n"
        f"{line}\n\n"
        "The authority said its inspectors had checked every vessel twice a year since 2019.\n"
    )
    assert blocks(extract_text(text), "related") == ["Ferry operator adds three routes for summer"]


def test_see_also_in_a_sentence_is_not_a_related_link() -> None:
    text = (
        "Harbour authority rejects claims\n\n"
        "The harbour authority on Monday dismissed a report on the safety of its ferries.\n\n"
        "See also Table 2 below, which lists every inspection since 2019.\n"
    )
    assert blocks(extract_text(text), "related") == []


def test_markdown_linked_headline_and_caption_under_a_photo() -> None:
    text = (
        "# Harbour authority rejects claims\n\n"
        "![](ferry.jpg)\n*A ferry leaves the main pier at dawn*\n\n"
        "The harbour authority on Monday dismissed a report that questioned the safety of its ferries.\n\n"
        "- [Ferry operator adds three routes for summer](https://example.org/ferry)\n\n"
        "The authority said its inspectors had checked every vessel twice a year since 2019.\n"
    )
    article = extract_text(text, source="story.md")
    assert blocks(article, "caption") == ["A ferry leaves the main pier at dawn"]
    assert blocks(article, "related") == ["Ferry operator adds three routes for summer"]


HTML_PAGE = """<!doctype html><html><head>
<title>Bridge reopens | Valley Courier</title>
<meta property="article:published_time" content="2025-02-11T07:30:00+00:00">
<meta property="article:modified_time" content="2025-02-11T12:15:00+00:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Bridge reopens after eight months of repairs", "author": {"@type": "Person", "name": "Wren Castell"}}
</script></head><body><article>
<h1>Bridge reopens after eight months of repairs</h1>
<figure><img src="bridge.jpg"><figcaption>The first cars cross the old bridge on Tuesday
<span class="credit">(Photo: Valley Courier)</span></figcaption></figure>
<p>The old river bridge reopened to traffic on Tuesday morning after eight months of repairs to its arches.</p>
<p>The county council said the work had cost less than expected and finished two weeks early.</p>
<aside><h3>Read more</h3><ul><li><a href="/a">Council approves new cycle lane on the quay</a></li>
<li><a href="/b">Bus station to close for a month</a></li><li><a href="/share">Share</a></li></ul></aside>
<p>Traffic on the bypass is expected to ease now that the bridge is open again, the council added.</p>
</article></body></html>"""


def test_html_metadata_from_meta_tags_and_json_ld() -> None:
    article = extract_text(HTML_PAGE, source="page.html")
    assert (article.title, article.author, article.published, article.updated) == (
        "Bridge reopens after eight months of repairs",
        "Wren Castell",
        "2025-02-11T07:30",
        "2025-02-11T12:15",
    )


def test_html_aside_links_are_related_and_figcaption_with_credit_is_a_caption() -> None:
    article = extract_text(HTML_PAGE, source="page.html")
    assert blocks(article, "related") == [
        "Council approves new cycle lane on the quay",
        "Bus station to close for a month",
    ]
    assert blocks(article, "caption") == ["The first cars cross the old bridge on Tuesday (Photo: Valley Courier)"]


def test_headlines_listed_under_a_read_more_label() -> None:
    text = (
        "Harbour authority rejects claims\n\n"
        "The harbour authority on Monday dismissed a report that questioned the safety of its ferries.\n\n"
        "Read more\nFerry operator adds three routes for summer\nCouncil votes to widen the harbour road\n\n"
        "The authority said its inspectors had checked every vessel twice a year since 2019.\n"
    )
    article = extract_text(text)
    assert blocks(article, "related") == [
        "Ferry operator adds three routes for summer",
        "Council votes to widen the harbour road",
    ]
    assert [s.heading for s in article.sections if s.heading] == []
