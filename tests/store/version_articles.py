"""Two-version stories for the versions tests, built with ``store_factory`` (every sentence written here).

``tram_story`` is a council report on tram fares whose update changes the fare rise, rewords nothing
else in the claim, adds a paragraph and drops the ridership figure's sibling; each test varies the
source, headline and byline to exercise one identity rule at a time.
"""

from __future__ import annotations

from dataclasses import replace

from store_factory import ClaimSpec, SectionSpec, StatSpec, build_article

from claimscope.extract.model import Article

TITLE = "Tram fares climb as council trims depot budget"
SOURCE = "https://city.example/news/tram-fares"


def tram_story(
    article_id: str,
    *,
    rise: int = 8,
    updated: bool = False,
    source: str | None = SOURCE,
    title: str = TITLE,
    author: str | None = "Petra Lindqvist",
) -> Article:
    """Version one (``updated=False``) or its update: a new rise, one paragraph more, one figure fewer."""
    opening = ["Riders on the east line will pay more from the first of the month."]
    if updated:
        opening.append("A petition against the rise gathered signatures at three depots overnight.")
    stats = [StatSpec("310,000", 310_000.0, "weekly riders", None, "2024")]
    if not updated:
        stats.append(StatSpec("45", 45.0, "depot staff", None, "2024"))
    article = build_article(
        article_id,
        title,
        [
            SectionSpec(
                None,
                opening,
                claims=[
                    ClaimSpec("Ines Caro", f"Single tickets will go up by {rise} percent"),
                    ClaimSpec("Omar Fadel", "The depot cuts leave night services untouched", cue="told reporters"),
                ],
                stats=[StatSpec(f"{rise} percent", float(rise), "fare rise", "percent", "2025", claim=0)],
            ),
            SectionSpec("Ridership", ["The line carried more people than the year before."], stats=stats),
        ],
        published="2025-02-03",
        source=source,
    )
    return replace(article, author=author, source=source)


def index_pages(count: int) -> list[Article]:
    """``count`` stories saved as ``index.html`` on different sites, each headline different enough from
    the tram story's that only the file name ties them (what the common-key limit is tested with)."""
    return [
        tram_story(f"{n}a0000000000000{n}", source=f"site{n}/index.html", title=f"{TITLE} {n}", author=None)
        for n in range(count)
    ]
