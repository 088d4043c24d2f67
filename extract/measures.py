"""What a number measures and which way it moved, read from the words around it.

There is no part-of-speech tagger here (a tagger would cost more than the whole pipeline's budget): a noun
phrase is a run of content words, where "content" means not in the closed-class lexicons (determiners,
prepositions, auxiliaries, pronouns, adverbs, reporting verbs, change words).  English puts what is counted
right after a count ("254 persons were arrested"), what a level belongs to before it ("Average weekly
earnings were €923", "the launch price of £99"), and what a change belongs to either after the change noun
("a 17% jump for retail services") or in the clause subject ("Farm wages rose by 6.2%").  Every function
looks at a bounded window of tokens, so the cost per number is constant.
"""

from __future__ import annotations

import operator
import re
from typing import NamedTuple

from claimscope.extract.lexicons import load_json, load_words, saying_verbs
from claimscope.extract.model import Direction

_M = load_json("measure_words.json")
_C = load_json("changes.json")


def _words(key: str, source: dict[str, object] = _M) -> frozenset[str]:
    value = source[key]
    if not isinstance(value, list):
        raise ValueError(f"lexicon entry {key!r} is not a list")
    return frozenset(str(w).lower() for w in value)


DETERMINERS = _words("determiners")
PRONOUNS = _words("pronouns")
PREPOSITIONS = _words("prepositions")
CONJUNCTIONS = _words("conjunctions")
AUXILIARIES = _words("auxiliaries")
ADVERBS = _words("adverbs")
VERBS = _words("verbs")
PARTICIPLES = _words("participles")
PARTICLES = _words("particles")
LINK_VERBS = _words("link_verbs")
REPORTING = saying_verbs()
COMPARATIVES = _words("comparatives")
LABEL_WORDS = _words("label_words")
PARTITIVE_PRONOUNS = _words("partitive_pronouns")
MODIFIERS_AFTER_NUMBER = _words("modifiers_after_number")
"""Words between a count and its noun that belong to the phrase ("2,000 extra beds", "300 more staff")."""
GROUP_PREPOSITIONS = _words("group_prepositions")
DENOMINATORS = _words("denominators")
DITRANSITIVE = _words("ditransitive_verbs")
OBJECT_VALUE_PREPOSITIONS = _words("object_value_prepositions")
MULTIPLIER_NOUNS = _words("multiplier_nouns")
BEFORE_A_VERB = _words("before_a_verb")
APPOSITIVE_OPENERS = _words("appositive_openers")
FILLER_BEFORE_OF = _words("filler_before_of")
INCREASE = _words("increase", _C)
DECREASE = _words("decrease", _C)
CHANGE_NOUNS = _words("change_nouns", _C)
LEVEL_WORDS = _words("level_verbs", _C)
PHRASAL_VERBS = _words("phrasal_verbs", _C)
PARTICLE_CHANGES = frozenset({"up", "down"})
PER_PERIOD_OPENERS = _words("per_period_openers", _C)
PER_PERIOD_UNITS = _words("hyphen_duration_units", load_json("periods.json"))
POST_DIRECTION: dict[str, str] = {str(k): str(v) for k, v in _C["comparatives"].items()}
APPROX_WORDS = frozenset(w for phrase in load_words("approximators.txt") for w in phrase.split())
BASE_WORDS = _words("base_markers")
RANGE_WORDS = _words("range_markers")
SHARED_MEASURE_WORDS = _words("shared_measure_markers")
"""Before a second number, these make it share the first one's measure ("up from 1.3%", "£19 to £29")."""
CHAIN_PREPOSITIONS = _words("chain_prepositions")
SPENDING_VERBS = _words("spending_verbs")
"""Verbs whose amount is followed by what it went on ("spent £234m on maintenance")."""
NOUN_BEFORE_OF = _words("noun_before_of")
"""Words that are nouns as often as verbs ("pay", "offer", "cost"): a noun when "of" and an amount follow."""
CHANGE_WORDS = INCREASE | DECREASE
NP_STOP = (
    DETERMINERS | PRONOUNS | PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | ADVERBS | REPORTING
    | CHANGE_WORDS | CHANGE_NOUNS | COMPARATIVES | APPROX_WORDS
)
SKIP_BACK = (
    DETERMINERS | PREPOSITIONS | AUXILIARIES | ADVERBS | CHANGE_WORDS | CHANGE_NOUNS | COMPARATIVES
    | APPROX_WORDS | _words("skip_back_words")
) - _words("clause_links")

