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

from claimscope.extract.lexicons import alternation, load_json, load_words, word_set

SpeakerKind = Literal["person", "group", "thing", "unknown"]

_LEX = "claims.json"
ROLES = load_words("speaker_roles.txt")
SOURCES = load_words("source_nouns.txt")
DOCUMENT_NOUNS = word_set(_LEX, "document_nouns")
"""Sources that are documents or data ("the report", "figures"): a plural of one is still a thing, not a group."""
ISSUED_DOCUMENTS = word_set(_LEX, "issued_documents")
"""What a speaker issues ("the statement"): a later mention means whoever issued the last one."""
ARTICLES = word_set(_LEX, "articles")
_PLURAL_ENDINGS: tuple[tuple[str, str], ...] = tuple(
    (str(ending), str(singular)) for ending, singular in load_json(_LEX)["plural_endings"].items()
)
DETERMINERS = word_set(_LEX, "determiners")
NP_LINKS = word_set(_LEX, "np_links")
CLAUSE_WORDS = word_set(_LEX, "clause_words")
REJECTED_OPENERS = word_set(_LEX, "np_openers_rejected")
HONORIFICS = word_set(_LEX, "honorifics")
PERSONAL_TITLES = word_set(_LEX, "personal_titles")
PERSON_PRONOUNS = word_set(_LEX, "person_pronouns")
GROUP_PRONOUNS = word_set(_LEX, "group_pronouns")
THING_PRONOUNS = word_set(_LEX, "thing_pronouns")
FIRST_PERSON = word_set(_LEX, "first_person")
QUANTIFIED_OPENERS = word_set(_LEX, "quantified_openers")
_GENDERED: dict[str, str] = {
    str(w).lower(): pronoun for pronoun, words in load_json(_LEX)["gendered_words"].items() for w in words
}
_RECENT_PEOPLE = 6
_ORG_OF_ROLE = re.compile(
    r"^(?P<pos>.+?)['\u2019]s?\s+\S|\s" + alternation(word_set(_LEX, "organisation_links")) + r"\s+(?P<obj>.+)$"
)
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
    for suffix, repl in _PLURAL_ENDINGS:
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
    gender: str | None = None
    bare_name: bool = False
    """A capitalised name with no determiner ("Tom Baker", "Moss"): a person if a later "he" points to it."""


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
        # "The airline said", "A 45-year-old said", "Both sides said": a determiner phrase before a verb.
        if not 2 <= len(words) <= 4:
            return None
        if low[0] in QUANTIFIED_OPENERS:
            return SpeakerPhrase(phrase, "group", None, None, None, False)
        if low[0] not in ARTICLES:
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
    if has_name and (kind == "unknown" or low[0] in HONORIFICS) and _titled_name(words, low):
        kind = "person"
    if kind == "person" and "and" in low[1:-1] and _coordinated(words, low):
        return SpeakerPhrase(phrase, "group", None, None, None, False)
    short = len(words) <= 3 and (low[0] in DETERMINERS or low[0] in HONORIFICS or len(words) == 1)
    key_role = role if role is not None else source
    names = _full_names(words, low) if kind == "person" else ()
    gender = next((g for g in map(_GENDERED.get, low[:4]) if g is not None), None)
    bare_name = kind == "unknown" and surname is not None and len(words) <= 4 and low[0] not in DETERMINERS
    bare_name = bare_name and all(_capitalised(w) for w in words)
    return SpeakerPhrase(phrase, kind, None, surname, key_role, short, names, gender, bare_name)


def _titled_name(words: list[str], low: list[str]) -> bool:
    """ "Dr Nadia Petrova", "Urban planner Prof Ng": a personal title right before a capitalised name."""
    if low[0] in HONORIFICS and _capitalised(words[0]):
        return True
    return any(
        lw in PERSONAL_TITLES and _capitalised(w) and _capitalised(nxt)
        for w, lw, nxt in zip(words, low, words[1:], strict=False)
    )


def _coordinated(words: list[str], low: list[str]) -> bool:
    """Handles "Mr Tan and Ms Nair, the agency's chief": two people speaking together are a group, not one name."""
    i = low.index("and", 1)
    left = parse_speaker(" ".join(words[:i]))
    right = parse_speaker(" ".join(words[i + 1 :]))
    return left is not None and right is not None and left.kind == "person" and right.kind == "person"


