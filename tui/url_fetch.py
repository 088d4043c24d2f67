"""Fetch one web page for import, within limits, or fail with one line that says why.

Fetching is I/O, so it lives here, beside the commands that call it (``import_command`` and the explorer's
``Library``), and never in ``extract/``, which stays pure: the page's bytes, its final address and its
``Content-Type`` go to the same extraction as a file (``store.importer.import_documents``).

The limits (``FetchLimits``) exist because the address is typed by a person and served by a stranger:

- **timeout**: no single wait (connecting, each read) longer than it, and no body still arriving after
  it: a server that drips a byte a second never times out per read, so the whole download has a deadline
  too, checked between chunks.
- **size**: the body is streamed and dropped as soon as it passes the limit (the same 16 MiB as a file:
  an article is kilobytes, anything bigger is a dump or a video); a ``Content-Length`` over it is refused
  before reading.  The limit counts decompressed bytes, so a small gzip bomb is stopped too.
- **redirects**: followed (an address usually moves to https, www or a canonical path) but at most
  ``max_redirects``, so a redirect loop ends.  The address after the last redirect is the article's source.
- **content type**: only what ``extract.content_type`` lists (HTML, Markdown, plain text) or none; a PDF
  or an image is refused before its body is read.

The client is httpx: a maintained, typed client with streaming, redirect limits and per-phase timeouts.
It honours the usual proxy variables (``HTTPS_PROXY``, ``NO_PROXY``) and verifies certificates.
"""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from claimscope import __version__
from claimscope.extract.content_type import parse_content_type
from claimscope.extract.reading import MAX_BYTES
from claimscope.store.importer import ReadDocument
from claimscope.store.text import single_line

USER_AGENT = f"claimscope/{__version__} (terminal explorer of claims in news articles; httpx)"
ACCEPT = "text/html, application/xhtml+xml, text/markdown;q=0.9, text/plain;q=0.8"
WEB_SCHEMES = ("http://", "https://")
DEFAULT_TIMEOUT = 20.0
"""Seconds: a slow news site answers in a few; twenty leaves room for a bad connection."""
MAX_REDIRECTS = 10
"""More than a real move needs (http to https, to www, to the canonical path, through a consent page)."""


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How long to wait, how much to read and how many redirects to follow (see the module docstring)."""

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A page's bytes, the address they came from after redirects, and their ``Content-Type``."""

    url: str
    data: bytes
    content_type: str | None

    def document(self) -> ReadDocument:
        """The page as the importer takes it, citing its final address."""
        return ReadDocument(self.data, self.url, self.content_type)


class FetchFailed(Exception):
    """The page could not be fetched; the message is one line fit to show a user (without the address)."""


def is_web_address(text: str) -> bool:
    """True for an ``http://`` or ``https://`` address (what ``import`` fetches rather than opens)."""
    return text.strip().lower().startswith(WEB_SCHEMES)


@contextmanager
def web_client(limits: FetchLimits) -> Iterator[httpx.Client]:
    """One client for a run of fetches (it reuses connections to the same site)."""
    with httpx.Client(
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
        timeout=httpx.Timeout(limits.timeout),
        follow_redirects=True,
        max_redirects=limits.max_redirects,
    ) as client:
        yield client


def fetch_page(url: str, limits: FetchLimits, client: httpx.Client | None = None) -> FetchedPage:
    """Fetch ``url`` (``FetchFailed`` for any network, HTTP, type or size failure); ``client`` is reused."""
    url = url.strip()
    if not is_web_address(url):
        raise FetchFailed("not an http:// or https:// address")
    if client is None:
        with web_client(limits) as own:
            return fetch_page(url, limits, own)
    deadline = time.monotonic() + limits.timeout
    try:
        with client.stream("GET", url) as response:
            _check_response(response, limits)
            data = _read_body(response, limits, deadline)
            final = str(response.url.copy_with(fragment=None))
            return FetchedPage(final, data, response.headers.get("content-type"))
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, ValueError) as error:
        raise FetchFailed(reason_for(error, limits)) from None


