"""Dates in article metadata to ISO 8601, through dateutil.

Numeric dates such as 6/12/2016 are read day-first (the convention of most of the English-speaking world
outside the US); an impossible day-first reading (12/31/2016) falls back to month-first.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime

from dateutil import parser as date_parser

warnings.filterwarnings("ignore", category=date_parser.UnknownTimezoneWarning)

_DEFAULT_A = datetime(1901, 1, 1, 0, 0)
_DEFAULT_B = datetime(1902, 2, 2, 1, 1)
_HAS_DIGIT = re.compile(r"\d")
_DOT_TIME = re.compile(r"(?<![\d.])([01]?\d|2[0-3])\.([0-5]\d)(?![\d.])")
"""Times written with a dot ("06.00 GMT"), as several British outlets print them; dateutil wants a colon."""
_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")


def parse_date(text: str, *, require_year: bool = True) -> str | None:
    """Return ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM`` for the date in ``text``, or None."""
    if not _HAS_DIGIT.search(text) or len(text) > 200:
        return None
    if require_year and not _YEAR.search(text):
        return None
    text = _DOT_TIME.sub(r"\1:\2", text)
    try:
        a = _parse(text, _DEFAULT_A)
        b = _parse(text, _DEFAULT_B)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.year != b.year or a.month != b.month or a.day != b.day:
        return None  # part of the date is missing
    if a.hour != b.hour or a.minute != b.minute:
        return a.strftime("%Y-%m-%d")
    return a.strftime("%Y-%m-%dT%H:%M")


_ISO = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}(?!\d)")


def _parse(text: str, default: datetime) -> datetime:
    if _ISO.search(text):
        return date_parser.parse(text, fuzzy=True, yearfirst=True, dayfirst=False, default=default, ignoretz=True)
    try:
        return date_parser.parse(text, fuzzy=True, dayfirst=True, default=default, ignoretz=True)
    except ValueError:
        return date_parser.parse(text, fuzzy=True, dayfirst=False, default=default, ignoretz=True)


def is_date_line(text: str) -> bool:
    """A short line that is mostly a date (a dateline, a timestamp), not a sentence that contains one."""
    if len(text) > 80 or parse_date(text) is None:
        return False
    try:
        _, skipped = date_parser.parse(
            _DOT_TIME.sub(r"\1:\2", text), fuzzy_with_tokens=True, dayfirst=True, default=_DEFAULT_A, ignoretz=True
        )
    except (ValueError, OverflowError, TypeError):
        return False
    words = [w for part in skipped for w in re.findall(r"[A-Za-z]{2,}", part)]
    return len(words) <= 4
