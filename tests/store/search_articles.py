"""Articles written for the search relevance test (tests/store/search_queries.txt); no extractor runs.

Each sentence was written for this file.  The shapes are the ones readers search in: a statistic whose
article title names the company, a quote whose speaker's full name appears only earlier in the story,
sentences the extractor would not take as claims, numbers written several ways, and a wire story
carried by two outlets.
"""

from __future__ import annotations

from store_factory import ClaimSpec, SectionSpec, StatSpec, build_article

from claimscope.extract.model import Article

WIRE_TEXT = "Dockworkers at Port Ellery voted to strike over the new shift rota."


def search_articles() -> list[Article]:
    return [
        build_article(
            "f100000000000001",
            "Brightwater Airways cuts losses as fuel costs ease",
            [
                SectionSpec(
                    None,
                    ["The carrier flew more passengers than in any year since the pandemic."],
                    stats=[
                        StatSpec("£412m", 412e6, "net debt", "GBP", "2024"),
                        StatSpec("8,750", 8750.0, "staff", None, "2024"),
                    ],
                ),
                SectionSpec(
                    "Outlook",
                    ["Analysts expect fares to stay high through the summer."],
                    claims=[ClaimSpec("Ingrid Solberg", "Bookings for the autumn are the strongest we have seen")],
                ),
            ],
        ),
        build_article(
            "f100000000000002",
            "Storm floods low-lying streets in Marrowby",
            [
                SectionSpec(
                    None,
                    [
                        "Council leader Priya Mandeville toured the flooded streets on Sunday.",
                        "Residents described shocking scenes as water poured into kitchens.",
                        "Sandbags ran out before noon at the depot on Quarry Lane.",
                    ],
                    claims=[ClaimSpec("Mandeville", "Every household that flooded will get emergency help")],
                    stats=[StatSpec("1.7m", 1.7e6, "repair fund", "GBP", None)],
                )
            ],
        ),
        build_article(
            "f100000000000003",
            "Hospital waiting lists reach record",
            [
                SectionSpec(
                    None,
                    ["The waiting list grew for the ninth month running."],
                    stats=[StatSpec("11,300", 11300.0, "patients waiting over a year", None, "March")],
                ),
                SectionSpec(
                    "Staffing",
                    ["Nurses said wards were short of staff most nights."],
                    claims=[ClaimSpec("Dr Omar Haddad", "The backlog will not clear without more beds")],
                ),
            ],
        ),
        build_article(
            "f100000000000004",
            "Port strike vote",
            [SectionSpec(None, [WIRE_TEXT, "Talks with the port authority resume next week."])],
            source="wire-a.txt",
        ),
        build_article(
            "f100000000000005",
            "Ellery dockers back walkout",
            [SectionSpec(None, [WIRE_TEXT, "The union has not yet set a date."])],
            source="wire-b.txt",
        ),
        build_article(
            "f100000000000006",
            "Library reopens after roof repair",
            [
                SectionSpec(
                    None,
                    ["The reading room has new lights and a lift."],
                    stats=[StatSpec("2,000", 2000.0, "books donated", None, None)],
                )
            ],
        ),
    ]
