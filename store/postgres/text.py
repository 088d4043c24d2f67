"""Text as a PostgreSQL ``text`` column can hold it: the summary columns and every value compared with them.

PostgreSQL text cannot hold NUL, so the summary columns get U+FFFD in its place (the JSON document keeps the
NUL escaped); a value looked up in those columns (a source or headline, when versions are linked) must be
changed the same way, or it would neither be sent nor match.
"""

from __future__ import annotations

NUL_STAND_IN = "\ufffd"


def no_nul(value: object) -> str | None:
    """``value`` as text with every NUL replaced (None stays None)."""
    return None if value is None else str(value).replace("\x00", NUL_STAND_IN)
