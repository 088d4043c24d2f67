"""One key per speaker across articles: the same person or organisation however each article names them.

Within an article the extractor has already resolved "he", "the mayor" and "Ms Brennan" to the fullest
mention it saw ("Mayor Alice Brennan"), and found the article's people and organisations (its entities).
Across articles only the words are left, so a speaker's key is its name normalised:

1. leading determiners and titles are dropped ("The", "Mayor", "Assistant US Attorney": the lexicons'
   ``determiners`` and ``honorifics``), with a link after a title ("a spokesman for the HKSAR
   government" -> "HKSAR government": ``organisation_links``), and a trailing possessive;
2. the rest is matched with the article's entities: the same name, or a person's full name after words
   no lexicon lists ("Environment Minister Dana Okafor" -> "Dana Okafor"), or (the conservative rule) one word
   that is the surname of exactly one person of the article ("Mr Christie" -> "Scott Christie"), or words
   that end the name of exactly one organisation of the article ("the government" -> "HKSAR Government");
3. the name is case-folded, accents and punctuation removed, single letters (initials) dropped.

A speaker that is only a role or a common noun ("a spokesman", "officials", "the report") names nobody
across articles: its key is scoped to its article, so two articles' spokesmen never become one row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from claimscope.extract.lexicons import word_set

SpeakerKind = Literal["person", "organisation", "name", "role"]

_TITLE_WORDS = word_set("claims.json", "honorifics") | word_set("entities.json", "person_titles")
_DETERMINERS = word_set("claims.json", "determiners")
_ORGANISATION_LINKS = word_set("claims.json", "organisation_links")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_WORD = re.compile(r"[\w'\u2019-]+")
_PUNCT = re.compile(r"[^\w\s]")
CACHED_NAMES = 65_536
"""Names folded are remembered (the same speakers and measures recur across thousands of articles)."""
ARTICLE_SCOPE = "@"
"""Separates an article id from a role's words in the key of a speaker scoped to one article."""


@dataclass(frozen=True, slots=True)
class EntityName:
    """What the speaker rules need of an article's entity."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SpeakerName:
    """A speaker as the speakers view lists it: its key across articles, a name to show, and a kind."""

    key: str
    name: str
    kind: SpeakerKind


@lru_cache(maxsize=CACHED_NAMES)
def fold(text: str) -> str:
    """Case-folded, accents and punctuation removed, single spaces: the form two spellings meet in."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_PUNCT.sub(" ", text.replace("\u2019", "'").replace("'", "")).casefold().split())


@lru_cache(maxsize=CACHED_NAMES)
def name_key(name: str) -> str:
    """``fold`` without initials, so "Scott A. Christie" and "Scott Christie" meet."""
    return " ".join(word for word in fold(name).split() if len(word) > 1)


def strip_titles(phrase: str) -> list[str]:
    """The words of ``phrase`` after its leading determiners and titles (all of them, if all are titles)."""
    words = _WORD.findall(phrase)
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1]) or words[-1]
    start = 0
    while start < len(words):
        word = _bare(words[start])
        titled = start > 0 and _bare(words[start - 1]) in _TITLE_WORDS
        if word in _DETERMINERS or word in _TITLE_WORDS or (titled and word in _ORGANISATION_LINKS):
            start += 1
        else:
            break
    return words[start:]


def _bare(word: str) -> str:
    return word.strip(".'\u2019-").lower()


def _is_name(words: list[str]) -> bool:
    return any(w[:1].isupper() for w in words)


class ArticleEntities:
    """An article's entities with their keys worked out once (an article's claims look them up often)."""

    def __init__(self, entities: Iterable[EntityName]) -> None:
        self.entities = list(entities)
        self._keyed: list[tuple[EntityName, tuple[str, ...], frozenset[str]]] | None = None

    @property
    def keyed(self) -> list[tuple[EntityName, tuple[str, ...], frozenset[str]]]:
        """Each entity with the words of its key and every key it answers to (worked out on first use)."""
        if self._keyed is None:
            self._keyed = [
                (e, tuple(name_key(e.name).split()), frozenset({name_key(e.name), *(name_key(a) for a in e.aliases)}))
                for e in self.entities
            ]
        return self._keyed

    def match(self, words: list[str]) -> EntityName | None:
        """The one entity of the article that ``words`` name, by the rules of this module's docstring."""
        key = name_key(" ".join(words))
        if not key or not self.entities:
            return None
        exact = _unique(e for e, _w, keys in self.keyed if key in keys)
        if exact is not None:
            return exact
        tail = tuple(key.split())
        titled = _unique(
            e for e, name, _k in self.keyed
            if e.kind == "person" and 1 < len(name) < len(tail) and tail[-len(name):] == name
        )
        if titled is not None:
            return titled
        if len(tail) == 1:
            person = _unique(e for e, name, _k in self.keyed if e.kind == "person" and name[-1:] == tail)
            if person is not None:
                return person
        return _unique(
            e for e, name, _k in self.keyed
            if e.kind == "organisation" and len(name) > len(tail) and name[-len(tail):] == tail
        )


def _unique(found: Iterable[EntityName]) -> EntityName | None:
    matches = {entity.name: entity for entity in found}
    return next(iter(matches.values())) if len(matches) == 1 else None


def speaker_name(speaker: str, article_id: str, entities: ArticleEntities) -> SpeakerName | None:
    """The speaker's key, shown name and kind (None for a speaker with no words left).

    A phrase with an apposition ("Dana Okafor, the environment minister") is tried part by part, the
    first part that names an entity or a capitalised name winning.
    """
    parts = [strip_titles(part) for part in speaker.split(",")]
    for words in parts:
        entity = entities.match(words)
        if entity is not None:
            kind: SpeakerKind = "person" if entity.kind == "person" else "organisation" if entity.kind in (
                "organisation", "acronym") else "name"
            return SpeakerName(name_key(entity.name), entity.name, kind)
    for words in parts:
        if words and _is_name(words) and name_key(" ".join(words)):
            return SpeakerName(name_key(" ".join(words)), " ".join(words), "name")
    role = fold(" ".join(w for w in _WORD.findall(speaker) if _bare(w) not in _DETERMINERS))
    if not role:
        return None
    shown = " ".join(speaker.split())
    return SpeakerName(f"{article_id}{ARTICLE_SCOPE}{role}", shown, "role")