TOKEN_RE = re.compile(r"\w+(?:[-'’.,]\w+)*(?:(?<=s)['’](?!\w))?|[^\w\s]")
_ARTICLES = _words("words_before_a_number")
_ADJ_BEFORE = _words("adjective_markers")
"""Words after which an -ed word is an adjective: "the number of injured people"."""
MAX_NP_WORDS = 6
MAX_SKIP = 8


class Tokens:
    """The words, numbers and punctuation marks of a sentence window, as parallel lists.

    Token ``i`` is ``text[i]`` at ``start[i]:end[i]``; ``low`` is its lower-case form, ``word`` whether it
    starts with a letter, ``stat`` the statistic candidate it belongs to (-1 for none) and ``masked``
    whether it is calendar text.  Lists instead of one object per token: building objects for every word
    of every sentence with a number was the largest cost of the statistics stage.
    """

    __slots__ = ("end", "low", "masked", "n", "start", "stat", "text", "word")

    def __init__(self, start: list[int], end: list[int], text: list[str]) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = list(map(str.lower, text))  # map over C methods: no Python frame per token
        self.word = list(map(str.isalpha, map(_FIRST, text)))
        self.n = len(text)
        self.stat = [-1] * self.n
        self.masked = [False] * self.n

    def __len__(self) -> int:
        return self.n


class Phrase(NamedTuple):
    """A measure found in the text: its character span, or a reference to another statistic.

    (A named tuple: immutable, and cheaper to build than a frozen dataclass; several are made per number.)
    """

    start: int = 0
    end: int = 0
    stat: int = -1
    text: str = ""  # when set, the measure reads differently from the span ("persons arrested")
    verb_only: bool = False  # no noun phrase, only the verb that takes the number ("repaid")
    found: bool = True  # a field, not a property: it is read for every number, and a field read costs no call
    elided: bool = False  # only a verb after the number, its noun left out ("the 57 recorded")


NOTHING = Phrase(found=False)


def tokenize(text: str, start: int, end: int) -> Tokens:
    """The tokens of ``text[start:end]`` with absolute offsets."""
    matches = list(TOKEN_RE.finditer(text, start, end))
    return Tokens(list(map(_START, matches)), list(map(_END, matches)), list(map(_GROUP, matches)))


_START = re.Match.start
_END = re.Match.end
_GROUP = re.Match.group
_FIRST = operator.itemgetter(0)


def is_verbish(toks: Tokens, i: int) -> bool:
    low = toks.low[i]
    if low in VERBS or low in PARTICIPLES:
        return True
    return len(low) > 4 and (low.endswith("ed") or low.endswith("ing")) and toks.text[i].islower()


def is_noun_verb(toks: Tokens, i: int) -> bool:
    """Words that are nouns as often as verbs ("pay", "cost", "record"): nouns inside a noun phrase."""
    return toks.low[i] in NOUN_BEFORE_OF


def is_content(toks: Tokens, i: int) -> bool:
    if not toks.word[i] or toks.stat[i] >= 0 or toks.masked[i]:
        return False
    low = toks.low[i]
    if low not in NP_STOP:
        return True
    if len(toks.text[i]) > 1 and toks.text[i].isupper():
        return True  # "US", "IT"
    return low in REPORTING and _plural_saying_noun(toks, i)


def _plural_saying_noun(toks: Tokens, i: int) -> bool:
    """ "Claims doubled", "the claims", "such statements": a verb of saying as a plural noun, told by its
    place (at the start of the sentence, or after a determiner), not by dropping it from the verbs."""
    low = toks.low[i]
    if not low.endswith("s") or low.endswith("ss"):
        return False
    if i == 0 or not toks.word[i - 1]:
        return toks.text[i][0].isupper()
    return toks.low[i - 1] in DETERMINERS


