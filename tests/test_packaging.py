"""pyproject.toml says what ships: every package-data glob must ship something, and every data file the code
needs must be matched by one, or a plain (non-editable) install silently lacks it."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
DATA_SUFFIXES = {".tcss", ".json", ".txt", ".md", ".html"}


def package_folder(package: str) -> Path:
    return REPO.joinpath(*package.split(".")[1:])


def test_every_package_data_glob_matches_a_file() -> None:
    empty = [f"{package}: {glob}" for package, globs in SETUPTOOLS["package-data"].items()
             for glob in globs if not any(package_folder(package).glob(glob))]
    assert empty == []


def test_every_data_file_beside_the_code_is_shipped() -> None:
    shipped = {path for package, globs in SETUPTOOLS["package-data"].items()
               for glob in globs for path in package_folder(package).glob(glob)}
    missing = [str(path.relative_to(REPO)) for package in SETUPTOOLS["packages"]
               for path in package_folder(package).iterdir()
               if path.suffix in DATA_SUFFIXES and path.is_file() and package != "claimscope"
               and path not in shipped]
    assert missing == []
