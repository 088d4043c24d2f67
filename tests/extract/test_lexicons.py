"""The lexicons are the only vocabulary: every key and file is read, no word list lives in code, the one
regex builder is sound, and a word added to a lexicon changes what is extracted."""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimscope.extract
from claimscope.extract.lexicons import alternation, alternation_with_tails, files_read, keys_read
from claimscope.extract.pipeline import extract_text

EXTRACT = Path(claimscope.extract.__file__).resolve().parent
LEXICONS = EXTRACT / "lexicons"
JSON_LEXICONS = sorted(p.name for p in LEXICONS.glob("*.json"))
ALL_LEXICONS = sorted(p.name for p in LEXICONS.iterdir() if p.suffix in {".json", ".txt", ".tsv"})

ARTICLE = """---
title: Ferry timetable changes
author: Test Desk
published: 2025-05-02
---
# Ferry timetable changes

PORTVILLE (Wire) - The harbour board said on Monday that about 1,240 crossings ran last year, up 8% from
2023, and that fares would rise to $4.50 in the second quarter.

"We carried roughly two thirds of the island's freight," the board's chair, Dr Ana Reyes, told reporters.
"""
"""An article of our own that passes through every stage (front matter, dateline, claims, statistics)."""


def _import_every_extract_module() -> None:
    for module in pkgutil.walk_packages(claimscope.extract.__path__, "claimscope.extract."):
        importlib.import_module(module.name)
    extract_text(ARTICLE, source="ferry.md")
    extract_text(ARTICLE.split("---\n", 2)[2], source="ferry.txt")


# --- every key and file is read -------------------------------------------------------------------------

@pytest.mark.parametrize("name", JSON_LEXICONS)
def test_every_key_of_a_json_lexicon_is_read(name: str) -> None:
    """The loaders note each key the code looks up; a key only a comment mentions stays unread."""
    _import_every_extract_module()
    keys = set(json.loads((LEXICONS / name).read_text(encoding="utf-8"))) - {"_comment"}
    unread = sorted(k for k in keys if (name, k) not in keys_read())
    assert not unread, f"{name}: keys read by no code: {unread} (delete them, or read them)"


def test_every_lexicon_file_is_loaded() -> None:
    _import_every_extract_module()
    unloaded = sorted(set(ALL_LEXICONS) - files_read())
    assert not unloaded, f"lexicon files loaded by no code: {unloaded}"


# --- no word list in code ---------------------------------------------------------------------------------

WORD = re.compile(r"[A-Za-z][A-Za-z' ’-]*\Z")
"""A string that is a word or a phrase: letters, spaces, hyphens and apostrophes."""
MIN_WORDS = 3
REGEX_GROUP = re.compile(r"\((?:\?:|\?P<\w+>|\?i:)?([^()]*)\)")
PLAIN_WORD = re.compile(r"[A-Za-z]+\Z")
def _literal_tags(tree: ast.AST) -> set[str]:
    """The strings of ``Literal[...]`` types: the names of kinds, not vocabulary."""
    tags: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "Literal":
            elts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            tags.update(e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str))
    return tags


def _words(nodes: list[ast.expr | None]) -> list[str]:
    return [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str) and WORD.match(n.value)]


def word_lists(source: str, tags: frozenset[str] = frozenset()) -> list[tuple[int, list[str]]]:
    """``(line, words)`` for every list, tuple or set literal (so also ``frozenset({...})``) holding
    ``MIN_WORDS`` or more word strings, every dict literal with that many word keys mapped to constants, and
    every regex group in a string whose alternatives are that many plain words (``(?:said|told|wrote)``).

    Not counted: ``__slots__`` and ``__all__``, the inside of a subscript (``Literal["a", "b", "c"]``), and a
    collection whose words are all ``tags`` (the names of a ``Literal`` kind, such as period kinds).
    """
    tree = ast.parse(source)
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            exempt.add(id(node.slice))
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in {"__slots__", "__all__"} for t in node.targets
        ):
            exempt.add(id(node.value))
    found: list[tuple[int, list[str]]] = []
    for node in ast.walk(tree):
        if id(node) in exempt:
            continue
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            words = _words(list(node.elts))
        elif isinstance(node, ast.Dict):
            words = _words([k for k, v in zip(node.keys, node.values, strict=True) if isinstance(v, ast.Constant)])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            groups = [g.group(1).split("|") for g in REGEX_GROUP.finditer(node.value)]
            words = max((g for g in groups if all(PLAIN_WORD.match(w) for w in g)), key=len, default=[])
        else:
            continue
        if len(words) >= MIN_WORDS and not set(words) <= tags:
            found.append((node.lineno, words))
    return sorted(found)


