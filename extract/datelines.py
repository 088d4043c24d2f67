"""The dateline that opens a wire story ("LONDON (Reuters) - ...", "Manila, Aug 14 (PNA): ...").

Two stages read it: the layout takes its place as the article's location, and the claim stage skips it,
because a dateline asserts nothing and must not become part of the first claim.  One pattern serves both
so that they never disagree about where the story starts.
"""

from __future__ import annotations

import re

from claimscope.extract.lexicons import alternation, load_json, word_set

DATELINE_STOPWORDS = word_set("layout.json", "dateline_stopwords")
"""Words that open a capitalised line ending in a colon or dash which is not a place ("Update:", "Note -")."""

_PLACE_LINKS = alternation(str(w) for w in load_json("datelines.json")["place_name_links"])

_ORDINAL = rf"(?:{alternation(str(w) for w in load_json('datelines.json')['ordinal_suffixes'])})?"
_DATE = rf"(?:\d{{1,2}}{_ORDINAL}\s+)?[A-Z][\w.]*(?:\s+\d{{1,2}}{_ORDINAL})?(?:,?\s+\d{{4}})?"
"""The date a dateline may carry after its comma: "Aug 14", "13 June 2024", "3rd March", "Thursday", "D.C."."""

DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|" + _PLACE_LINKS + r"))"
    r"{0,4})(?:,\s*" + _DATE + r")?\s*(?:(?P<agency>\([A-Z][\w.&'-]*(?:[ /][A-Z][\w.&'-]*){0,3}\))\s*)?"
    r"(?P<sep>:|(?<=\s)[-–—]{1,2}|(?<=\))(?=\s))\s+(?=\S)"
)
"""A place (up to five words), an optional date after a comma, an optional agency in brackets, then a
colon or dash: the story starts where the match ends."""


def match_dateline(text: str) -> re.Match[str] | None:
    """The dateline at the start of ``text``, or None when there is none or its "place" opens with a stop word."""
    m = DATELINE.match(text)
    if m is None:
        return None
    words = m.group("place").lower().split()
    if not words or words[0] in DATELINE_STOPWORDS:
        return None
    return m
