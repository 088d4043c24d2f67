"""What a claim says, reduced to the parts two wordings of it share: the comparison key of repeated claims.

A claim made again in other words, by another outlet, keeps its content words and its numbers; it loses
or changes its attribution (", the minister said", "according to ...", "Union leaders said ..."), its
quotation marks, its case, its number forms ("1.7 million" / "1,700,000" / "1.7m"; "4.2%" / "4.2 per
cent"; "half" / "50%") and its verb forms.  ``claim_key`` keeps what survives:

- ``words``: content words, lower-case, without function words, stemmed (``stem``), and every word
  of change read as its direction ("rose", "went up", "increased" -> ``increase``), numbers taken out;
- ``numbers``: every number as a value (a percent as its fraction, so "half" meets "50%"; years and
  other bare digit runs included), so numbers compare as numbers whatever their form;
- ``negative`` and ``forecast``: whether a negation or a marker of the future or of a hedge occurs,
  because "will not reopen" and "reopened" are other claims than "will reopen" however alike they read.

Pure and per claim: ``store/repeats/`` compares the keys across a corpus.  The vocabulary is
``lexicons/repeats.json`` plus the verbs of saying, number words and words of change of the extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from claimscope.extract.lexicons import alternation, load_json, saying_verbs, word_set
from claimscope.extract.numbers import find_numbers

_LEXICON = load_json("repeats.json")
FUNCTION_WORDS = frozenset(_LEXICON["function_words"])
NEGATIONS = frozenset(_LEXICON["negations"])
FUTURE_MARKERS = tuple(tuple(phrase.split()) for phrase in _LEXICON["future_markers"])
ATTRIBUTION_VERBS = (saying_verbs() | frozenset(_LEXICON["tail_verbs"])) - frozenset(_LEXICON["not_attribution_verbs"])
INCREASE_WORDS = word_set("changes.json", "increase")
DECREASE_WORDS = word_set("changes.json", "decrease")
INCREASE = "increase"
DECREASE = "decrease"
_MARKERS_BY_HEAD: dict[str, tuple[tuple[str, ...], ...]] = {}
for _marker in sorted(FUTURE_MARKERS, key=len, reverse=True):  # longest first
    _MARKERS_BY_HEAD[_marker[0]] = (*_MARKERS_BY_HEAD.get(_marker[0], ()), _marker)
NOT_PLURAL_ENDINGS = tuple(_LEXICON["not_plural_endings"])
ES_PLURAL_ENDINGS = tuple(_LEXICON["es_plural_endings"])

KEY_CACHE = 1 << 16
WORD_CACHE = 1 << 18
"""Cache sizes: distinct words of a corpus, claims whose copies are likely near each other."""
MAX_TAIL_WORDS = 8
"""An attribution clause at the end is short (", the head teacher told parents"); a longer one is content."""
MAX_LEAD_WORDS = 6
"""At most this many words stand before a verb of saying that opens a claim ("Union leaders said ...")."""
VERB_NEAR_END = 3
"""The verb of a trailing attribution is one of its last words (", the court heard", ", figures show")."""

_ANY_QUOTE = re.compile(r"[\"“”«»„'‘’]")
_QUOTES = re.compile(r"[\"“”«»„]|(?<!\w)['‘’]|['‘’](?!\w)")
_OPENER = re.compile(rf"^(?:{alternation(_LEXICON['attribution_openers'])})\b[^,]*,\s*", re.IGNORECASE)
_TAIL_OPENER = re.compile(rf",\s*(?:{alternation(_LEXICON['attribution_openers'])})\b[^,]*$", re.IGNORECASE)
_LAST_CLAUSE = re.compile(r",\s*([^,]*?)[\s.!?;:]*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_NOT_CONTRACTION = re.compile(r"n['’]t\b", re.IGNORECASE)
_CANNOT = re.compile(r"\bcannot\b", re.IGNORECASE)
_APOSTROPHE = re.compile(r"['’]")


@dataclass(frozen=True, slots=True)
class ClaimKey:
    """The comparable parts of one claim (see the module docstring)."""

    words: tuple[str, ...]
    numbers: frozenset[float]
    negative: bool
    forecast: bool

    @property
    def text(self) -> str:
        """The content words as one string: what the fuzzy scorers compare."""
        return " ".join(self.words)


@lru_cache(maxsize=KEY_CACHE)
def claim_key(text: str) -> ClaimKey:
    """The comparison key of a claim's text (quotes, attribution, number forms and case taken out).

    Cached: wire copies and repeated quotes are keyed once.  Each substitution runs only when a cheap
    test says it can change something, because a corpus has a million claims to key.
    """
    core = strip_attribution(_QUOTES.sub(" ", text) if _ANY_QUOTE.search(text) else text)
    numbers, rest = _numbers(core)
    low = rest.lower()
    if "n't" in low or "n’t" in low:
        low = _NOT_CONTRACTION.sub(" not", low)
    if "cannot" in low:
        low = _CANNOT.sub("can not", low)
    raw_words = _WORD.findall(low)
    if "'" in low or "’" in low:
        raw_words = [_APOSTROPHE.sub("", w) for w in raw_words]
    negative = not NEGATIONS.isdisjoint(raw_words)
    kept = _without_markers(raw_words)
    forecast = len(kept) < len(raw_words)
    words = tuple(_content_form(w) for w in kept if len(w) > 1 and w not in FUNCTION_WORDS and w not in NEGATIONS)
    return ClaimKey(words, numbers, negative, forecast)


def strip_attribution(text: str) -> str:
    """``text`` without an attribution clause at its start or end (", the minister said", "X said that")."""
    text = _OPENER.sub("", text.strip())
    text = _TAIL_OPENER.sub("", text)
    tail = _LAST_CLAUSE.search(text)
    if tail is not None and _is_attribution_tail(tail.group(1)):
        text = text[: tail.start()]
    return _strip_lead(text).strip()


def _is_attribution_tail(clause: str) -> bool:
    """A short clause without digits whose verb of saying is one of its last words."""
    if any(ch.isdigit() for ch in clause):
        return False
    words = [w.lower() for w in _WORD.findall(clause)]
    if not words or len(words) > MAX_TAIL_WORDS:
        return False
    return any(w in ATTRIBUTION_VERBS for w in words[-VERB_NEAR_END:])


def _strip_lead(text: str) -> str:
    """``text`` without "Union leaders said (that)" before a claim of at least a few words."""
    matches = list(islice(_WORD.finditer(text), MAX_LEAD_WORDS + 2 + VERB_NEAR_END))  # verb, "that", 3 more
    for position, match in enumerate(matches[: MAX_LEAD_WORDS + 1]):
        if match.group().lower() not in ATTRIBUTION_VERBS or position == 0:
            continue
        lead = text[: match.start()]
        if any(ch.isdigit() for ch in lead) or "," in lead or _has_marker_or_negation(lead):
            return text
        rest = matches[position + 1 :]
        if rest and rest[0].group().lower() == "that":
            rest = rest[1:]
        return text[rest[0].start() :] if len(rest) >= VERB_NEAR_END else text
    return text


def _has_marker_or_negation(lead: str) -> bool:
    """A lead with "will" or "not" in it is part of the claim ("The council will say no more")."""
    words = [w.lower() for w in _WORD.findall(lead)]
    return _has_future_marker(words) or any(w in NEGATIONS for w in words)


def _numbers(text: str) -> tuple[frozenset[float], str]:
    """The values of every number in ``text`` and the text with the numbers blanked out."""
    values: set[float] = set()
    pieces: list[str] = []
    cursor = 0
    for mention in find_numbers(text):
        value = abs(mention.value) / 100.0 if mention.unit_kind == "percent" else abs(mention.value)
        values.add(_rounded(value))
        pieces.append(text[cursor : mention.start])
        cursor = mention.end
    pieces.append(text[cursor:])
    rest = " ".join(pieces) if len(pieces) > 1 else text
    if _DIGITS.search(rest) is None:
        return frozenset(values), rest
    for match in _DIGITS.finditer(rest):
        values.add(_rounded(float(match.group().replace(",", ""))))
    return frozenset(values), _DIGITS.sub(" ", rest)


def _rounded(value: float) -> float:
    """Nine significant digits: a third written as "a third" and as "one in three" is one value."""
    return float(f"{value:.9g}")


def _without_markers(words: list[str]) -> list[str]:
    """``words`` without the words of any marker of the future or of a hedge ("is expected to")."""
    if _MARKERS_BY_HEAD.keys().isdisjoint(words):
        return words
    kept: list[str] = []
    position = 0
    while position < len(words):
        length = _marker_at(words, position)
        if length:
            position += length
        else:
            kept.append(words[position])
            position += 1
    return kept


def _marker_at(words: list[str], start: int) -> int:
    """How many words of a marker start at ``start`` (the longest one), 0 when none does."""
    for marker in _MARKERS_BY_HEAD.get(words[start], ()):
        if tuple(words[start : start + len(marker)]) == marker:
            return len(marker)
    return 0


def _has_future_marker(words: list[str]) -> bool:
    return any(_marker_at(words, start) for start in range(len(words)))


@lru_cache(maxsize=WORD_CACHE)
def _content_form(word: str) -> str:
    """A word of change as its direction; otherwise its stem (``stem``)."""
    if word in INCREASE_WORDS:
        return INCREASE
    if word in DECREASE_WORDS:
        return DECREASE
    return stem(word)


MIN_STEM = 3
"""A suffix is cut only when at least this many letters stay ("used" stays "used")."""


def stem(word: str) -> str:
    """A light stem: plural, "-ed" and "-ing" endings and a final "e" cut, so "closes", "closed", "closing"
    and "close" meet (whether it happened or will happen is ``ClaimKey.forecast``'s business, not the word's).

    Much cruder than a real stemmer, and enough here: both claims go through it, and the fuzzy scorer
    forgives what it gets wrong.
    """
    word = _plural_cut(word)
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
            if word.endswith("i"):
                word = word[:-1] + "y"
            elif len(word) > MIN_STEM and word[-1] == word[-2] and word[-1] not in "ls":
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > MIN_STEM:
        word = word[:-1]
    return word


def _plural_cut(word: str) -> str:
    if len(word) <= MIN_STEM or not word.endswith("s") or word.endswith(NOT_PLURAL_ENDINGS):
        return word
    if word.endswith("ies") and len(word) > MIN_STEM + 1:
        return word[:-3] + "y"
    if word.endswith(ES_PLURAL_ENDINGS):
        return word[:-2]
    return word[:-1]
