"""Text normalisation shared by the search index and its queries, so both sides agree on every token.

Case and accents are folded, apostrophes dropped ("site's" -> "sites") and thousands separators removed
("11,300" -> "11300"), then the text is cut into runs of letters and runs of digits.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"['’‘`´]")
_THOUSANDS = re.compile(r",(?<=\d,)(?=\d{3}(?!\d))")  # starts with the comma, so the scan is a fast search
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")
_ASCII_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z]+")  # the same tokens on ASCII text, without Unicode classes


def normalise(text: str) -> str:
    """Casefolded, accent-free text with apostrophes and thousands separators removed."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = text.casefold()
    if "'" in text or "’" in text or "‘" in text or "`" in text or "´" in text:
        text = _APOSTROPHES.sub("", text)
    return _THOUSANDS.sub("", text) if "," in text else text


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
        return _ASCII_TOKEN.findall(text)
    return _TOKEN.findall(normalise(text))


def single_line(text: str) -> str:
    """Collapse whitespace so a value fits one table cell or one CSV line."""
    return " ".join(text.split())