def noun_backward(toks: Tokens, i: int, head_is_noun: bool = False) -> tuple[int, int] | None:
    """The noun phrase that ends at token ``i`` (inclusive), as a token range, or None.

    ``head_is_noun`` says the caller knows token ``i`` is a noun even if it can be a verb ("operating costs
    climbed": the word before a finite verb is the subject's head).
    """
    if i < 0 or not is_content(toks, i):
        return None
    low = toks.low
    if is_verbish(toks, i) and not head_is_noun and not (low[i] in NOUN_BEFORE_OF and _low(toks, i + 1) == "of"):
        return None
    j = i
    count = 1
    while j - 1 >= 0 and count < MAX_NP_WORDS:
        if is_content(toks, j - 1) and not (is_verbish(toks, j - 1) and not low[j - 1].endswith("ing")
                                            and not (low[j - 1].endswith("ed") and _low(toks, j - 2) in _ADJ_BEFORE)):
            j -= 1
            count += 1
            continue
        if low[j - 1] in {"and", "&"} and j - 2 >= 0 and is_content(toks, j - 2) and not is_verbish(toks, j - 2):
            j -= 2
            count += 1
            continue
        break
    return j, i


def lookback(toks: Tokens, i: int) -> Phrase:
    """What a number measures, read backwards from token ``i`` (the token before the number).

    Skips link words ("were", "rose by", "of", "an estimated"), stops at clause punctuation, and returns the
    nearest noun phrase, extended over one prepositional attachment ("hospital admissions linked to the
    disease"), or the statistic it runs into ("rose by 6.2% over the year to €1,204"), or a content verb
    when there is no subject ("had already repaid about $120,000").
    """
    low = toks.low
    if i >= 1 and low[i] in OBJECT_VALUE_PREPOSITIONS:
        valued = _valued_object(toks, i - 1)
        if valued is not None:
            return valued
    skipped = 0
    verb_at = -1
    after_verb = False
    last_skipped = ""
    while i >= 0 and skipped < MAX_SKIP:
        if toks.masked[i]:
            i -= 1
            continue
        if toks.stat[i] >= 0:
            return Phrase(stat=toks.stat[i])
        if not toks.word[i]:
            if low[i] == "," and (last_skipped in APPOSITIVE_OPENERS or after_verb):
                opening = i if last_skipped in APPOSITIVE_OPENERS else _parenthetical_start(toks, i)
                if opening >= 0:  # "rebates, worth $300," / "Network charges, which make up ..., rose 6%"
                    i = opening - 1
                    last_skipped = ","
                    continue
            break
        word = low[i]
        if word in FILLER_BEFORE_OF and _low(toks, i + 1) == "of":
            i -= 1  # "a total of", "an average of": the number itself
            continue
        if word in NOUN_BEFORE_OF and _low(toks, i + 1) == "of":
            after_verb = True  # "the estimated cost of", "a pay offer of": the head of a noun phrase
            break
        if word in SKIP_BACK:
            after_verb = after_verb or word in CHANGE_WORDS or word in AUXILIARIES
            last_skipped = word
            i -= 1
            skipped += 1
            continue
        verbish = is_verbish(toks, i)
        if verbish and after_verb and word in VERBS and not word.endswith(("ed", "ing")):
            break  # "operating costs climbed": a noun that can be a verb, before the real verb
        if verbish and word.endswith("ing") and word not in VERBS and i >= 1 and is_content(toks, i - 1) \
                and not is_verbish(toks, i - 1) and toks.text[i - 1].islower():
            after_verb = True  # "defence spending rose": a noun compound whose head is this word
            break
        if verbish:
            after_verb = True
            last_skipped = word
            if verb_at < 0:
                verb_at = i
            i -= 1
            skipped += 1
            continue
        break
    span = noun_backward(toks, i, head_is_noun=after_verb) if i >= 0 else None
    if span is not None and span[0] > 0:
        verb = span[0] - 1
        while verb >= 0 and low[verb] in DETERMINERS:
            verb -= 1  # the word before the noun phrase, past its determiners
        noun_modifier = verb >= 1 and low[verb - 1] in DETERMINERS  # "a pay offer": "pay" is no verb here
        if verb >= 0 and low[verb] in DITRANSITIVE and verb_at < 0 and not noun_modifier:
            return _subject_and_verb(toks, verb)  # "The rebates cost the budget $3.5bn": not "budget"
        if verb >= 0 and low[verb] not in DITRANSITIVE and _low(toks, span[0] - 1) in BEFORE_A_VERB:
            if span[0] == span[1]:
                return Phrase(toks.start[span[0]], toks.end[span[0]], verb_only=True)  # "does not undo a 5% rise"
            span = (span[0] + 1, span[1])
    if span is None:
        if verb_at >= 0 and not _after_preposition(toks, verb_at):
            return Phrase(toks.start[verb_at], toks.end[verb_at], verb_only=True)
        return NOTHING
    a, b = span
    a = _attach_outer(toks, a)
    end = toks.end[b]
    between = range(b + 1, verb_at) if verb_at > b else range(0)
    if verb_at > b and all(low[k] in AUXILIARIES or low[k] in ADVERBS for k in between) \
            and low[verb_at] not in LINK_VERBS and not low[verb_at].endswith("ing"):
        if verb_at == b + 1:
            end = toks.end[verb_at]  # "Shoppers spent", "The campaign cost"
        else:  # "The council will spend": the noun and its verb, without the auxiliary
            return Phrase(toks.start[a], toks.end[verb_at],
                          text=f"{toks.text[a] if a == b else _join(toks, a, b)} {toks.text[verb_at]}")
    return Phrase(toks.start[a], end)


