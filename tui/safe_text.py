"""Turn article text into something safe to paint: control characters become visible symbols.

Article text is data.  Rich ``Text`` objects never interpret ``[bold]`` or ``[@click=...]``, but raw
control characters (an ANSI escape ``\\x1b[31m``, a bell, a carriage return) would reach the terminal and
act.  Each one is swapped for its Unicode "control picture" (``\\x1b`` -> ``␛``), one character for one,
so every offset into ``Article.text`` still points at the same place.
"""

from __future__ import annotations

import re

_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_CONTROL_PICTURES[0x7F] = "\u2421"
_CONTROL_PICTURES[ord("\t")] = " "
_CONTROL_PICTURES.pop(ord("\n"))
# C1 controls (U+0080..U+009F) can also start escape sequences on some terminals.
_CONTROL_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})

_TABLE = str.maketrans(_CONTROL_PICTURES)
_ONE_LINE_TABLE = str.maketrans({**_CONTROL_PICTURES, ord("\n"): " "})


# Almost no text holds a control character, and one C-level search is several times cheaper than
# ``str.translate`` with a table (a dict lookup per character): ``list`` prints 100,000 rows.
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """The same text, same length, with control characters shown as symbols (newlines kept)."""
    return text.translate(_TABLE) if _ANY_CONTROL.search(text) else text


def one_line(text: str) -> str:
    """Like ``visible`` but newlines become spaces, for list rows and labels."""
    return text.translate(_ONE_LINE_TABLE) if _ANY_CONTROL.search(text) else text