def _code_files() -> list[Any]:
    return [pytest.param(p, id=str(p.relative_to(EXTRACT))) for p in sorted(EXTRACT.rglob("*.py"))]


@pytest.mark.parametrize("path", _code_files())
def test_no_word_list_is_defined_in_code(path: Path) -> None:
    tags = frozenset().union(*(_literal_tags(ast.parse(p.read_text(encoding="utf-8"))) for p in EXTRACT.rglob("*.py")))
    found = word_lists(path.read_text(encoding="utf-8"), tags)
    where = "\n".join(f"{path.relative_to(EXTRACT.parent)}:{line}: {words}" for line, words in found)
    assert not found, f"word lists in code (move them to extract/lexicons/, see its module docstring):\n{where}"


@pytest.mark.parametrize(
    ("source", "lines"),
    [
        ("STOP = frozenset({'the', 'a', 'an'})", [1]),
        ("if word in ('said', 'told', 'wrote'):\n    pass", [1]),
        ("NAMES = {'jan': 1, 'feb': 2, 'mar': 3}", [1]),
        ("MARKS = [',', ';', ':', '(', 'of']", []),
        ("PAIR = {'up', 'down'}", []),
        ("Kind = Literal['year', 'month', 'week']", []),
        ("class A:\n    __slots__ = ('start', 'end', 'text')", []),
        ("DOC = {'id': a, 'title': b, 'text': c}", []),
        ("Kind = Literal['year', 'month', 'week']\nBIG = {'year', 'month', 'week'}", []),
        ("Kind = Literal['year', 'month']\nBIG = {'year', 'month', 'spring'}", [2]),
        ("CUE = re.compile(r'(?:said|told|wrote)\\b')", [1]),
        ("CUE = re.compile(rf'(?P<verb>said|told|wrote){TAIL}')", [1]),
        ("GAP = re.compile(r'(?:[ \\t]+|-|to|and)')", []),
        ("GAP = re.compile(r'(?:to|and)')", []),
    ],
)
def test_the_word_list_rule(source: str, lines: list[int]) -> None:
    tags = frozenset(_literal_tags(ast.parse(source)))
    assert [line for line, _ in word_lists(source, tags)] == lines


# --- the one regex builder --------------------------------------------------------------------------------


@pytest.mark.parametrize("empty", [[], [""], set()])
def test_alternation_refuses_an_empty_vocabulary(empty: Any) -> None:
    with pytest.raises(ValueError, match="empty vocabulary"):
        alternation(empty)


def test_alternation_with_tails_refuses_an_empty_table() -> None:
    with pytest.raises(ValueError, match="empty vocabulary"):
        alternation_with_tails({})


def _flat(words: list[str], space: str) -> str:
    ordered = sorted(set(words) - {""}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", space) for w in ordered) + ")"


SINGLE_SPACED = st.text(alphabet="ab- ", min_size=1, max_size=5).filter(lambda p: p.strip() == p and "  " not in p)
PHRASES = st.lists(SINGLE_SPACED, min_size=1, max_size=8)
TEXTS = st.text(alphabet="ab- \tc", max_size=12)


