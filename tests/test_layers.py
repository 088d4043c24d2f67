"""Layering and packaging: the headless layers never import the TUI stack; one import package installs."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path


def test_extract_and_store_do_not_import_textual_or_rich() -> None:
    code = (
        "import sys, claimscope.extract.pipeline, claimscope.store.db, claimscope.store.search, "
        "claimscope.store.export, claimscope.store.importer\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich'})\n"
        "print(','.join(bad))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_extract_does_not_import_the_store() -> None:
    code = (
        "import sys, claimscope.extract.pipeline\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith(('claimscope.store', 'tinydb')))))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_nothing_named_store_or_tui_lands_in_site_packages() -> None:
    import claimscope

    site = Path(sysconfig.get_paths()["purelib"])
    strays = [name for name in ("store", "tui", "extract", "data") if (site / name).exists()]
    assert strays == [], f"top-level {strays} in {site}"
    # Installed normally, the package lives in site-packages; installed editable, it maps to the checkout.
    package_dir = Path(claimscope.__file__).parent
    assert (package_dir / "extract").is_dir() and (package_dir / "store").is_dir()


def test_every_source_package_is_listed_in_pyproject() -> None:
    repo = Path(__file__).resolve().parents[1]
    listed = set(tomllib.loads((repo / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {"claimscope"} | {
        "claimscope." + ".".join(init.parent.relative_to(repo).parts)
        for top in ("extract", "store", "tui", "data")
        for init in (repo / top).rglob("__init__.py")
    }
    assert found <= listed, f"packages missing from pyproject.toml: {sorted(found - listed)}"
