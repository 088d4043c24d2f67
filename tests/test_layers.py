"""Layering and packaging: the headless layers never import the TUI stack; one import package installs."""

from __future__ import annotations

import ast
import subprocess
import sys
import sysconfig
import tomllib
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def project_imports(path: Path) -> set[str]:
    """The ``claimscope`` modules a source file imports, wherever in the file the import is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("claimscope")}


def loaded_after_importing(*modules: str) -> list[str]:
    """Every module a fresh interpreter holds after importing ``modules``."""
    code = f"import sys, {', '.join(modules)}\nprint('\\n'.join(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_extract_and_store_do_not_import_textual_or_rich() -> None:
    loaded = loaded_after_importing(
        "claimscope.extract.pipeline",
        "claimscope.store.db",
        "claimscope.store.search",
        "claimscope.store.export",
        "claimscope.store.importer",
    )
    assert "claimscope.store.search" in loaded
    assert [m for m in loaded if m.split(".")[0] in {"textual", "rich"}] == []


def test_extract_does_not_import_the_store() -> None:
    loaded = loaded_after_importing("claimscope.extract.pipeline")
    assert "claimscope.extract.pipeline" in loaded
    assert [m for m in loaded if m.startswith(("claimscope.store", "tinydb"))] == []


def test_store_modules_import_each_other_without_a_cycle() -> None:
    graph = {
        f"claimscope.store.{path.stem}": {m for m in project_imports(path) if m.startswith("claimscope.store.")}
        for path in (REPO / "store").glob("*.py")
    }
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        raise AssertionError(f"store modules import each other in a cycle: {error.args[1]}") from None
    assert order.index("claimscope.store.schema") < order.index("claimscope.store.records")
    assert order.index("claimscope.store.records") < order.index("claimscope.store.migrations")


def test_store_schema_imports_nothing() -> None:
    tree = ast.parse((REPO / "store" / "schema.py").read_text(encoding="utf-8"))
    assert [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))] == []


def test_store_never_imports_the_tui() -> None:
    offenders = {
        path.name: sorted(m for m in project_imports(path) if m.startswith("claimscope.tui"))
        for path in (REPO / "store").glob("*.py")
    }
    assert {name: mods for name, mods in offenders.items() if mods} == {}


def test_nothing_named_store_or_tui_lands_in_site_packages() -> None:
    import claimscope

    site = Path(sysconfig.get_paths()["purelib"])
    strays = [name for name in ("store", "tui", "extract", "data") if (site / name).exists()]
    assert strays == [], f"top-level {strays} in {site}"
    # Installed normally, the package lives in site-packages; installed editable, it maps to the checkout.
    package_dir = Path(claimscope.__file__).parent
    assert (package_dir / "extract").is_dir() and (package_dir / "store").is_dir()


def test_every_source_package_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {"claimscope"} | {
        "claimscope." + ".".join(init.parent.relative_to(REPO).parts)
        for top in ("extract", "store", "tui", "data")
        for init in (REPO / top).rglob("__init__.py")
    }
    assert found <= listed, f"packages missing from pyproject.toml: {sorted(found - listed)}"
