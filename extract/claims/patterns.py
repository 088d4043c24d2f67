"""The attribution lexicon compiled once, at import, into the regular expressions the claim stage runs.

Every word list comes from ``lexicons/claims.json`` (or a ``.txt`` lexicon) and becomes a regex through
``lexicons.alternation``: trie-shaped (``said|says`` -> ``sa(?:id|ys)``), which the regex engine scans about
eight times faster than a flat alternation of the same words.
"""

from __future__ import annotations

import re

from claimscope.extract.lexicons import alternation, load_json, saying_verbs, word_set

_LEX = "claims.json"
_DATA = load_json(_LEX)


def _words(key: str) -> str:
    """The ``claims.json`` list ``key`` as one alternation, a space in a phrase matching any whitespace."""
    return alternation(word_set(_LEX, key), space=r"\s+")


CLAUSAL_VERBS = word_set(_LEX, "clausal_verbs")
EVIDENCE_VERBS = word_set(_LEX, "evidence_verbs")
QUOTE_ONLY_VERBS = word_set(_LEX, "quote_only_verbs")
STANCE_VERBS = word_set(_LEX, "stance_verbs")
NAMING_VERBS = word_set(_LEX, "naming_verbs")
PASSIVE_EXEMPT_VERBS = word_set(_LEX, "passive_exempt_verbs")
ALL_VERBS = saying_verbs()
ABBREVIATIONS = word_set(_LEX, "abbreviations")
MIN_STANDALONE_WORDS = int(_DATA["min_standalone_quote_words"])
CONTINUATION_PARAGRAPHS = int(_DATA["continuation_paragraphs"])

_B = r"(?<![\w'\u2019-])"
_E = r"(?![\w'\u2019-])"
OPEN_MARKS = "\"'\u201c\u201e\u201f\u00ab\u2018\u201a\u201b\u2039"
CLOSE_MARKS = "\"'\u201d\u00bb\u2019\u203a"

VERB = re.compile(_B + alternation(ALL_VERBS) + _E)

_ADVERB = r"(?!" + _words("ly_nouns") + r"\b)(?-i:[a-z]{2,}ly)"
_TAIL = "(?:" + "|".join(str(t) for t in _DATA["attribution_tails"]) + ")"
TAIL_ONLY = re.compile(r"[\s,]*+(?:" + _TAIL + r"[\s,]*+)*[.!?\u2026]*[\s" + CLOSE_MARKS + r")]*\Z", re.IGNORECASE)
"""What may follow the verb when the content came before it: "..., X said in a statement on Monday."

Every tail opens with a letter, so the spaces and commas before one are taken possessively (``*+``): giving
them back could never let a tail match, and the engine would otherwise retry the whole alternation."""

TAILS_THEN_COMMA = re.compile(r"(?:[\s,]*+" + _TAIL + r")*\s*,", re.IGNORECASE)
CONTENT_LEAD = re.compile(
    r"[\s,]*+(?:" + _TAIL + r"[\s,]*+)*(?P<sep>that" + _E + r"|:|(?=[" + OPEN_MARKS + r"]))\s*", re.IGNORECASE
)
"""Attribution tails then "that", a colon or an opening quote: what to skip before the content."""

PLAIN_LEAD = re.compile(r"[\s,:]*")
_LEAD_TAIL = "(?:" + "|".join(str(t) for t in _DATA["lead_tails"]) + r")(?![\w'\u2019-])"
LEAD_TAILS = re.compile(r"[\s,]*+(?:" + _LEAD_TAIL + r"[\s,]*+)+(?=[\w" + OPEN_MARKS + r"])", re.IGNORECASE)
"""Tails between the verb and content without "that": "said on Tuesday its output ...", "said in a statement it ...".
Shorter than ``_TAIL`` on purpose: with no "that" to stop at, an open-ended tail would swallow the content."""
PREP_THAT = re.compile(
    r"[\s,]*+" + _words("that_prepositions") + r"\s+(?:(?!that\b)[\w'\u2019&.-]+\s+){1,5}?"
    r"(?P<sep>that)" + _E + r"\s*",
    re.IGNORECASE,
)
"""A short prepositional phrase, then "that": "wrote in a weekend newspaper column that ..."."""
NAMING_HINT = re.compile(r"\sas\s|[" + OPEN_MARKS + "]")
NAMING_REFUSED = re.compile(r"\s+" + _words("naming_refused_particles") + r"\b")
"""After "called": "as" or a quotation names the thing ("called it \"a stunt\""); "called for/on/off" never does."""
CITING_CUT = re.compile(r",\s+" + _words("citing_cues") + r"\s")
"""Where "..., citing hospital records" starts at the end of an indirect claim: the source of the source."""
CONTRAST = re.compile(r" " + _words("contrast_links") + r"\s+|;\s+")
"""Where "X said A, while Y said B" may hand over to a second speaker (a literal space first: a fast scan)."""
CLAUSE_START = re.compile(
    r"(?:(?!" + _words("clause_start_refused") + r"\b)[\w'\u2019$%.-]+(?:,\d+)*\s+){0,6}?"
    + _words("clause_auxiliaries")
    + _E
)
"""Content that is a clause though it has no "that": "announced it would cut 500 jobs", not "announced a plan"."""
TAIL_CUT = re.compile(r"(?:[\s,]+" + _TAIL + r")+\s*\Z", re.IGNORECASE)
STATEMENT_TAIL = re.compile(r"\b" + _words("statement_tail_nouns") + r"s?\b", re.IGNORECASE)

