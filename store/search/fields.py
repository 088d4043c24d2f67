"""The fields a search unit's words come from, best first, with the weight a match in each carries.

A unit is found by its own words (a claim's text, a passage's sentence, a heading) and, with less
weight, by its context: the speaker's name, the statistic's measure and period, the sentence around an
item, the rest of its paragraph (the sentence before often names who or what "it" is), the section
heading, the article title, the names of the entities its sentence mentions, and the article's subject:
the capitalised names it repeats most ("DS" in a story titled "Nintendo handheld given Euro date"),
because readers type what the story is about, not only what the sentence says.  A word that appears in
several fields of one unit counts once, in its best field, so its weight never adds up.  The order of
this table is the field codes stored in the index (``segment.SEGMENT_VERSION`` changes with it).
"""

from __future__ import annotations

FIELDS: tuple[tuple[str, float], ...] = (
    ("text", 1.0),
    ("speaker", 0.9),
    ("measure", 0.9),
    ("sentence", 0.85),
    ("paragraph", 0.7),
    ("heading", 0.6),
    ("title", 0.55),
    ("entities", 0.5),
    ("author", 0.5),
    ("subject", 0.5),
)
FIELD_NAMES: tuple[str, ...] = tuple(name for name, _ in FIELDS)
FIELD_CODE: dict[str, int] = {name: code for code, name in enumerate(FIELD_NAMES)}
OWN_FIELDS = frozenset({FIELD_CODE["text"], FIELD_CODE["speaker"], FIELD_CODE["measure"], FIELD_CODE["sentence"]})
"""Fields that are the unit's own words rather than the context it sits in (the ``field`` ranking rule)."""

UNIT_KINDS: tuple[str, ...] = ("article", "section", "claim", "statistic", "entity", "passage")
"""What a search unit is, in the order results of equal rank are listed; the codes stored in the index."""
KIND_CODE: dict[str, int] = {kind: code for code, kind in enumerate(UNIT_KINDS)}
