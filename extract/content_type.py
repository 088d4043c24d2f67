"""What a web server says a page is: its media type, and the charset from the header or the page itself.

A page fetched from a URL comes with a ``Content-Type`` header; a file has only its bytes and its name.  The
header is the best evidence of both the format (an address ending in ``.txt`` may serve an HTML page) and the
encoding (a page in windows-1252 or Shift_JIS that charset-normalizer might guess wrongly on a short text).
Browsers settle the encoding in this order: a byte-order mark, the header's charset, a ``<meta>`` charset near
the top of the page, then a guess (the WHATWG Encoding and HTML standards); ``decode_bytes`` checks the mark
first and guesses last, so this module only finds the declared charset in between.

Pure functions on strings and bytes: the fetching is done elsewhere (``claimscope.tui.url_fetch``).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from email.message import Message

from claimscope.extract.lexicons import load_json

_FORMATS = load_json("formats.json")
MEDIA_FORMATS: dict[str, str | None] = {
    str(media): (str(fmt) if fmt is not None else None) for media, fmt in _FORMATS["media_types"].items()
}
"""Media type -> the input format it declares (``None``: sniffed); a type not listed is not an article."""
_REPLACEMENTS: dict[str, str] = {str(k): str(v) for k, v in _FORMATS["charset_replacements"].items()}

META_SCAN_BYTES = 4096
"""How far into a page to look for a ``<meta>`` charset.  The HTML standard says 1,024 bytes; pages with a
long ``<head>`` put it later, and a declaration is only believed where it parses as one."""
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
"""``<meta charset="x">`` and ``<meta http-equiv="Content-Type" content="text/html; charset=x">`` alike."""


@dataclass(frozen=True, slots=True)
class ContentType:
    """A parsed ``Content-Type`` header: the lower-case media type (``""`` if none) and the declared charset."""

    media_type: str
    charset: str | None

    @property
    def is_article(self) -> bool:
        """True for a type an article can have (HTML, Markdown, plain text), or none at all (then sniffed)."""
        return not self.media_type or self.media_type in MEDIA_FORMATS

    @property
    def format(self) -> str | None:
        """The input format the type declares (``html``, ``markdown``), or ``None`` to sniff it."""
        return MEDIA_FORMATS.get(self.media_type)


def parse_content_type(header: str | None) -> ContentType:
    """Read a ``Content-Type`` header value (``text/html; charset="ISO-8859-1"``); ``None`` or junk is empty."""
    if not header or not header.strip():
        return ContentType("", None)
    message = Message()
    message["content-type"] = header
    media_type = message.get_content_type() if "/" in header.split(";", 1)[0] else ""
    charset = message.get_param("charset")
    return ContentType(media_type.lower(), _codec_name(charset if isinstance(charset, str) else None))


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its top, as a Python codec name, or ``None``.

    A page that could be read as ASCII to find the tag is not UTF-16, whatever it says, so a UTF-16 label
    there is ignored (the HTML standard reads it as UTF-8; ``decode_bytes`` tries UTF-8 first anyway).
    """
    match = _META_CHARSET.search(data[:META_SCAN_BYTES])
    if match is None:
        return None
    codec = _codec_name(match.group(1).decode("ascii"))
    return None if codec is None or codec.startswith("utf-16") else codec


def declared_charset(content_type: ContentType, data: bytes) -> str | None:
    """The header's charset, else (for HTML or an unlabelled page) the ``<meta>`` one, else ``None``."""
    if content_type.charset is not None:
        return content_type.charset
    if content_type.format == "html" or not content_type.media_type:
        return meta_charset(data)
    return None


def _codec_name(label: str | None) -> str | None:
    """Python's name for a charset label, with the browsers' replacements; ``None`` for an unknown label."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _REPLACEMENTS.get(name, name)
