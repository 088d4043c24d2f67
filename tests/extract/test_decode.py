"""Decoding: byte-order marks, UTF-16, legacy encodings, and refusal of what is not text."""

from __future__ import annotations

import codecs

import pytest

from claimscope.extract.decode import decode_bytes, normalise_text
from claimscope.extract.errors import InputRefused
from claimscope.extract.pipeline import extract_bytes

SENTENCE = "The minister said prices rose 5% in the year to June, a “sharp” rise.\n"


@pytest.mark.parametrize(
    "data",
    [
        SENTENCE.encode("utf-8"),
        codecs.BOM_UTF8 + SENTENCE.encode("utf-8"),
        SENTENCE.encode("utf-16"),
        codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"),
        SENTENCE.encode("utf-16-le"),
        SENTENCE.encode("utf-32"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-nobom", "utf32"],
)
def test_unicode_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_bytes(data) == SENTENCE


def test_legacy_8bit_text_is_decoded_sensibly() -> None:
    text = "Le café a coûté 3 € à l’époque, selon le maire, qui a ajouté que le prix était élevé.\n" * 3
    assert decode_bytes(text.encode("cp1252")) == text


def test_crlf_becomes_lf() -> None:
    assert decode_bytes(b"one\r\ntwo\rthree") == "one\ntwo\nthree"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t \n", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\x01" * 200, "binary"),
    ],
)
def test_refusals_are_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(InputRefused) as info:
        extract_bytes(data, source="x.txt")
    message = str(info.value)
    assert reason in message and "\n" not in message and message.startswith("x.txt")


def test_unicode_spaces_become_plain_spaces_one_for_one() -> None:
    text = normalise_text("Plan\u00a0A\u2003.\x85Next\u3000line")
    assert text == "Plan A .\nNext line"
