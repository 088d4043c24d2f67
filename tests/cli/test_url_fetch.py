"""``url_fetch`` on its own: limits set by the caller, the request it sends, and the one-line reasons."""

from __future__ import annotations

import socket
import ssl

import httpx
import pytest
from local_web import LocalWeb

from claimscope.tui.url_fetch import FetchFailed, FetchLimits, fetch_page, is_web_address, reason_for
from claimscope.tui.url_import import read_url_list

SMALL = FetchLimits(timeout=0.5, max_bytes=4096, max_redirects=2)
PAGE = b"<html><body><article><p>The bakery will open a second shop in June, its owner said.</p></article></body>"


def test_a_page_comes_back_with_its_final_address_and_content_type(web: LocalWeb) -> None:
    web.page("/bakery", PAGE, content_type="text/html; charset=utf-8")
    web.redirect("/b", "/bakery", status=308)
    page = fetch_page(web.url("/b"), SMALL)
    assert (page.url, page.data, page.content_type) == (web.url("/bakery"), PAGE, "text/html; charset=utf-8")
    assert page.document().source == web.url("/bakery")
    _path, headers = web.requests[0]
    assert "text/html" in headers["Accept"]


def test_the_fragment_is_not_part_of_the_source(web: LocalWeb) -> None:
    web.page("/bakery", PAGE)
    assert fetch_page(web.url("/bakery") + "#opening-hours", SMALL).url == web.url("/bakery")


def test_the_redirect_limit_is_the_callers(web: LocalWeb) -> None:
    web.page("/end", PAGE)
    web.redirect("/two", "/end")
    web.redirect("/three", "/two")
    assert fetch_page(web.url("/two"), SMALL).url == web.url("/end")  # one hop
    with pytest.raises(FetchFailed, match=r"^too many redirects \(more than 1\)$"):
        fetch_page(web.url("/three"), FetchLimits(max_redirects=1))


def test_the_size_limit_is_the_callers(web: LocalWeb) -> None:
    web.page("/long", b"<p>" + b"word " * 1000 + b"</p>")  # 5,007 bytes with a Content-Length
    web.page("/streamed", b"word " * 100, repeat=10)  # 5,000 bytes without one
    with pytest.raises(FetchFailed, match=r"^too large \(5,007 bytes; the limit is 4,096\)$"):
        fetch_page(web.url("/long"), SMALL)
    with pytest.raises(FetchFailed, match=r"^too large \(over 4,096 bytes\)$"):
        fetch_page(web.url("/streamed"), SMALL)


def test_a_silent_server_times_out(web: LocalWeb) -> None:
    web.page("/silent", PAGE, delay=2.0)
    with pytest.raises(FetchFailed, match=r"^timed out \(the server sent nothing for 0.5 s\)$"):
        fetch_page(web.url("/silent"), SMALL)


def test_a_server_that_drips_the_page_times_out_as_a_whole(web: LocalWeb) -> None:
    web.page("/drip", b"<p>word</p>", repeat=20, interval=0.1)  # never silent for 0.5 s, done after 2 s
    with pytest.raises(FetchFailed, match=r"^timed out \(the page was still arriving after 0.5 s\)$"):
        fetch_page(web.url("/drip"), SMALL)


def test_a_page_without_a_content_type_is_fetched(web: LocalWeb) -> None:
    web.page("/bare", PAGE, content_type=None)
    assert fetch_page(web.url("/bare"), SMALL).content_type is None


def test_the_status_is_checked_before_the_content_type(web: LocalWeb) -> None:
    web.page("/gone", b"\x89PNG", content_type="image/png", status=410)
    with pytest.raises(FetchFailed, match=r"^HTTP 410 Gone$"):
        fetch_page(web.url("/gone"), SMALL)


@pytest.mark.parametrize("address", ["ftp://files.example/story.html", "news.example/story", ""])
def test_only_web_addresses_are_fetched(address: str) -> None:
    assert not is_web_address(address)
    with pytest.raises(FetchFailed, match=r"^not an http:// or https:// address$"):
        fetch_page(address, SMALL)


def chained(outer: Exception, inner: BaseException) -> Exception:
    """``outer`` raised from ``inner``, as httpx wraps the socket's errors."""
    outer.__cause__ = inner
    return outer


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (httpx.ConnectTimeout("t"), "timed out connecting (no answer in 0.5 s)"),
        (httpx.ReadTimeout("t"), "timed out (the server sent nothing for 0.5 s)"),
        (chained(httpx.ConnectError("x"), socket.gaierror(-2, "Name or service not known")),
         "cannot find the host (DNS lookup failed)"),
        (chained(httpx.ConnectError("x"), ConnectionRefusedError(111, "Connection refused")), "connection refused"),
        (chained(httpx.ConnectError("x"), ssl.SSLCertVerificationError(1, "certificate verify failed")),
         "secure connection failed (certificate verify failed)"),
        (httpx.UnsupportedProtocol("ftp"), "not an http:// or https:// address (or redirected to one that is not)"),
        (httpx.InvalidURL("Invalid port: ':1'"), "not a valid web address (Invalid port: ':1')"),
        (httpx.DecodingError("bad gzip"), "the server sent a compressed body that does not decompress"),
        (httpx.RemoteProtocolError("Server disconnected\nwithout sending a response."),
         "network error (Server disconnected without sending a response.)"),
    ],
    ids=["connect-timeout", "read-timeout", "dns", "refused", "tls", "scheme", "invalid", "gzip", "protocol"],
)
def test_each_failure_is_one_line(error: Exception, reason: str) -> None:
    assert reason_for(error, SMALL) == reason


def test_a_url_list_skips_comments_and_blank_lines_and_names_bad_lines() -> None:
    listed = read_url_list("# weekend\n\nhttps://a.example/1\n  http://b.example/2 \nb.example/3\n", "list.txt")
    assert listed.urls == ["https://a.example/1", "http://b.example/2"]
    assert listed.bad_lines == [("list.txt line 5", "not an http:// or https:// address: b.example/3")]
