"""``claimscope import`` of web addresses, against a local server (``web`` fixture): never the internet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import orjson
import pytest
from cli_run import Invoke, Outcome
from local_web import LocalWeb

from claimscope.extract.reading import MAX_BYTES

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Tram depot to close for repairs</title>
<meta name="author" content="Ines Okafor"></head>
<body><article>
<h1>Tram depot to close for repairs</h1>
<p>The northern tram depot will close for eleven weeks from March, the transport board said on Monday.</p>
<p>"We found cracks in 14 of the 60 roof beams," said Olu Mensah, the board's chief engineer.</p>
<p>Repairs will cost about 3.2 million euros, according to the board.</p>
</article></body></html>
"""


def failure_lines(result: Outcome) -> list[str]:
    """The lines on stderr, each one a skipped input (and never a traceback)."""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert all(line.startswith("claimscope: skipped ") for line in lines), lines
    return lines


def listed(invoke: Invoke) -> list[dict[str, object]]:
    result = orjson.loads(invoke("list", "--format", "json").stdout)
    assert isinstance(result, list)
    return result


def test_import_a_page_cites_its_address(invoke: Invoke, web: LocalWeb) -> None:
    url = web.page("/news/tram-depot", PAGE.encode("utf-8"))
    result = invoke("import", url)
    assert (result.returncode, result.stdout, result.stderr) == (0, "imported 1, unchanged 0, failed 0\n", "")
    [article] = listed(invoke)
    assert article["source"] == url
    assert article["title"] == "Tram depot to close for repairs"
    shown = invoke("show", str(article["id"]))
    assert f"source: {url}" in shown.stdout.splitlines()
    _path, headers = web.requests[0]
    assert headers["User-Agent"].startswith("claimscope/")


def test_show_and_export_carry_the_address(invoke: Invoke, web: LocalWeb) -> None:
    url = web.page("/news/tram-depot", PAGE.encode("utf-8"))
    invoke("import", url)
    [article] = listed(invoke)
    shown = orjson.loads(invoke("show", str(article["id"]), "--format", "json").stdout)
    assert shown["article"]["source"] == url
    first_claim = shown["claims"][0]["id"]
    assert invoke("mark", first_claim).returncode == 0
    exported = invoke("export", "--format", "csv", "-o", "-")
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert [row["source"] for row in rows] == [url]
    review = orjson.loads(invoke("export", "--format", "claimreview", "-o", "-").stdout)
    assert url in orjson.dumps(review).decode()


def test_the_source_is_the_address_after_redirects(invoke: Invoke, web: LocalWeb) -> None:
    final = web.page("/2024/tram-depot", PAGE.encode("utf-8"))
    web.redirect("/moved", "/2024/tram-depot", status=301)
    start = web.redirect("/short", web.url("/moved"), status=302)
    result = invoke("import", start + "#comments")
    assert result.returncode == 0, result
    assert [a["source"] for a in listed(invoke)] == [final]
    assert [path for path, _ in web.requests] == ["/short", "/moved", "/2024/tram-depot"]


def test_reimporting_the_same_page_changes_nothing(invoke: Invoke, web: LocalWeb) -> None:
    url = web.page("/news/tram-depot", PAGE.encode("utf-8"))
    invoke("import", url)
    again = invoke("import", url)
    assert (again.returncode, again.stdout) == (0, "imported 0, unchanged 1, failed 0\n")