def _valued_object(toks: Tokens, i: int) -> Phrase | None:
    """ "sets total spending at £6.84bn", "puts the deficit at 3.1%": the noun phrase before "at" is what the
    value is put on, even when its head can be read as a verb ("spending"); None when the word before "at"
    is a verb of its own ("stood at", "was at")."""
    low = toks.low[i]
    if not is_content(toks, i) or (is_verbish(toks, i) and not low.endswith("ing")) \
            or _low(toks, i - 1) in AUXILIARIES or low in SKIP_BACK:  # "held steady at": no object
        return None
    span = noun_backward(toks, i, head_is_noun=True)
    if span is None:
        return None
    return Phrase(toks.start[span[0]], toks.end[span[1]])


def _subject_and_verb(toks: Tokens, verb: int) -> Phrase:
    """ "The recruitment drive will cost": the subject and the verb of a clause whose verb takes two
    objects; the verb alone when there is no subject."""
    k = verb - 1
    while k >= 0 and (toks.low[k] in AUXILIARIES or toks.low[k] in ADVERBS):
        k -= 1
    span = noun_backward(toks, k, head_is_noun=True) if k >= 0 else None
    if span is None:
        return Phrase(toks.start[verb], toks.end[verb], verb_only=True)
    a, b = span
    return Phrase(toks.start[a], toks.end[verb], text=f"{_join(toks, a, b)} {toks.text[verb]}")


_PARENTHETICAL_REACH = 24


def _parenthetical_start(toks: Tokens, close: int) -> int:
    """The opening comma of ", which make up half the bill," that ends at ``close``, or -1."""
    k = close - 1
    while k >= 0 and close - k <= _PARENTHETICAL_REACH:
        if not toks.word[k] and toks.low[k] in {",", ";", ":", "(", ")"}:
            if toks.low[k] == "," and _low(toks, k + 1) in APPOSITIVE_OPENERS:
                return k
            return -1
        k -= 1
    return -1


def _join(toks: Tokens, a: int, b: int) -> str:
    return " ".join(toks.text[a : b + 1])


def _attach_outer(toks: Tokens, a: int) -> int:
    """Extend a noun phrase left over "X of/in/at/across [the] <it>" and "X linked to <it>", twice at most."""
    low = toks.low
    for _ in range(2):
        k = a - 1
        while k >= 0 and low[k] in DETERMINERS:
            k -= 1
        if k < 0 or low[k] not in CHAIN_PREPOSITIONS:
            return a
        k -= 1
        if k >= 2 and low[k] == ")" and low[k - 2] == "(":
            k -= 3  # "The default market offer (DMO) in the south": past the bracketed short form
        if k >= 0 and toks.word[k] and is_verbish(toks, k) and low[k] not in VERBS:
            k -= 1  # a participle: "admissions linked to"
        outer = noun_backward(toks, k) if k >= 0 else None
        if outer is None:
            return a
        a = outer[0]
    return a


