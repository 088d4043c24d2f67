"""The real ``claimscope`` process: what only a separate process shows (entry point, imports, exit codes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from cli_run import Run

from claimscope import __version__

LIGHT_EXTRACT_MODULES = {"claimscope.extract", "claimscope.extract.errors", "claimscope.extract.model"}
"""What the store commands may load of the extractor: its errors and the model's dataclasses."""
HEAVY_PACKAGES = ("textual", "trafilatura", "sentencex")

LOADED_AFTER_RUN = """
import json, runpy, sys
sys.argv = ["claimscope", *sys.argv[1:]]
try:
    runpy.run_module("claimscope", run_name="__main__")
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def modules_loaded_by(*args: str) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", LOADED_AFTER_RUN, *args], capture_output=True, text=True, timeout=120
    )
    report = json.loads(proc.stdout.splitlines()[-1])
    assert report["code"] == 0, proc.stderr
    return list(report["modules"])


@pytest.mark.parametrize("args", [("--version",), ("list",), ("search", "ferry fares")])
def test_store_commands_load_neither_textual_nor_the_extractor(args: tuple[str, ...], loaded: Path) -> None:
    modules = modules_loaded_by(*args)
    assert "claimscope.tui.cli" in modules  # the probe ran the command
    extract_modules = {m for m in modules if m.startswith("claimscope.extract")}
    assert extract_modules <= LIGHT_EXTRACT_MODULES
    assert [m for m in modules if m.split(".")[0] in HEAVY_PACKAGES] == []


def test_version_loads_no_store(loaded: Path) -> None:
    """Parsing ``--db`` needs the store's location rules, never the store itself (TinyDB, rapidfuzz)."""
    modules = modules_loaded_by("--version")
    assert "claimscope.tui.cli" in modules
    assert "claimscope.store.db" not in modules and "tinydb" not in modules


def test_extract_command_does_load_the_extractor(tmp_path: Path) -> None:
    """The probe above can see the extractor when it is there."""
    article = tmp_path / "a.txt"
    article.write_text("Ferry fares rise\n\nFares rise by 12 percent, the harbour manager said.\n", encoding="utf-8")
    assert "claimscope.extract.pipeline" in modules_loaded_by("extract", str(article))


def test_version(run: Run) -> None:
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"claimscope, version {__version__}\n")


def test_import_list_search_end_to_end(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "fares.txt").write_text(
        "Ferry fares to rise in spring\n\nFares will rise by 12 percent in April, the harbour manager said.\n",
        encoding="utf-8",
    )
    (folder / "noise.bin.txt").write_bytes(b"\x00\x01\x02\x00" * 64)
    store = tmp_path / "elsewhere.json"
    imported = run("--db", str(store), "import", str(folder))
    assert (imported.returncode, imported.stdout) == (1, "imported 1, unchanged 0, failed 1\n")
    assert imported.stderr.startswith("claimscope: skipped ") and imported.stderr.count("\n") == 1
    listing = orjson.loads(run("list", "--db", str(store), "--format", "json").stdout)
    assert [a["title"] for a in listing] == ["Ferry fares to rise in spring"]
    hits = orjson.loads(run("search", "--db", str(store), "fares apirl", "--kind", "claim", "--format", "json").stdout)
    assert hits[0]["text"].startswith("Fares will rise by 12 percent in April")


def test_internal_error_end_to_end(tmp_path: Path) -> None:
    """An unexpected exception in the real entry point: one line, exit 1; with --debug, the traceback."""
    code = (
        "import runpy, sys\n"
        "from claimscope.store.db import Store\n"
        "def explode(self):\n"
        "    raise OSError('disk went away')\n"
        "Store.summary_rows = explode\n"
        "sys.argv = ['claimscope', *sys.argv[1:]]\n"
        "runpy.run_module('claimscope', run_name='__main__')\n"
    )
    env = {**os.environ, "CLAIMSCOPE_DB": str(tmp_path / "store.json")}
    env.pop("CLAIMSCOPE_DEBUG", None)
    plain = subprocess.run([sys.executable, "-c", code, "list"], capture_output=True, text=True, env=env, timeout=120)
    assert (plain.returncode, plain.stdout) == (1, "")
    assert plain.stderr == (
        "claimscope: internal error: OSError: disk went away; run with --debug for the traceback\n"
    )
    debug = subprocess.run(
        [sys.executable, "-c", code, "--debug", "list"], capture_output=True, text=True, env=env, timeout=120
    )
    assert debug.returncode == 1
    assert debug.stderr.startswith("Traceback (most recent call last):\n")
    assert debug.stderr.endswith("claimscope: internal error: OSError: disk went away\n")