@pytest.mark.parametrize(
    ("status", "fragment"),
    [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error"), (403, "HTTP 403 Forbidden")],
)
def test_http_errors_are_one_line_each(invoke: Invoke, web: LocalWeb, status: int, fragment: str) -> None:
    url = web.page("/gone", b"<html><body>Sorry</body></html>", status=status)
    result = invoke("import", url)
    assert (result.returncode, result.stdout) == (1, "imported 0, unchanged 0, failed 1\n")
    assert failure_lines(result) == [f"claimscope: skipped {url}: {fragment}"]


def test_too_many_redirects(invoke: Invoke, web: LocalWeb) -> None:
    loop = web.redirect("/loop-a", "/loop-b")
    web.redirect("/loop-b", "/loop-a")
    result = invoke("import", loop)
    assert result.returncode == 1
    assert failure_lines(result) == [f"claimscope: skipped {loop}: too many redirects (more than 10)"]


def test_a_slow_server_times_out(invoke: Invoke, web: LocalWeb) -> None:
    url = web.page("/slow", PAGE.encode("utf-8"), delay=2.0)
    result = invoke("import", "--timeout", "0.3", url)
    assert result.returncode == 1
    [line] = failure_lines(result)
    assert line.startswith(f"claimscope: skipped {url}: timed out")
    assert listed(invoke) == []


def test_a_huge_streamed_body_is_cut_off(invoke: Invoke, web: LocalWeb) -> None:
    chunk = b"<p>" + b"x" * (1024 * 1024 - 7) + b"</p>\n"
    url = web.page("/huge", chunk, repeat=MAX_BYTES // len(chunk) + 2)
    result = invoke("import", url)
    assert result.returncode == 1
    assert failure_lines(result) == [f"claimscope: skipped {url}: too large (over {MAX_BYTES:,} bytes)"]


def test_a_declared_huge_length_is_refused_before_reading(invoke: Invoke, web: LocalWeb) -> None:
    url = web.page("/declared", b"", headers={"Content-Length": str(MAX_BYTES + 1)}, repeat=0)
    result = invoke("import", url)
    assert result.returncode == 1
    assert failure_lines(result) == [
        f"claimscope: skipped {url}: too large ({MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,})"
    ]


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf"])
def test_a_non_article_content_type_is_refused(invoke: Invoke, web: LocalWeb, content_type: str) -> None:
    url = web.page("/file", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, content_type=content_type)
    result = invoke("import", url)
    assert result.returncode == 1
    assert failure_lines(result) == [f"claimscope: skipped {url}: not an article page (content type {content_type})"]


def imported_text(invoke: Invoke) -> str:
    [article] = listed(invoke)
    shown = orjson.loads(invoke("show", str(article["id"]), "--format", "json").stdout)
    return str(shown["article"]["text"])


def test_latin_1_in_the_header_is_read_as_windows_1252(invoke: Invoke, web: LocalWeb) -> None:
    page = PAGE.replace('<meta charset="utf-8">', "").replace("3.2 million euros", "3.2 million € (“about”)")
    url = web.page("/latin", page.encode("cp1252"), content_type="text/html; charset=ISO-8859-1")
    assert invoke("import", url).returncode == 0
    assert "3.2 million € (“about”)" in imported_text(invoke)


POLISH = "Średnia cena wzrosła o pięć procent, powiedział minister."
RUSSIAN = "Цены выросли на пять процентов, сказал министр."


@pytest.mark.parametrize(
    ("sentence", "encoding", "meta", "header"),
    [
        (POLISH, "iso8859-2", "", "text/html; charset=ISO-8859-2"),
        (RUSSIAN, "koi8-r", '<meta charset="KOI8-R">', "text/html"),
        (RUSSIAN, "koi8-r", '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', None),
    ],
    ids=["header", "meta-charset", "meta-http-equiv-no-content-type"],
)
def test_a_declared_legacy_charset_is_honoured(
    invoke: Invoke, web: LocalWeb, sentence: str, encoding: str, meta: str, header: str | None
) -> None:
    """Guessing misreads the page of the header case; charset-normalizer also honours a ``<meta>`` itself, so the
    meta cases hold the whole path rather than tell the two apart (``test_content_type.py`` tests ours alone)."""
    page = PAGE.replace('<meta charset="utf-8">', meta).replace("</article>", f"<p>{sentence}</p></article>")
    url = web.page("/legacy", page.encode(encoding), content_type=header)
    assert invoke("import", url).returncode == 0
    assert sentence in imported_text(invoke)


def test_a_page_with_no_article_text_names_its_address_once(invoke: Invoke, web: LocalWeb) -> None:
    url = web.page("/blank", b"<html><head><title>Nothing</title></head><body></body></html>")
    result = invoke("import", url)
    assert result.returncode == 1
    assert failure_lines(result) == [f"claimscope: skipped {url}: no article text found"]


def test_a_refused_connection_is_one_line(invoke: Invoke, web: LocalWeb) -> None:
    url = f"http://127.0.0.1:{closed_port()}/story"
    result = invoke("import", url)
    assert result.returncode == 1
    assert failure_lines(result) == [f"claimscope: skipped {url}: connection refused"]


def test_a_file_of_addresses_goes_on_past_failures(invoke: Invoke, web: LocalWeb, tmp_path: Path) -> None:
    first = web.page("/one", PAGE.encode("utf-8"))
    second = web.page("/two", PAGE.replace("eleven weeks", "nine weeks").encode("utf-8"))
    missing = web.url("/three")
    listing = tmp_path / "reading-list.txt"
    listing.write_text(f"# this week\n{first}\n\nnot a web address\n{missing}\n  {second}  \n", encoding="utf-8")
    result = invoke("import", "--urls", str(listing))
    # the second page has the first one's headline and byline with other text: an update, linked as a version
    assert (result.returncode, result.stdout) == (1, "imported 2 (1 as a new version), unchanged 0, failed 2\n")
    assert failure_lines(result) == [
        f"claimscope: skipped {listing} line 4: not an http:// or https:// address: not a web address",
        f"claimscope: skipped {missing}: HTTP 404 Not Found",
    ]
    assert sorted(str(a["source"]) for a in listed(invoke)) == [first, second]


def test_addresses_from_stdin_and_paths_together(invoke: Invoke, web: LocalWeb, tmp_path: Path) -> None:
    url = web.page("/one", PAGE.encode("utf-8"))
    note = tmp_path / "note.txt"
    note.write_text("Pool reopens\n\nThe city pool will reopen on 3 June, the council said.\n", encoding="utf-8")
    result = invoke("import", str(note), "--urls", "-", input=f"{url}\n")
    assert (result.returncode, result.stdout) == (0, "imported 2, unchanged 0, failed 0\n")
    assert sorted(str(a["source"]) for a in listed(invoke)) == sorted([str(note), url])


def test_usage_errors(invoke: Invoke, tmp_path: Path) -> None:
    nothing = invoke("import")
    assert nothing.returncode == 2 and "give a path, a web address or --urls FILE" in nothing.stderr
    twice = invoke("import", "-", "--urls", "-", input="")
    assert twice.returncode == 2 and "standard input can be read once" in twice.stderr
    absent = invoke("import", "--urls", str(tmp_path / "absent.txt"))
    assert absent.returncode == 2
    assert absent.stderr.count("\n") == 1 and "cannot read the list of addresses" in absent.stderr


def closed_port() -> int:
    """A port nothing listens on: bound, then released."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