def _after_preposition(toks: Tokens, i: int) -> bool:
    return i - 1 >= 0 and toks.low[i - 1] in PREPOSITIONS


def forward(toks: Tokens, j: int) -> Phrase:
    """What a count counts, read forwards from token ``j`` (the token after the number).

    "254 persons were arrested" -> "persons arrested", "seven of the victims" -> "victims",
    "PHP2.5 million worth of cargo" -> "cargo"; an object pronoun ("3,100 of them") gives nothing.
    """
    n = toks.n
    low = toks.low
    texts = toks.text
    if j < n and low[j] == "worth" and j + 1 < n and low[j + 1] == "of":
        j += 1
    if j < n and low[j] == "of":
        j += 1
        while j < n and low[j] in DETERMINERS:
            j += 1
        if j < n and low[j] in PARTITIVE_PRONOUNS:
            verb = _participle(toks, j + 1, progressive=True)  # "3,940 of them had been waiting"
            return Phrase(toks.start[verb[0]], toks.end[verb[1]], elided=True) if verb is not None else NOTHING
    first = j
    while j < n and low[j] in MODIFIERS_AFTER_NUMBER and j + 1 < n and is_content(toks, j + 1):
        j += 1
    last = -1
    seen_lower = False
    if j < n and _saying_noun(toks, j):
        last, seen_lower = j, texts[j].islower()  # "18,000 calls", "12 claims": a noun after a count
        j += 1
    while j < n and j - first < MAX_NP_WORDS:
        if not is_content(toks, j):
            if low[j] in {"and", "&"} and last >= 0 and _joins(toks, j) \
                    and not (seen_lower and texts[j + 1][0].isupper()):
                j += 1
                continue
            break
        if last >= 0 and is_verbish(toks, j) and not is_noun_verb(toks, j):
            break
        if last >= 0 and _finite_with_object(toks, j):
            break  # "passengers used the line": the verb of the clause, not part of the noun phrase
        if last < 0 and is_verbish(toks, j) and not low[j].endswith("ed") and low[j] not in PARTICIPLES \
                and not (low[j].endswith("ing") and j + 1 < n and is_content(toks, j + 1)
                         and not is_verbish(toks, j + 1)):
            break  # "15 months looking into": a verb, not a noun phrase ("120,000 working days" is one)
        if seen_lower and texts[j][0].isupper():
            break  # "three websites Alphasite": a name list starts
        if texts[j].islower():
            seen_lower = True
        last = j
        j += 1
    if last < 0:
        participle = _participle(toks, first)
        if participle is not None:
            return Phrase(toks.start[participle[0]], toks.end[participle[1]], elided=True)
        return NOTHING
    end = toks.end[last]
    if last == first and low[first].endswith("ed") and texts[first].islower() and is_verbish(toks, first):
        return Phrase(toks.start[first], end, elided=True)  # "the 4,105 recorded a year earlier"
    participle = _participle(toks, last + 1)
    if participle is not None:
        words = texts[first : last + 1] + texts[participle[0] : participle[1] + 1]
        return Phrase(toks.start[first], toks.end[participle[1]], text=" ".join(words))
    return Phrase(toks.start[first], end)


_NOT_PARTICIPLE_AUX = _words("modal_auxiliaries")


def _finite_with_object(toks: Tokens, k: int) -> bool:
    """A past-tense verb followed by its object's determiner or pronoun ("used the line", "paid their")."""
    low = toks.low[k]
    return low.endswith("ed") and toks.text[k].islower() and (_low(toks, k + 1) in DETERMINERS
                                                               or _low(toks, k + 1) in PRONOUNS)


