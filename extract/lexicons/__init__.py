"""The vocabulary: every word list the extractor uses is a data file beside this module, and this module is
the only way in.

Which file holds what (all entries lower-case unless the file says otherwise):

- ``reporting_verbs.txt``: verbs of saying that frame a claim anywhere, every written form; with the
  frame-bound verbs of ``claims.json`` they make ``saying_verbs()``, the one set of verbs of saying: claims
  take their cues from it, the measure finder ends a noun phrase at one, the period finder reads "said on
  Tuesday" as when something was said, and a name before one is a person.
- ``approximators.txt``: words before a number that make it approximate or a bound ("around", "more than").
- ``speaker_roles.txt``, ``source_nouns.txt``, ``claims.json``: who can say something, and how it is said.
- ``number_words.json``: number words, scale words ("million", "bn"), fractions.
- ``currencies.json``, ``units.json``: what stands before or after a number.
- ``changes.json``: words that state a rise or a fall, and what may stand beside them.
- ``measure_words.json``: closed-class words the measure finder and the statistics filters read.
- ``periods.json``: calendar words; its ``months`` also serve the layout (timestamps) and entity stages.
- ``layout.json``: the vocabulary of a news page (labels, bylines, captions, front-matter fields).
- ``entities.json``: the words that type a name (titles, organisation nouns, words that are never names).
- ``repeats.json``: what ``claim_key`` drops or reads when claims are compared across articles (function
  words, negations, markers of the future, attribution clauses, plural endings).
- ``formats.json``: which file suffix declares which input format; the HTML `<meta>` names and class words
  that carry dates, authors and related links (``extract/html_meta.py``).

Rules:

- A word list never lives in code. To add a word, add it to its file (or JSON key): nothing else changes,
  because every pattern is built at import from these files. A new list is a new key (or ``.txt`` file)
  read with ``load_json``, ``word_set`` or ``load_words``; a key that no code reads is a bug.
- Loaders refuse duplicates (a key, or an entry listed twice), so a list cannot disagree with itself.
- Every regex alternation over a vocabulary is built by ``alternation`` (or ``alternation_with_tails``
  when each phrase has its own continuation): a prefix trie, longest phrase first, that refuses an empty
  list, because an empty alternation silently matches nothing (or, with a careless builder, everywhere).
- What stays in code: the names of kinds (the strings of a ``Literal`` type) and single words a rule
  compares against by name.

``tests/extract/test_lexicons.py`` guards this: every key of every JSON file is read (the loaders note each
key looked up: ``keys_read``), every file is loaded (``files_read``), no list, tuple, set or dict literal
of three or more words is defined under ``extract/`` (an AST scan that names file and line), the builders
match what a flat longest-first alternation matches, and a word added to a lexicon changes what is
extracted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any


class _Node:
    """One character position of a prefix trie: the next characters, and the tail regex of an entry that
    ends here (``None`` when none does; ``""`` for an entry with nothing after it)."""

    __slots__ = ("children", "tail")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.tail: str | None = None


def alternation(words: Iterable[str], *, space: str = r"\ ") -> str:
    """One regex group matching any of ``words``, longest first, with shared prefixes factored out
    (``said|says`` -> ``sa(?:id|ys)``): ``re`` then drops a failing position after one character instead
    of trying every word. A space in a phrase becomes ``space`` (e.g. ``r"\\s+"`` or ``r"[ \\t]+"``).

    Matches the same strings, in the same order of preference, as a flat longest-first alternation.
    Raises ``ValueError`` for an empty vocabulary, or a phrase with a leading, trailing or doubled space.
    """
    return "(?:" + _trie_regex(_trie({w: "" for w in words if w}), space) + ")"


def alternation_with_tails(heads: dict[str, str], *, space: str = r"\ ") -> str:
    """Like ``alternation`` over the keys of ``heads``, but each head is followed by its own tail regex
    (``{"may": DAY_AND_YEAR, "last year": END_OF_WORD}``). One trie for a table of phrases whose next
    part differs: every alternative still starts with a literal character, so ``re`` skips positions fast,
    where an alternation of 150 ``head(?:tail)`` pairs would be tried pair by pair at every position.

    Raises ``ValueError`` for an empty table.
    """
    return "(?:" + _trie_regex(_trie({h: t for h, t in heads.items() if h}), space) + ")"


def _trie(entries: dict[str, str]) -> _Node:
    """A prefix trie of ``entries`` (a phrase -> the tail regex after it)."""
    if not entries:
        raise ValueError("empty vocabulary: refusing to build a regex that could never (or always) match")
    for word in entries:
        if word.startswith(" ") or word.endswith(" ") or "  " in word:
            # With ``space=r"\s+"`` the trie would give "a" + "\s+" + "\s+" where the flat alternation
            # tries the longer phrase first: the two could match different lengths. Lexicon phrases never
            # look like this (the loaders strip them); refuse one that does rather than match it oddly.
            raise ValueError(f"phrase {word!r}: words must be separated by single spaces")
    root = _Node()
    for word, tail in sorted(entries.items()):
        node = root
        for ch in word:
            node = node.children.setdefault(ch, _Node())
        node.tail = tail
    return root


def _trie_regex(node: _Node, space: str) -> str:
    alts = [(space if ch == " " else re.escape(ch)) + _trie_regex(node.children[ch], space)
            for ch in sorted(node.children)]
    if node.tail:
        alts.append(f"(?:{node.tail})")
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if node.tail == "" else body


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate lexicon key: {key!r}")
        out[key] = value
    return out


_KEYS_READ: set[tuple[str, str]] = set()
_FILES_READ: set[str] = set()


class _Lexicon(dict[str, Any]):
    """A JSON lexicon that notes each top-level key the code looks up, so a test can name the keys that
    nothing reads (a key only a comment mentions is still unread)."""

    __slots__ = ("name",)

    def __init__(self, name: str, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.name = name

    def __getitem__(self, key: str) -> Any:
        _KEYS_READ.add((self.name, key))
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        _KEYS_READ.add((self.name, key))
        return super().get(key, default)


def keys_read() -> frozenset[tuple[str, str]]:
    """``(file, key)`` for every JSON lexicon key looked up so far in this process."""
    return frozenset(_KEYS_READ)


def files_read() -> frozenset[str]:
    """Every lexicon file loaded so far in this process."""
    return frozenset(_FILES_READ)


@cache
def load_json(name: str) -> dict[str, Any]:
    """Load ``name`` (a JSON object) from this folder, refusing duplicate keys."""
    raw = files(__name__).joinpath(name).read_text(encoding="utf-8")
    _FILES_READ.add(name)
    return _Lexicon(name, json.loads(raw, object_pairs_hook=_no_duplicate_keys))


@cache
def load_words(name: str) -> frozenset[str]:
    """Load a word list (one entry per line, ``#`` comments) from this folder, refusing duplicates."""
    raw = files(__name__).joinpath(name).read_text(encoding="utf-8")
    _FILES_READ.add(name)
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
    """One list from a JSON lexicon, as a lower-case set, refusing an entry listed twice."""
    words = [str(w).lower() for w in load_json(name)[key]]
    out = frozenset(words)
    if len(out) != len(words):
        twice = sorted({w for w in words if words.count(w) > 1})
        raise ValueError(f"duplicate entry in {name} {key!r}: {twice}")
    return out


SAYING_VERB_KINDS = ("clausal_verbs", "evidence_verbs", "quote_only_verbs", "stance_verbs")
"""The ``claims.json`` keys whose verbs say something only in some frames (with "that", a document subject,
a quotation, a stance): together with ``reporting_verbs.txt`` they are every verb of saying."""


@cache
def saying_verbs() -> frozenset[str]:
    """Every verb of saying in every written form: ``reporting_verbs.txt`` and the frame-bound kinds of
    ``claims.json``. The claim stage looks for these as cues; the measure, period and entity stages treat
    one as the end of a noun phrase, as "said on Tuesday", as the verb after a speaker's name. One union, so
    the stages cannot disagree about what "reported" is."""
    return load_words("reporting_verbs.txt").union(*(word_set("claims.json", kind) for kind in SAYING_VERB_KINDS))

