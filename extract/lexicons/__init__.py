"""Lexicons are data files beside this module, loaded once and checked for duplicates."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate lexicon key: {key!r}")
        out[key] = value
    return out


@cache
def load_json(name: str) -> dict[str, Any]:
    """Load ``name`` (a JSON object) from this folder, refusing duplicate keys."""
    raw = files(__name__).joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw, object_pairs_hook=_no_duplicate_keys)
    return data


@cache
def load_words(name: str) -> frozenset[str]:
    """Load a word list (one entry per line, ``#`` comments) from this folder, refusing duplicates."""
    raw = files(__name__).joinpath(name).read_text(encoding="utf-8")
    seen: set[str] = set()
    for line in raw.splitlines():
        entry = line.split("#", 1)[0].strip().lower()
        if not entry:
            continue
        if entry in seen:
            raise ValueError(f"duplicate entry in {name}: {entry!r}")
        seen.add(entry)
    return frozenset(seen)


def word_set(name: str, key: str) -> frozenset[str]:
    """One list from a JSON lexicon, as a lower-case set."""
    return frozenset(str(w).lower() for w in load_json(name)[key])
