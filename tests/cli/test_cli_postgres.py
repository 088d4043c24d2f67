"""The command line on a PostgreSQL store: URLs, whose marks, copy, and failures as one line without the
password.  (Every other command test runs on both stores through the ``loaded`` fixture.)"""

from __future__ import annotations

from pathlib import Path

import orjson
from cli_run import Invoke, one_error_line

from claimscope.store.db import Store


def test_db_option_takes_a_url(invoke: Invoke, loaded_file: Path, postgres_url: str) -> None:
    assert invoke("copy", str(loaded_file), postgres_url).returncode == 0
    listed = orjson.loads(invoke("--db", postgres_url, "list", "--format", "json").stdout)
    assert len(listed) == 4
    assert invoke("show", "--db", postgres_url, "a1f").stdout.startswith("Harbour ferry fares to rise in April\n")


def test_marks_per_user_and_a_shared_set(invoke: Invoke, loaded_file: Path, postgres_url: str) -> None:
    invoke("copy", str(loaded_file), postgres_url)
    for who, item in (("ann", "a1f0000000000001:c1"), ("ben", "b2e0000000000002:n1")):
        assert invoke("--db", postgres_url, "--user", who, "mark", item).returncode == 0
    assert invoke("--db", postgres_url, "--mark-set", "desk", "mark", "c3d0000000000003").returncode == 0

    def marked(*who: str) -> list[str]:
        return [m["id"] for m in orjson.loads(invoke("--db", postgres_url, *who, "marks", "--format", "json").stdout)]

    assert marked("--user", "ann") == ["a1f0000000000001:c1"]
    assert marked("--user", "ben") == ["b2e0000000000002:n1"]
    assert marked("--user", "ben", "--mark-set", "desk") == ["c3d0000000000003"]


def test_copy_both_ways(invoke: Invoke, loaded_file: Path, postgres_url: str, tmp_path: Path) -> None:
    with Store(loaded_file) as store:
        store.mark(["a1f0000000000001:n2"])
    there = invoke("copy", str(loaded_file), postgres_url)
    assert (there.returncode, there.stdout) == (0, "copied 4 article(s), 0 already there; 1 mark(s)\n")
    back = tmp_path / "back.json"
    again = invoke("copy", postgres_url, str(back))
    assert (again.returncode, again.stdout) == (0, "copied 4 article(s), 0 already there; 1 mark(s)\n")
    hits = orjson.loads(invoke("--db", str(back), "search", "ferry fares", "--format", "json", "--limit", "1").stdout)
    assert hits[0]["article_id"] == "a1f0000000000001"
    one_error_line(invoke("copy", str(back), str(back)), "same store")


def test_server_down_is_one_line_without_the_password(invoke: Invoke) -> None:
    url = "postgresql://ann:hunter2secret@127.0.0.1:1/desk"
    for args in (("list",), ("search", "x"), ("mark", "x"), ("import", "-")):
        result = invoke("--db", url, *args, input="A title\n\nA sentence.\n")
        one_error_line(result, "postgresql://ann@127.0.0.1:1/desk", "Connection refused")
        assert "hunter2secret" not in result.stderr


def test_missing_database_is_one_line(invoke: Invoke, postgres_server: str) -> None:
    missing = postgres_server.rsplit("/", 1)[0] + "/claimscope_absent"
    one_error_line(invoke("--db", missing, "list"), 'database "claimscope_absent" does not exist')


def test_tls_settings_reach_libpq(invoke: Invoke, postgres_url: str) -> None:
    """sslmode in the URL is libpq's: the test server has no TLS, so requiring it is refused, in one line."""
    one_error_line(invoke("--db", postgres_url + "?sslmode=require", "list"), "sslmode=require", "SSL")
