"""Moves over the article text by position: back over blanks or a comma, to the word before, to the word after.

Every frame asks these small questions many times per sentence; they work on offsets into the one article
string (no slicing of sentences), so a claim's offsets are the article's offsets.
"""

from __future__ import annotations

from claimscope.extract.claims import patterns as P

BLANKS = " \t\u00a0"
"""Spaces that sit inside a line (not a newline)."""
BLANKS_OR_NEWLINE = " \t\n\u00a0"
STRIP_END = " \t\n\r,;:\u00a0"
"""What never ends a claim: trailing spaces and the punctuation that led into the attribution."""


def skip_back(text: str, floor: int, p: int, chars: str) -> int:
    """Where the run of ``chars`` that ends at ``p`` starts (never below ``floor``)."""
    while p > floor and text[p - 1] in chars:
        p -= 1
    return p


def space_back(text: str, floor: int, p: int) -> int:
    """Where the whitespace that ends at ``p`` starts (never below ``floor``)."""
    while p > floor and text[p - 1].isspace():
        p -= 1
    return p


def space_forward(text: str, p: int, hi: int) -> int:
    """The first non-whitespace position at or after ``p`` (at most ``hi``)."""
    while p < hi and text[p].isspace():
        p += 1
    return p


def skip_forward(text: str, p: int, hi: int, chars: str) -> int:
    """The first position at or after ``p`` (at most ``hi``) that is not one of ``chars``."""
    while p < hi and text[p] in chars:
        p += 1
    return p


def comma_back(text: str, floor: int, p: int, blanks: str) -> tuple[int, bool]:
    """Back over ``blanks`` and then one comma, if there is one: where the words before end, and whether a
    comma set them off (the shape of "\"...,\" she said" and "Prices rose, analysts said")."""
    p = skip_back(text, floor, p, blanks)
    if p > floor and text[p - 1] == ",":
        return p - 1, True
    return p, False


def trim_span(text: str, s: int, e: int) -> tuple[int, int]:
    """``text[s:e]`` less the whitespace at both ends.

    ``space_forward`` and ``space_back`` inlined: this and ``word_before`` are the hottest helpers of the
    stage (a few hundred calls per article), and the two extra calls cost 5% of its time."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def word_before(text: str, floor: int, p: int) -> tuple[int, str]:
    """The whitespace-delimited word that ends before ``p`` (and where it starts)."""
    while p > floor and text[p - 1].isspace():  # space_back, inlined (see trim_span)
        p -= 1
    # The last space first, then a newline or no-break space only after it: the later scans stay inside the
    # word instead of running back to ``floor``.
    start = text.rfind(" ", floor, p) + 1 or floor
    start = text.rfind("\n", start, p) + 1 or start
    start = text.rfind("\u00a0", start, p) + 1 or start
    return start, text[start:p]


def word_after(text: str, p: int, hi: int) -> tuple[int, str]:
    """The whitespace-delimited word that starts at or after ``p`` (and where it ends)."""
    m = P.NEXT_WORD.match(text, p, hi)
    if m is None:
        return p, ""
    return m.end(), m.group(1)


def is_adverb(word: str) -> bool:
    """A lower-case "-ly" word that is not a noun ("vehemently", not "family")."""
    return len(word) > 4 and word.endswith("ly") and word.islower() and word not in P.LY_NOUNS
