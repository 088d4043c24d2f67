"""A web server on 127.0.0.1 for the URL import tests: pages, redirects, errors, slow and huge answers.

The standard library's ``http.server`` in a thread, so the tests need no extra package and never the
internet.  Each route is set by the test that uses it; every request is recorded (path and headers).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the server answers on one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to sleep before answering (a server that is too slow)."""
    repeat: int = 1
    """The body is sent this many times, chunk by chunk, without a length (a huge page streamed)."""
    interval: float = 0.0
    """Seconds between chunks (a server that drips the page)."""


@dataclass
class LocalWeb:
    """The running server: add routes, build addresses, read what was requested."""

    port: int = 0
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def page(
        self, path: str, body: bytes, content_type: str | None = "text/html; charset=utf-8", **options: object
    ) -> str:
        """Serve ``body`` on ``path`` and return its address."""
        route = Route(body=body, **options)  # type: ignore[arg-type]
        if content_type is not None:
            route.headers.setdefault("Content-Type", content_type)
        self.routes[path] = route
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.routes[path] = Route(status=status, headers={"Location": to})
        return self.url(path)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        web = self.server.web
        web.requests.append((self.path, dict(self.headers.items())))
        route = web.routes.get(self.path, Route(status=404, body=b"<html><body>Not here</body></html>"))
        if route.delay:
            time.sleep(route.delay)
        try:
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.repeat == 1:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            for _ in range(route.repeat):
                self.wfile.write(route.body)
                time.sleep(route.interval)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading (past its size limit, or its timeout)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read ``requests`` instead."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    web: LocalWeb


@contextmanager
def local_web() -> Iterator[LocalWeb]:
    """Start the server on a free port; stop it when the test is done."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.web = LocalWeb(port=server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.web
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
