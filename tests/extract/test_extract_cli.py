"""``claimscope extract`` as a user runs it: a real process, JSON out, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ARTICLE = (
    "Bridge repairs to finish early\n\n"
    "Repairs on the old river bridge will finish two weeks ahead of schedule, the city engineer said.\n"
)


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "claimscope", *args], input=stdin, capture_output=True, timeout=120
    )


def test_extract_file_prints_the_contract(tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    proc = run("extract", str(path))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert set(doc) >= {"article", "sections", "claims", "statistics", "entities"}
    assert doc["article"]["title"] == "Bridge repairs to finish early"
    assert doc["article"]["source"] == str(path)
    text = doc["article"]["text"]
    for section in doc["sections"]:
        for block in section["blocks"]:
            assert text[block["start"] : block["end"]] == block["text"]


def test_extract_stdin() -> None:
    proc = run("extract", "-", stdin=ARTICLE.encode("utf-16"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["article"]["title"] == "Bridge repairs to finish early"


def test_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    proc = run("extract", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "no such file" in err and "Traceback" not in err
    assert proc.stdout == b""


def test_binary_and_empty_input_are_refused(tmp_path: Path) -> None:
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(256)) * 16)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for path, reason in ((blob, "binary"), (empty, "empty")):
        proc = run("extract", str(path))
        assert proc.returncode == 2
        assert reason in proc.stderr.decode() and proc.stderr.decode().count("\n") == 1


def test_bad_option_is_one_line_exit_2() -> None:
    proc = run("extract", "--no-such-option", "x")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "no-such-option" in err