def _check_response(response: httpx.Response, limits: FetchLimits) -> None:
    """Refuse by status, type and declared size before reading the body."""
    if not response.is_success:
        phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
        raise FetchFailed(f"HTTP {response.status_code}{phrase}")
    header = response.headers.get("content-type")
    content_type = parse_content_type(header)
    if not content_type.is_article:
        raise FetchFailed(f"not an article page (content type {single_line(content_type.media_type)})")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchFailed(f"too large ({int(declared):,} bytes; the limit is {limits.max_bytes:,})")


def _read_body(response: httpx.Response, limits: FetchLimits, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchFailed(f"too large (over {limits.max_bytes:,} bytes)")
        if time.monotonic() > deadline:
            raise FetchFailed(f"timed out (the page was still arriving after {limits.timeout:g} s)")
        chunks.append(chunk)
    return b"".join(chunks)


# -- why a fetch failed, in one line ------------------------------------------------------------------

def _timed_out_connecting(error: Exception, limits: FetchLimits) -> str | None:
    if isinstance(error, httpx.ConnectTimeout):
        return f"timed out connecting (no answer in {limits.timeout:g} s)"
    return None


def _timed_out_waiting(error: Exception, limits: FetchLimits) -> str | None:
    if isinstance(error, httpx.TimeoutException):
        return f"timed out (the server sent nothing for {limits.timeout:g} s)"
    return None


def _too_many_redirects(error: Exception, limits: FetchLimits) -> str | None:
    if isinstance(error, httpx.TooManyRedirects):
        return f"too many redirects (more than {limits.max_redirects})"
    return None


def _host_unknown(error: Exception, limits: FetchLimits) -> str | None:
    if isinstance(error, httpx.ConnectError) and _cause(error, socket.gaierror) is not None:
        return "cannot find the host (DNS lookup failed)"
    return None


def _refused(error: Exception, limits: FetchLimits) -> str | None:
    if isinstance(error, httpx.ConnectError) and _cause(error, ConnectionRefusedError) is not None:
        return "connection refused"
    return None


def _tls_failed(error: Exception, limits: FetchLimits) -> str | None:
    cause = _cause(error, ssl.SSLError)
    if cause is not None:
        return f"secure connection failed ({single_line(getattr(cause, 'reason', None) or str(cause))})"
    return None


def _bad_scheme(error: Exception, limits: FetchLimits) -> str | None:
    if isinstance(error, httpx.UnsupportedProtocol):
        return "not an http:// or https:// address (or redirected to one that is not)"
    return None


def _bad_address(error: Exception, limits: FetchLimits) -> str | None:
    if isinstance(error, (httpx.InvalidURL, ValueError)):
        return f"not a valid web address ({single_line(str(error))})"
    return None


def _bad_encoding(error: Exception, limits: FetchLimits) -> str | None:
    if isinstance(error, httpx.DecodingError):
        return "the server sent a compressed body that does not decompress"
    return None


REASONS: tuple[Callable[[Exception, FetchLimits], str | None], ...] = (
    _timed_out_connecting,
    _timed_out_waiting,
    _too_many_redirects,
    _host_unknown,
    _refused,
    _tls_failed,
    _bad_scheme,
    _bad_encoding,
    _bad_address,
)
"""Tried in order; the first that recognises the error words it. The most specific come first (a connect
timeout is also a timeout; a TLS failure is also a connect error)."""


def reason_for(error: Exception, limits: FetchLimits) -> str:
    """One line saying why a fetch failed, for any error httpx raises."""
    for reason in REASONS:
        text = reason(error, limits)
        if text is not None:
            return text
    detail = single_line(str(error)) or type(error).__name__
    return f"network error ({detail})"


def _cause(error: BaseException, kind: type[BaseException]) -> BaseException | None:
    """The first exception of ``kind`` in ``error``'s chain (httpx wraps the socket's own errors)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None