def _saying_noun(toks: Tokens, j: int) -> bool:
    """A verb of saying in the plural noun's place, right after a count ("18,000 calls", "40 claims",
    "two statements"): there the word is a noun; everywhere else it stays a verb and ends a noun phrase."""
    low = toks.low[j]
    return low in REPORTING and low.endswith("s") and not low.endswith("ss") and toks.text[j].islower()


def _participle(toks: Tokens, j: int, progressive: bool = False) -> tuple[int, int] | None:
    """ "were arrested", "have been sold", "convicted", "had been set aside" starting at token ``j``; with
    ``progressive``, also "had been waiting" (after at least one auxiliary)."""
    n = toks.n
    low = toks.low
    k = j
    while k < n and k - j < 3 and low[k] in AUXILIARIES and low[k] not in _NOT_PARTICIPLE_AUX:
        k += 1
    if k >= n or not toks.word[k] or toks.stat[k] >= 0 or toks.masked[k]:
        return None
    word = low[k]
    progressive = progressive and k > j and word.endswith("ing") and toks.text[k].islower()
    if not (progressive or word in PARTICIPLES or (word.endswith("ed") and len(word) > 4 and toks.text[k].islower())):
        return None
    if k == j and _finite_with_object(toks, k):
        return None  # "passengers used the line": a finite verb with its object, not "people injured"
    end = k
    if k + 1 < n and low[k + 1] in PARTICLES and low[k + 1] not in {"over", "out"}:
        end = k + 1
    return k, end


def group_after(toks: Tokens, j: int, spent: bool = False) -> Phrase:
    """ "in Transportation & Storage", "for admin and support services": the part of a whole a rate is for;
    after a verb of spending (``spent``) also "on maintenance": what the money went on."""
    n = toks.n
    if j >= n or toks.masked[j] or not (toks.low[j] in GROUP_PREPOSITIONS or (spent and toks.low[j] == "on")):
        return NOTHING
    k = j + 1
    while k < n and toks.low[k] in DETERMINERS and not toks.masked[k]:
        k += 1
    return forward_noun(toks, k)


def forward_noun(toks: Tokens, j: int) -> Phrase:
    """A bare noun phrase starting at token ``j`` (no partitive, no participle)."""
    n = toks.n
    texts = toks.text
    last = -1
    k = j
    seen_lower = False
    while k < n and k - j < MAX_NP_WORDS:
        if is_content(toks, k) and not (last >= 0 and is_verbish(toks, k) and not is_noun_verb(toks, k)) \
                and not (seen_lower and texts[k][0].isupper()):
            if last < 0 and is_verbish(toks, k) and not toks.low[k].endswith("ing") and not is_noun_verb(toks, k):
                break
            seen_lower = seen_lower or texts[k].islower()
            last = k
            k += 1
            continue
        if toks.low[k] in {"and", "&"} and last >= 0 and _joins(toks, k):
            k += 1
            continue
        break
    if last < 0:
        return NOTHING
    return Phrase(toks.start[j], toks.end[last])


_CHANGE_MODIFIERS = ADVERBS | _words("frequency_adjectives", _C)


def change_word_after(toks: Tokens, j: int) -> int:
    """The index of a change noun right after a number ("a 3-percent increase", "a 5.5% year-on-year
    increase", "a 3.5% pay rise": up to two lower-case nouns of what changes may stand between), or -1."""
    n = toks.n
    low = toks.low
    k = j
    while k < n and k - j < 3 and low[k] in _CHANGE_MODIFIERS:
        k += 1
    if k < n and low[k] in CHANGE_NOUNS and toks.word[k]:
        return k
    compound = k
    while k < n and k - compound < _COMPOUND_NOUNS and toks.word[k] and toks.text[k].islower() \
            and is_content(toks, k) and not low[k].endswith("ed") and toks.stat[k] < 0:
        k += 1
        if k < n and k > compound and low[k] in CHANGE_NOUNS and toks.word[k]:
            return k
    return -1


_COMPOUND_NOUNS = 2


def direction_of(word: str) -> Direction | None:
    if word in INCREASE:
        return "increase"
    if word in DECREASE:
        return "decrease"
    return None


