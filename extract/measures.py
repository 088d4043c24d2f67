"""What a number measures and which way it moved, read from the words around it.

There is no part-of-speech tagger here (a tagger would cost more than the whole pipeline's budget): a noun
phrase is a run of content words, where "content" means not in the closed-class lexicons (determiners,
prepositions, auxiliaries, pronouns, adverbs, reporting verbs, change words).  English puts what is counted
right after a count ("254 persons were arrested"), what a level belongs to before it ("Average weekly
earnings were €923", "the launch price of £99"), and what a change belongs to either after the change noun
("a 29% jump for admin services") or in the clause subject ("ICT wages rose by 10.1%").  Every function
looks at a bounded window of tokens, so the cost per number is constant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimscope.extract.lexicons import load_json, load_words
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
REPORTING = _words("reporting_verbs")
COMPARATIVES = _words("comparatives")
LABEL_WORDS = _words("label_words")
PARTITIVE_PRONOUNS = _words("partitive_pronouns")
GROUP_PREPOSITIONS = _words("group_prepositions")
INCREASE = _words("increase", _C)
DECREASE = _words("decrease", _C)
CHANGE_NOUNS = _words("change_nouns", _C)
LEVEL_WORDS = _words("level_verbs", _C)
POST_DIRECTION: dict[str, str] = {str(k): str(v) for k, v in _C["comparatives"].items()}
APPROX_WORDS = frozenset(w for phrase in load_words("approximators.txt") for w in phrase.split())
BASE_WORDS = frozenset({"from", "than", "versus", "vs", "against", "compared"})
RANGE_WORDS = frozenset({"to", "and", "or", "through", "-", "–"})
CHAIN_PREPOSITIONS = frozenset({"of", "at", "in", "across", "among", "for", "from", "on", "to", "within"})
NOUN_BEFORE_OF = frozenset({"cost", "costs", "worth", "total", "totals", "value", "range", "estimate", "record", "pay"})
CHANGE_WORDS = INCREASE | DECREASE
NP_STOP = (
    DETERMINERS | PRONOUNS | PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | ADVERBS | REPORTING
    | CHANGE_WORDS | CHANGE_NOUNS | COMPARATIVES | APPROX_WORDS
)
SKIP_BACK = (
    DETERMINERS | PREPOSITIONS | AUXILIARIES | ADVERBS | CHANGE_WORDS | CHANGE_NOUNS | COMPARATIVES
    | APPROX_WORDS | frozenset({"worth", "estimated", "year-on-year", "year-over-year"})
) - frozenset({"and", "or", "but", "that", "which", "who"})

TOKEN_RE = re.compile(r"\w+(?:[-'’.,]\w+)*(?:(?<=s)['’](?!\w))?|[^\w\s]")
_ARTICLES = frozenset({"a", "an", "the", "further", "another", "additional", "extra"})
MAX_NP_WORDS = 6
MAX_SKIP = 8


@dataclass(slots=True)
class Token:
    """One word, number or punctuation mark of a sentence."""

    start: int
    end: int
    text: str
    low: str
    kind: str  # "w" word, "n" number, "p" punctuation
    stat: int = -1  # index of the statistic candidate this token belongs to
    masked: bool = False  # inside a calendar expression


@dataclass(frozen=True, slots=True)
class Phrase:
    """A measure found in the text: its character span, or a reference to another statistic."""

    start: int = 0
    end: int = 0
    stat: int = -1
    text: str = ""  # when set, the measure reads differently from the span ("persons arrested")
    verb_only: bool = False  # no noun phrase, only the verb that takes the number ("repaid")

    @property
    def found(self) -> bool:
        return self.end > self.start or self.stat >= 0


NOTHING = Phrase()


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """The tokens of ``text[start:end]`` with absolute offsets."""
    return [_token(m) for m in TOKEN_RE.finditer(text, start, end)]


def _token(m: re.Match[str]) -> Token:
    word = m.group()
    first = word[0]
    kind = "w" if first.isalpha() else "n" if first.isdigit() else "p"
    if kind == "w" and word[-1] in ".,":
        word = word.rstrip(".,")
    return Token(m.start(), m.start() + len(word), word, word.lower(), kind)


def is_verbish(tok: Token) -> bool:
    low = tok.low
    if low in VERBS or low in PARTICIPLES:
        return True
    return tok.text.islower() and len(low) > 4 and (low.endswith("ed") or low.endswith("ing"))


def is_noun_verb(tok: Token) -> bool:
    """Words that are nouns as often as verbs ("pay", "cost", "record"): nouns inside a noun phrase."""
    return tok.low in NOUN_BEFORE_OF


def is_content(tok: Token) -> bool:
    if tok.kind != "w" or tok.stat >= 0 or tok.masked:
        return False
    return tok.low not in NP_STOP or (len(tok.text) > 1 and tok.text.isupper())  # "US", "IT": names


def noun_backward(toks: list[Token], i: int, head_is_noun: bool = False) -> tuple[int, int] | None:
    """The noun phrase that ends at token ``i`` (inclusive), as a token range, or None.

    ``head_is_noun`` says the caller knows token ``i`` is a noun even if it can be a verb ("operating costs
    climbed": the word before a finite verb is the subject's head).
    """
    if i < 0 or not is_content(toks[i]):
        return None
    head = toks[i]
    if is_verbish(head) and not head_is_noun and not (head.low in NOUN_BEFORE_OF and _low(toks, i + 1) == "of"):
        return None
    j = i
    count = 1
    while j - 1 >= 0 and count < MAX_NP_WORDS:
        prev = toks[j - 1]
        if is_content(prev) and not (is_verbish(prev) and not prev.low.endswith("ing")):
            j -= 1
            count += 1
            continue
        if prev.low in {"and", "&"} and j - 2 >= 0 and is_content(toks[j - 2]) and not is_verbish(toks[j - 2]):
            j -= 2
            count += 1
            continue
        break
    return j, i


def lookback(toks: list[Token], i: int) -> Phrase:
    """What a number measures, read backwards from token ``i`` (the token before the number).

    Skips link words ("were", "rose by", "of", "an estimated"), stops at clause punctuation, and returns the
    nearest noun phrase, extended over one prepositional attachment ("hospital admissions linked to the
    disease"), or the statistic it runs into ("rose by 10.1% over the year to €1,661"), or a content verb
    when there is no subject ("had already repaid about $120,000").
    """
    skipped = 0
    verb_at = -1
    after_verb = False
    while i >= 0 and skipped < MAX_SKIP:
        tok = toks[i]
        if tok.masked:
            i -= 1
            continue
        if tok.stat >= 0:
            return Phrase(stat=tok.stat)
        if tok.kind != "w":
            break
        if tok.low in NOUN_BEFORE_OF and _low(toks, i + 1) == "of":
            break  # "the estimated cost of", "a total of": a noun
        if tok.low in SKIP_BACK:
            after_verb = after_verb or tok.low in CHANGE_WORDS or tok.low in AUXILIARIES
            i -= 1
            skipped += 1
            continue
        if is_verbish(tok) and after_verb and tok.low in VERBS and not tok.low.endswith(("ed", "ing")):
            break  # "operating costs climbed": a noun that can be a verb, before the real verb
        if is_verbish(tok):
            after_verb = True
            if verb_at < 0:
                verb_at = i
            i -= 1
            skipped += 1
            continue
        break
    span = noun_backward(toks, i, head_is_noun=after_verb) if i >= 0 else None
    if span is None:
        if verb_at >= 0 and not _after_preposition(toks, verb_at):
            return Phrase(toks[verb_at].start, toks[verb_at].end, verb_only=True)
        return NOTHING
    a, b = span
    a = _attach_outer(toks, a)
    end = toks[b].end
    between = range(b + 1, verb_at) if verb_at > b else range(0)
    if verb_at > b and all(toks[k].low in AUXILIARIES for k in between) \
            and toks[verb_at].low not in LINK_VERBS and not toks[verb_at].low.endswith("ing"):
        if verb_at == b + 1:
            end = toks[verb_at].end  # "Shoppers spent", "The campaign cost"
        else:  # "The council will spend": the noun and its verb, without the auxiliary
            return Phrase(toks[a].start, toks[verb_at].end,
                          text=f"{toks[a].text if a == b else _join(toks, a, b)} {toks[verb_at].text}")
    return Phrase(toks[a].start, end)


def _join(toks: list[Token], a: int, b: int) -> str:
    return " ".join(toks[k].text for k in range(a, b + 1))


def _attach_outer(toks: list[Token], a: int) -> int:
    """Extend a noun phrase left over "X of/in/at/across [the] <it>" and "X linked to <it>", twice at most."""
    for _ in range(2):
        k = a - 1
        while k >= 0 and toks[k].low in DETERMINERS:
            k -= 1
        if k < 0 or toks[k].low not in CHAIN_PREPOSITIONS:
            return a
        k -= 1
        if k >= 0 and toks[k].kind == "w" and is_verbish(toks[k]) and toks[k].low not in VERBS:
            k -= 1  # a participle: "admissions linked to"
        outer = noun_backward(toks, k) if k >= 0 else None
        if outer is None:
            return a
        a = outer[0]
    return a


def _after_preposition(toks: list[Token], i: int) -> bool:
    return i - 1 >= 0 and toks[i - 1].low in PREPOSITIONS


def forward(toks: list[Token], j: int) -> Phrase:
    """What a count counts, read forwards from token ``j`` (the token after the number).

    "254 persons were arrested" -> "persons arrested", "seven of the victims" -> "victims",
    "PHP1.7 million worth of shabu" -> "shabu"; an object pronoun ("3,100 of them") gives nothing.
    """
    n = len(toks)
    if j < n and toks[j].low == "worth" and j + 1 < n and toks[j + 1].low == "of":
        j += 1
    if j < n and toks[j].low == "of":
        j += 1
        while j < n and toks[j].low in DETERMINERS:
            j += 1
        if j < n and toks[j].low in PARTITIVE_PRONOUNS:
            return NOTHING
    first = j
    last = -1
    seen_lower = False
    while j < n and j - first < MAX_NP_WORDS:
        tok = toks[j]
        if not is_content(tok):
            if tok.low in {"and", "&"} and last >= 0 and _joins(toks, j) \
                    and not (seen_lower and toks[j + 1].text[0].isupper()):
                j += 1
                continue
            break
        if last >= 0 and is_verbish(tok) and not is_noun_verb(tok):
            break
        if last < 0 and is_verbish(tok) and not tok.low.endswith("ed") and tok.low not in PARTICIPLES:
            break  # "15 months looking into": a verb, not a noun phrase
        if seen_lower and tok.text[0].isupper():
            break  # "three websites Shadowcrew": a name list starts
        if tok.text.islower():
            seen_lower = True
        last = j
        j += 1
    if last < 0:
        participle = _participle(toks, first)
        if participle is not None:
            return Phrase(toks[participle[0]].start, toks[participle[1]].end)
        return NOTHING
    end = toks[last].end
    participle = _participle(toks, last + 1)
    if participle is not None:
        words = [toks[k].text for k in range(first, last + 1)] + [
            toks[k].text for k in range(participle[0], participle[1] + 1)
        ]
        return Phrase(toks[first].start, toks[participle[1]].end, text=" ".join(words))
    return Phrase(toks[first].start, end)


def _participle(toks: list[Token], j: int) -> tuple[int, int] | None:
    """ "were arrested", "have been sold", "convicted", "had been set aside" starting at token ``j``."""
    n = len(toks)
    k = j
    while k < n and k - j < 3 and toks[k].low in AUXILIARIES and toks[k].low not in {"will", "would", "can",
                                                                                          "could", "may", "might",
                                                                                          "should", "must"}:
        k += 1
    if k >= n or toks[k].kind != "w" or toks[k].stat >= 0 or toks[k].masked:
        return None
    low = toks[k].low
    if not (low in PARTICIPLES or (low.endswith("ed") and len(low) > 4 and toks[k].text.islower())):
        return None
    end = k
    if k + 1 < n and toks[k + 1].low in PARTICLES and toks[k + 1].low not in {"over", "out"}:
        end = k + 1
    return k, end


def group_after(toks: list[Token], j: int) -> Phrase:
    """ "in Transportation & Storage", "for admin and support services": the part of a whole a rate is for."""
    n = len(toks)
    if j >= n or toks[j].low not in GROUP_PREPOSITIONS or toks[j].masked:
        return NOTHING
    k = j + 1
    while k < n and toks[k].low in DETERMINERS and not toks[k].masked:
        k += 1
    phrase = forward_noun(toks, k)
    return phrase


def forward_noun(toks: list[Token], j: int) -> Phrase:
    """A bare noun phrase starting at token ``j`` (no partitive, no participle)."""
    n = len(toks)
    last = -1
    k = j
    seen_lower = False
    while k < n and k - j < MAX_NP_WORDS:
        tok = toks[k]
        if is_content(tok) and not (last >= 0 and is_verbish(tok) and not is_noun_verb(tok)) \
                and not (seen_lower and tok.text[0].isupper()):
            if last < 0 and is_verbish(tok) and not tok.low.endswith("ing"):
                break
            seen_lower = seen_lower or tok.text.islower()
            last = k
            k += 1
            continue
        if tok.low in {"and", "&"} and last >= 0 and _joins(toks, k):
            k += 1
            continue
        break
    if last < 0:
        return NOTHING
    return Phrase(toks[j].start, toks[last].end)


def change_word_after(toks: list[Token], j: int) -> Token | None:
    """A change noun right after a number ("a 3-percent increase", "an 8.1% year-on-year increase")."""
    n = len(toks)
    k = j
    while k < n and k - j < 3 and (toks[k].low in ADVERBS or toks[k].low in {"annual", "yearly", "quarterly",
                                                                              "monthly", "weekly"}):
        k += 1
    if k < n and toks[k].low in CHANGE_NOUNS and toks[k].kind == "w":
        return toks[k]
    return None


def direction_of(word: str) -> Direction | None:
    if word in INCREASE:
        return "increase"
    if word in DECREASE:
        return "decrease"
    return None


def direction_near(toks: list[Token], before: int, after: int) -> tuple[Direction | None, bool]:
    """The change stated next to a number, and whether the number is a level or a base instead.

    ``before`` is the token index just before the number, ``after`` just after it.  Returns
    ``(direction, is_level)``: "rose by 10.1%" -> increase; "a 29% jump" -> increase; "an increase of 46
    percent" -> increase; "2.1% lower" -> decrease; "rose to €1,661" and "up from 1.3%" -> (None, True).
    """
    noun = change_word_after(toks, after)
    if noun is not None:
        return direction_of(noun.low), False
    if after < len(toks) and toks[after].low in POST_DIRECTION and _low(toks, after + 1) != "than":
        word = POST_DIRECTION[toks[after].low]
        return ("increase" if word == "increase" else "decrease"), False
    i = before
    while i >= 0 and (toks[i].low in _ARTICLES or toks[i].low in ADVERBS):
        i -= 1
    low = _low(toks, i)
    if low == "of":
        return direction_of(_low(toks, i - 1)), False  # "an increase of 46 percent"
    if low in BASE_WORDS:
        return None, True  # "up from 1.3%", "compared with €885": the other side of a change
    if low in {"to", "at"}:
        return None, True  # "rose to €1,661": a level reached
    if low == "by":
        i -= 1
        while i >= 0 and toks[i].low in ADVERBS:
            i -= 1
        low = _low(toks, i)
    if low in CHANGE_WORDS:
        return direction_of(low), False
    if low in LEVEL_WORDS:
        return None, True
    return None, False


def change_phrase_after(toks: list[Token], j: int) -> tuple[Phrase, Direction | None]:
    """The change a list of parenthesised rates shares: "... (-2%) ... saw a drop in their average weekly
    earnings" -> ("average weekly earnings", decrease); "... saw the lowest five-year growth" -> growth."""
    n = len(toks)
    for k in range(j, n):
        tok = toks[k]
        if tok.kind == "w" and tok.low in CHANGE_NOUNS and tok.stat < 0:
            direction = direction_of(tok.low)
            m = k + 1
            if m < n and toks[m].low in {"in", "of", "for"}:
                m += 1
                while m < n and toks[m].low in DETERMINERS:
                    m += 1
                phrase = forward_noun(toks, m)
                if phrase.found:
                    return phrase, direction
            return Phrase(tok.start, tok.end), direction
    return NOTHING, None


def _joins(toks: list[Token], k: int) -> bool:
    """Whether "and" at ``k`` joins two nouns ("admin and support services") rather than two clauses
    ("years in office and deliver their verdicts": a verb takes an object after it)."""
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None or not is_content(nxt) or is_verbish(nxt):
        return False
    after = _low(toks, k + 2)
    return after not in DETERMINERS and after not in PRONOUNS


def _low(toks: list[Token], i: int) -> str:
    return toks[i].low if 0 <= i < len(toks) else ""
