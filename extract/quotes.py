"""Quotations inside one paragraph: where each opens and closes, whatever marks the writer used.

News copy mixes curly and straight marks, forgets to close a quotation at the end of a paragraph when the
next paragraph continues it, and uses ’ both as a closing mark and as an apostrophe.  Straight marks are
read by their neighbours (a mark after a space opens, a mark before a space or punctuation closes), so
the scan is one pass over the quote characters of the paragraph: linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

_QUOTE_CHAR = re.compile("[\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u201b\u2039\u203a]")
_DOUBLE_OPEN = frozenset("\u201c\u201e\u201f\u00ab")
_DOUBLE_CLOSE = frozenset("\u201d\u00bb")
_SINGLE_OPEN = frozenset("\u2018\u201a\u201b\u2039")
_SINGLE_CLOSE = frozenset("\u2019\u203a")
_OPENS_AFTER = frozenset(" \t\n\r([{\u2014\u2013-/:;\u00a0")
QUOTE_MARKS = "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u201b\u2039\u203a"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``open`` is the opening mark, ``inner_*`` the quoted words, ``end`` just past it.

    ``closed`` is False when the paragraph ended (or a new quotation opened) before a closing mark: the
    news convention for a quotation that continues in the next paragraph.
    """

    open: int
    inner_start: int
    inner_end: int
    end: int
    closed: bool


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Every top-level quotation in ``text[start:end]`` (single marks inside double ones are not split out)."""
    out: list[Quote] = []
    dq: int | None = None
    sq: int | None = None
    for m in _QUOTE_CHAR.finditer(text, start, end):
        i = m.start()
        c = text[i]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if c == '"' or c in _DOUBLE_OPEN or c in _DOUBLE_CLOSE:
            opens = c in _DOUBLE_OPEN or (c == '"' and _opens(prev, nxt, dq is not None))
            if opens:
                if dq is not None:
                    out.append(_quote(text, dq, i, closed=False))
                dq = i
                sq = None
            elif dq is not None:
                out.append(_quote(text, dq, i, closed=True))
                dq = None
            continue
        if dq is not None:
            continue
        if c in _SINGLE_OPEN:
            if not prev.isalnum():
                sq = i
        elif c in _SINGLE_CLOSE:
            if sq is not None and not nxt.isalnum():
                out.append(_quote(text, sq, i, closed=True))
                sq = None
        elif sq is None:
            if (prev in _OPENS_AFTER or i == start) and nxt.isalpha():
                sq = i
        elif not nxt.isalnum() and not prev.isspace():
            out.append(_quote(text, sq, i, closed=True))
            sq = None
    if dq is not None:
        out.append(_quote(text, dq, end, closed=False))
    if len(out) > 1:
        out.sort(key=_OPEN)
    return out


_OPEN = attrgetter("open")


def _opens(prev: str, nxt: str, inside: bool) -> bool:
    """Whether a straight double mark between ``prev`` and ``nxt`` opens a quotation."""
    if prev in _OPENS_AFTER or prev == "\u00a0":
        return not nxt.isspace() or not inside
    if nxt.isspace() or not nxt.isalnum():
        return False
    return not inside


def _quote(text: str, open_at: int, close_at: int, closed: bool) -> Quote:
    inner_end = close_at
    while inner_end > open_at + 1 and text[inner_end - 1].isspace():
        inner_end -= 1
    end = close_at + 1 if closed else inner_end
    return Quote(open_at, open_at + 1, inner_end, end, closed)
