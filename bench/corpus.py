"""Synthetic news articles of seed length for the benchmarks: own templates, a seeded RNG, no shared text.

About two sentences in seven carry an attribution or a figure, which matches the density of the seed
article (18 claims and 13 statistics in 5.5 KB); the rest are background sentences.
"""

from __future__ import annotations

import random

BODIES = [
    "The {org} said it had carried out around {n:,} inspections in {year}, a {p}-percent increase year-on-year.",
    "\u201cWe have met every target we set ourselves,\u201d the {role} said, adding that {m} new staff had joined.",
    "According to the {org}, {n:,} households received support last year, up from {m:,} the year before.",
    "Pointing out that spending rose by {p} percent to {cur}{amt} million, the {role} said the plan was on track.",
    "Officials said {m} people were arrested during {k} operations in {month}, and {j} were later charged.",
    "The report, published on Tuesday, claimed that waiting times had doubled, but the {org} rejected it.",
    "Average weekly pay in the sector was {cur}{w:,} in Q{q} {year}, compared with {cur}{w2:,} a year earlier.",
    "Nearly {p}% of respondents said prices had risen, the {org} survey found, while {k}% said they had fallen.",
    "The {role} told reporters the {org} would publish a full review by the end of {year2}.",
    "More than {n:,} applications were received in the first {k} months, the {org} said in a statement.",
]
FILLER = [
    "The {org} has faced questions over its planning for several years.",
    "Residents in the northern districts have long complained about delays and poor communication.",
    "The review was commissioned after a series of complaints from local groups and businesses.",
    "Critics argue that the changes do not go far enough to address the underlying problems.",
    "The plan covers housing, transport, health services and support for small businesses.",
    "Community groups have called for more consultation before any final decision is taken.",
    "Details of the new scheme are expected to be published later in the year.",
    "The issue has become a focus of debate in the regional assembly.",
]
HEADINGS = ["Funding and staffing", "What the figures show", "Enforcement", "Next steps", "Background"]
ORGS = ["health department", "transport authority", "housing board", "labour office", "water agency"]
ROLES = ["spokesman", "spokeswoman", "director", "minister", "chief executive"]
CURRENCIES = ["$", "\u00a3", "\u20ac", "HK$"]
MONTHS = ["January", "March", "June", "September", "November"]


def make_article(seed: int, target_chars: int = 5000) -> str:
    """One article of about ``target_chars`` characters in the seed's plain-text shape."""
    rng = random.Random(seed)
    org = rng.choice(ORGS)
    parts = [
        f"Published: 09:{rng.randint(10, 59)}, {rng.choice(MONTHS)} {rng.randint(1, 28)}, 2025",
        f"The {org} rejects claims in report number {seed}",
        f"By Reporter {seed % 97} in City {seed % 13}",
        f"Staff at the {org} offices on Monday. (PHOTO / AGENCY {seed % 7})",
        "",
    ]
    length = sum(len(p) for p in parts)
    while length < target_chars:
        if rng.random() < 0.08:
            paragraph = rng.choice(HEADINGS)
        elif rng.random() < 0.05:
            paragraph = f"READ MORE: The {rng.choice(ORGS)} sets out plan {rng.randint(1, 99)}"
        else:
            paragraph = " ".join(
                (rng.choice(BODIES) if rng.random() < 0.28 else rng.choice(FILLER)).format(
                    org=rng.choice(ORGS), role=rng.choice(ROLES), n=rng.randint(1000, 90000),
                    m=rng.randint(2, 900), k=rng.randint(2, 40), j=rng.randint(1, 30),
                    p=rng.randint(1, 60), year=rng.randint(2015, 2024), year2=rng.randint(2025, 2027),
                    cur=rng.choice(CURRENCIES), amt=rng.randint(2, 900), w=rng.randint(400, 1900),
                    w2=rng.randint(400, 1900), q=rng.randint(1, 4), month=rng.choice(MONTHS),
                )
                for _ in range(rng.randint(1, 3))
            )
        parts.append(paragraph + "\n")
        length += len(paragraph) + 2
    return "\n".join(parts)