def direction_near(toks: Tokens, before: int, after: int) -> tuple[Direction | None, bool]:
    """The change stated next to a number, and whether the number is a level or a base instead.

    ``before`` is the token index just before the number, ``after`` just after it.  Returns
    ``(direction, is_level)``: "rose by 6.2%" -> increase; "a 17% jump" -> increase; "an increase of 12
    percent" -> increase; "2.1% lower" -> decrease; "rose to €1,661" and "up from 1.3%" -> (None, True).
    """
    noun = change_word_after(toks, after)
    if noun >= 0:
        return direction_of(toks.low[noun]), False
    lows = toks.low
    if _low(toks, after) in PER_PERIOD_OPENERS and _low(toks, after + 1) in PER_PERIOD_UNITS:
        after += 2  # "£150 a year more": the rate belongs to the amount, the comparative follows it
    if after < toks.n and lows[after] in POST_DIRECTION:  # "52% lower than", "4.2% below its level"
        word = POST_DIRECTION[lows[after]]
        return ("increase" if word == "increase" else "decrease"), False
    i = before
    while i >= 0 and (lows[i] in _ARTICLES or lows[i] in ADVERBS or lows[i] == "between"):
        i -= 1
    low = _low(toks, i)
    if low == "of":
        found = direction_of(_low(toks, i - 1))  # "an increase of 46 percent"
        return found, found is None and toks.word[i - 1] if i >= 1 else False  # "an estimate of 1.5%": a level
    if low in BASE_WORDS:
        return None, True  # "up from 1.3%", "compared with €885": the other side of a change
    if low in {"to", "at"}:
        return None, True  # "rose to €1,661": a level reached
    if low == "by":
        i -= 1
        while i >= 0 and lows[i] in ADVERBS:
            i -= 1
        low = _low(toks, i)
        if low not in CHANGE_WORDS:  # "cut its main interest rate by 25 basis points": past the object
            k = i
            while k >= 0 and i - k < _OBJECT_REACH and toks.word[k] and toks.stat[k] < 0 \
                    and lows[k] not in CHANGE_WORDS and lows[k] not in AUXILIARIES and not toks.masked[k]:
                k -= 1
            if k >= 0 and lows[k] in CHANGE_WORDS and toks.stat[k] < 0:
                return direction_of(lows[k]), False
    if low in PARTICLE_CHANGES and _low(toks, i - 1) in PHRASAL_VERBS:
        return None, False  # "made up 40% of the crews": a particle, not a rise
    if low in CHANGE_WORDS:
        return direction_of(low), False
    if low in LEVEL_WORDS:
        return None, True
    return None, False


_OBJECT_REACH = 5


def _masked(toks: Tokens, i: int) -> bool:
    return 0 <= i < toks.n and toks.masked[i]


_CHANGE_NOUN_PREPOSITIONS = _words("change_noun_prepositions", _C)


def change_phrase_after(toks: Tokens, j: int) -> tuple[Phrase, Direction | None]:
    """The change a list of parenthesised rates shares: "... (-2%) ... saw a fall in their typical monthly
    pay" -> ("typical monthly pay", decrease); "... saw the lowest five-year growth" -> growth."""
    n = toks.n
    low = toks.low
    for k in range(j, n):
        if toks.word[k] and low[k] in CHANGE_NOUNS and toks.stat[k] < 0:
            direction = direction_of(low[k])
            m = k + 1
            if m < n and low[m] in _CHANGE_NOUN_PREPOSITIONS:
                m += 1
                while m < n and low[m] in DETERMINERS:
                    m += 1
                phrase = forward_noun(toks, m)
                if phrase.found:
                    return phrase, direction
            return Phrase(toks.start[k], toks.end[k]), direction
    return NOTHING, None


def _joins(toks: Tokens, k: int) -> bool:
    """Whether "and" at ``k`` joins two nouns ("admin and support services") rather than two clauses
    ("years in post and publish their findings": a verb takes an object after it)."""
    if k + 1 >= toks.n or not is_content(toks, k + 1) or is_verbish(toks, k + 1):
        return False
    after = _low(toks, k + 2)
    return after not in DETERMINERS and after not in PRONOUNS


def _low(toks: Tokens, i: int) -> str:
    return toks.low[i] if 0 <= i < toks.n else ""
