"""Text normalisation shared by the search index and its queries, so both sides agree on every token.

Case and accents are folded, apostrophes dropped ("site's" -> "sites"), thousands separators removed
("11,300" -> "11300") and a scale letter glued to a number spelt out ("1.7m" -> "1.7 million", "£2bn" ->
"2 billion"), then the text is cut into runs of letters and runs of digits.  Because the index and the
query go through the same function, "11300" finds "11,300", "2,000" finds "2000" and "1.7m" finds
"1.7 million" without any table of number forms at query time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_APOSTROPHES = re.compile(r"['’‘`´]")
_THOUSANDS = re.compile(r",(?<=\d,)(?=\d{3}(?!\d))")  # starts with the comma, so the scan is a fast search
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")
_ASCII_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z]+")  # the same tokens on ASCII text, without Unicode classes
_SCALED = re.compile(r"(?<=\d)(bn|m|k|tn)\b")
_SCALE_WORDS = {"k": " thousand", "m": " million", "bn": " billion", "tn": " trillion"}
_RAW_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?(?:bn|m|k|tn)?\b|\d+|[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)([\"”’')\]]*)\s+(?=[\"“‘'(\[]?[A-Z0-9£$€])"
)


def _spell_scale(match: re.Match[str]) -> str:
    return _SCALE_WORDS[match.group(1)]


def normalise(text: str) -> str:
    """Casefolded, accent-free text with apostrophes and thousands separators removed, scales spelt out."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = text.casefold()
    if "'" in text or "’" in text or "‘" in text or "`" in text or "´" in text:
        text = _APOSTROPHES.sub("", text)
    if "," in text:
        text = _THOUSANDS.sub("", text)
    return _SCALED.sub(_spell_scale, text)


def tokens(text: str) -> list[str]:
    """The words and numbers of ``text`` in order, normalised.

    ASCII text (most English news) takes a shortcut that gives the same tokens about twice as fast:
    lower-casing is casefolding there, nothing needs decomposing, and ``[a-z]`` is the whole letter class.
    """
    if text.isascii():
        text = text.lower()
        if "'" in text or "`" in text:
            text = text.replace("'", "").replace("`", "")
        if "," in text:
            text = _THOUSANDS.sub("", text)
        text = _SCALED.sub(_spell_scale, text)
        return _ASCII_TOKEN.findall(text)
    return _TOKEN.findall(normalise(text))


def token_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """Each normalised token of ``text`` with the span of the original characters it came from.

    Snippets need offsets into the text as written ("11,300", "1.7m"), which ``tokens`` gives up for speed;
    this slower walk is run only on the few texts a result list shows.
    """
    for match in _RAW_TOKEN.finditer(text):
        for token in tokens(match.group()):
            yield token, match.start(), match.end()


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The sentence spans of ``text[start:end]`` (a paragraph), as offsets into ``text``."""
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end(1)
        if stop > position:
            yield position, stop
        position = match.end()
    while end > position and text[end - 1].isspace():
        end -= 1
    if end > position:
        yield position, end


def single_line(text: str) -> str:
    """Collapse whitespace so a value fits one table cell or one CSV line."""
    return " ".join(text.split())
