"""A web page's Content-Type and <meta> charset: which format and encoding they declare, and what wins."""

from __future__ import annotations

import codecs

import pytest

from claimscope.extract.content_type import ContentType, declared_charset, meta_charset, parse_content_type
from claimscope.extract.decode import decode_bytes
from claimscope.extract.pipeline import extract_bytes

RUSSIAN = "Цены выросли на пять процентов, сказал министр."
FRENCH = "Le maire a dit que le coût a augmenté de 5 % cette année."


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=UTF-8", ContentType("text/html", "utf-8")),
        ('Text/HTML; Charset="koi8-r"', ContentType("text/html", "koi8-r")),
        ("text/html;charset=ISO-8859-1", ContentType("text/html", "cp1252")),
        ("text/plain; charset=us-ascii", ContentType("text/plain", "cp1252")),
        ("application/pdf", ContentType("application/pdf", None)),
        ("text/html; charset=no-such-charset", ContentType("text/html", None)),
        ("", ContentType("", None)),
        (None, ContentType("", None)),
        ("; charset=utf-8", ContentType("", "utf-8")),
    ],
)
def test_parse_content_type(header: str | None, expected: ContentType) -> None:
    assert parse_content_type(header) == expected


@pytest.mark.parametrize(
    ("media_type", "is_article", "fmt"),
    [
        ("text/html", True, "html"),
        ("application/xhtml+xml", True, "html"),
        ("text/markdown", True, "markdown"),
        ("text/plain", True, None),
        ("", True, None),
        ("image/png", False, None),
        ("application/pdf", False, None),
        ("application/json", False, None),
    ],
)
def test_which_media_types_are_articles(media_type: str, is_article: bool, fmt: str | None) -> None:
    content_type = ContentType(media_type, None)
    assert (content_type.is_article, content_type.format) == (is_article, fmt)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<html><head><meta charset="windows-1251"><title>x</title>', "cp1251"),
        (b"<html><head><META CHARSET=koi8-r>", "koi8-r"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">', "iso8859-2"),
        (b'<meta charset="utf-16">', None),
        (b'<meta charset="nonsense-42">', None),
        (b'<meta name="description" content="charset talk">', None),
        (b"<html><head><title>No declaration</title>", None),
    ],
)
def test_meta_charset(head: bytes, expected: str | None) -> None:
    assert meta_charset(head) == expected


def test_meta_charset_is_only_looked_for_near_the_top() -> None:
    late = b"<html><head>" + b"<!-- padding -->" * 400 + b'<meta charset="koi8-r">'
    assert meta_charset(late) is None


def test_the_header_charset_wins_over_the_meta_one() -> None:
    page = b'<html><head><meta charset="koi8-r"></head>'
    assert declared_charset(parse_content_type("text/html; charset=windows-1251"), page) == "cp1251"
    assert declared_charset(parse_content_type("text/html"), page) == "koi8-r"
    assert declared_charset(parse_content_type("text/plain"), page) is None


def test_a_declared_encoding_decodes_what_guessing_gets_wrong() -> None:
    data = RUSSIAN.encode("koi8-r")
    assert decode_bytes(data) != RUSSIAN  # too short for charset-normalizer to guess
    assert decode_bytes(data, encoding="koi8-r") == RUSSIAN


def test_a_wrong_declared_encoding_falls_back_to_guessing() -> None:
    data = FRENCH.encode("utf-8")
    assert decode_bytes(data, encoding="ascii") == FRENCH  # ASCII cannot decode it: UTF-8 is tried next


def test_a_byte_order_mark_wins_over_a_declared_encoding() -> None:
    data = codecs.BOM_UTF8 + FRENCH.encode("utf-8")
    assert decode_bytes(data, encoding="cp1252") == FRENCH


@pytest.mark.parametrize(
    ("sentence", "encoding", "meta", "header"),
    [
        (FRENCH, "cp1252", "", "text/html; charset=iso-8859-1"),
        (RUSSIAN, "koi8-r", '<meta charset="koi8-r">', "text/html"),
    ],
    ids=["header", "meta"],
)
def test_extract_bytes_reads_the_declared_charset(sentence: str, encoding: str, meta: str, header: str) -> None:
    page = (
        f"<html><head>{meta}<title>Harbour fees</title></head><body><article><h1>Harbour fees</h1>"
        f"<p>{sentence}</p></article></body></html>"
    ).encode(encoding)
    article = extract_bytes(page, source="https://news.example/fees", content_type=header)
    assert sentence in article.text
    assert article.format == "html"


def test_the_content_type_declares_the_format_over_the_address_suffix() -> None:
    page = b"<html><body><article><h1>Ferry times</h1><p>The ferry leaves at noon, the operator said.</p></article>"
    as_html = extract_bytes(page, source="https://news.example/ferry.txt", content_type="text/html")
    as_named = extract_bytes(page, source="https://news.example/ferry.txt")
    assert as_html.format == "html" and "<p>" not in as_html.text
    assert as_named.format == "text"
