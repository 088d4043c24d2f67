"""Who is speaking: whether a phrase can name a source, and what "he", "it" or "the spokesman" stand for.

The rules are shallow on purpose (no parser): a speaker phrase is a short noun phrase whose head is a
pronoun, a capitalised name, or a role or source noun from the lexicons.  Resolution keeps a running
state (the last person, the last organisation or document, the fullest mention of each surname and role
noun), so each lookup is O(1) and the stage never rescans earlier text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from claimscope.extract.lexicons import load_json, load_words, word_set

SpeakerKind = Literal["person", "group", "thing", "unknown"]

_LEX = "claims.json"
ROLES = load_words("speaker_roles.txt")
SOURCES = load_words("source_nouns.txt")
DOCUMENT_NOUNS = frozenset(
    {
        "statement",
        "report",
        "study",
        "survey",
        "data",
        "figures",
        "statistics",
        "release",
        "research",
        "analysis",
        "poll",
        "document",
        "letter",
        "filing",
        "ruling",
        "judgment",
        "judgement",
        "memo",
        "review",
        "audit",
        "census",
        "records",
        "paper",
        "findings",
        "results",
        "numbers",
        "website",
        "complaint",
        "indictment",
    }
)
DETERMINERS = word_set(_LEX, "determiners")
NP_LINKS = word_set(_LEX, "np_links")
CLAUSE_WORDS = word_set(_LEX, "clause_words")
REJECTED_OPENERS = word_set(_LEX, "np_openers_rejected")
HONORIFICS = word_set(_LEX, "honorifics")
PERSON_PRONOUNS = word_set(_LEX, "person_pronouns")
GROUP_PRONOUNS = word_set(_LEX, "group_pronouns")
THING_PRONOUNS = word_set(_LEX, "thing_pronouns")
FIRST_PERSON = word_set(_LEX, "first_person")
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS | FIRST_PERSON
MAX_WORDS = int(load_json(_LEX)["max_speaker_words"])
MAX_LOWER = int(load_json(_LEX)["max_np_lowercase_words"])

_WORD = re.compile(r"[^\s,]+")
_EDGE_PUNCT = "\"'()[]{}.,;:!?\u201c\u201d\u2018\u2019"
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def _bare(token: str) -> str:
    return _POSSESSIVE.sub("", token.strip(_EDGE_PUNCT)).lower()


def noun_of(word: str, lexicon: frozenset[str]) -> str | None:
    """The singular lexicon entry ``word`` is a form of (spokesmen -> spokesman, authorities -> authority)."""
    if word in lexicon:
        return word
    for suffix, repl in (("ies", "y"), ("men", "man"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            base = word[: -len(suffix)] + repl
            if base in lexicon:
                return base
    return None


def _capitalised(token: str) -> bool:
    t = token.strip(_EDGE_PUNCT)
    return bool(t) and t[0].isupper()


@dataclass(frozen=True, slots=True)
class SpeakerPhrase:
    """A validated speaker mention: its words, what kind of source it is, and its lookup keys."""

    text: str
    kind: SpeakerKind
    pronoun: str | None
    surname: str | None
    role: str | None
    short: bool
    names: tuple[str, ...] = ()


@lru_cache(maxsize=8192)
def parse_speaker(phrase: str) -> SpeakerPhrase | None:
    """``phrase`` as a speaker, or None when it cannot name one (a clause, a time phrase, a bare number)."""
    words = [w for w in (m.group() for m in _WORD.finditer(phrase)) if w.strip(_EDGE_PUNCT)]
    if not words or len(words) > MAX_WORDS:
        return None
    low = [_bare(w) for w in words]
    if len(words) == 1 and low[0] in PRONOUNS:
        kind: SpeakerKind = "person" if low[0] in PERSON_PRONOUNS else "group" if low[0] in GROUP_PRONOUNS else "thing"
        return SpeakerPhrase(phrase, kind, low[0], None, None, True)
    if low[0] in REJECTED_OPENERS or (low[0].endswith("ing") and not _capitalised(words[0])):
        return None
    role: str | None = None
    source: str | None = None
    surname: str | None = None
    has_name = False
    lower_free = 0
    for i, (word, lw) in enumerate(zip(words, low, strict=True)):
        if not lw:
            continue
        if lw in CLAUSE_WORDS and not (_capitalised(word) and i > 0):
            return None
        if lw.replace(",", "").replace(".", "").isdigit():
            return None
        r = noun_of(lw, ROLES)
        s = noun_of(lw, SOURCES)
        if r is not None and role is None:
            role = r
        if s is not None and r is None:
            source = s
        if _capitalised(word) and not (i == 0 and lw in DETERMINERS) and lw not in HONORIFICS:
            if r is None and s is None:
                has_name = True
                surname = lw
        elif not _capitalised(word) and r is None and s is None and lw not in DETERMINERS and lw not in NP_LINKS:
            lower_free += 1
    if lower_free > MAX_LOWER:
        return None
    if not (has_name or role or source):
        # "The airline said", "A 45-year-old said": a determiner phrase right before a reporting verb.
        if low[0] not in {"the", "a", "an"} or not 2 <= len(words) <= 4:
            return None
        return SpeakerPhrase(phrase, "unknown", None, None, low[-1], len(words) <= 3)
    if role is not None:
        kind = "person"
    elif source is not None:
        kind = "group" if low[-1].endswith("s") and noun_of(low[-1], SOURCES) not in DOCUMENT_NOUNS else "thing"
    elif len(words) >= 2 and all(_capitalised(w) or _bare(w) in NP_LINKS for w in words) and low[0] in HONORIFICS:
        kind = "person"
    else:
        kind = "unknown"
    if low[0] in HONORIFICS and _capitalised(words[0]) and has_name:
        kind = "person"
    short = len(words) <= 3 and (low[0] in DETERMINERS or low[0] in HONORIFICS or len(words) == 1)
    key_role = role if role is not None else source
    names = _full_names(words, low) if kind == "person" else ()
    return SpeakerPhrase(phrase, kind, None, surname, key_role, short, names)


def _full_names(words: list[str], low: list[str]) -> tuple[str, ...]:
    """Surnames of "First Last" runs: the keys a later "Mr Last" or bare "Last" is looked up by."""
    out: list[str] = []
    run = 0
    for i, (word, lw) in enumerate(zip(words, low, strict=True)):
        plain = _capitalised(word) and lw not in HONORIFICS and noun_of(lw, ROLES) is None
        plain = plain and noun_of(lw, SOURCES) is None and not (i == 0 and lw in DETERMINERS)
        run = run + 1 if plain else 0
        ends = i + 1 == len(words) or word.endswith(",")
        if run >= 2 and (ends or not _capitalised(words[i + 1]) or _bare(words[i + 1]) in HONORIFICS):
            out.append(lw)
    return tuple(out)


@dataclass(slots=True)
class SpeakerState:
    """Running memory of who has spoken, so a later "he" or "Mr X" names the fullest earlier mention."""

    last_person: str | None = None
    last_thing: str | None = None
    last_group: str | None = None
    last_any: str | None = None
    statement_owner: str | None = None
    by_surname: dict[str, str] = field(default_factory=dict)
    by_role: dict[str, str] = field(default_factory=dict)
    surname_kind: dict[str, SpeakerKind] = field(default_factory=dict)

    def resolve(self, phrase: SpeakerPhrase) -> str:
        """The speaker ``phrase`` stands for, and remember it for later mentions."""
        if phrase.pronoun is not None:
            return self._pronoun(phrase)
        name = phrase.text
        kind = phrase.kind
        if phrase.short:
            if phrase.surname is not None and phrase.surname in self.by_surname:
                name = self.by_surname[phrase.surname]
                kind = self.surname_kind.get(phrase.surname, kind)
            elif phrase.surname is None and phrase.role is not None:
                if phrase.role in DOCUMENT_NOUNS and phrase.role in {"statement", "release"} and self.statement_owner:
                    name = self.statement_owner
                elif phrase.role in self.by_role:
                    name = self.by_role[phrase.role]
        self.remember(name, phrase, kind)
        return name

    def remember(self, name: str, phrase: SpeakerPhrase, kind: SpeakerKind) -> None:
        """Make ``name`` the latest speaker of its kind and the fullest mention of its keys."""
        for key in phrase.names:
            if len(name) > len(self.by_surname.get(key, "")):
                self.by_surname[key] = name
                self.surname_kind[key] = kind
        role = phrase.role
        if role is not None and role not in {"statement", "release"} and len(name) > len(self.by_role.get(role, "")):
            self.by_role[role] = name
        if kind == "person":
            self.last_person = name
        elif kind == "group":
            self.last_group = name
            self.last_thing = name
        elif kind == "thing":
            self.last_thing = name
        else:
            self.last_thing = name
            if phrase.surname is not None and phrase.surname in self.surname_kind:
                self.last_person = name
        self.last_any = name

    def _pronoun(self, phrase: SpeakerPhrase) -> str:
        pron = phrase.pronoun
        if pron in PERSON_PRONOUNS:
            found = self.last_person
        elif pron in GROUP_PRONOUNS:
            found = self.last_group or self.last_thing
        elif pron in THING_PRONOUNS:
            found = self.last_thing
        else:
            found = None
        if found is None:
            return phrase.text
        self.last_any = found
        return found

    def note_statement(self, speaker: str) -> None:
        """``speaker`` issued a statement or report: "the statement" now means them."""
        self.statement_owner = speaker
