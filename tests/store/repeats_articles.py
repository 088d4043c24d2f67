"""Four hand-built articles in which claims repeat across outlets (sentences written for these tests).

- The repair cost (£14.5 million) is said in three articles; the earliest published one is imported
  last, so it must still come first.  A fourth wording with another figure (£16 million) is no repeat.
- The reopening is said in two articles in other words ("will reopen ... in" / "should reopen ... by");
  a negated wording in a fourth, undated article is no repeat.
- Every other claim is said once.
"""

from __future__ import annotations

from store_factory import ClaimSpec, SectionSpec, build_article

from claimscope.extract.model import Article

COST = "Repairs to the Harbour Bridge will cost £14.5 million"
REOPEN = "The Harbour Bridge will reopen to traffic in March 2026"


def repeat_articles() -> list[Article]:
    """In import order: the first two, then the undated one, then the earliest published."""
    monday = build_article(
        "rep-monday",
        "Harbour Bridge to reopen next spring",
        [
            SectionSpec(
                None,
                ["Engineers have finished the survey of the old crossing."],
                claims=[
                    ClaimSpec("transport minister Dana Wells", REOPEN),
                    ClaimSpec("Dana Wells", COST),
                    ClaimSpec("council leader Omar Reid", "The new ferry terminal will open in the summer"),
                ],
            )
        ],
        published="2025-04-07",
    )
    wednesday = build_article(
        "rep-wednesday",
        "Bridge repair bill confirmed",
        [
            SectionSpec(
                None,
                ["The council met on Wednesday evening."],
                claims=[
                    ClaimSpec(
                        "a transport department spokesperson",
                        "the Harbour Bridge should reopen to traffic by March 2026",
                    ),
                    ClaimSpec("Omar Reid", "Harbour Bridge repairs will cost £14,500,000"),
                    ClaimSpec("an opposition councillor", "The Harbour Bridge repairs will cost £16 million"),
                ],
            )
        ],
        published="2025-04-09",
    )
    undated = build_article(
        "rep-undated",
        "Campaigners doubt the bridge timetable",
        [
            SectionSpec(
                None,
                ["A small group gathered by the toll booths."],
                claims=[
                    ClaimSpec("a local campaigner", "The Harbour Bridge will not reopen to traffic in March 2026"),
                    ClaimSpec("the campaigner", "Parking charges at the harbour will double next year"),
                ],
            )
        ],
    )
    earliest = build_article(
        "rep-earliest",
        "Minister sets out bridge budget",
        [
            SectionSpec(
                None,
                ["The budget was published on Friday."],
                claims=[ClaimSpec("the minister, Dana Wells", COST)],
            )
        ],
        published="2025-04-04",
    )
    return [monday, wednesday, undated, earliest]
