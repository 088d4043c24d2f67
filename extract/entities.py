"""Organisations, people, places and acronyms, found from the shape of English text without a model.

Acronyms come with their expansions where the article defines them ("short-term rental platforms (STRPs)"):
the words before the parenthesis whose initials spell the acronym.  Names are runs of capitalised words,
typed by the words around them (a title before a person, an organisation noun inside an organisation, a
preposition of place before a place).  Every stage is one regular-expression scan: linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimscope.extract.document import Document
from claimscope.extract.lexicons import alternation, load_json, saying_verbs, word_set
from claimscope.extract.model import Claim, Entity, EntityKind

_LEX = "entities.json"
_ORG_WORDS = word_set(_LEX, "organisation_words")
_TITLES = word_set(_LEX, "person_titles")
_PLACE_PREPS = word_set(_LEX, "place_prepositions")
_NOT_NAMES = word_set(_LEX, "not_names") | frozenset(load_json("periods.json")["months"])
_ACRONYM_SKIP = word_set(_LEX, "acronym_skip_words")
_REPORTING_VERBS = saying_verbs()
"""A run of two or three capitalised words right before one of these is a person ("Jo Bloggs said")."""
_LEADING_NOISE = _NOT_NAMES | _TITLES
_PREV_WORD_CHARS = frozenset("_'’-")

_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*(?:-[A-Z][A-Za-z0-9&]+)*)\s*\)")
_WORD_BEFORE = re.compile(r"[\w&'’-]+")
# The capital comes first and the "not inside a word" check is a lookbehind after it, so the regex engine
# can skip ahead to the next capital letter in C instead of trying every position.
_NAME = re.compile(
    rf"[A-Z](?<![\w'’].)[\w'’.&-]*(?:\s+{alternation(word_set(_LEX, 'name_connectors'))}?\s*"
    r"(?:[A-Z][\w'’&-]*))*(?![\w'’])"
)
_MAX_NAMES = 5000


@dataclass(slots=True)
class _Found:
    name: str
    kind: EntityKind
    aliases: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)


def find_entities(doc: Document, claims: list[Claim]) -> list[Entity]:
    """Entities mentioned in the paragraphs of ``doc``, each with every mention's span."""
    text = doc.text
    spans = [(b.start, b.end) for b in doc.blocks if b.kind in ("paragraph", "caption")]
    found: dict[str, _Found] = {}
    acronyms = _acronyms(text, spans, found)
    _names(text, spans, found, acronyms)
    out: list[Entity] = []
    for item in found.values():
        mentions = tuple(sorted(set(item.mentions)))
        out.append(
            Entity(
                id=f"{doc.article_id}:e{len(out)}",
                name=item.name,
                kind=item.kind,
                aliases=tuple(sorted(item.aliases)),
                mentions=mentions,
            )
        )
    return out


def _acronyms(text: str, spans: list[tuple[int, int]], found: dict[str, _Found]) -> dict[str, str]:
    """Acronym definitions; returns acronym -> key of its entity."""
    acronyms: dict[str, str] = {}
    for start, end in spans:
        for match in _ACRONYM_DEF.finditer(text, start, end):
            acronym = match.group(1)
            expansion = _expansion(text, max(start, match.start() - 200), match.start(), acronym)
            if expansion is None:
                continue
            exp_start, exp_end = expansion
            name = text[exp_start:exp_end]
            key = name.casefold()
            item = found.setdefault(key, _Found(name, "acronym"))
            item.aliases.add(acronym)
            item.mentions.append((exp_start, exp_end))
            for variant in {acronym, acronym.rstrip("s")}:
                acronyms.setdefault(variant, key)
    if acronyms:
        pattern = re.compile(rf"(?<![\w-])({alternation(acronyms)})s?(?![\w-])")
        for start, end in spans:
            for match in pattern.finditer(text, start, end):
                found[acronyms[match.group(1)]].mentions.append((match.start(), match.end()))
    return acronyms


