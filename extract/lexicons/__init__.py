"""The vocabulary: every word list the extractor uses is a data file beside this module, and this module is
the only way in. Loaders refuse duplicates; the regex builders refuse an empty list, because an empty
alternation silently matches nothing (or, with a careless builder, everywhere)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any

_Trie = dict[str, "_Trie"]


def alternation(words: Iterable[str], *, space: str = r"\ ") -> str:
    """One regex group matching any of ``words``, longest first, with shared prefixes factored out
    (``said|says`` -> ``sa(?:id|ys)``): ``re`` then drops a failing position after one character instead
    of trying every word. A space in a phrase becomes ``space`` (e.g. ``r"\\s+"`` or ``r"[ \\t]+"``).

    Matches the same strings, in the same order of preference, as a flat longest-first alternation.
    Raises ``ValueError`` for an empty vocabulary.
    """
    items = sorted({w for w in words if w})
    if not items:
        raise ValueError("empty vocabulary: refusing to build a regex that could never (or always) match")
    trie: _Trie = {}
    for word in items:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + _trie_regex(trie, space) + ")"


def _trie_regex(node: _Trie, space: str) -> str:
    alts = [(space if ch == " " else re.escape(ch)) + _trie_regex(node[ch], space)
            for ch in sorted(k for k in node if k)]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


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