PASSIVE_MARKERS = word_set(_LEX, "passive_markers")
NOUN_MARKERS = word_set(_LEX, "noun_markers")
LEAD_IN_WORDS = frozenset(w for w in word_set(_LEX, "verb_lead_ins") if " " not in w)
LEAD_IN_PHRASES = tuple(sorted((w for w in word_set(_LEX, "verb_lead_ins") if " " in w), key=len, reverse=True))
LEAD_IN_PHRASE_ENDS = frozenset(phrase.rsplit(" ", 1)[-1] for phrase in LEAD_IN_PHRASES)
TIME_WORDS = word_set(_LEX, "time_words")
TIME_OPENERS = word_set(_LEX, "time_word_openers")
LY_NOUNS = word_set(_LEX, "ly_nouns")

_PARTS = _words("participial_cues")
PARTICIPIAL_REACH = 48
"""A participial cue ("Pointing out that", "However, noting that") sits within this many characters of the start."""
PARTICIPIAL_FRONT = re.compile(
    r"(?:" + _words("discourse_openers") + r"\s*,?\s+)?(?P<cue>" + _PARTS + r")\s+that\s+", re.IGNORECASE
)

ABSOLUTE_SAYING = re.compile(
    r"[,;]\s+" + _words("absolute_links") + r"\s+(?P<who>[^,;:()]{2,80}?)\s+(?P<cue>" + _PARTS + r")\s+(?:that\s+)?",
    re.IGNORECASE,
)
"""", with the judge saying the law was unclear": an absolute clause whose subject is the speaker."""

HEARING = re.compile(
    r"[,;]\s+(?P<who>(?:(?-i:[A-Z][\w'\u2019.-]*)\s+|the\s+){1,5}?" + _words("hearing_bodies") + r")\s+"
    r"(?P<cue>" + alternation(word_set(_LEX, "hearing_verbs"), space=r"\s+") + r")(?=\s*[,.;!?]|\s*\Z)",
    re.IGNORECASE,
)
""""..., Lindale Crown Court heard." and "..., the jury was told, ...": the content is the clause before."""
HEARING_HINT = re.compile(
    r" " + alternation({v.rsplit(" ", 1)[-1] for v in word_set(_LEX, "hearing_verbs")}) + r"(?=\s*[,.;!?]|\s*\Z)"
)
"""The cheap test before ``HEARING``: a hearing verb that closes a clause."""


