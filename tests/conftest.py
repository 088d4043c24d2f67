"""Fixtures every test folder may use: ``web``, a local web server (``local_web.py``) for the URL imports.

Only fixtures live here; test modules import helpers from uniquely named modules (``local_web``), never
from a conftest.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from local_web import LocalWeb, local_web

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalWeb]:
    """A web server on 127.0.0.1, reached directly even where a proxy is configured."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with local_web() as server:
        yield server
