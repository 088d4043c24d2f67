"""Articles under ../shared are input only: no run of seven words from them may appear in the project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ARTICLES = sorted([*SHARED.glob("seeds/*"), *SHARED.glob("eval/dev/*")])
CHECKED = ("extract", "store", "tui", "data", "tests", "bench", "docs", "README.md")
SUFFIXES = {".py", ".txt", ".md", ".html", ".json", ".tcss", ".toml"}

pytestmark = pytest.mark.skipif(not ARTICLES, reason="../shared articles are not beside this checkout")


def shingles(text: str, n: int = 7) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_no_sentence_of_a_shared_article_is_copied_into_the_project() -> None:
    shared = set().union(*(shingles(p.read_text(encoding="utf-8", errors="replace")) for p in ARTICLES))
    copied = {}
    for top in CHECKED:
        root = REPO / top
        for path in [root] if root.is_file() else root.rglob("*"):
            if path.is_file() and path.suffix in SUFFIXES and "__snapshots__" not in path.parts:
                hits = shingles(path.read_text(encoding="utf-8", errors="replace")) & shared
                if hits:
                    copied[str(path.relative_to(REPO))] = sorted(hits)[:3]
    assert copied == {}