def _expansion(text: str, lo: int, hi: int, acronym: str) -> tuple[int, int] | None:
    """The span of the words just before ``hi`` whose initials spell ``acronym``."""
    letters = [c.lower() for c in acronym if c.isupper() or c.isdigit()]
    if len(letters) < 2:
        return None
    words = list(_WORD_BEFORE.finditer(text, lo, hi))
    need = len(letters)
    index = need - 1
    first: int | None = None
    for word in reversed(words):
        token = word.group(0)
        lowered = token.lower()
        if lowered in _ACRONYM_SKIP:
            if first is not None:
                continue
            return None
        parts = [p for p in re.split(r"[-’']", token) if p] if "-" in token else [token]
        for part in reversed(parts):
            if index < 0:
                break
            if part[0].lower() != letters[index]:
                return None
            index -= 1
        first = word.start()
        if index < 0:
            return first, words[-1].end()
    return None


def _names(text: str, spans: list[tuple[int, int]], found: dict[str, _Found], acronyms: dict[str, str]) -> None:
    by_surname: dict[str, str] = {}
    seen = 0
    for start, end in spans:
        for match in _NAME.finditer(text, start, end):
            seen += 1
            if seen > _MAX_NAMES:
                return
            name = match.group(0).rstrip(".’'")
            words = name.split()
            titled = False
            while words and words[0].lower().strip(".") in _LEADING_NOISE:
                titled = titled or words[0].lower().strip(".") in _TITLES
                words = words[1:]
            inner = [i for i, w in enumerate(words[:-1]) if w.lower().strip(".") in _TITLES]
            if inner and not any(w.lower() in _ORG_WORDS for w in words[inner[-1] + 1 :]):
                words, titled = words[inner[-1] + 1 :], True
            if not words or all(w.lower().strip(".,") in _TITLES for w in words):
                continue
            name_start = match.start() + match.group(0).index(words[0])
            name = " ".join(words)
            name_end = name_start + len(name)
            if text[name_start:name_end] != name:
                name_end = match.end()
                name = text[name_start:name_end]
            if name in acronyms or name.rstrip("s") in acronyms:
                continue
            if name.casefold() in found:
                found[name.casefold()].mentions.append((name_start, name_end))
                continue
            if len(words) == 1 and words[0] in by_surname:
                found[by_surname[words[0]]].mentions.append((name_start, name_end))
                continue
            kind: EntityKind | None = "person" if titled and len(words) <= 3 else _kind(text, name_start, words)
            if kind is None:
                continue
            item = found.setdefault(name.casefold(), _Found(name, kind))
            item.mentions.append((name_start, name_end))
            if kind == "person" and len(words) >= 2:
                by_surname.setdefault(words[-1], name.casefold())


def _last_word(window: str) -> str:
    """The run of word characters that ends ``window`` once trailing spaces and commas are set aside.

    A backwards scan: a regex search for "word, then spaces to the end" would retry from every position.
    """
    end = len(window)
    while end and (window[end - 1].isspace() or window[end - 1] == ","):
        end -= 1
    start = end
    while start and (window[start - 1].isalnum() or window[start - 1] in _PREV_WORD_CHARS):
        start -= 1
    return window[start:end]


def _kind(text: str, start: int, words: list[str]) -> EntityKind | None:
    lowered = [w.lower().strip(".") for w in words]
    if any(w in _ORG_WORDS for w in lowered):
        return "organisation"
    window = text[max(0, start - 40) : start]
    before = _last_word(window).lower()
    title_inside = window.lower().split()[-2:]
    if before in _TITLES or any(w.strip(".,") in _TITLES for w in title_inside):
        return "person" if len(words) <= 4 else None
    if before in _PLACE_PREPS and len(words) <= 3:
        return "place"
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and len(words) <= 3:
        following = text[start : start + 120].split()
        if len(following) > len(words) and following[len(words)].strip(",.").lower() in _REPORTING_VERBS:
            return "person"
    return None
