"""Bytes to text: byte-order marks, UTF-8, UTF-16 and legacy 8-bit encodings, and binary refusal.

charset-normalizer does the guessing for anything that is not clean UTF-8; the cheap exact checks run
first so the common case costs one ``bytes.decode``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from claimscope.extract.errors import InputRefused

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_OK = frozenset("\n\t\r\f\x1b")
_CONTROL_BAD = re.compile("[" + "".join(re.escape(chr(c)) for c in range(32) if chr(c) not in _CONTROL_OK) + "]")
"""Control characters that are not line or page breaks, tabs or ANSI escapes: binary data has many."""
_MAX_CONTROL_SHARE = 0.05


def decode_bytes(data: bytes, source: str = "input", encoding: str | None = None) -> str:
    """Decode article bytes, or raise ``InputRefused`` for empty or binary input.

    ``encoding`` is a charset the bytes declare (a web page's header or ``<meta>``): a byte-order mark
    still wins over it, and bytes it cannot decode are guessed as if nothing had been declared, because
    a server that mislabels its pages is common and a wrong label must not lose the article.
    """
    if not data.strip():
        raise InputRefused(f"{source}: empty input")
    text = _decode(data, source, encoding)
    text = normalise_text(text)
    if not text.strip():
        raise InputRefused(f"{source}: empty input")
    controls = len(_CONTROL_BAD.findall(text)) if _CONTROL_BAD.search(text) else 0  # C scan, not per-character Python
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise InputRefused(f"{source}: looks like binary data, not text")
    return text


def _decode(data: bytes, source: str, declared: str | None = None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise InputRefused(f"{source}: not valid {encoding.upper()} text") from None
    if declared is not None:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise InputRefused(f"{source}: looks like binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:262144]).best()
    if best is None or best.encoding is None:
        raise InputRefused(f"{source}: looks like binary data, not text")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """Spot BOM-less UTF-16 by its zero bytes at every other position (ASCII-heavy text)."""
    sample = data[:2048]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


_SPACES = {ord(c): " " for c in map(chr, range(0x80, 0x3001)) if c.isspace()}
_SPACES[0x85] = "\n"
"""Unicode spaces (no-break, em, ideographic) become a plain space, and NEL a line end: one character for one,
so offsets hold.  The sentence splitter (sentencex 0.x) panics on a multi-byte space before a full stop
("A\u00a0."), and no reader tells the spaces apart."""
_ODD_SPACE = re.compile("[" + "".join(map(chr, _SPACES)) + "]")


def normalise_text(text: str) -> str:
    """The one canonical form every offset points into: NFC, ``\\n`` line ends, no NULs."""
    text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", "")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\ufeff", "")
    if text.isascii() or _ODD_SPACE.search(text) is None:
        return text
    return text.translate(_SPACES)