@lru_cache(maxsize=4096)
def _organisation_in(phrase: str) -> SpeakerPhrase | None:
    """The organisation a person speaks for, named in their phrase ("the company's", "for the ministry")."""
    m = _ORG_OF_ROLE.search(phrase)
    if m is None:
        return None
    org_text = (m.group("pos") or m.group("obj") or "").strip(" ,")
    org = parse_speaker(org_text) if org_text else None
    if org is None or org.kind not in ("group", "thing"):
        return None
    return org


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
    statement_owner: str | None = None
    by_surname: dict[str, str] = field(default_factory=dict)
    by_role: dict[str, str] = field(default_factory=dict)
    surname_kind: dict[str, SpeakerKind] = field(default_factory=dict)
    people: list[str] = field(default_factory=list)
    unread: list[tuple[int, int]] = field(default_factory=list)
    """Sentences with no claim since the last speaker: read for a subject only if a pronoun needs one."""
    gender: dict[str, str] = field(default_factory=dict)

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
                if phrase.role in ISSUED_DOCUMENTS and self.statement_owner:
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
        if role is not None and role not in ISSUED_DOCUMENTS and len(name) > len(self.by_role.get(role, "")):
            self.by_role[role] = name
        if kind == "person" or phrase.bare_name:
            self._person(name, phrase.gender)
        if kind == "person":
            self.last_person = name
            org = self._organisation_of(phrase)
            if org is not None:
                self.last_thing = org
        elif kind == "group":
            self.last_group = name
            self.last_thing = name
        elif kind == "thing":
            self.last_thing = name
        else:
            self.last_thing = name
            if phrase.surname is not None and phrase.surname in self.surname_kind:
                self.last_person = name

    def mention(self, phrase: SpeakerPhrase) -> None:
        """Someone named as a sentence subject without speaking ("Ana Ruiz was asked ..."): a later "she"."""
        if phrase.pronoun is not None:
            return
        if phrase.kind == "person":
            name = phrase.text
            if phrase.short and phrase.surname is not None:
                name = self.by_surname.get(phrase.surname, name)
            for key in phrase.names:
                if len(name) > len(self.by_surname.get(key, "")):
                    self.by_surname[key] = name
                    self.surname_kind[key] = "person"
            self._person(name, phrase.gender)
        elif phrase.kind in ("group", "thing") and phrase.role is not None and phrase.role not in DOCUMENT_NOUNS:
            self.last_thing = self.by_role.get(phrase.role, phrase.text) if phrase.short else phrase.text

    def _person(self, name: str, gender: str | None) -> None:
        if gender is not None:
            self.gender[name] = gender
        people = self.people
        if name in people:
            people.remove(name)
        people.append(name)
        if len(people) > _RECENT_PEOPLE:
            del people[0]

    def _organisation_of(self, phrase: SpeakerPhrase) -> str | None:
        """ "the company's spokesperson", "a spokesman for the ministry": the body a later "it" means."""
        org = _organisation_in(phrase.text)
        if org is None or org.role is None:
            return None
        return self.by_role.get(org.role, org.text) if org.short else org.text

    def _pronoun(self, phrase: SpeakerPhrase) -> str:
        pron = phrase.pronoun
        if pron in PERSON_PRONOUNS:
            found = self._person_for(pron)
        elif pron in GROUP_PRONOUNS:
            found = self.last_group or self.last_thing
        elif pron in THING_PRONOUNS:
            found = self.last_thing
        else:
            found = None
        return phrase.text if found is None else found

    def _person_for(self, pronoun: str | None) -> str | None:
        """The latest person (or bare name) whose known gender does not contradict ``pronoun``."""
        for name in reversed(self.people):
            known = self.gender.get(name)
            if known is None or known == pronoun:
                if pronoun is not None:
                    self.gender[name] = pronoun
                self._person(name, pronoun)
                return name
        return self.last_person

    def note_statement(self, speaker: str) -> None:
        """``speaker`` issued a statement or report: "the statement" now means them."""
        self.statement_owner = speaker