def _after_space(words: frozenset[str]) -> str:
    """``words`` as an alternation that matches only after whitespace, with the whitespace test placed after
    the first letter (``a(?<=\\sa)nd``): the engine then skips in C to the next candidate letter, where a
    leading ``(?<=\\s)`` would make it stop at every position (the scan runs 1.5 times slower)."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words):
        by_first.setdefault(word[0], []).append(word[1:])
    parts = []
    for first, rests in by_first.items():
        rest = alternation(rests, space=r"\s+") + ("?" if "" in rests else "") if any(rests) else ""
        parts.append(re.escape(first) + r"(?<=\s" + re.escape(first) + ")" + rest)
    return "(?:" + "|".join(parts) + ")"


_CONT_VERBS = _words("continuation_verbs")
_CONT_BODY = (
    r"(?P<cue>" + _PARTS + "|" + _CONT_VERBS + r")"
    r"(?P<sep>\s+that" + _E + r"\s*|\s*:\s*|\s*,?\s*(?=[" + OPEN_MARKS + r"]))"
)
CONTINUATION = re.compile(
    r"(?:[,;]\s*(?:" + _words("continuation_links") + r"\s+)?|"
    + _after_space(word_set(_LEX, "continuation_conjunctions"))
    + r"\s+)"
    + _CONT_BODY
)
"""Handles ", adding that ...", ", stating, '...'", "and added that ...": a second claim by the same speaker.
Both shapes (after a comma, after "and"/"but") are one alternation, so a sentence costs one scan, not two.
Case-sensitive on purpose: these cues are lower-case mid-sentence, and case folding makes the scan 3x slower.
The "after a space" test sits after the first letter so the engine can skip to the next "a" or "b" in C."""

ACCORDING_TO = word_set(_LEX, "according_to")
_ACCORDING = alternation(ACCORDING_TO, space=r"\s+")
ACCORDING_HINT = re.compile(alternation(phrase[1:] for phrase in ACCORDING_TO))
"""Any "according to" phrase less its first letter (so "According" needs no case folding), in one C-level
scan: the cheap guard before the "according to" frames, built from the same lexicon list so that a phrase
added there is never turned away here."""
ACCORDING_FRONT = re.compile(
    r"(?:" + _words("discourse_openers") + r"\s*,?\s+)?(?P<cue>" + _ACCORDING + r")\s+(?P<who>[^,;:]{2,160}?),\s*",
    re.IGNORECASE,
)
ACCORDING_END = re.compile(r"[,;]?\s+(?P<cue>" + _ACCORDING + r")\s+(?P<who>[^;:]{2,200}?)[\s.!?)]*\Z", re.IGNORECASE)

_NOMINAL = _words("nominal_cues")
NOMINAL = re.compile(r"['\u2019]s\s+(?:[a-z]+\s+)?(?P<cue>" + _NOMINAL + r")\s+that\s+")
"""A claim named by a noun ("the union's assertion that ..."), its speaker in the possessive."""

RELATIVE = re.compile(r"(?<![\w'\u2019-])" + _words("relative_pronouns") + r"(?:\s+|\Z)")
SEGMENT_BOUNDARY = re.compile(r"[,;:\u2013\u2014()\[\]]|\s-\s")
DISCOURSE_SEGMENT = re.compile(r"(?:" + _words("discourse_openers") + "|" + _ADVERB + r")\Z", re.IGNORECASE)
DISCOURSE_START = re.compile(_words("discourse_openers") + r"(?:\s*,)?\s+", re.IGNORECASE)
SUBORDINATORS = word_set(_LEX, "subordinators")
AGE = re.compile(r"\d{1,3}\Z")
PARTICIPLE_PIECE = re.compile(r"(?-i:[a-z]+ed)\s")
"""A comma piece such as "published on Tuesday" between a speaker and its verb: it names no one."""
SENTENCE_SPLIT = re.compile(r"(?<=[.!?\u2026])[" + CLOSE_MARKS + r")]*\s+(?=[" + OPEN_MARKS + r"(]*[A-Z0-9])")
LAST_WORD = re.compile(r"([\w.]+)\.\Z")
WORD = re.compile(r"[\w'\u2019-]+")
NEXT_WORD = re.compile(r"\s*+(\S*)")
TOLD_OBJECT = re.compile(
    r"\s+(?:" + _words("told_object_determiners") + r"\s+)?(?:[A-Z][\w.&-]*(?:\s+|$)){1,"
    + str(int(_DATA["told_objects_max_words"]))
    + r"}|\s+(?:the\s+)?[a-z]+(?=[\s:,.;])"
)

AUDIENCE_VERBS = word_set(_LEX, "audience_verbs")
"""Verbs whose next words are the audience ("told reporters"), so the speaker never follows them."""

TELL_VERBS = word_set(_LEX, "tell_verbs")
"""Verbs whose object comes before the content ("told reporters that ..."): skip the object, or no claim."""
HEAD_MODIFYING_PARTICIPLES = word_set(_LEX, "head_modifying_participles")
"""Lower-case words after a speaker's head noun that start a modifier ("a group backed by ...")."""
CONTRACTED_SUBJECTS = word_set(_LEX, "contracted_subjects")
"""Words whose "'s" is "is" or "has" ("he's", "there's"), not a possessive."""
_APOSTROPHES = "'\u2019"
POSSESSIVE_ENDINGS = tuple(mark + "s" for mark in _APOSTROPHES) + tuple("s" + mark for mark in _APOSTROPHES)
"""The endings of "the minister's" and "the ministers'"."""
