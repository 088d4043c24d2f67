"""The part of a hit's text a result shows, with the spans of the words that matched.

The text is data, never markup: a hit carries plain text and (start, end) offsets into it, and the CLI
table and the explorer each mark those spans their own way (bold, reverse video), so a "[b]" or "<em>"
in an article is shown as written.
"""

from __future__ import annotations

from claimscope.store.text import token_spans

SNIPPET_CHARS = 240
LEAD_CHARS = 60
"""How much text to keep before the first matched word when the snippet must start mid-text."""


def snippet(text: str, matched: frozenset[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` (cut to about ``SNIPPET_CHARS`` around the first match) and the spans of matched tokens."""
    spans: list[tuple[int, int]] = []
    for token, start, end in token_spans(text):
        if token in matched and not (spans and spans[-1] == (start, end)):
            spans.append((start, end))
    if len(text) <= SNIPPET_CHARS:
        return text, tuple(spans)
    begin = 0
    if spans and spans[0][1] > SNIPPET_CHARS - 20:
        begin = max(0, spans[0][0] - LEAD_CHARS)
        while begin > 0 and not text[begin - 1].isspace():
            begin -= 1
    end = min(len(text), begin + SNIPPET_CHARS)
    prefix = "…" if begin else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - begin
    kept = tuple((a + shift, b + shift) for a, b in spans if a >= begin and b <= end)
    return prefix + text[begin:end] + suffix, kept
