"""Opening a PostgreSQL database from a URL, and saying what went wrong in one line without the password.

Everything the URL leaves out (host, port, user, database, password, TLS options such as ``sslmode``) comes from libpq
itself: its ``PG*`` environment variables and ``~/.pgpass``, so a password never has to be typed on a
command line.  Error messages name the database by ``redacted(url)``: the URL without its password,
whether the password was in the user part or in a ``password=`` parameter.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

import psycopg

from claimscope.store.errors import StoreError, StoreUnreachable
from claimscope.store.text import single_line

CONNECT_TIMEOUT = 10
"""Seconds to wait for a server before saying it is not there (libpq waits forever by default)."""
APPLICATION_NAME = "claimscope"
SECRET_PARAMETERS = frozenset({"password", "sslpassword"})


def redacted(url: str) -> str:
    """The URL without any password (what error messages, logs and the explorer show)."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, hostinfo = netloc.rpartition("@")
            netloc = f"{userinfo.partition(':')[0]}@{hostinfo}"
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k not in SECRET_PARAMETERS])
        # Not urlunsplit: it drops the empty host of "postgresql:///db" (libpq's "the local socket").
        return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")
    except ValueError:
        return _scheme_only(url)


def _scheme_only(url: str) -> str:
    """A URL too malformed to split: only its scheme, so nothing secret can leak."""
    return url.partition("://")[0] + "://…"


class DatabaseError(StoreError):
    """The database refused or failed; the message is one line naming it without the password."""


class DatabaseUnreachable(DatabaseError, StoreUnreachable):
    """The server is down or the connection was lost (not a refusal such as a wrong password)."""


REFUSALS = ("password authentication failed", "does not exist", "no password supplied", "permission denied")
"""libpq reasons that are an answer from the server, not a failure to reach it."""


def reason_of(exc: BaseException) -> str:
    """libpq's reason, shortened: the last line that says something, without the connection preamble."""
    text = str(exc).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    first = lines[0]
    # "connection failed: connection to server at "h", port p failed: FATAL:  reason"
    if "failed:" in first:
        first = first.rsplit("failed:", 1)[1].strip()
    first = first.removeprefix("FATAL:").strip()
    hint = next((line for line in lines[1:] if line.startswith("Is the server running")), "")
    return single_line(f"{first} ({hint.rstrip('?')}?)" if hint else first)


def connect(url: str, *, autocommit: bool = True) -> psycopg.Connection[tuple[object, ...]]:
    """A connection to the database at ``url``; a ``DatabaseError`` (one line, no password) if there is none."""
    try:
        return psycopg.connect(
            url, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT, application_name=APPLICATION_NAME
        )
    except psycopg.Error as exc:
        reason = reason_of(exc)
        kind = DatabaseError if any(r in reason for r in REFUSALS) else DatabaseUnreachable
        raise kind(f"cannot open PostgreSQL store {redacted(url)}: {reason}") from None