@given(PHRASES, TEXTS, st.sampled_from([r"\ ", r"[ \t]+"]))
def test_alternation_matches_what_a_flat_longest_first_alternation_matches(
    words: list[str], text: str, space: str
) -> None:
    trie, flat = re.compile(alternation(words, space=space)), re.compile(_flat(words, space))
    for at in range(len(text) + 1):
        got, want = trie.match(text, at), flat.match(text, at)
        assert (got and got.end()) == (want and want.end()), (words, text, at)


@given(st.dictionaries(SINGLE_SPACED, st.sampled_from(["a", "b?", "c+", ""]),
                       min_size=1, max_size=8), TEXTS)
def test_alternation_with_tails_matches_each_head_then_its_tail(heads: dict[str, str], text: str) -> None:
    ordered = sorted(heads, key=len, reverse=True)
    flat = re.compile("(?:" + "|".join(re.escape(h) + f"(?:{heads[h]})" for h in ordered) + ")")
    trie = re.compile(alternation_with_tails(heads))
    for at in range(len(text) + 1):
        got, want = trie.match(text, at), flat.match(text, at)
        assert (got and got.end()) == (want and want.end()), (heads, text, at)


@pytest.mark.parametrize("phrase", [" per cent", "per cent ", "per  cent"])
def test_alternation_refuses_a_phrase_that_is_not_single_spaced(phrase: str) -> None:
    with pytest.raises(ValueError, match="single spaces"):
        alternation(["percent", phrase], space=r"\s+")


def test_alternation_prefers_the_longest_phrase() -> None:
    found = re.match(alternation(["per", "per cent", "percent"]), "per cent rise")
    assert found is not None and found.group() == "per cent"


# --- a word added to a lexicon changes what is extracted ----------------------------------------------------

PATCH_AND_EXTRACT = """
import json, sys
from claimscope.extract import lexicons

extra_words, extra_json = json.loads(sys.argv[1]), json.loads(sys.argv[2])
load_words, load_json = lexicons.load_words, lexicons.load_json

def with_extra_words(name):
    return load_words(name) | frozenset(extra_words.get(name, []))

def with_extra_json(name):
    data = json.loads(json.dumps(load_json(name)))
    for key, value in extra_json.get(name, {}).items():
        if isinstance(value, dict):
            data[key].update(value)
        else:
            data[key] = data[key] + value
    return data

lexicons.load_words, lexicons.load_json = with_extra_words, with_extra_json
from claimscope.extract.pipeline import extract_text  # builds every pattern from the patched loaders

print(json.dumps(extract_text(sys.stdin.read()).to_dict()["statistics"]))
"""


def statistics_with(text: str, words: dict[str, list[str]] | None = None,
                    lexicon: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The statistics of ``text`` in a fresh interpreter whose loaders add ``words`` (per .txt file) and
    ``lexicon`` entries (per .json file and key) before any pattern is built."""
    proc = subprocess.run(
        [sys.executable, "-c", PATCH_AND_EXTRACT, json.dumps(words or {}), json.dumps(lexicon or {})],
        input=text, capture_output=True, text=True, check=True, timeout=120,
    )
    stats: list[dict[str, Any]] = json.loads(proc.stdout)
    return stats


def test_a_new_approximator_makes_the_number_approximate() -> None:
    text = "The club owns give or take 40 dinghies."
    assert [s.approximate for s in extract_text(text).statistics] == [False]
    assert [s["approximate"] for s in statistics_with(text, words={"approximators.txt": ["give or take"]})] == [True]


def test_a_new_change_word_gives_a_direction() -> None:
    text = "Repair bills ballooned by 12% in 2024."
    assert [s.direction for s in extract_text(text).statistics] == [None]
    grown = statistics_with(text, lexicon={"changes.json": {"increase": ["ballooned"]}})
    assert [s["direction"] for s in grown] == ["increase"]


def test_a_new_unit_is_read_after_the_number() -> None:
    text = "The winner finished 7 furlongs ahead."
    assert [s.unit for s in extract_text(text).statistics] == [None]
    longer = statistics_with(text, lexicon={"units.json": {"units": {"furlongs": "furlong"}}})
    assert [(s["unit"], s["raw"]) for s in longer] == [("furlong", "7 furlongs")]
